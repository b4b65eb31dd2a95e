//! Printing the rows of `boardpapers failures` ([`FailureRow`]) in each
//! output format: an aligned table for people, JSON, JSON Lines and CSV with
//! the same columns for programs.

use super::{csv, OutputFormat, Style};
use crate::failures::FailureRow;
use std::io::{self, Write};

/// Columns, in the order of every format.
pub const COLUMNS: [&str; 6] = ["path", "state", "kind", "page", "reason", "when"];

/// Write `rows` in `format`.
pub fn write(
    out: &mut dyn Write,
    format: OutputFormat,
    style: Style,
    rows: &[FailureRow],
) -> io::Result<()> {
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        OutputFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        OutputFormat::Csv => {
            let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
            write_csv_row(out, &header)?;
            for r in rows {
                write_csv_row(out, &cells(r))?;
            }
            Ok(())
        }
        OutputFormat::Table => table(out, style, rows),
    }
}

fn cells(r: &FailureRow) -> Vec<String> {
    vec![
        r.path.clone(),
        r.state.to_string(),
        r.kind.clone(),
        r.page.map(|p| p.to_string()).unwrap_or_default(),
        r.reason.clone(),
        r.when.clone().unwrap_or_default(),
    ]
}

fn write_csv_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| csv::field(c)).collect();
    write!(out, "{}\r\n", line.join(","))
}

/// `KIND  PATH[ p.N]  WHEN` on one line, the reason indented below it: reasons
/// are long and would make a column table unreadable.
fn table(out: &mut dyn Write, style: Style, rows: &[FailureRow]) -> io::Result<()> {
    let kind_width = rows.iter().map(|r| r.kind.len()).max().unwrap_or(0);
    for r in rows {
        let place = match r.page {
            Some(p) => format!("{} p.{p}", r.path),
            None => r.path.clone(),
        };
        let kind = format!("{:width$}", r.kind, width = kind_width);
        let kind = if style.color {
            let colour = if r.is_failure() {
                "\x1b[31m"
            } else {
                "\x1b[33m"
            };
            format!("{colour}{kind}\x1b[0m")
        } else {
            kind
        };
        let when = r.when.as_deref().unwrap_or("");
        writeln!(out, "{kind}  {place}  {when}")?;
        let reason: String = r.reason.chars().take(style.width.max(40) * 2).collect();
        writeln!(out, "    {reason}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> FailureRow {
        FailureRow {
            path: "a, b.pdf".into(),
            state: "failed",
            kind: "damaged".into(),
            page: None,
            reason: "said \"no\"".into(),
            when: None,
        }
    }

    #[test]
    fn csv_quotes_and_has_every_column() {
        let mut out = Vec::new();
        write(&mut out, OutputFormat::Csv, Style::default(), &[row()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "path,state,kind,page,reason,when");
        assert_eq!(
            lines[1],
            "\"a, b.pdf\",failed,damaged,,\"said \"\"no\"\"\","
        );
    }

    #[test]
    fn jsonl_is_one_object_a_line() {
        let mut out = Vec::new();
        write(
            &mut out,
            OutputFormat::Jsonl,
            Style::default(),
            &[row(), row()],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["kind"], "damaged");
            assert!(v["page"].is_null());
        }
        assert_eq!(text.lines().count(), 2);
    }
}
