//! `boardpapers stats`: what the index holds — files, pages, records by type,
//! authorities, bodies, years and the files that failed.

use super::common::{self, Format};
use super::exit;
use anyhow::Context;
use boardpapers::index::BoardIndex;
use boardpapers::output::csv::write_row;
use boardpapers::stats::{self, IndexStats};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Summarise the index: files, pages, records by type, authorities, bodies,
/// years and failures.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Output format. `json` and `jsonl` print one object (`files`,
    /// `files_indexed`, `files_failed`, `pages`, `records`, `records_total`,
    /// `authorities`, `bodies`, `years`, `failures`); `csv` prints
    /// `section,key,value` rows.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn rows(s: &IndexStats) -> Vec<[String; 3]> {
    let mut rows = vec![
        ["files".into(), "total".into(), s.files.to_string()],
        [
            "files".into(),
            "indexed".into(),
            s.files_indexed.to_string(),
        ],
        ["files".into(), "failed".into(), s.files_failed.to_string()],
        ["pages".into(), "total".into(), s.pages.to_string()],
    ];
    let section = |rows: &mut Vec<[String; 3]>, name: &str, map: &BTreeMap<String, usize>| {
        for (k, v) in map {
            rows.push([name.to_string(), k.clone(), v.to_string()]);
        }
    };
    section(&mut rows, "records", &s.records);
    rows.push([
        "records".into(),
        "total".into(),
        s.records_total.to_string(),
    ]);
    section(&mut rows, "authority", &s.authorities);
    section(&mut rows, "body", &s.bodies);
    section(&mut rows, "year", &s.years);
    for f in &s.failures {
        rows.push([
            "failure".into(),
            f.path.clone(),
            format!("{}: {}", f.kind, f.reason),
        ]);
    }
    rows
}

fn write_table(out: &mut dyn Write, s: &IndexStats) -> io::Result<()> {
    writeln!(
        out,
        "files      {} ({} indexed, {} failed)",
        s.files, s.files_indexed, s.files_failed
    )?;
    writeln!(out, "pages      {}", s.pages)?;
    let by_type: Vec<String> = s.records.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(
        out,
        "records    {} ({})",
        s.records_total,
        by_type.join(", ")
    )?;
    for (title, map) in [
        ("documents by authority", &s.authorities),
        ("documents by body", &s.bodies),
        ("documents by year", &s.years),
    ] {
        writeln!(out)?;
        writeln!(out, "{title}")?;
        let w = map.values().map(|v| v.to_string().len()).max().unwrap_or(1);
        for (k, v) in map {
            writeln!(out, "  {v:>w$}  {k}")?;
        }
    }
    if !s.failures.is_empty() {
        writeln!(out)?;
        writeln!(out, "failures")?;
        for f in &s.failures {
            writeln!(out, "  {}  {}: {}", f.path, f.kind, f.reason)?;
        }
    }
    Ok(())
}

pub fn run(args: StatsArgs) -> anyhow::Result<u8> {
    let index = BoardIndex::open(&args.index)?;
    let s = stats::index_stats(&index)?;
    common::print_stdout(|out| match args.format {
        Format::Table => write_table(out, &s),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &s)?;
            writeln!(out)
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &s)?;
            writeln!(out)
        }
        Format::Csv => {
            write_row(out, &["section".into(), "key".into(), "value".into()])?;
            for row in rows(&s) {
                write_row(out, &row)?;
            }
            Ok(())
        }
    })
    .context("cannot write the statistics")?;
    Ok(exit::OK)
}
