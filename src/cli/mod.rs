//! Subcommands, one file each. Argument structs are clap derives whose doc
//! comments are the help text; each `run` returns the process exit code.

pub mod bench;
pub mod common;
pub mod completions;
pub mod eval;
pub mod exit;
pub mod explain;
pub mod export;
pub mod failures;
pub mod ingest;
pub mod kpi;
pub mod people;
pub mod rules;
pub mod search;
pub mod show;
pub mod stats;
pub mod synth;
pub mod text;
pub mod worker;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turn public committee papers (PDFs and text exports) into structured,
/// searchable records: meetings, attendees, resolutions, recommendations and
/// performance figures, each with the file, page and line it came from.
#[derive(Debug, Parser)]
#[command(name = "boardpapers", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read PDFs and text exports, extract records and add them to the index.
    Ingest(ingest::IngestArgs),
    /// Search page text and records.
    Search(search::SearchArgs),
    /// Write every record in the index (JSON Lines by default).
    Export(export::ExportArgs),
    /// Print a file's text as the rules see it, with line numbers and pages.
    Text(text::TextArgs),
    /// List the files that failed, and page problems of indexed files.
    Failures(failures::FailuresArgs),
    /// Internal: a PDF extraction worker started by `ingest`.
    #[command(name = "__worker", hide = true)]
    Worker(worker::WorkerArgs),
    /// Check rule files, or run their inline examples.
    Rules(rules::RulesArgs),
    /// Show a record, the rule that made it and the text it came from.
    Explain(explain::ExplainArgs),
    /// Score the records against hand-checked gold records.
    Eval(eval::EvalArgs),
    /// Show one record with its provenance.
    Show(show::ShowArgs),
    /// Figures of a measure over time and across councils.
    Kpi(kpi::KpiArgs),
    /// A person's attendance across meetings.
    People(people::PeopleArgs),
    /// Summarise the index.
    Stats(stats::StatsArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page.
    Man(completions::ManArgs),
    /// Build a large synthetic index from a real one and time queries on it.
    #[command(hide = true)]
    Synth(synth::SynthArgs),
    /// Rule throughput over text read beforehand, one thread.
    #[command(name = "bench-rules", hide = true)]
    BenchRules(bench::BenchRulesArgs),
    /// Read every file as ingest does and discard the text.
    #[command(name = "bench-extract", hide = true)]
    BenchExtract(bench::BenchExtractArgs),
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => search::run(args),
        Command::Export(args) => export::run(args),
        Command::Text(args) => text::run(args),
        Command::Failures(args) => failures::run(args),
        Command::Worker(args) => worker::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Show(args) => show::run(args),
        Command::Kpi(args) => kpi::run(args),
        Command::People(args) => people::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        Command::Synth(args) => synth::run(args),
        Command::BenchRules(args) => bench::run_rules(args),
        Command::BenchExtract(args) => bench::run_extract(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if exit::is_broken_pipe(&e) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("boardpapers: error: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}
