//! `boardpapers text FILE`: a file's text exactly as the rules see it, with the
//! line numbers and pages that records cite. Rule authors use it to see why a
//! rule did or did not match, and which reader produced each page.

use super::exit;
use anyhow::Context;
use boardpapers::extract::{self, ExtractOptions, Format, PdfBackendChoice};
use boardpapers::normalize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Print a file's extracted text with the line numbers and pages that records
/// cite (`line` in records.md), one line per row: `LINE  PAGE  TEXT`.
///
/// Examples:
///   boardpapers text corpus/seeds/coventry/2017-06-29-scrutiny-board-2-minutes.txt
///   boardpapers text --raw --pdf-backend pdftotext pack.pdf | less
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct TextArgs {
    /// The file to read (.pdf, .txt, .md).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Show the text as extracted, before the clean-up rules see (markup and
    /// bullets stripped, spaces collapsed).
    #[arg(long)]
    pub raw: bool,

    /// Which PDF reader to use.
    #[arg(long, value_enum, default_value_t = PdfBackendChoice::Auto)]
    pub pdf_backend: PdfBackendChoice,
}

pub fn run(args: TextArgs) -> anyhow::Result<u8> {
    let format = Format::of_path(&args.file).with_context(|| {
        format!(
            "{}: not a .pdf, .txt or .md file",
            args.file.to_string_lossy()
        )
    })?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let opts = ExtractOptions {
        pdf_backend: args.pdf_backend,
        ..ExtractOptions::default()
    };
    let text = extract::extract_bytes(&args.file, &bytes, format, &opts)
        .with_context(|| format!("{}", args.file.display()))?;
    let clean = if args.raw {
        Vec::new()
    } else {
        normalize::clean_text(&text)
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut last_page = None;
    for (i, line) in text.lines.iter().enumerate() {
        if text.paged && last_page != Some(line.page) {
            last_page = Some(line.page);
            if let Some(page) = text.pages.get(line.page as usize) {
                let label = page
                    .label
                    .as_deref()
                    .map(|l| format!(" (printed {l})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "---- page {}{label} [{}]",
                    page.number,
                    page.backend.as_str()
                )?;
            }
        }
        let shown = if args.raw { &line.text } else { &clean[i] };
        writeln!(out, "{:>6}  {shown}", i + 1)?;
    }
    out.flush()?;
    Ok(exit::OK)
}
