//! The ingest pipeline: discover, extract, segment, apply rules, index.
//! Files are processed in parallel (rayon); one writer thread owns the tantivy
//! writer and is fed through a bounded channel, so memory stays flat however
//! large the corpus. Every file ends in exactly one state — indexed, unchanged
//! or failed with a typed reason — and a panic while processing one file costs
//! that file only.

use crate::discover::{self, WalkProblem};
use crate::extract::{self, ExtractError, ExtractOptions};
use crate::index::{BoardIndex, FileBatch, FileEntry, FileStatus, IndexError};
use crate::normalize;
use crate::rules::RuleSet;
use crate::segment;
use crate::source::{sha256_hex, SourceFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub extract: ExtractOptions,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// Remove the records of indexed files that are no longer under the roots.
    pub prune: bool,
    /// Process every file even when it is unchanged.
    pub force: bool,
    /// Files larger than this are failed as `too_large`.
    pub max_file_bytes: u64,
}

/// How one file ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Indexed { pages: u32, records: u32 },
    Unchanged,
    Failed { kind: String, reason: String },
}

/// One failed file, for the summary and the run report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Failure {
    pub path: String,
    pub kind: String,
    pub reason: String,
}

/// The result of an ingest.
#[derive(Debug, Default, serde::Serialize)]
pub struct IngestReport {
    pub files: usize,
    pub indexed: usize,
    pub unchanged: usize,
    pub pruned: usize,
    pub pages: u64,
    pub records: BTreeMap<String, u64>,
    pub failures: Vec<Failure>,
    /// Pages with no text inside text documents: (path, page numbers).
    pub empty_pages: Vec<(String, Vec<u32>)>,
    pub seconds: f64,
    pub rules_hash: String,
}

/// Progress callbacks, so the CLI can draw bars without the library knowing how.
pub trait Progress: Sync {
    fn start(&self, _files: usize) {}
    fn file_done(&self, _path: &str, _pages: u32, _outcome: &Outcome) {}
    fn finish(&self) {}
}

/// Progress that shows nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Why an ingest could not run at all (per-file problems are not errors).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// Run an ingest with a rule set already loaded.
pub fn ingest(
    opts: &IngestOptions,
    rules: &RuleSet,
    progress: &dyn Progress,
) -> Result<IngestReport, PipelineError> {
    let started = Instant::now();
    let index = BoardIndex::create_or_open(&opts.index_dir)?;
    let mut writer = index.writer()?;
    let known: HashMap<String, FileEntry> = index
        .files()?
        .into_iter()
        .map(|f| (f.path.clone(), f))
        .collect();
    let found = discover::discover(&opts.roots);
    let mut report = IngestReport {
        files: found.files.len() + found.problems.len(),
        rules_hash: rules.hash.clone(),
        ..Default::default()
    };
    for WalkProblem { path, reason } in &found.problems {
        report.failures.push(Failure {
            path: path.clone(),
            kind: "io".into(),
            reason: reason.clone(),
        });
    }
    progress.start(found.files.len());

    // Unchanged files are settled before any work starts.
    let mut todo: Vec<&SourceFile> = Vec::new();
    let mut hashes: HashMap<String, String> = HashMap::new();
    for f in &found.files {
        let prev = known.get(&f.rel_path);
        let unchanged = !opts.force
            && prev.is_some_and(|p| {
                p.rules_hash == rules.hash
                    && p.size == f.size
                    && matches!(p.status, FileStatus::Indexed)
                    && file_sha(f).is_some_and(|h| {
                        let same = h == p.sha256;
                        hashes.insert(f.rel_path.clone(), h);
                        same
                    })
            });
        if unchanged {
            report.unchanged += 1;
            progress.file_done(&f.rel_path, 0, &Outcome::Unchanged);
        } else {
            todo.push(f);
        }
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let (tx, rx) = crossbeam_channel::bounded::<FileBatch>(pool.current_num_threads() * 2);
    type Done = (
        crate::index::BoardWriter,
        Vec<(String, u32, Outcome)>,
        BTreeMap<String, u64>,
        Vec<(String, Vec<u32>)>,
    );
    let results = std::thread::scope(|scope| -> Result<Done, IndexError> {
        let writer_thread = scope.spawn(move || -> Result<Done, IndexError> {
            let mut outcomes = Vec::new();
            let mut types: BTreeMap<String, u64> = BTreeMap::new();
            let mut empty_pages = Vec::new();
            let mut last_commit = Instant::now();
            let mut since_commit = 0usize;
            for batch in rx {
                writer.replace_file(&batch)?;
                let outcome = match &batch.entry.status {
                    FileStatus::Indexed => Outcome::Indexed {
                        pages: batch.entry.num_pages,
                        records: batch.records.len() as u32,
                    },
                    FileStatus::Failed { kind, reason } => Outcome::Failed {
                        kind: kind.clone(),
                        reason: reason.clone(),
                    },
                };
                progress.file_done(&batch.entry.path, batch.entry.num_pages, &outcome);
                outcomes.push((batch.entry.path.clone(), batch.entry.num_pages, outcome));
                for r in &batch.records {
                    *types.entry(r.type_name().to_string()).or_default() += 1;
                }
                if !batch.entry.empty_pages.is_empty() {
                    empty_pages.push((batch.entry.path.clone(), batch.entry.empty_pages.clone()));
                }
                since_commit += 1;
                // Commit now and then, so an interrupted run keeps what it finished.
                if since_commit >= 200 || last_commit.elapsed() > Duration::from_secs(10) {
                    writer.commit()?;
                    last_commit = Instant::now();
                    since_commit = 0;
                }
            }
            Ok((writer, outcomes, types, empty_pages))
        });
        pool.install(|| {
            todo.par_iter().for_each_with(tx, |tx, f| {
                let batch = process_file(f, hashes.get(&f.rel_path).cloned(), rules, opts);
                // The writer only hangs up on an index error, reported below.
                let _ = tx.send(batch);
            });
        });
        writer_thread.join().expect("writer thread never panics")
    });
    let (mut writer, outcomes, types, empty_pages) = results?;
    report.records = types;
    report.empty_pages = empty_pages;
    if opts.prune {
        let present: HashSet<&str> = found.files.iter().map(|f| f.rel_path.as_str()).collect();
        for path in known.keys() {
            if !present.contains(path.as_str()) {
                writer.remove_file(path);
                report.pruned += 1;
            }
        }
    }
    writer.finish()?;

    for (path, pages, outcome) in outcomes {
        match outcome {
            Outcome::Indexed { .. } => {
                report.indexed += 1;
                report.pages += u64::from(pages);
            }
            Outcome::Failed { kind, reason } => {
                report.failures.push(Failure { path, kind, reason })
            }
            Outcome::Unchanged => report.unchanged += 1,
        }
    }
    report.failures.sort_by(|a, b| a.path.cmp(&b.path));
    progress.finish();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn file_sha(f: &SourceFile) -> Option<String> {
    std::fs::read(&f.abs_path).ok().map(|b| sha256_hex(&b))
}

/// Extract, segment and apply rules to one file; never panics.
fn process_file(
    f: &SourceFile,
    known_sha: Option<String>,
    rules: &RuleSet,
    opts: &IngestOptions,
) -> FileBatch {
    let mut entry = FileEntry {
        path: f.rel_path.clone(),
        sha256: known_sha.unwrap_or_default(),
        rules_hash: rules.hash.clone(),
        size: f.size,
        format: f.format,
        status: FileStatus::Indexed,
        num_pages: 0,
        backends: Vec::new(),
        empty_pages: Vec::new(),
        num_records: 0,
    };
    let fail = |mut entry: FileEntry, kind: &str, reason: String| {
        entry.status = FileStatus::Failed {
            kind: kind.to_string(),
            reason,
        };
        FileBatch {
            entry,
            text: None,
            documents: Vec::new(),
            records: Vec::new(),
        }
    };
    if f.size > opts.max_file_bytes {
        return fail(
            entry,
            "too_large",
            format!(
                "{} bytes, over the limit of {}",
                f.size, opts.max_file_bytes
            ),
        );
    }
    let bytes = match std::fs::read(&f.abs_path) {
        Ok(b) => b,
        Err(e) => return fail(entry, "io", e.to_string()),
    };
    entry.size = bytes.len() as u64;
    entry.sha256 = sha256_hex(&bytes);
    let work = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let text = extract::extract_bytes(&f.abs_path, &bytes, f.format, &opts.extract)?;
        let clean = normalize::clean_lines(text.lines.iter().map(|l| l.text.as_str()));
        let docs = segment::segment(&clean, rules);
        let records = rules.apply_file(f, &entry.sha256, &text, &clean, &docs);
        Ok::<_, ExtractError>((text, docs, records))
    }));
    match work {
        Ok(Ok((text, documents, records))) => {
            if text.visible_chars() == 0 {
                return fail(entry, "no_text_layer", "the file has no text".into());
            }
            entry.num_pages = if text.paged {
                text.pages.len() as u32
            } else {
                1
            };
            let mut backends: Vec<_> = text.pages.iter().map(|p| p.backend).collect();
            backends.sort_by_key(|b| b.as_str());
            backends.dedup();
            entry.backends = backends;
            entry.empty_pages = text.empty_pages.clone();
            entry.num_records = records.len() as u32;
            FileBatch {
                entry,
                text: Some(text),
                documents,
                records,
            }
        }
        Ok(Err(e)) => {
            let kind = e.kind();
            fail(entry, kind, e.to_string())
        }
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            fail(
                entry,
                "crashed",
                format!("internal error while processing: {msg}"),
            )
        }
    }
}
