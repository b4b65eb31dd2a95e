//! `boardpapers ingest`: read files, extract records, update the index. Draws
//! an indicatif progress bar on stderr when it is a terminal (files, pages,
//! throughput, failures so far); always ends with a summary on stderr;
//! `--report` writes the run as JSON. PDFs are read in worker processes of
//! this same binary (`__worker`) unless `--in-process` is given.

use super::exit;
use anyhow::{Context, Result};
use boardpapers::extract::{ExtractOptions, PdfBackendChoice};
use boardpapers::pipeline::{self, IngestOptions, IngestReport, Isolation, Outcome, Progress};
use boardpapers::rules::RuleSet;
use boardpapers::worker::WorkerConfig;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Read PDFs and text exports under PATH (default `corpus/`), extract records
/// with the rules in `--rules`, and add them to the index. Unchanged files
/// (same bytes, same rules) are skipped. Exit status: 0 when every file is
/// indexed or unchanged, 1 when some files failed (they are listed), 2 on a
/// fatal error.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or folders to ingest; folders are searched for .pdf, .txt and .md files.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// The index folder (created if missing).
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// The rule folder (`*.toml`).
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// PDF reader: pdf-extract with a pdftotext fallback (auto), or one of them only.
    #[arg(long, value_enum, default_value_t = PdfBackendChoice::Auto)]
    pub pdf_backend: PdfBackendChoice,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Remove the records of indexed files that are no longer under PATH.
    #[arg(long)]
    pub prune: bool,
    /// Process every file again, changed or not.
    #[arg(long)]
    pub force: bool,
    /// Largest file read, in MB; larger files fail as `too_large`.
    #[arg(long, default_value_t = 512)]
    pub max_file_mb: u64,
    /// Longest one PDF may take to read, in seconds; then its worker is
    /// killed and the file fails as `timeout`.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub timeout: u64,
    /// Address-space cap of each PDF worker, in MB (0: no cap); a file that
    /// needs more fails as `too_large`. Enforced on Unix (RLIMIT_AS).
    #[arg(long, value_name = "MB", default_value_t = 2048)]
    pub max_memory: u64,
    /// Read PDFs in this process instead of worker processes (for debugging:
    /// no timeout, no memory cap, and a reader that aborts ends the run).
    #[arg(long)]
    pub in_process: bool,
    /// Write the run's report (counts and every failure) as JSON to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// No progress bar and no summary; failures are still printed.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

struct Bar {
    bar: Option<ProgressBar>,
    pages: AtomicU64,
    failed: AtomicU64,
    started: Instant,
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        if let Some(b) = &self.bar {
            b.set_length(files as u64);
        }
    }

    fn file_done(&self, path: &str, pages: u32, outcome: &Outcome) {
        let pages = self.pages.fetch_add(u64::from(pages), Ordering::Relaxed) + u64::from(pages);
        let failed = match outcome {
            Outcome::Failed { .. } => self.failed.fetch_add(1, Ordering::Relaxed) + 1,
            _ => self.failed.load(Ordering::Relaxed),
        };
        if let Some(b) = &self.bar {
            b.inc(1);
            let secs = self.started.elapsed().as_secs_f64().max(0.001);
            b.set_message(format!(
                "{pages} pages ({:.0}/s), {failed} failed · {path}",
                pages as f64 / secs
            ));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

pub fn run(args: IngestArgs) -> Result<u8> {
    // Only the rules' hash is needed to skip unchanged files; compiling them
    // (most of the start-up time) waits until a file needs processing.
    let usable = |e: &dyn std::fmt::Display| {
        format!("rules in `{}` are not usable: {e}", args.rules.display())
    };
    let hash = RuleSet::hash_dir(&args.rules).map_err(|e| anyhow::anyhow!(usable(&e)))?;
    let rules_dir = args.rules.clone();
    let rules = pipeline::Rules::Lazy {
        hash,
        load: Box::new(move || RuleSet::load_dir(&rules_dir).map_err(|e| usable(&e))),
    };
    let opts = options(&args)?;
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files ({per_sec}), {wide_msg}",
            )
            .expect("valid template"),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let progress = Bar {
        bar,
        pages: AtomicU64::new(0),
        failed: AtomicU64::new(0),
        started: Instant::now(),
    };
    let report = match pipeline::ingest_with(&opts, rules, &progress) {
        Err(pipeline::PipelineError::Rules(msg)) => return Err(anyhow::anyhow!(msg)),
        other => other.with_context(|| format!("ingest into `{}` failed", args.index.display()))?,
    };
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write the report to `{}`", path.display()))?;
    }
    print_summary(&report, args.quiet);
    Ok(if report.failures.is_empty() {
        exit::OK
    } else {
        exit::NOT_FOUND_OR_PARTIAL
    })
}

fn print_summary(r: &IngestReport, quiet: bool) {
    for f in &r.failures {
        let known = if f.known {
            " (unchanged since it failed; --force reads it again)"
        } else {
            ""
        };
        // Reasons often open with their kind already ("damaged: cannot parse ...").
        let reason = f
            .reason
            .strip_prefix(f.kind.as_str())
            .and_then(|r| r.strip_prefix(": "))
            .unwrap_or(&f.reason);
        eprintln!("failed: {}: {}: {reason}{known}", f.path, f.kind);
    }
    if quiet {
        return;
    }
    for (path, pages) in &r.empty_pages {
        let list: Vec<String> = pages.iter().map(u32::to_string).collect();
        eprintln!("warning: {path}: no text on page(s) {}", list.join(", "));
    }
    for p in r
        .problems
        .iter()
        .filter(|p| p.problem.kind != boardpapers::extract::PageProblemKind::EmptyPage)
    {
        let page = p
            .problem
            .page
            .map_or_else(String::new, |n| format!(" page {n}:"));
        eprintln!(
            "warning: {}:{page} {}: {}",
            p.path, p.problem.kind, p.problem.detail
        );
    }
    let records: u64 = r.records.values().sum();
    let by_type: Vec<String> = r.records.iter().map(|(k, v)| format!("{k} {v}")).collect();
    eprintln!(
        "{} files: {} indexed, {} unchanged, {} failed{}; {} pages; {} records ({}); {:.2} s",
        r.files,
        r.indexed,
        r.unchanged,
        r.failed,
        if r.pruned > 0 {
            format!(", {} pruned", r.pruned)
        } else {
            String::new()
        },
        r.pages,
        records,
        if by_type.is_empty() {
            "none new".to_string()
        } else {
            by_type.join(", ")
        },
        r.seconds
    );
    if r.indexed == 0 && r.failures.is_empty() && r.unchanged > 0 {
        eprintln!("nothing changed: no extraction work was needed");
    }
}

/// The ingest options the arguments ask for (shared with `bench-extract`).
pub fn options(args: &IngestArgs) -> Result<IngestOptions> {
    Ok(IngestOptions {
        roots: args.paths.clone(),
        index_dir: args.index.clone(),
        extract: ExtractOptions {
            pdf_backend: args.pdf_backend,
            pdftotext_timeout: Duration::from_secs(args.timeout.max(1)),
        },
        isolation: if args.in_process {
            Isolation::InProcess
        } else {
            Isolation::Workers(WorkerConfig {
                program: std::env::current_exe()
                    .context("cannot find this program's path to start PDF workers")?,
                args: vec!["__worker".into()],
                timeout: Duration::from_secs(args.timeout.max(1)),
                max_memory_mb: (args.max_memory > 0).then_some(args.max_memory),
            })
        },
        threads: args.threads,
        prune: args.prune,
        force: args.force,
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
    })
}
