//! Browser I/O: storage (IndexedDB, the offline copy of the app, the service worker), passphrase encryption,
//! files in and out, and pictures of the map. Components reach storage through
//! `ui::hooks::cases`, never directly.

pub mod crypto;
pub mod files;
pub mod map_image;
pub mod storage;
