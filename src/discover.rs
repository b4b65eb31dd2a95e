//! Discovery: walk the ingest roots and list the files boardpapers reads
//! (`.pdf`, `.txt`, `.md`), each with its path relative to its root. A walk
//! error (a symlink loop, an unreadable folder) is returned beside the files,
//! never dropped: every problem is reported.

use crate::extract::Format;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A path discovery could not read.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    /// Relative to the root where possible.
    pub path: String,
    pub reason: String,
}

/// Everything found under the roots, sorted by relative path.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub problems: Vec<WalkProblem>,
}

fn rel_string(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if s.is_empty() {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    } else {
        s
    }
}

/// Walk `roots`. A root that is a file is taken as it is (its relative path is
/// its file name); hidden files and folders are skipped.
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.problems.push(WalkProblem {
                    path: root.display().to_string(),
                    reason: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        let base = if meta.is_file() {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            root.clone()
        };
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_file() {
                        continue;
                    }
                    let Some(format) = Format::of_path(e.path()) else {
                        continue;
                    };
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    out.files.push(SourceFile {
                        abs_path: e.path().to_path_buf(),
                        rel_path: rel_string(&base, e.path()),
                        format,
                        size,
                    });
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| rel_string(&base, p));
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        err.io_error()
                            .map_or_else(|| err.to_string(), |io| io.to_string())
                    };
                    out.problems.push(WalkProblem { path, reason });
                }
            }
        }
    }
    out.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    out.files.dedup_by(|a, b| a.rel_path == b.rel_path);
    out
}
