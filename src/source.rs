//! The identity of a file being ingested: its path relative to the ingest root,
//! its content hash and its format. Handed from discovery to every later stage.

use crate::extract::Format;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// A file found under an ingest root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Absolute or working-directory-relative path, for reading.
    pub abs_path: PathBuf,
    /// Path relative to the root it was found under, with `/` separators: the
    /// `source.path` of its records and its key in the index.
    pub rel_path: String,
    pub format: Format,
    pub size: u64,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
