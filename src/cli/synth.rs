//! `boardpapers synth` (hidden): build a large synthetic index from a real one
//! (`synth build`) and time searches on an index in process (`synth bench`).
//! For measuring query latency at scale; `scripts/bench-query` runs both.

use super::exit;
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::synth::{self, SynthOptions};
use std::path::PathBuf;

/// Build a synthetic index or time queries on an index.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    #[command(subcommand)]
    pub action: SynthAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum SynthAction {
    /// Build a synthetic index from the records and pages of a real one.
    Build {
        /// The real index to draw records and page text from.
        #[arg(long, value_name = "DIR", default_value = "index")]
        from: PathBuf,
        /// Where to write the synthetic index (a new directory).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Records to generate.
        #[arg(long, default_value_t = 1_000_000)]
        records: usize,
        /// Records per synthetic file.
        #[arg(long, default_value_t = 200)]
        records_per_file: usize,
        /// Pages per synthetic file.
        #[arg(long, default_value_t = 4)]
        pages_per_file: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write every synthetic file's text here, for text-search tools.
        #[arg(long, value_name = "DIR")]
        text_dump: Option<PathBuf>,
    },
    /// Time term, filtered and phrase searches in process: median and p99.
    Bench {
        /// The index to search.
        #[arg(long, value_name = "DIR", default_value = "index")]
        index: PathBuf,
        /// Times each query is run.
        #[arg(long, default_value_t = 40)]
        rounds: usize,
    },
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(args: SynthArgs) -> anyhow::Result<u8> {
    match args.action {
        SynthAction::Build {
            from,
            out,
            records,
            records_per_file,
            pages_per_file,
            seed,
            text_dump,
        } => {
            if out.join("meta.json").exists() {
                anyhow::bail!(
                    "`{}` already holds an index; give a new directory",
                    out.display()
                );
            }
            let source = BoardIndex::open(&from)?;
            let opts = SynthOptions {
                records,
                records_per_file,
                pages_per_file,
                seed,
                text_dump,
            };
            let report = synth::build(&source, &out, &opts).with_context(|| {
                format!("cannot build the synthetic index in `{}`", out.display())
            })?;
            println!(
                "synthetic index `{}`: {} files, {} pages, {} records in {:.1} s",
                out.display(),
                report.files,
                report.pages,
                report.records,
                report.elapsed.as_secs_f64()
            );
        }
        SynthAction::Bench { index, rounds } => {
            let index = BoardIndex::open(&index)?;
            let results = synth::bench(&index, rounds.max(1))?;
            println!(
                "{:<10} {:>6} {:>10} {:>10} {:>10}",
                "QUERIES", "RUNS", "MEDIAN", "P99", "MAX"
            );
            for l in results {
                println!(
                    "{:<10} {:>6} {:>7.2} ms {:>7.2} ms {:>7.2} ms",
                    l.name,
                    l.runs,
                    ms(l.median),
                    ms(l.p99),
                    ms(l.max)
                );
            }
        }
    }
    Ok(exit::OK)
}
