//! Hidden measurement subcommands used by `scripts/bench`:
//!
//! * `bench-rules [PATHS]`: rule throughput. Every file is read once (not
//!   timed); then clean-up, segmentation and every rule are applied to each
//!   file on one thread, `--rounds` times, and the throughput is printed in MB
//!   of extracted text per second, overall and per rule type (median pass),
//!   and for the first pass alone (cold regex caches, as in one ingest).
//! * `bench-extract [PATHS]`: read every file as `ingest` does (same threads,
//!   worker processes and fallbacks) and discard the text: the time ingest
//!   cannot go below.

use super::exit;
use super::ingest::IngestArgs;
use anyhow::{Context, Result};
use boardpapers::discover;
use boardpapers::extract::{self, ExtractOptions, ExtractedText};
use boardpapers::pipeline;
use boardpapers::rules::{FileInput, RuleSet, RuleTimes};
use boardpapers::segment;
use boardpapers::source::{sha256_hex, SourceFile};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Time rule application (clean-up, segmentation, every rule) per file on one
/// thread, over text extracted beforehand.
#[derive(Debug, clap::Args)]
pub struct BenchRulesArgs {
    /// Files or folders to read.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// The rule folder.
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// Passes over the corpus; the median pass is reported.
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Read every file as `ingest` would, and discard the text.
#[derive(Debug, clap::Args)]
pub struct BenchExtractArgs {
    #[command(flatten)]
    pub ingest: IngestArgs,
    /// Print one JSON object instead of a line of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run_extract(args: BenchExtractArgs) -> Result<u8> {
    let opts = super::ingest::options(&args.ingest)?;
    let r = pipeline::extract_all(&opts)?;
    if args.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} files ({} failed), {} pages, {:.1} MB of text read in {:.2} s",
            r.files,
            r.failed,
            r.pages,
            r.text_bytes as f64 / 1e6,
            r.seconds
        );
    }
    Ok(exit::OK)
}

/// One pass's times.
#[derive(Default, Clone, Copy)]
struct Pass {
    total: Duration,
    clean: Duration,
    hints: Duration,
    segment: Duration,
    rules: RuleTimes,
    records: usize,
}

pub fn run_rules(args: BenchRulesArgs) -> Result<u8> {
    let t_load = Instant::now();
    let rules = RuleSet::load_dir(&args.rules)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("rules in `{}` are not usable", args.rules.display()))?;
    let load = t_load.elapsed();
    let found = discover::discover(&args.paths);
    let opts = ExtractOptions::default();
    let mut texts: Vec<(SourceFile, String, ExtractedText)> = Vec::new();
    for f in found.files {
        let Ok(bytes) = std::fs::read(&f.abs_path) else {
            continue;
        };
        let sha = sha256_hex(&bytes);
        if let Ok(t) = extract::extract_bytes(&f.abs_path, &bytes, f.format, &opts) {
            if t.visible_chars() > 0 {
                texts.push((f, sha, t));
            }
        }
    }
    let bytes: usize = texts
        .iter()
        .map(|(_, _, t)| t.lines.iter().map(|l| l.text.len() + 1).sum::<usize>())
        .sum();
    let mut passes = Vec::new();
    for _ in 0..args.rounds.max(1) {
        let mut p = Pass::default();
        let start = Instant::now();
        for (f, sha, text) in &texts {
            let t0 = Instant::now();
            let clean = rules.clean_text(text);
            let t1 = Instant::now();
            let hints = rules.line_hints(&clean);
            let th = Instant::now();
            let docs = segment::segment(&clean, text, &hints, &rules, &f.rel_path);
            let t2 = Instant::now();
            let input = FileInput {
                file: f,
                sha256: sha,
                text,
                clean: &clean,
                hints: &hints,
            };
            let records = rules.apply_file_timed(&input, &docs, Some(&mut p.rules));
            p.clean += t1 - t0;
            p.hints += th - t1;
            p.segment += t2 - th;
            p.records += std::hint::black_box(records).len();
        }
        p.total = start.elapsed();
        passes.push(p);
    }
    // The first pass also fills the regex engines' caches (lazy DFA states):
    // what one ingest, which reads each file once, pays.
    let first = passes[0].total;
    passes.sort_by_key(|p| p.total);
    let p = passes[passes.len() / 2];
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9);
    let kpi = p.rules.kpi_table + p.rules.kpi_prose;
    let rows: Vec<(&str, Duration)> = vec![
        ("overall", p.total),
        ("clean-up", p.clean),
        ("line hints", p.hints),
        ("segmentation", p.segment),
        ("document/field", p.rules.document),
        ("attendance", p.rules.attendance),
        ("resolution", p.rules.resolution),
        ("recommendation", p.rules.recommendation),
        ("kpi (all)", kpi),
        ("kpi table", p.rules.kpi_table),
        ("kpi prose", p.rules.kpi_prose),
    ];
    if args.json {
        let obj: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(name, d)| {
                (
                    name.to_string(),
                    serde_json::json!({ "seconds": d.as_secs_f64(), "mb_per_s": mbs(*d) }),
                )
            })
            .collect();
        let out = serde_json::json!({
            "files": texts.len(),
            "text_bytes": bytes,
            "records": p.records,
            "rounds": passes.len(),
            "rules_load_seconds": load.as_secs_f64(),
            "first_pass": { "seconds": first.as_secs_f64(), "mb_per_s": mbs(first) },
            "stages": obj,
        });
        println!("{out}");
    } else {
        println!(
            "{} files, {:.2} MB of text, {} records; median of {} passes, one thread",
            texts.len(),
            bytes as f64 / 1e6,
            p.records,
            passes.len()
        );
        println!(
            "rules loaded and compiled in {:.1} ms ({} rules)",
            load.as_secs_f64() * 1e3,
            rules.info.len()
        );
        println!(
            "first pass (cold regex caches) {:.1} ms, {:.1} MB/s/core",
            first.as_secs_f64() * 1e3,
            mbs(first)
        );
        println!("{:<16} {:>10} {:>12}", "stage", "ms", "MB/s/core");
        for (name, d) in rows {
            println!(
                "{:<16} {:>10.1} {:>12.1}",
                name,
                d.as_secs_f64() * 1e3,
                mbs(d)
            );
        }
    }
    Ok(exit::OK)
}
