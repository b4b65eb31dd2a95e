//! What an index holds, for `boardpapers stats`: files (indexed and failed,
//! with each failure's reason), pages, records by type, and the authorities,
//! bodies and years its documents come from. Computed from the index's file
//! entries, its per-type counts and its `document` records.

use crate::index::{BoardIndex, FileStatus, IndexError};
use crate::record::RECORD_TYPES;
use serde::Serialize;
use std::collections::BTreeMap;

/// A summary of an index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexStats {
    pub files: usize,
    pub files_indexed: usize,
    pub files_failed: usize,
    /// Physical pages of the indexed files.
    pub pages: u64,
    /// Records of each type, every type listed.
    pub records: BTreeMap<String, usize>,
    pub records_total: usize,
    /// Documents per authority, body and year (meeting date, else the
    /// document's own); `(none)` where the papers do not say.
    pub authorities: BTreeMap<String, usize>,
    pub bodies: BTreeMap<String, usize>,
    pub years: BTreeMap<String, usize>,
    pub failures: Vec<Failure>,
}

/// A file the last ingest could not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub path: String,
    pub kind: String,
    pub reason: String,
}

const NONE: &str = "(none)";

/// Summarise the index.
pub fn index_stats(index: &BoardIndex) -> Result<IndexStats, IndexError> {
    let files = index.files()?;
    let mut failures = Vec::new();
    let mut pages = 0u64;
    for f in &files {
        match &f.status {
            FileStatus::Indexed => pages += u64::from(f.num_pages),
            FileStatus::Failed { kind, reason } => failures.push(Failure {
                path: f.path.clone(),
                kind: kind.clone(),
                reason: reason.clone(),
            }),
        }
    }
    let counts = index.count_by_type()?;
    let mut records = BTreeMap::new();
    for (t, n) in counts {
        if RECORD_TYPES.contains(&t) {
            records.insert(t.to_string(), n);
        }
    }
    let records_total = records.values().sum();
    let mut authorities = BTreeMap::new();
    let mut bodies = BTreeMap::new();
    let mut years = BTreeMap::new();
    for d in index.records(&["document".to_string()])? {
        let bump = |map: &mut BTreeMap<String, usize>, key: Option<&str>| {
            *map.entry(key.unwrap_or(NONE).to_string()).or_insert(0) += 1;
        };
        bump(&mut authorities, d.authority.as_deref());
        bump(&mut bodies, d.body.as_deref());
        let date = d.meeting_date.as_deref().or(d.doc.date.as_deref());
        bump(&mut years, date.and_then(|d| d.get(0..4)));
    }
    Ok(IndexStats {
        files: files.len(),
        files_indexed: files.len() - failures.len(),
        files_failed: failures.len(),
        pages,
        records,
        records_total,
        authorities,
        bodies,
        years,
        failures,
    })
}
