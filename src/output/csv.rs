//! `--format csv`: one row per record or hit, flat columns (RFC 4180 quoting),
//! a header row first. The common fields come first, then every type's own
//! fields (empty where a type has none); search hits add `score` and
//! `snippet` and `pages_matched` at the end. Column names are part of the output contract.

use super::Printer;
use crate::query::{Hit, SearchResults};
use crate::record::{Fields, Record};
use std::io::{self, Write};

/// Columns of every row, in order.
pub const COLUMNS: [&str; 32] = [
    "type",
    "id",
    "path",
    "page",
    "page_label",
    "line",
    "doc_kind",
    "doc_title",
    "doc_date",
    "authority",
    "body",
    "meeting_date",
    "rule",
    "text",
    "pages",
    "time",
    "place",
    "name",
    "honorific",
    "role",
    "chair",
    "organisation",
    "minute",
    "item_title",
    "number",
    "addressee",
    "origin",
    "indicator",
    "value",
    "unit",
    "period",
    "area",
];

/// Extra columns of search hits.
pub const HIT_COLUMNS: [&str; 3] = ["score", "snippet", "pages_matched"];

pub struct CsvPrinter;

/// Quote a field where RFC 4180 requires it.
pub(super) fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Write one row, quoting cells where RFC 4180 requires it.
pub fn write_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    // CRLF as RFC 4180 asks; every CSV reader accepts it.
    write!(out, "{}\r\n", line.join(","))
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn num(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

/// The type-field cells of a record, in [`COLUMNS`] order from `pages`.
fn type_cells(fields: &Fields) -> [String; 18] {
    let mut c: [String; 18] = Default::default();
    match fields {
        Fields::Document { pages } => {
            c[0] = pages.map(|[a, b]| format!("{a}-{b}")).unwrap_or_default();
        }
        Fields::Meeting { time, place } => {
            c[1] = opt(time);
            c[2] = opt(place);
        }
        Fields::Attendee {
            name,
            honorific,
            role,
            chair,
            organisation,
        } => {
            c[3] = name.clone();
            c[4] = opt(honorific);
            c[5] = role.as_str().to_string();
            c[6] = chair.to_string();
            c[7] = opt(organisation);
        }
        Fields::Resolution {
            minute,
            item_title,
            number,
        } => {
            c[8] = opt(minute);
            c[9] = opt(item_title);
            c[10] = opt(number);
        }
        Fields::Recommendation {
            number,
            addressee,
            origin,
        } => {
            c[10] = opt(number);
            c[11] = opt(addressee);
            c[12] = origin.as_str().to_string();
        }
        Fields::Kpi {
            indicator,
            value,
            unit,
            period,
            area,
        } => {
            c[13] = indicator.clone();
            c[14] = value.to_string();
            c[15] = unit.as_str().to_string();
            c[16] = opt(period);
            c[17] = opt(area);
        }
    }
    c
}

fn record_row(r: &Record) -> Vec<String> {
    let mut row = vec![
        r.type_name().to_string(),
        r.id.clone(),
        r.source.path.clone(),
        num(r.source.page),
        opt(&r.source.page_label),
        num(r.source.line),
        r.doc.kind.as_str().to_string(),
        opt(&r.doc.title),
        opt(&r.doc.date),
        opt(&r.authority),
        opt(&r.body),
        opt(&r.meeting_date),
        r.rule.clone(),
        r.text.clone(),
    ];
    row.extend(type_cells(&r.fields));
    row
}

fn hit_row(h: &Hit) -> Vec<String> {
    let mut row = match &h.record {
        Some(r) => record_row(r),
        None => {
            let mut row = vec![
                h.kind.clone(),
                String::new(),
                h.path.clone(),
                num(h.page),
                opt(&h.page_label),
                num(h.line),
                h.doc_kind
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
                opt(&h.doc_title),
                opt(&h.doc_date),
                opt(&h.authority),
                opt(&h.body),
                opt(&h.meeting_date),
                String::new(),
                // The whole page would make an unreadable cell; the snippet
                // column carries the matched passage.
                String::new(),
            ];
            row.resize(COLUMNS.len(), String::new());
            row
        }
    };
    row.push(h.score.to_string());
    row.push(h.snippet.text.clone());
    row.push(h.pages_matched.to_string());
    row
}

fn header(extra: &[&str]) -> Vec<String> {
    COLUMNS.iter().chain(extra).map(|c| c.to_string()).collect()
}

impl Printer for CsvPrinter {
    fn hits(&mut self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
        write_row(out, &header(&HIT_COLUMNS))?;
        for hit in &results.hits {
            write_row(out, &hit_row(hit))?;
        }
        Ok(())
    }

    fn records(&mut self, out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
        write_row(out, &header(&[]))?;
        for record in records {
            write_row(out, &record_row(record))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{kpi_record, results};

    #[test]
    fn quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn record_rows_line_up_with_the_header() {
        let mut out = Vec::new();
        CsvPrinter.records(&mut out, &[kpi_record()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
        let row = lines.next().unwrap();
        assert!(row.starts_with(
            "kpi,a.txt:kpi:1,a.txt,2,,14,briefing_note,\"Workforce, \"\"update\"\"\","
        ));
        assert!(row.ends_with(",vacancy rate,9.3,rate,September 2019,"));
    }

    #[test]
    fn hit_rows_have_every_column() {
        let mut out = Vec::new();
        CsvPrinter.hits(&mut out, &results()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].ends_with(",score,snippet,pages_matched"));
        // No quoted commas in the page row: its comma count is the column count less one.
        assert_eq!(
            lines[2].matches(',').count(),
            COLUMNS.len() + HIT_COLUMNS.len() - 1
        );
    }
}
