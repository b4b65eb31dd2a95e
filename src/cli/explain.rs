//! `boardpapers explain ID`: one record with everything behind it — its
//! fields, the rule that made it (where it is defined and its source text)
//! and the text it was read from, with a few lines of context from the index.

use super::exit;
use anyhow::Context;
use boardpapers::index::lookup::TextLine;
use boardpapers::index::BoardIndex;
use boardpapers::rules::{source, RuleSet};
use serde_json::{json, Value};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Show a record (all its fields), the rule that made it (id, file:line, type
/// and source text) and the text it came from (file, page, line, with context).
///
/// Exit status: 0 found, 1 no record has this id, 2 error.
///
/// Examples:
///   boardpapers explain 'coventry/2017-06-29-scrutiny-board-2-minutes.txt:resolution:1'
///   boardpapers explain ID --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ExplainArgs {
    /// A record id (`PATH:TYPE:N`, as `search` and `export` print it).
    #[arg(value_name = "ID")]
    pub id: String,

    /// The index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// The rule directory the index was built with.
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub rules: PathBuf,

    /// Lines of context before and after the evidence.
    #[arg(short = 'C', long, value_name = "N", default_value_t = 3)]
    pub context: u32,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
}

/// Formats `explain` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Sections for people.
    Table,
    /// One JSON object: `record`, `rule`, `context`.
    Json,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<u8> {
    let index = BoardIndex::open(&args.index)?;
    let Some(record) = index.record_by_id(&args.id)? else {
        eprintln!(
            "boardpapers: no record with id `{}` in the index `{}`",
            args.id,
            args.index.display()
        );
        return Ok(exit::NOT_FOUND_OR_PARTIAL);
    };
    let rules = RuleSet::load_dir(&args.rules)
        .with_context(|| format!("cannot load the rules in `{}`", args.rules.display()))?;
    let rule = rules.info(&record.rule).map(|info| {
        json!({
            "id": info.id,
            "type": info.kind,
            "file": info.file,
            "line": info.line,
            "priority": info.priority,
            "description": info.description,
            "source": source::read_rule_text(info),
        })
    });
    let context = match record.source.line {
        Some(line) => index.file_lines(
            &record.source.path,
            line.saturating_sub(args.context).max(1),
            line + args.context,
        )?,
        None => Vec::new(),
    };
    let record_json = serde_json::to_value(&record)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ExplainFormat::Json => {
            let v = json!({
                "record": record_json,
                "rule": rule,
                "context": context,
            });
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
        ExplainFormat::Table => {
            writeln!(out, "record {}", record.id)?;
            let mut fields = Vec::new();
            flatten("", &record_json, &mut fields);
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in &fields {
                writeln!(out, "  {k:<width$}  {v}")?;
            }
            writeln!(out)?;
            match (&rule, rules.info(&record.rule)) {
                (Some(r), Some(info)) => {
                    writeln!(
                        out,
                        "rule {} ({}), defined at {}:{}",
                        info.id, info.kind, info.file, info.line
                    )?;
                    match r["source"].as_str() {
                        Some(src) => {
                            for l in src.lines() {
                                writeln!(out, "  {l}")?;
                            }
                        }
                        None => writeln!(out, "  (its file can no longer be read)")?,
                    }
                }
                _ => writeln!(
                    out,
                    "rule {}: not in `{}` (built in, or the rules changed since the ingest)",
                    record.rule,
                    args.rules.display()
                )?,
            }
            writeln!(out)?;
            let place = [
                record.source.page.map(|p| format!("page {p}")),
                record.source.line.map(|l| format!("line {l}")),
            ];
            let place: Vec<String> = place.into_iter().flatten().collect();
            writeln!(out, "evidence {}, {}", record.source.path, place.join(", "))?;
            writeln!(out, "  {}", record.text)?;
            if !context.is_empty() {
                writeln!(out)?;
                print_context(&mut out, &context, record.source.line)?;
            }
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

/// Dotted keys and printable values of a JSON object, in key order.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

fn print_context(out: &mut impl Write, lines: &[TextLine], at: Option<u32>) -> io::Result<()> {
    let width = lines.last().map_or(1, |l| l.line.to_string().len());
    let mut page = None;
    for l in lines {
        if l.page.is_some() && l.page != page {
            page = l.page;
            writeln!(out, "  -- page {}", l.page.unwrap_or_default())?;
        }
        let mark = if Some(l.line) == at { '>' } else { ' ' };
        writeln!(out, "  {mark} {:>width$} | {}", l.line, l.text.trim_end())?;
    }
    Ok(())
}
