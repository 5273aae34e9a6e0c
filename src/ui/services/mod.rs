//! Browser I/O: files in and out.

pub mod files;
