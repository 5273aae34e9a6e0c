//! Reading and writing the file formats users have. Every reader returns a typed error
//! that names the line or field, and never panics on bad input.

pub mod case_json;
pub mod edge_list;
