//! `boardpapers eval`: score the records of an index (or a JSON Lines file of
//! records) against gold files, per record type. The scoring is the
//! library's (`boardpapers::eval`); this file reads inputs, prints, and turns
//! `--min` thresholds into the exit status.

use super::exit;
use anyhow::{bail, Context};
use boardpapers::eval::{self, Evaluation, Miss};
use boardpapers::index::BoardIndex;
use boardpapers::record::RECORD_TYPES;
use serde_json::Value;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Precision, recall and F1 per record type against hand-checked gold
/// records, matched by the rules of docs/records.md ("How the scorer
/// matches"); the agreement of secondary fields over matched pairs.
///
/// Exit status: 0, or 1 when a --min threshold is not met, 2 on an error.
///
/// Examples:
///   boardpapers eval --gold tests/gold/seeds.jsonl
///   boardpapers eval --gold tests/gold/seeds.jsonl --pred records.jsonl --misses
///   boardpapers eval --gold tests/gold/kent-cc.jsonl --min resolution=0.8
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct EvalArgs {
    /// Gold records, JSON Lines with `_coverage` lines. Repeat for several files.
    #[arg(long, value_name = "FILE", required = true)]
    pub gold: Vec<PathBuf>,

    /// Predicted records, JSON Lines (as `export` writes them), instead of an index.
    #[arg(long, value_name = "FILE", conflicts_with = "index")]
    pub pred: Option<PathBuf>,

    /// The index whose records are scored.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,

    /// Match files ignoring their extension, so gold for a .txt scores its .pdf.
    #[arg(long)]
    pub same_stem: bool,

    /// Also list missed gold records, extra predictions and wrong secondary fields.
    #[arg(long)]
    pub misses: bool,

    /// Fail (exit 1) unless TYPE reaches this F1. Repeatable.
    #[arg(long = "min", value_name = "TYPE=F1", value_parser = parse_min)]
    pub min: Vec<(String, f64)>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

/// Formats `eval` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// Aligned columns.
    Table,
    /// One JSON object: each type's counts, scores and field agreement.
    Json,
}

fn parse_min(s: &str) -> Result<(String, f64), String> {
    let (kind, value) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected TYPE=F1, e.g. kpi=0.9"))?;
    if !RECORD_TYPES.contains(&kind) {
        return Err(format!(
            "`{kind}` is not a record type ({})",
            RECORD_TYPES.join(", ")
        ));
    }
    let v: f64 = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number"))?;
    Ok((kind.to_string(), v))
}

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    let mut gold = Vec::new();
    for path in &args.gold {
        gold.extend(eval::read_jsonl(path)?);
    }
    if !gold
        .iter()
        .any(|g| g.get("type").and_then(Value::as_str) == Some(eval::COVERAGE))
    {
        bail!(
            "no `_coverage` lines in the gold file(s): nothing would be scored (see docs/records.md)"
        );
    }
    let pred: Vec<Value> = match &args.pred {
        Some(path) => eval::read_jsonl(path)?,
        None => {
            let index = BoardIndex::open(&args.index)?;
            index
                .records(&[])?
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<_, _>>()
                .context("cannot turn the index's records into JSON")?
        }
    };
    let result = eval::evaluate(&gold, &pred, args.same_stem);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        EvalFormat::Table => print_table(&mut out, &result, args.misses)?,
        EvalFormat::Json => {
            let mut obj = serde_json::Map::new();
            for (kind, s) in &result.types {
                let fields: serde_json::Map<String, Value> = s
                    .fields
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(eval::round4(*v))))
                    .collect();
                obj.insert(
                    kind.clone(),
                    serde_json::json!({
                        "gold": s.gold, "pred": s.pred, "matched": s.matched,
                        "precision": eval::round4(s.precision),
                        "recall": eval::round4(s.recall),
                        "f1": eval::round4(s.f1),
                        "fields": fields,
                    }),
                );
            }
            if args.misses {
                obj.insert("misses".into(), serde_json::to_value(&result.misses)?);
            }
            serde_json::to_writer(&mut out, &obj)?;
            writeln!(out)?;
        }
    }
    let mut below = Vec::new();
    for (kind, min) in &args.min {
        let f1 = result.get(kind).map_or(0.0, |s| eval::round4(s.f1));
        if f1 < *min {
            below.push(format!("{kind} F1 {f1:.3} < {min}"));
        }
    }
    if !below.is_empty() {
        writeln!(out, "below threshold: {}", below.join("; "))?;
    }
    out.flush()?;
    Ok(if below.is_empty() {
        exit::OK
    } else {
        exit::NOT_FOUND_OR_PARTIAL
    })
}

fn print_table(out: &mut impl Write, result: &Evaluation, misses: bool) -> io::Result<()> {
    writeln!(
        out,
        "{:<15}{:>6}{:>6}{:>7}{:>8}{:>8}{:>8}  secondary fields",
        "type", "gold", "pred", "match", "P", "R", "F1"
    )?;
    for (kind, s) in &result.types {
        let fields: Vec<String> = s
            .fields
            .iter()
            .map(|(k, v)| format!("{k}={:.2}", eval::round4(*v)))
            .collect();
        writeln!(
            out,
            "{kind:<15}{:>6}{:>6}{:>7}{:>8.3}{:>8.3}{:>8.3}  {}",
            s.gold,
            s.pred,
            s.matched,
            eval::round4(s.precision),
            eval::round4(s.recall),
            eval::round4(s.f1),
            fields.join(" ")
        )?;
    }
    if misses {
        for m in &result.misses {
            match m {
                Miss::Missed { kind, path, record } => {
                    writeln!(out, "missed  {kind}  {path}  {record}")?
                }
                Miss::Extra { kind, path, record } => {
                    writeln!(out, "extra   {kind}  {path}  {record}")?
                }
                Miss::Field {
                    kind,
                    path,
                    field,
                    gold,
                    pred,
                } => writeln!(
                    out,
                    "field   {kind}  {path}  {field}: gold {gold}, got {pred}"
                )?,
            }
        }
    }
    Ok(())
}
