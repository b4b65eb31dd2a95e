//! `boardpapers failures`: the files whose last ingest failed and the page
//! problems of indexed files, read from the index. Exit 0 when no file has
//! failed (page problems alone are not failures), 1 when failed files are
//! listed, 2 on an error.

use super::common::{self, ColorChoice, Format};
use super::exit;
use boardpapers::failures;
use boardpapers::index::BoardIndex;
use boardpapers::output::{self, OutputFormat};
use std::path::PathBuf;

/// List the files that failed in the last ingest that saw them (path, kind,
/// reason, when) and the page problems of files that were indexed anyway
/// (empty pages, pages another reader had to supply).
///
/// Exit status: 0 when no file has failed, 1 when failed files are listed,
/// 2 on an error.
///
/// Examples:
///   boardpapers failures
///   boardpapers failures --kind timeout,crashed --format csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct FailuresArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Only rows of this kind: a failure (encrypted, damaged, no_text_layer,
    /// timeout, crashed, too_large, unsupported, io) or a page problem
    /// (empty_page, reader_error, reader_crashed, reader_garbled). Repeat or
    /// separate with commas for several.
    #[arg(long, value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    pub kind: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour the table.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

fn parse_kind(value: &str) -> Result<String, String> {
    if failures::is_known_kind(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "unknown kind `{value}`; known kinds: {}",
            failures::known_kinds().join(", ")
        ))
    }
}

pub fn run(args: FailuresArgs) -> anyhow::Result<u8> {
    let index = BoardIndex::open(&args.index)?;
    let files = index.files()?;
    let rows = failures::rows(&files, &args.kind);
    let format = OutputFormat::from(args.format);
    let style = common::style(args.color);
    common::print_stdout(|out| output::failures::write(out, format, style, &rows))?;
    let failed = rows.iter().filter(|r| r.is_failure()).count();
    if format == OutputFormat::Table {
        let problems = rows.len() - failed;
        eprintln!(
            "{} files in the index: {failed} failed, {problems} page problem(s) listed",
            files.len()
        );
    }
    Ok(if failed > 0 {
        exit::NOT_FOUND_OR_PARTIAL
    } else {
        exit::OK
    })
}
