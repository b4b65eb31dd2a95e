//! `boardpapers export`: every record in the index, in the records.md shape,
//! in a stable order (path, line, id), to stdout or a file.

use super::exit;
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::output::{self, OutputFormat, Style};
use boardpapers::query;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Write every record in the index, one JSON object per line by default, in
/// a stable order: by file path, then line, then id.
///
/// Examples:
///   boardpapers export > records.jsonl
///   boardpapers export --type kpi --format csv -o kpis.csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Output format. `jsonl` and `json` write each record exactly in its
    /// `boardpapers.record/1` shape (docs/records.md).
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,

    /// Only records of this type (document, meeting, attendee, resolution,
    /// recommendation, kpi). Repeat or separate with commas for several.
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',', value_parser = parse_record_type)]
    pub types: Vec<String>,

    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// Flat columns with a header row.
    Csv,
}

impl From<ExportFormat> for OutputFormat {
    fn from(f: ExportFormat) -> OutputFormat {
        match f {
            ExportFormat::Jsonl => OutputFormat::Jsonl,
            ExportFormat::Json => OutputFormat::Json,
            ExportFormat::Csv => OutputFormat::Csv,
        }
    }
}

fn parse_record_type(value: &str) -> Result<String, String> {
    query::check_record_type(value).map_err(|e| e.to_string())
}

pub fn run(args: ExportArgs) -> anyhow::Result<u8> {
    let index = BoardIndex::open(&args.index)?;
    let records = index.records(&args.types)?;
    let mut printer = output::printer(args.format.into(), Style::default());
    match &args.output {
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("cannot create `{}`", path.display()))?;
            let mut out = BufWriter::new(file);
            printer
                .records(&mut out, &records)
                .and_then(|()| out.flush())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            eprintln!("wrote {} records to `{}`", records.len(), path.display());
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            printer
                .records(&mut out, &records)
                .and_then(|()| out.flush())
                .context("cannot write the records")?;
        }
    }
    Ok(exit::OK)
}
