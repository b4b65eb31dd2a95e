//! `boardpapers people NAME`: a person's attendance across meetings, from
//! the attendee records — date, committee, council, present / apologies /
//! absent, role and chair. Exit 0 found, 1 nothing found.

use super::common::{self, Format};
use super::exit;
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::output::csv::write_row;
use boardpapers::people::{self, Attendance};
use boardpapers::query::SearchRequest;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// A person's attendance across meetings.
///
/// Examples:
///   boardpapers people Mutton
///   boardpapers people "M Mutton" --authority coventry --format csv
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct PeopleArgs {
    /// The name, or part of it: every word must occur in the printed name
    /// (`Mutton`, `"M Mutton"`). Several arguments are joined.
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,

    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Only meetings of this council: every word must occur in its name.
    #[arg(long, value_name = "WORDS")]
    pub authority: Option<String>,

    /// Only meetings of this committee: every word must occur in its name.
    #[arg(long, value_name = "WORDS")]
    pub body: Option<String>,

    /// Output format. `json` and `jsonl` print one object per row with the
    /// attendee's fields (`meeting_date`, `body`, `authority`, `name`,
    /// `honorific`, `status`, `role`, `chair`, `organisation`, `path`,
    /// `page`, `line`, `id`); `csv` the same columns.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

const COLUMNS: [&str; 13] = [
    "meeting_date",
    "body",
    "authority",
    "name",
    "honorific",
    "status",
    "role",
    "chair",
    "organisation",
    "path",
    "page",
    "line",
    "id",
];

fn cells(a: &Attendance) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    vec![
        opt(&a.meeting_date),
        opt(&a.body),
        opt(&a.authority),
        a.name.clone(),
        opt(&a.honorific),
        a.status.as_str().to_string(),
        a.role.to_string(),
        a.chair.to_string(),
        opt(&a.organisation),
        a.path.clone(),
        num(a.page),
        num(a.line),
        a.id.clone(),
    ]
}

fn write_table(out: &mut dyn Write, rows: &[Attendance]) -> io::Result<()> {
    let table: Vec<[String; 8]> = rows
        .iter()
        .map(|a| {
            let name = match &a.honorific {
                Some(h) => format!("{h} {}", a.name),
                None => a.name.clone(),
            };
            let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            [
                dash(&a.meeting_date),
                name,
                a.status.as_str().to_string(),
                a.role.to_string(),
                if a.chair {
                    "chair".into()
                } else {
                    String::new()
                },
                dash(&a.body),
                dash(&a.authority),
                match (a.page, a.line) {
                    (Some(p), _) => format!("{} p.{p}", a.path),
                    (None, Some(l)) => format!("{} l.{l}", a.path),
                    _ => a.path.clone(),
                },
            ]
        })
        .collect();
    let header = [
        "DATE",
        "NAME",
        "STATUS",
        "ROLE",
        "CHAIR",
        "BODY",
        "AUTHORITY",
        "SOURCE",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &table {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len() - 1;
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c:<w$}  ")
                }
            })
            .collect::<String>()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &table {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    attendance: &'a Attendance,
}

pub fn run(args: PeopleArgs) -> anyhow::Result<u8> {
    let name = args.name.join(" ");
    let request = SearchRequest {
        query: name.clone(),
        types: vec!["attendee".to_string()],
        authority: args.authority,
        body: args.body,
        ..SearchRequest::default()
    };
    let index = BoardIndex::open(&args.index)?;
    let records = index.matching_records(&request, &["name"])?;
    let rows = people::attendance(&records);
    if rows.is_empty() {
        eprintln!("nobody named `{name}` in the attendance lists");
        return Ok(exit::NOT_FOUND_OR_PARTIAL);
    }
    common::print_stdout(|out| match args.format {
        Format::Table => write_table(out, &rows),
        Format::Json => {
            let all: Vec<Row> = rows.iter().map(|attendance| Row { attendance }).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for attendance in &rows {
                serde_json::to_writer(&mut *out, &Row { attendance })?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            write_row(out, &COLUMNS.map(String::from))?;
            for r in &rows {
                write_row(out, &cells(r))?;
            }
            Ok(())
        }
    })
    .context("cannot write the attendance")?;
    Ok(exit::OK)
}
