//! The ingest pipeline: discover, extract, segment, apply rules, index.
//! Files are processed in parallel (rayon); one writer thread owns the tantivy
//! writer and is fed through a bounded channel, so memory stays flat however
//! large the corpus. Every file ends in exactly one state — indexed, unchanged
//! or failed with a typed reason — and a file that breaks its reader costs
//! that file only: PDFs are read in worker processes ([`crate::worker`]) that
//! may die, time out or hit their memory cap without taking the run down, and
//! everything else runs under `catch_unwind`.
//!
//! The writer commits every [`COMMIT_EVERY_FILES`] files or
//! [`COMMIT_EVERY`], and a file's pages, records and entry go in as one unit,
//! so an ingest killed at any point leaves the last commit intact; the next
//! run skips what that commit holds and redoes the rest.

use crate::discover::{self, WalkProblem};
use crate::extract::{
    self, ExtractOptions, ExtractedText, Format, PageProblem, PageProblemKind, PdfBackendChoice,
};
use crate::index::{BoardIndex, FileBatch, FileEntry, FileStatus, IndexError};
use crate::rules::{self, RuleSet};
use crate::segment;
use crate::source::{sha256_hex, SourceFile};
use crate::worker::{PoolStats, WorkFailure, WorkerConfig, WorkerError, WorkerPool};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Commit at least this often, so an interrupted run keeps what it finished.
pub const COMMIT_EVERY: Duration = Duration::from_secs(5);
/// ... and at least every this many files.
pub const COMMIT_EVERY_FILES: usize = 200;

/// Failure kinds that the same bytes read with the same rules will meet again:
/// an unchanged file that failed so is not read again (`--force` does).
/// Timeouts, crashes, memory and i/o failures depend on the run's limits and
/// the machine, so those files are tried again.
const SETTLED_FAILURES: [&str; 4] = ["encrypted", "damaged", "no_text_layer", "unsupported"];

/// Where PDFs are read.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// In worker processes, with a per-file timeout and memory cap.
    Workers(WorkerConfig),
    /// In this process (for debugging): a reader that aborts or loops for ever
    /// takes the whole ingest with it, and there is no timeout.
    InProcess,
}

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub extract: ExtractOptions,
    pub isolation: Isolation,
    /// Worker threads (and worker processes); `None` for one per core.
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
    /// True when the file is unchanged since a run it failed in, and was not
    /// read again.
    pub known: bool,
}

/// One page problem of an indexed file, for the run report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProblemRow {
    pub path: String,
    #[serde(flatten)]
    pub problem: PageProblem,
}

/// The result of an ingest. `files` = `indexed` + `unchanged` + `failed`.
#[derive(Debug, Default, serde::Serialize)]
pub struct IngestReport {
    /// Files discovered (plus paths discovery could not read).
    pub files: usize,
    /// Files read and indexed by this run.
    pub indexed: usize,
    /// Indexed files skipped because their bytes and the rules are unchanged.
    pub unchanged: usize,
    /// Files that failed, in this run or (`known`) in an earlier one.
    pub failed: usize,
    pub pruned: usize,
    pub pages: u64,
    pub records: BTreeMap<String, u64>,
    pub failed_by_kind: BTreeMap<String, usize>,
    pub failures: Vec<Failure>,
    /// Pages with no text inside text documents: (path, page numbers).
    pub empty_pages: Vec<(String, Vec<u32>)>,
    /// Every page problem of the files indexed by this run.
    pub problems: Vec<ProblemRow>,
    pub seconds: f64,
    pub rules_hash: String,
    /// Peak resident set of the ingest process, in KB.
    pub ingest_peak_rss_kb: u64,
    /// The worker processes (absent when PDFs were read in process).
    pub workers: Option<PoolStats>,
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
    #[error(transparent)]
    Worker(#[from] WorkerError),
    #[error("{0}")]
    Rules(String),
}

/// The rules of an ingest: compiled already, or compiled only once a file
/// needs them (an unchanged corpus then costs no pattern compilation).
pub enum Rules<'a> {
    Loaded(&'a RuleSet),
    Lazy {
        /// [`RuleSet::hash`] of the rules `load` gives.
        hash: String,
        load: Box<dyn FnOnce() -> Result<RuleSet, String> + Send + 'a>,
    },
}

/// The rule set of a run as the file workers see it: given, or still being
/// compiled on a thread of its own while the first files are read (reading a
/// PDF needs no rules, and compiling them takes a noticeable part of a run).
struct RulesReady<'a> {
    given: Option<&'a RuleSet>,
    compiled: OnceLock<Result<RuleSet, String>>,
}

impl RulesReady<'_> {
    /// The rules, once compiled; the compiler's message if they could not be.
    fn get(&self) -> Result<&RuleSet, &str> {
        if let Some(r) = self.given {
            return Ok(r);
        }
        self.compiled.wait().as_ref().map_err(String::as_str)
    }

    /// The rules are known to be unusable: no point reading more files.
    fn failed(&self) -> bool {
        matches!(self.compiled.get(), Some(Err(_)))
    }
}

/// Run an ingest with a rule set already loaded.
pub fn ingest(
    opts: &IngestOptions,
    rules: &RuleSet,
    progress: &dyn Progress,
) -> Result<IngestReport, PipelineError> {
    ingest_with(opts, Rules::Loaded(rules), progress)
}

/// [`ingest`], compiling lazy rules only when some file needs processing.
pub fn ingest_with(
    opts: &IngestOptions,
    rules: Rules,
    progress: &dyn Progress,
) -> Result<IngestReport, PipelineError> {
    let started = Instant::now();
    let rules_hash = match &rules {
        Rules::Loaded(r) => r.hash.clone(),
        Rules::Lazy { hash, .. } => hash.clone(),
    };
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
        rules_hash: rules_hash.clone(),
        ..Default::default()
    };
    for WalkProblem { path, reason } in &found.problems {
        report.failures.push(Failure {
            path: path.clone(),
            kind: "io".into(),
            reason: reason.clone(),
            known: false,
        });
    }
    progress.start(found.files.len());

    // Unchanged files are settled before any work starts.
    let mut todo: Vec<&SourceFile> = Vec::new();
    let mut hashes: HashMap<String, String> = HashMap::new();
    for f in &found.files {
        let prev = known.get(&f.rel_path).filter(|p| {
            !opts.force && p.rules_hash == rules_hash && p.size == f.size && is_settled(&p.status)
        });
        let same_bytes = prev.is_some_and(|p| {
            file_sha(f).is_some_and(|h| {
                let same = h == p.sha256;
                hashes.insert(f.rel_path.clone(), h);
                same
            })
        });
        match prev {
            Some(p) if same_bytes => {
                let outcome = match &p.status {
                    FileStatus::Indexed => {
                        report.unchanged += 1;
                        Outcome::Unchanged
                    }
                    FileStatus::Failed { kind, reason } => {
                        report.failures.push(Failure {
                            path: f.rel_path.clone(),
                            kind: kind.clone(),
                            reason: reason.clone(),
                            known: true,
                        });
                        Outcome::Failed {
                            kind: kind.clone(),
                            reason: reason.clone(),
                        }
                    }
                };
                progress.file_done(&f.rel_path, 0, &outcome);
            }
            _ => todo.push(f),
        }
    }

    let (given, load) = match rules {
        Rules::Loaded(r) => (Some(r), None),
        Rules::Lazy { load, .. } => (None, (!todo.is_empty()).then_some(load)),
    };
    let ready = RulesReady {
        given,
        compiled: OnceLock::new(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let workers = match &opts.isolation {
        Isolation::Workers(config) => Some(WorkerPool::new(config.clone())),
        Isolation::InProcess => None,
    };
    if let Some(w) = &workers {
        if todo.iter().any(|f| f.format == Format::Pdf) {
            w.warm_up()?;
        }
    }
    let (tx, rx) = crossbeam_channel::bounded::<FileBatch>(pool.current_num_threads() * 2);
    type Done = (
        crate::index::BoardWriter,
        Vec<(String, u32, Outcome)>,
        BTreeMap<String, u64>,
        Vec<(String, Vec<u32>)>,
        Vec<ProblemRow>,
    );
    let ready = &ready;
    let results = std::thread::scope(|scope| -> Result<Done, IndexError> {
        if let Some(load) = load {
            scope.spawn(move || {
                let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(load))
                    .unwrap_or_else(|_| Err("compiling the rules panicked".to_string()));
                let _ = ready.compiled.set(compiled);
            });
        }
        let writer_thread = scope.spawn(move || -> Result<Done, IndexError> {
            let mut outcomes = Vec::new();
            let mut types: BTreeMap<String, u64> = BTreeMap::new();
            let mut empty_pages = Vec::new();
            let mut problems = Vec::new();
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
                for p in &batch.entry.problems {
                    problems.push(ProblemRow {
                        path: batch.entry.path.clone(),
                        problem: p.clone(),
                    });
                }
                since_commit += 1;
                if since_commit >= COMMIT_EVERY_FILES || last_commit.elapsed() > COMMIT_EVERY {
                    writer.commit()?;
                    last_commit = Instant::now();
                    since_commit = 0;
                }
            }
            Ok((writer, outcomes, types, empty_pages, problems))
        });
        pool.install(|| {
            largest_first(todo.iter().copied())
                .par_bridge()
                .for_each_with(tx, |tx, f| {
                    let batch = process_file(
                        f,
                        hashes.get(&f.rel_path).cloned(),
                        (&rules_hash, ready),
                        opts,
                        workers.as_ref(),
                    );
                    // The writer only hangs up on an index error, reported below.
                    if let Some(batch) = batch {
                        let _ = tx.send(batch);
                    }
                });
        });
        writer_thread.join().expect("writer thread never panics")
    });
    let (mut writer, outcomes, types, empty_pages, problems) = results?;
    // Unusable rules: no file was written; the index stays as it was.
    if let Some(Err(e)) = ready.compiled.get() {
        return Err(PipelineError::Rules(e.clone()));
    }
    report.workers = workers.as_ref().map(WorkerPool::stats);
    drop(workers);
    report.records = types;
    report.empty_pages = empty_pages;
    report.problems = problems;
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
            Outcome::Failed { kind, reason } => report.failures.push(Failure {
                path,
                kind,
                reason,
                known: false,
            }),
            Outcome::Unchanged => report.unchanged += 1,
        }
    }
    report.failures.sort_by(|a, b| a.path.cmp(&b.path));
    report.failed = report.failures.len();
    for f in &report.failures {
        *report.failed_by_kind.entry(f.kind.clone()).or_default() += 1;
    }
    progress.finish();
    report.seconds = started.elapsed().as_secs_f64();
    report.ingest_peak_rss_kb = crate::worker::peak_rss_kb();
    Ok(report)
}

/// The files in the order the workers take them: largest first. A large PDF
/// can take a good part of a run's time to read; started last, it is read by
/// one worker alone while the others wait. Started first, the small files
/// fill in around it. (Workers take the next file as they free up.)
fn largest_first<'f>(
    files: impl IntoIterator<Item = &'f SourceFile>,
) -> std::vec::IntoIter<&'f SourceFile> {
    let mut order: Vec<&SourceFile> = files.into_iter().collect();
    order.sort_by_key(|f| std::cmp::Reverse(f.size));
    order.into_iter()
}

/// What [`extract_all`] read.
#[derive(Debug, Default, serde::Serialize)]
pub struct ExtractReport {
    pub files: usize,
    pub failed: usize,
    pub pages: u64,
    /// Bytes of extracted text (lines plus their newlines).
    pub text_bytes: u64,
    pub seconds: f64,
}

/// Read every file under the roots exactly as [`ingest`] does (the same
/// discovery, thread pool, worker processes and PDF fallbacks), then throw the
/// text away: no clean-up, no rules, no index. The baseline that ingest is
/// measured against (`bench-extract`).
pub fn extract_all(opts: &IngestOptions) -> Result<ExtractReport, PipelineError> {
    let started = Instant::now();
    let found = discover::discover(&opts.roots);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let workers = match &opts.isolation {
        Isolation::Workers(config) => Some(WorkerPool::new(config.clone())),
        Isolation::InProcess => None,
    };
    if let Some(w) = &workers {
        if found.files.iter().any(|f| f.format == Format::Pdf) {
            w.warm_up()?;
        }
    }
    let results: Vec<Option<(u64, u64)>> = pool.install(|| {
        largest_first(&found.files)
            .par_bridge()
            .map(|f| {
                if f.size > opts.max_file_bytes {
                    return None;
                }
                let bytes = std::fs::read(&f.abs_path).ok()?;
                let _sha = sha256_hex(&bytes);
                let text = match (f.format, workers.as_ref()) {
                    (Format::Pdf, Some(pool)) => extract_in_worker(pool, f, &bytes, &opts.extract),
                    _ => extract_here(f, &bytes, &opts.extract),
                }
                .ok()?;
                let pages = if text.paged { text.pages.len() } else { 1 };
                let chars: usize = text.lines.iter().map(|l| l.text.len() + 1).sum();
                Some((pages as u64, chars as u64))
            })
            .collect()
    });
    let mut report = ExtractReport {
        files: found.files.len(),
        ..Default::default()
    };
    for r in results {
        match r {
            Some((pages, bytes)) => {
                report.pages += pages;
                report.text_bytes += bytes;
            }
            None => report.failed += 1,
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn is_settled(status: &FileStatus) -> bool {
    match status {
        FileStatus::Indexed => true,
        FileStatus::Failed { kind, .. } => SETTLED_FAILURES.contains(&kind.as_str()),
    }
}

fn file_sha(f: &SourceFile) -> Option<String> {
    std::fs::read(&f.abs_path).ok().map(|b| sha256_hex(&b))
}

/// Extract, segment and apply rules to one file; never panics.
/// `None` when the rules turn out to be unusable: nothing of the run is
/// written then.
fn process_file(
    f: &SourceFile,
    known_sha: Option<String>,
    (rules_hash, rules): (&str, &RulesReady),
    opts: &IngestOptions,
    workers: Option<&WorkerPool>,
) -> Option<FileBatch> {
    if rules.failed() {
        return None;
    }
    let batch = read_and_apply(f, known_sha, (rules_hash, rules), opts, workers);
    rules.get().ok()?;
    Some(batch)
}

fn read_and_apply(
    f: &SourceFile,
    known_sha: Option<String>,
    (rules_hash, rules): (&str, &RulesReady),
    opts: &IngestOptions,
    workers: Option<&WorkerPool>,
) -> FileBatch {
    let mut entry = FileEntry {
        path: f.rel_path.clone(),
        sha256: known_sha.unwrap_or_default(),
        rules_hash: rules_hash.to_string(),
        size: f.size,
        format: f.format,
        status: FileStatus::Indexed,
        num_pages: 0,
        backends: Vec::new(),
        empty_pages: Vec::new(),
        num_records: 0,
        problems: Vec::new(),
        processed_at: Some(utc_now_rfc3339()),
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
    let extracted = match (f.format, workers) {
        (Format::Pdf, Some(pool)) => extract_in_worker(pool, f, &bytes, &opts.extract),
        _ => extract_here(f, &bytes, &opts.extract),
    };
    drop(bytes);
    let text = match extracted {
        Ok(text) => text,
        Err(WorkFailure { kind, reason }) => return fail(entry, &kind, reason),
    };
    if text.visible_chars() == 0 {
        return fail(entry, "no_text_layer", "the file has no text".into());
    }
    let Ok(rules) = rules.get() else {
        return fail(entry, "rules", "the rules could not be compiled".into());
    };
    let work = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let clean = rules.clean_text(&text);
        let hints = rules.line_hints(&clean);
        let docs = segment::segment(&clean, &text, &hints, rules, &f.rel_path);
        let input = rules::FileInput {
            file: f,
            sha256: &entry.sha256,
            text: &text,
            clean: &clean,
            hints: &hints,
        };
        let records = rules.apply_file(&input, &docs);
        (docs, records)
    }));
    match work {
        Ok((documents, records)) => {
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
            entry.problems = text.problems.clone();
            entry.num_records = records.len() as u32;
            FileBatch {
                entry,
                text: Some(text),
                documents,
                records,
            }
        }
        Err(panic) => {
            let msg = panic_text(panic.as_ref());
            fail(
                entry,
                "crashed",
                format!("internal error while processing: {msg}"),
            )
        }
    }
}

/// In-process extraction, a panic turned into `crashed`.
fn extract_here(
    f: &SourceFile,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<ExtractedText, WorkFailure> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract::extract_bytes(&f.abs_path, bytes, f.format, opts)
    }));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(WorkFailure {
            kind: e.kind().to_string(),
            reason: e.to_string(),
        }),
        Err(panic) => Err(WorkFailure {
            kind: "crashed".into(),
            reason: format!(
                "internal error while reading: {}",
                panic_text(panic.as_ref())
            ),
        }),
    }
}

/// A worker that crashed on pdf-extract leaves pdftotext untried (the
/// fallback lives in the worker that died), so with `auto` the file is read
/// once more by pdftotext alone in a fresh worker.
fn extract_in_worker(
    pool: &WorkerPool,
    f: &SourceFile,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<ExtractedText, WorkFailure> {
    let first = pool.extract(&f.abs_path, bytes, f.format, opts);
    let crash = match first {
        Err(e) if e.kind == "crashed" && opts.pdf_backend == PdfBackendChoice::Auto => e,
        other => return other,
    };
    let retry = ExtractOptions {
        pdf_backend: PdfBackendChoice::Pdftotext,
        ..opts.clone()
    };
    match pool.extract(&f.abs_path, bytes, f.format, &retry) {
        Ok(mut text) => {
            text.problems.push(PageProblem {
                page: None,
                kind: PageProblemKind::ReaderCrashed,
                detail: format!("{}; pdftotext supplied the text", crash.reason),
            });
            Ok(text)
        }
        Err(_) => Err(crash),
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339_of_unix(secs)
}

fn rfc3339_of_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339_of_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_of_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_of_unix(1_735_689_599), "2024-12-31T23:59:59Z");
    }
}
