//! The tantivy index at `index/`: every page's text and every record, plus one
//! entry per ingested file (its hash, the rules hash, its final state) so that
//! ingest can skip what is unchanged and `failures` can list what failed.
//!
//! Types handed in by the pipeline are defined here; `schema.rs` names every
//! tantivy field, `writer.rs` adds and replaces files, `reader.rs` reads them back.

pub mod lookup;
pub mod reader;
pub mod schema;
mod stem;
pub mod writer;

pub use writer::{BoardIndex, BoardWriter, IndexError};

use crate::extract::{Backend, ExtractedText, Format, PageProblem};
use crate::record::Record;
use crate::segment::Document;
use serde::{Deserialize, Serialize};

/// The final state of one file after an ingest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FileStatus {
    Indexed,
    /// `kind` is the failure's stable name (`damaged`, `no_text_layer`, ...).
    Failed {
        kind: String,
        reason: String,
    },
}

/// What the index knows of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the ingest root, `/`-separated: the file's key.
    pub path: String,
    pub sha256: String,
    /// Hash of the rule set the file was processed with.
    pub rules_hash: String,
    pub size: u64,
    pub format: Format,
    #[serde(flatten)]
    pub status: FileStatus,
    pub num_pages: u32,
    /// Readers that produced the file's pages.
    pub backends: Vec<Backend>,
    /// Physical numbers of pages with no text inside a text document.
    #[serde(default)]
    pub empty_pages: Vec<u32>,
    pub num_records: u32,
    /// Problems on pages or with a reader of a file that was still indexed.
    #[serde(default)]
    pub problems: Vec<PageProblem>,
    /// When the file was last processed (RFC 3339, UTC).
    #[serde(default)]
    pub processed_at: Option<String>,
}

/// Everything ingest hands to the index for one file. A failed file has no text.
#[derive(Debug, Clone)]
pub struct FileBatch {
    pub entry: FileEntry,
    pub text: Option<ExtractedText>,
    pub documents: Vec<Document>,
    pub records: Vec<Record>,
}
