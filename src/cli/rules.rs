//! `boardpapers rules check` and `boardpapers rules test`: validate a rule
//! directory, and run its inline examples through the engine. The loading and
//! the example semantics live in the library (`rules`, `rules::examples`);
//! this file parses arguments and prints.

use super::exit;
use anyhow::Context;
use boardpapers::rules::examples::{self, ExampleResult};
use boardpapers::rules::{RuleInfo, RuleSet, RulesError, RULE_TYPES};
use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Check rule files, or run their inline examples.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    Check(CheckArgs),
    Test(TestArgs),
}

/// Load and validate every rule file; print every mistake as
/// `FILE:LINE:COL: message`, or a summary of the rules when all is well.
///
/// Exit status: 0 valid, 2 invalid.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// The rule directory.
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub rules: PathBuf,

    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Run every inline example (`[[rule.example]]`) through the engine and
/// compare the records its rule makes with `expect` (rules/README.md gives
/// the matching rules). Each failure names the rule, the example's file and
/// line, and what was expected against what the rule made.
///
/// Exit status: 0 every example passed, 1 some failed, 2 the rules are invalid.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct TestArgs {
    /// The rule directory.
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub rules: PathBuf,

    /// Only the examples of rules whose id contains this text.
    #[arg(value_name = "FILTER")]
    pub filter: Option<String>,

    /// Also list the examples that passed.
    #[arg(short, long)]
    pub verbose: bool,

    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Lines for people.
    Text,
    /// One JSON object.
    Json,
}

/// A rule with a pattern that takes longer than this to compile gets a
/// warning from `rules check` (the bundled rules' slowest takes ~10 ms).
const SLOW_COMPILE: std::time::Duration = std::time::Duration::from_millis(25);

pub fn run(args: RulesArgs) -> anyhow::Result<u8> {
    match args.command {
        RulesCommand::Check(a) => check(a),
        RulesCommand::Test(a) => test(a),
    }
}

/// Load the rules; invalid rules are printed here (each on its own line) and
/// give `None`, so both subcommands report them the same way.
fn load(dir: &Path) -> anyhow::Result<Option<RuleSet>> {
    match RuleSet::load_dir(dir) {
        Ok(set) => Ok(Some(set)),
        Err(RulesError::Invalid(errors)) => {
            let mut err = io::stderr().lock();
            for e in &errors.0 {
                writeln!(err, "{e}")?;
            }
            let n = errors.0.len();
            writeln!(
                err,
                "{n} error{} in the rules in `{}`",
                if n == 1 { "" } else { "s" },
                dir.display()
            )?;
            Ok(None)
        }
        Err(e) => Err(e).context("cannot load the rules"),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let Some(set) = load(&args.rules)? else {
        return Ok(exit::ERROR);
    };
    let files: BTreeSet<&str> = set.info.iter().map(|r| r.file.as_str()).collect();
    let per_type: Vec<(&str, usize)> = RULE_TYPES
        .iter()
        .map(|t| (*t, set.info.iter().filter(|r| r.kind == *t).count()))
        .collect();
    let examples: usize = set.examples.iter().map(|(_, e)| e.len()).sum();
    let slow: Vec<&RuleInfo> = set
        .info
        .iter()
        .filter(|r| r.slowest_pattern >= SLOW_COMPILE)
        .collect();
    if args.format == ReportFormat::Text {
        let mut err = io::stderr().lock();
        for r in &slow {
            writeln!(
                err,
                "{}:{}: warning: a pattern of rule `{}` takes {} ms to compile (every ingest that processes a file pays it); \
                 a bounded repeat of a large class such as `[\\w…]{{2,120}}` is the usual cause: \
                 name the letters (`[A-Za-zÀ-ÖØ-öø-ſ…]`) or drop the bound",
                r.file,
                r.line,
                r.id,
                r.slowest_pattern.as_millis()
            )?;
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Text => {
            let types: Vec<String> = per_type
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(t, n)| format!("{t} {n}"))
                .collect();
            writeln!(
                out,
                "{}: {} rules in {} files ({}); {} examples",
                args.rules.display(),
                set.info.len(),
                files.len(),
                types.join(", "),
                examples
            )?;
        }
        ReportFormat::Json => {
            let v = serde_json::json!({
                "rules": set.info.len(),
                "files": files,
                "types": per_type.iter().map(|(t, n)| (t.to_string(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
                "examples": examples,
                "hash": set.hash,
                "slow_to_compile": slow.iter().map(|r| serde_json::json!({
                    "rule": r.id, "file": r.file, "line": r.line, "ms": r.slowest_pattern.as_millis() as u64,
                })).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

fn test(args: TestArgs) -> anyhow::Result<u8> {
    let Some(set) = load(&args.rules)? else {
        return Ok(exit::ERROR);
    };
    let mut results = examples::run_all(&set);
    if let Some(f) = &args.filter {
        results.retain(|r| r.rule.contains(f.as_str()));
    }
    let failed = results.iter().filter(|r| !r.passed()).count();
    let tested: BTreeSet<&str> = results.iter().map(|r| r.rule.as_str()).collect();
    let untested: Vec<&str> = set
        .info
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !tested.contains(id))
        .filter(|id| args.filter.as_ref().is_none_or(|f| id.contains(f.as_str())))
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Text => {
            for r in &results {
                if r.passed() {
                    if args.verbose {
                        writeln!(out, "ok   {} ({}:{})", r.rule, r.file, r.line)?;
                    }
                } else {
                    print_failure(&mut out, r)?;
                }
            }
            writeln!(
                out,
                "{} examples of {} rules: {} passed, {} failed; {} rules without examples",
                results.len(),
                tested.len(),
                results.len() - failed,
                failed,
                untested.len()
            )?;
        }
        ReportFormat::Json => {
            let v = serde_json::json!({
                "examples": results.len(),
                "passed": results.len() - failed,
                "failed": failed,
                "results": results,
                "untested": untested,
            });
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        exit::NOT_FOUND_OR_PARTIAL
    } else {
        exit::OK
    })
}

fn print_failure(out: &mut impl Write, r: &ExampleResult) -> io::Result<()> {
    writeln!(
        out,
        "FAIL {} ({}), example {} at {}:{}",
        r.rule, r.rule_type, r.index, r.file, r.line
    )?;
    for p in &r.problems {
        writeln!(out, "  {}", p.message)?;
        for e in &p.expected {
            writeln!(out, "    expected: {e}")?;
        }
        if p.got.is_empty() && !p.expected.is_empty() {
            writeln!(out, "    got:      no records")?;
        }
        for g in &p.got {
            writeln!(out, "    got:      {g}")?;
        }
    }
    Ok(())
}
