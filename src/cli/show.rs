//! `boardpapers show ID`: one record with its provenance — the stored page
//! text around its evidence, the document it sits in and the rule that made
//! it. Exit 0 when the record exists, 1 when the index has no such id.

use super::common::{self, Format};
use super::exit;
use anyhow::Context;
use boardpapers::index::reader::{ContextLine, RecordInContext};
use boardpapers::index::BoardIndex;
use boardpapers::output::{self, fields_summary, OutputFormat};
use boardpapers::record::{Fields, Record};
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// Show one record with where it came from: the lines around its evidence,
/// its document and the rule that made it.
///
/// Examples:
///   boardpapers show coventry/2017-06-29-scrutiny-board-2-minutes.txt:attendee:1
///   boardpapers show ID --context 8 --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The record's id, as `search` and `export` print it.
    #[arg(value_name = "ID")]
    pub id: String,

    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Lines of page text to show before and after the evidence.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub context: usize,

    /// Output format. `json` and `jsonl` print `{"record", "document",
    /// "context"}`: the record and its document in their records.md shape,
    /// the context as `{"line", "page", "page_label", "text", "evidence"}`;
    /// `csv` prints the record's row.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Serialize)]
struct LineJson<'a> {
    line: u32,
    page: Option<u32>,
    page_label: Option<&'a str>,
    text: &'a str,
    evidence: bool,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    record: &'a Record,
    document: Option<&'a Record>,
    context: Vec<LineJson<'a>>,
}

fn as_json(found: &RecordInContext) -> ShowJson<'_> {
    ShowJson {
        record: &found.record,
        document: found.document.as_ref(),
        context: found
            .context
            .iter()
            .map(|l| LineJson {
                line: l.line,
                page: l.page,
                page_label: l.page_label.as_deref(),
                text: &l.text,
                evidence: l.evidence,
            })
            .collect(),
    }
}

fn page_of(page: Option<u32>, label: Option<&str>) -> String {
    match (page, label) {
        (Some(p), Some(l)) => format!("p.{p} [{l}]"),
        (Some(p), None) => format!("p.{p}"),
        _ => String::new(),
    }
}

fn write_table(out: &mut dyn Write, found: &RecordInContext) -> io::Result<()> {
    let r = &found.record;
    let mut rows: Vec<(&str, String)> = vec![
        ("type", r.type_name().to_string()),
        ("rule", r.rule.clone()),
    ];
    let mut place = r.source.path.clone();
    let page = page_of(r.source.page, r.source.page_label.as_deref());
    if !page.is_empty() {
        place.push(' ');
        place.push_str(&page);
    }
    if let Some(line) = r.source.line {
        place.push_str(&format!(" l.{line}"));
    }
    rows.push(("source", place));
    let mut doc = r.doc.kind.as_str().to_string();
    if let Some(date) = &r.doc.date {
        doc.push_str(&format!(" {date}"));
    }
    if let Some(title) = &r.doc.title {
        doc.push_str(&format!(" · {title}"));
    }
    let doc_record = found.document.as_ref().or(Some(r));
    if let Some(Fields::Document {
        pages: Some([a, b]),
    }) = doc_record.map(|d| &d.fields)
    {
        doc.push_str(&format!(" (pages {a}-{b})"));
    }
    rows.push(("document", doc));
    if let Some(d) = &found.document {
        rows.push(("document id", d.id.clone()));
    }
    for (name, value) in [
        ("authority", &r.authority),
        ("body", &r.body),
        ("meeting", &r.meeting_date),
    ] {
        if let Some(v) = value {
            rows.push((name, v.clone()));
        }
    }
    let summary = fields_summary(r);
    if !summary.is_empty() {
        rows.push(("fields", summary));
    }
    rows.push(("text", r.text.clone()));
    writeln!(out, "{}", r.id)?;
    for (name, value) in rows {
        writeln!(out, "  {name:<12} {value}")?;
    }
    if !found.context.is_empty() {
        writeln!(out)?;
        let width = found
            .context
            .iter()
            .map(|l| l.line.to_string().len())
            .max()
            .unwrap_or(1);
        let mut last_page: Option<String> = None;
        for ContextLine {
            line,
            page,
            page_label,
            text,
            evidence,
        } in &found.context
        {
            let this_page = page_of(*page, page_label.as_deref());
            if !this_page.is_empty() && last_page.as_deref() != Some(&this_page) {
                writeln!(out, "  -- {this_page}")?;
                last_page = Some(this_page);
            }
            let mark = if *evidence { '>' } else { ' ' };
            writeln!(out, "{mark} {line:>width$} | {text}")?;
        }
    }
    Ok(())
}

pub fn run(args: ShowArgs) -> anyhow::Result<u8> {
    let index = BoardIndex::open(&args.index)?;
    let Some(found) = index.record_with_context(&args.id, args.context)? else {
        eprintln!(
            "no record with id `{}` in the index at `{}`; ids are in the `id` field of `search --format jsonl` and `export`",
            args.id,
            args.index.display()
        );
        return Ok(exit::NOT_FOUND_OR_PARTIAL);
    };
    common::print_stdout(|out| match args.format {
        Format::Table => write_table(out, &found),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &as_json(&found))?;
            writeln!(out)
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &as_json(&found))?;
            writeln!(out)
        }
        Format::Csv => output::printer(OutputFormat::Csv, Default::default())
            .records(out, std::slice::from_ref(&found.record)),
    })
    .context("cannot write the record")?;
    Ok(exit::OK)
}
