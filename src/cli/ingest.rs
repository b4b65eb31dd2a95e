//! `boardpapers ingest`: read files, extract records, update the index. Draws
//! an indicatif progress bar on stderr when it is a terminal; always ends with
//! a summary on stderr; `--report` writes the run as JSON.

use super::exit;
use anyhow::{Context, Result};
use boardpapers::extract::{ExtractOptions, PdfBackendChoice};
use boardpapers::pipeline::{self, IngestOptions, IngestReport, Outcome, Progress};
use boardpapers::rules::RuleSet;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

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
            b.set_message(format!("{pages} pages, {failed} failed · {path}"));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

pub fn run(args: IngestArgs) -> Result<u8> {
    let rules = match RuleSet::load_dir(&args.rules) {
        Ok(r) => r,
        Err(e) => {
            return Err(anyhow::anyhow!("{e}"))
                .with_context(|| format!("rules in `{}` are not usable", args.rules.display()))
        }
    };
    let opts = IngestOptions {
        roots: args.paths.clone(),
        index_dir: args.index.clone(),
        extract: ExtractOptions {
            pdf_backend: args.pdf_backend,
        },
        threads: args.threads,
        prune: args.prune,
        force: args.force,
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
    };
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files ({per_sec}) {wide_msg}",
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
    };
    let report = pipeline::ingest(&opts, &rules, &progress)
        .with_context(|| format!("ingest into `{}` failed", args.index.display()))?;
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
        eprintln!("failed: {}: {}: {}", f.path, f.kind, f.reason);
    }
    if quiet {
        return;
    }
    for (path, pages) in &r.empty_pages {
        let list: Vec<String> = pages.iter().map(u32::to_string).collect();
        eprintln!("warning: {path}: no text on page(s) {}", list.join(", "));
    }
    let records: u64 = r.records.values().sum();
    let by_type: Vec<String> = r.records.iter().map(|(k, v)| format!("{k} {v}")).collect();
    eprintln!(
        "{} files: {} indexed, {} unchanged, {} failed{}; {} pages; {} records ({}); {:.2} s",
        r.files,
        r.indexed,
        r.unchanged,
        r.failures.len(),
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
