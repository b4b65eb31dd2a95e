//! Subcommands, one file each. Argument structs are clap derives whose doc
//! comments are the help text; each `run` returns the process exit code.

pub mod common;
pub mod completions;
pub mod exit;
pub mod export;
pub mod ingest;
pub mod kpi;
pub mod people;
pub mod search;
pub mod show;
pub mod stats;
pub mod synth;

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
        Command::Show(args) => show::run(args),
        Command::Kpi(args) => kpi::run(args),
        Command::People(args) => people::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        Command::Synth(args) => synth::run(args),
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
