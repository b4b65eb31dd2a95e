//! Printing search hits and records, one module per format behind the
//! [`Printer`] trait: `table` for people, `json`, `jsonl` and `csv` for
//! programs. This module owns the shape of every byte written to stdout by
//! `search` and `export`; it does not decide where the bytes go or whether
//! stdout is a terminal (the CLI passes that in as a [`Style`]).
//!
//! # The JSON contract
//!
//! Records are printed exactly as `docs/records.md` shapes them (`schema`
//! `boardpapers.record/1`). Search hits that are records carry two extra
//! fields: `score` (a number, higher is better; 1 for filter-only searches)
//! and `snippet`. Page hits are objects of their own:
//!
//! ```json
//! {"schema": "boardpapers.page/1", "type": "page", "path": "...", "page": 5,
//!  "page_label": "3", "line": 120,
//!  "doc": {"kind": "minutes", "title": "...", "date": "2017-06-29"},
//!  "authority": "...", "body": "...", "meeting_date": "2017-06-29",
//!  "score": 7.1, "snippet": {...}}
//! ```
//!
//! A page hit that stands for several matching pages of one document adds
//! `pages_matched` (how many) and `more_pages`: the next best of them, each
//! `{"page", "page_label", "line", "score", "snippet"}`.
//!
//! A `snippet` is `{"text": "...", "highlights": [[start, end], ...]}`: the
//! matched words are `text` from `start` to `end`, counted in characters
//! (Unicode scalar values), end exclusive.

pub mod csv;
pub mod failures;
pub mod json;
pub mod jsonl;
pub mod table;

use crate::query::{Hit, PageMatch, SearchResults, Snippet};
use crate::record::{Fields, Record};
use serde::Serialize;
use std::io::{self, Write};

/// The `schema` string of a page hit in JSON output.
pub const PAGE_SCHEMA: &str = "boardpapers.page/1";

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

impl OutputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Table => "table",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
        }
    }

    /// True for formats read by programs rather than people.
    pub fn is_machine_readable(self) -> bool {
        self != OutputFormat::Table
    }
}

/// How the human format may decorate its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours: only on a terminal, and never with `NO_COLOR` set.
    pub color: bool,
    /// Columns available for a line.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Writes search results or records in one format. Errors are the writer's
/// own: a closed pipe surfaces as `BrokenPipe` for the caller to handle.
pub trait Printer {
    fn hits(&mut self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()>;
    fn records(&mut self, out: &mut dyn Write, records: &[Record]) -> io::Result<()>;
}

/// The printer for a format.
pub fn printer(format: OutputFormat, style: Style) -> Box<dyn Printer> {
    match format {
        OutputFormat::Table => Box::new(table::TablePrinter::new(style)),
        OutputFormat::Json => Box::new(json::JsonPrinter),
        OutputFormat::Jsonl => Box::new(jsonl::JsonlPrinter),
        OutputFormat::Csv => Box::new(csv::CsvPrinter),
    }
}

#[derive(Serialize)]
struct SnippetJson<'a> {
    text: &'a str,
    highlights: Vec<[usize; 2]>,
}

impl<'a> SnippetJson<'a> {
    fn of(snippet: &'a Snippet) -> SnippetJson<'a> {
        SnippetJson {
            text: &snippet.text,
            highlights: snippet.char_highlights(),
        }
    }
}

/// A record hit: the record's own fields, in their order, then the extras.
#[derive(Serialize)]
struct RecordHitJson<'a> {
    #[serde(flatten)]
    record: &'a Record,
    score: f32,
    snippet: SnippetJson<'a>,
}

#[derive(Serialize)]
struct DocJson<'a> {
    kind: Option<&'static str>,
    title: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct PageHitJson<'a> {
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'a str,
    path: &'a str,
    page: Option<u32>,
    page_label: Option<&'a str>,
    line: Option<u32>,
    doc: DocJson<'a>,
    authority: Option<&'a str>,
    body: Option<&'a str>,
    meeting_date: Option<&'a str>,
    score: f32,
    snippet: SnippetJson<'a>,
    pages_matched: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    more_pages: Vec<MorePageJson<'a>>,
}

#[derive(Serialize)]
struct MorePageJson<'a> {
    page: Option<u32>,
    page_label: Option<&'a str>,
    line: Option<u32>,
    score: f32,
    snippet: SnippetJson<'a>,
}

impl<'a> MorePageJson<'a> {
    fn of(p: &'a PageMatch) -> MorePageJson<'a> {
        MorePageJson {
            page: p.page,
            page_label: p.page_label.as_deref(),
            line: p.line,
            score: p.score,
            snippet: SnippetJson::of(&p.snippet),
        }
    }
}

/// A record's own fields in one short line for people: who and in what role
/// for an attendee, the figure for a KPI, the item for a resolution.
pub fn fields_summary(record: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &record.fields {
        Fields::Document { pages } => {
            if let Some([a, b]) = pages {
                parts.push(format!("pages {a}-{b}"));
            }
        }
        Fields::Meeting { time, place } => {
            parts.extend(time.clone());
            parts.extend(place.clone());
        }
        Fields::Attendee {
            name,
            honorific,
            role,
            chair,
            organisation,
        } => {
            parts.push(match honorific {
                Some(h) => format!("{h} {name}"),
                None => name.clone(),
            });
            parts.push(role.as_str().to_string());
            if *chair {
                parts.push("chair".to_string());
            }
            parts.extend(organisation.clone());
        }
        Fields::Resolution {
            minute,
            item_title,
            number,
        } => {
            parts.extend(minute.as_ref().map(|m| format!("minute {m}")));
            parts.extend(item_title.clone());
            parts.extend(number.as_ref().map(|n| format!("({n})")));
        }
        Fields::Recommendation {
            number,
            addressee,
            origin,
        } => {
            parts.push(origin.as_str().to_string());
            parts.extend(number.as_ref().map(|n| format!("({n})")));
            parts.extend(addressee.as_ref().map(|a| format!("to {a}")));
        }
        Fields::Kpi {
            indicator,
            value,
            unit,
            period,
            area,
        } => {
            parts.push(format!("{indicator} = {value} {}", unit.as_str()));
            parts.extend(period.clone());
            parts.extend(area.clone());
        }
    }
    parts.join(" · ")
}

/// Serialise a hit (see the module docs for the shape).
fn write_hit(out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
    let snippet = SnippetJson::of(&hit.snippet);
    let result = match &hit.record {
        Some(record) => serde_json::to_writer(
            &mut *out,
            &RecordHitJson {
                record,
                score: hit.score,
                snippet,
            },
        ),
        None => serde_json::to_writer(
            &mut *out,
            &PageHitJson {
                schema: PAGE_SCHEMA,
                kind: &hit.kind,
                path: &hit.path,
                page: hit.page,
                page_label: hit.page_label.as_deref(),
                line: hit.line,
                doc: DocJson {
                    kind: hit.doc_kind.map(|k| k.as_str()),
                    title: hit.doc_title.as_deref(),
                    date: hit.doc_date.as_deref(),
                },
                authority: hit.authority.as_deref(),
                body: hit.body.as_deref(),
                meeting_date: hit.meeting_date.as_deref(),
                score: hit.score,
                snippet,
                pages_matched: hit.pages_matched,
                more_pages: hit.more_pages.iter().map(MorePageJson::of).collect(),
            },
        ),
    };
    result.map_err(io::Error::from)
}

/// Serialise a record in its records.md shape, fields in the spec's order.
fn write_record(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(io::Error::from)
}

/// Write items as JSON Lines.
fn write_lines<T>(
    out: &mut dyn Write,
    items: &[T],
    write_one: fn(&mut dyn Write, &T) -> io::Result<()>,
) -> io::Result<()> {
    for item in items {
        write_one(out, item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Write items as one JSON array, one element a line: valid JSON that still
/// diffs and greps well.
fn write_array<T>(
    out: &mut dyn Write,
    items: &[T],
    write_one: fn(&mut dyn Write, &T) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_one(out, item)?;
    }
    out.write_all(if items.is_empty() { b"]\n" } else { b"\n]\n" })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::query::Snippet;
    use crate::record::{DocKind, DocRef, Fields, Source, Unit, SCHEMA};
    use serde_json::{json, Value};

    pub(crate) fn kpi_record() -> Record {
        Record {
            schema: SCHEMA.into(),
            fields: Fields::Kpi {
                indicator: "vacancy rate".into(),
                value: 9.3,
                unit: Unit::Rate,
                period: Some("September 2019".into()),
                area: None,
            },
            id: "a.txt:kpi:1".into(),
            source: Source {
                path: "a.txt".into(),
                sha256: "00".into(),
                page: Some(2),
                line: Some(14),
                page_label: None,
            },
            doc: DocRef {
                kind: DocKind::BriefingNote,
                title: Some("Workforce, \"update\"".into()),
                date: Some("2019-10-01".into()),
            },
            authority: Some("Coventry City Council".into()),
            body: None,
            meeting_date: Some("2019-10-23".into()),
            rule: "coventry.kpi.rate".into(),
            text: "the vacancy rate was 9.3 in September 2019".into(),
        }
    }

    pub(crate) fn results() -> SearchResults {
        let record = kpi_record();
        let text = "the vacancy rate was 9.3 in September 2019";
        let start = text.find("vacancy").unwrap();
        SearchResults {
            total: 2,
            hits: vec![
                Hit {
                    score: 2.5,
                    kind: "kpi".into(),
                    path: record.source.path.clone(),
                    page: Some(2),
                    page_label: None,
                    line: Some(14),
                    doc_kind: Some(DocKind::BriefingNote),
                    doc_title: record.doc.title.clone(),
                    doc_date: record.doc.date.clone(),
                    authority: record.authority.clone(),
                    body: None,
                    meeting_date: record.meeting_date.clone(),
                    snippet: Snippet::new(text, std::slice::from_ref(&(start..start + 7))),
                    record: Some(record),
                    pages_matched: 1,
                    more_pages: Vec::new(),
                },
                Hit {
                    score: 1.25,
                    kind: "page".into(),
                    path: "a.txt".into(),
                    page: Some(2),
                    page_label: Some("ii".into()),
                    line: Some(10),
                    doc_kind: Some(DocKind::BriefingNote),
                    doc_title: None,
                    doc_date: None,
                    authority: None,
                    body: None,
                    meeting_date: None,
                    record: None,
                    snippet: Snippet::plain("Staffing\n\nthe vacancy rate"),
                    pages_matched: 3,
                    more_pages: vec![PageMatch {
                        page: Some(5),
                        page_label: None,
                        line: Some(40),
                        score: 0.5,
                        snippet: Snippet::plain("vacancy rates fell"),
                    }],
                },
            ],
        }
    }

    fn hit_value(hit: &Hit) -> Value {
        let mut out = Vec::new();
        write_hit(&mut out, hit).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn record_hits_are_records_plus_score_and_snippet() {
        let r = results();
        let v = hit_value(&r.hits[0]);
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["type"], "kpi");
        assert_eq!(v["indicator"], "vacancy rate");
        assert_eq!(v["score"], 2.5);
        assert_eq!(v["snippet"]["highlights"], json!([[4, 11]]));
        let mut object = v.as_object().unwrap().clone();
        object.remove("score");
        object.remove("snippet");
        let back: Record = serde_json::from_value(Value::Object(object)).unwrap();
        assert_eq!(Some(back), r.hits[0].record);
    }

    #[test]
    fn page_hits_have_their_own_schema() {
        let v = hit_value(&results().hits[1]);
        assert_eq!(v["schema"], PAGE_SCHEMA);
        assert_eq!(v["page_label"], "ii");
        assert_eq!(v["doc"]["kind"], "briefing_note");
        assert_eq!(v["snippet"]["text"], "Staffing the vacancy rate");
        assert_eq!(v["pages_matched"], 3);
        assert_eq!(v["more_pages"][0]["page"], 5);
    }

    #[test]
    fn fields_summary_shows_the_figure() {
        assert_eq!(
            fields_summary(&kpi_record()),
            "vacancy rate = 9.3 rate · September 2019"
        );
    }

    #[test]
    fn empty_json_array_is_valid() {
        let mut out = Vec::new();
        write_array::<Record>(&mut out, &[], write_record).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v, json!([]));
    }
}
