//! What went wrong, as the index remembers it: every file whose last ingest
//! failed, and every page problem of files that were indexed anyway, as flat
//! [`FailureRow`]s for `boardpapers failures`. The index's file entries are
//! the only source, so the listing is the same whichever run produced them.

use crate::extract::{PageProblemKind, FAILURE_KINDS};
use crate::index::{FileEntry, FileStatus};
use serde::Serialize;

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailureRow {
    pub path: String,
    /// `failed` for a file that was not indexed, `indexed` for a page problem
    /// of a file that was.
    pub state: &'static str,
    /// A failure kind (`damaged`, `timeout`, ...) or a page problem kind
    /// (`empty_page`, `reader_error`, ...).
    pub kind: String,
    /// Physical page, for page problems that concern one page.
    pub page: Option<u32>,
    pub reason: String,
    /// When the file was processed (RFC 3339, UTC), where the index knows.
    pub when: Option<String>,
}

impl FailureRow {
    pub fn is_failure(&self) -> bool {
        self.state == "failed"
    }
}

/// Whether `kind` names a failure or a page problem kind.
pub fn is_known_kind(kind: &str) -> bool {
    FAILURE_KINDS.contains(&kind) || PageProblemKind::ALL.iter().any(|k| k.as_str() == kind)
}

/// Every known kind, for messages.
pub fn known_kinds() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = FAILURE_KINDS.to_vec();
    all.extend(PageProblemKind::ALL.iter().map(|k| k.as_str()));
    all
}

/// The rows of `files` (sorted as given: by path), failures before page
/// problems within a file; only rows of the given kinds when `kinds` is not empty.
pub fn rows(files: &[FileEntry], kinds: &[String]) -> Vec<FailureRow> {
    let wanted = |kind: &str| kinds.is_empty() || kinds.iter().any(|k| k == kind);
    let mut out = Vec::new();
    for f in files {
        if let FileStatus::Failed { kind, reason } = &f.status {
            if wanted(kind) {
                out.push(FailureRow {
                    path: f.path.clone(),
                    state: "failed",
                    kind: kind.clone(),
                    page: None,
                    reason: reason.clone(),
                    when: f.processed_at.clone(),
                });
            }
            continue;
        }
        for p in &f.problems {
            if wanted(p.kind.as_str()) {
                out.push(FailureRow {
                    path: f.path.clone(),
                    state: "indexed",
                    kind: p.kind.as_str().to_string(),
                    page: p.page,
                    reason: p.detail.clone(),
                    when: f.processed_at.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, PageProblem};

    fn entry(path: &str, status: FileStatus, problems: Vec<PageProblem>) -> FileEntry {
        FileEntry {
            path: path.into(),
            sha256: String::new(),
            rules_hash: String::new(),
            size: 1,
            format: Format::Pdf,
            status,
            num_pages: 1,
            backends: Vec::new(),
            empty_pages: Vec::new(),
            num_records: 0,
            problems,
            processed_at: Some("2025-01-01T00:00:00Z".into()),
        }
    }

    #[test]
    fn failures_and_page_problems_become_rows_and_filter_by_kind() {
        let files = vec![
            entry(
                "a.pdf",
                FileStatus::Failed {
                    kind: "damaged".into(),
                    reason: "bad xref".into(),
                },
                Vec::new(),
            ),
            entry(
                "b.pdf",
                FileStatus::Indexed,
                vec![PageProblem {
                    page: Some(3),
                    kind: PageProblemKind::EmptyPage,
                    detail: "no text".into(),
                }],
            ),
            entry("c.pdf", FileStatus::Indexed, Vec::new()),
        ];
        let all = rows(&files, &[]);
        assert_eq!(all.len(), 2);
        assert!(all[0].is_failure());
        assert_eq!(all[1].page, Some(3));
        assert!(!all[1].is_failure());
        let only = rows(&files, &["empty_page".into()]);
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].path, "b.pdf");
        assert!(is_known_kind("timeout") && is_known_kind("reader_error"));
        assert!(!is_known_kind("bogus"));
    }
}
