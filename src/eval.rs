//! Scoring extracted records against hand-checked gold records, by the
//! matching rules of `docs/records.md` ("How the scorer matches"): per record
//! type, which predicted record may stand for which gold record, a one-to-one
//! pairing that takes the most similar pairs first, precision, recall and F1,
//! and the agreement of secondary fields over the matched pairs.
//!
//! Gold files are JSON Lines whose `_coverage` lines name, per file, the
//! record types annotated exhaustively; nothing else is scored. The figures
//! are meant to equal those of the reference scorer (`tools/score.py`) to the
//! last digit, so the loose comparisons it makes on JSON values (a number
//! equals its string, `null` and a missing key are alike) are kept here on
//! purpose.

use crate::record::RECORD_TYPES;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The `type` of a gold file's coverage lines.
pub const COVERAGE: &str = "_coverage";

/// Why records could not be read for scoring.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read `{path}`")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a JSON object: {reason}")]
    Json {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// Read a JSON Lines file of records; blank lines are skipped.
pub fn read_jsonl(path: &Path) -> Result<Vec<Value>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |reason: String| EvalError::Json {
            path: path.to_path_buf(),
            line: n + 1,
            reason,
        };
        match serde_json::from_str::<Value>(line) {
            Ok(v @ Value::Object(_)) => out.push(v),
            Ok(other) => return Err(bad(format!("found {}", json_kind(&other)))),
            Err(e) => return Err(bad(e.to_string())),
        }
    }
    Ok(out)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Fields compared over matched pairs, per type.
pub fn secondary_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "document" => &["doc.title"],
        "meeting" => &["time", "place", "authority"],
        "attendee" => &["chair", "organisation", "honorific"],
        "resolution" => &["minute", "item_title"],
        "recommendation" => &["number", "addressee", "origin"],
        "kpi" => &["indicator", "period", "area"],
        _ => &[],
    }
}

/// Free-text secondary fields: they agree on word overlap, not equality.
const FUZZY_FIELDS: [&str; 6] = [
    "indicator",
    "item_title",
    "addressee",
    "doc.title",
    "place",
    "organisation",
];

/// Words that are not part of a person's name.
const HONORIFICS: [&str; 13] = [
    "councillor",
    "cllr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "the",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z0-9]+(?:\.[0-9]+)?").expect("a valid pattern"));
static NAME_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z][a-z'\-]*").expect("a valid pattern"));
static EXTENSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.[A-Za-z0-9]+$").expect("a valid pattern"));

/// Counts and scores of one record type.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct TypeScore {
    pub gold: usize,
    pub pred: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Share of matched pairs whose field agrees, per secondary field compared.
    pub fields: BTreeMap<String, f64>,
}

/// A difference between gold and predictions, for `--misses`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "miss", rename_all = "snake_case")]
pub enum Miss {
    /// A gold record no prediction matched (a false negative).
    Missed {
        kind: String,
        path: String,
        record: String,
    },
    /// A prediction that matched no gold record (a false positive).
    Extra {
        kind: String,
        path: String,
        record: String,
    },
    /// A matched pair that disagrees on a secondary field.
    Field {
        kind: String,
        path: String,
        field: String,
        gold: Value,
        pred: Value,
    },
}

/// The result of scoring: one [`TypeScore`] per record type, in the spec's
/// order, and every miss.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub types: Vec<(String, TypeScore)>,
    pub misses: Vec<Miss>,
}

impl Evaluation {
    pub fn get(&self, kind: &str) -> Option<&TypeScore> {
        self.types.iter().find(|(k, _)| k == kind).map(|(_, s)| s)
    }
}

/// Score `pred` against `gold`. With `same_stem`, file names match without
/// their extension, so gold written for a text export scores its PDF twin.
pub fn evaluate(gold: &[Value], pred: &[Value], same_stem: bool) -> Evaluation {
    // What each gold file covers (a later coverage line for a file replaces an
    // earlier one) and its gold records by type.
    let mut coverage: BTreeMap<Vec<String>, HashSet<String>> = BTreeMap::new();
    let mut gold_of: HashMap<(Vec<String>, String), Vec<&Value>> = HashMap::new();
    for g in gold {
        let key = path_key(field(g, "source.path"), same_stem);
        let kind = py_str_or_none(g.get("type"));
        if kind.as_deref() == Some(COVERAGE) {
            let types = g
                .get("types")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            coverage.insert(key, types);
        } else {
            gold_of
                .entry((key, kind.unwrap_or_default()))
                .or_default()
                .push(g);
        }
    }
    // Prediction files in the order they first appear: pairing ties are
    // broken by that order.
    let mut pred_files: Vec<(Vec<String>, Vec<&Value>)> = Vec::new();
    let mut file_at: HashMap<Vec<String>, usize> = HashMap::new();
    for p in pred {
        let key = path_key(field(p, "source.path"), same_stem);
        let i = *file_at.entry(key.clone()).or_insert_with(|| {
            pred_files.push((key, Vec::new()));
            pred_files.len() - 1
        });
        pred_files[i].1.push(p);
    }

    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut agree: BTreeMap<&str, BTreeMap<String, (usize, usize)>> = BTreeMap::new();
    let mut misses = Vec::new();
    for (gkey, types) in &coverage {
        let shown = gkey.join("/");
        let preds: Vec<&Value> = pred_files
            .iter()
            .filter(|(pk, _)| suffix_match(pk, gkey))
            .flat_map(|(_, ps)| ps.iter().copied())
            .collect();
        for kind in RECORD_TYPES {
            if !types.contains(kind) {
                continue;
            }
            let empty = Vec::new();
            let gs = gold_of
                .get(&(gkey.clone(), kind.to_string()))
                .unwrap_or(&empty);
            let ps: Vec<&Value> = preds
                .iter()
                .copied()
                .filter(|p| p.get("type").and_then(Value::as_str) == Some(kind))
                .collect();
            let t = totals.entry(kind).or_default();
            t.0 += gs.len();
            t.1 += ps.len();
            let pairs = pair_up(kind, gs, &ps);
            t.2 += pairs.len();
            let mut gold_used = vec![false; gs.len()];
            let mut pred_used = vec![false; ps.len()];
            for &(gi, pi) in &pairs {
                gold_used[gi] = true;
                pred_used[pi] = true;
                for &f in secondary_fields(kind) {
                    let gv = field(gs[gi], f);
                    if present(gv).is_none() && f != "chair" {
                        continue;
                    }
                    let ok = secondary_agrees(f, gs[gi], ps[pi]);
                    let slot = agree
                        .entry(kind)
                        .or_default()
                        .entry(f.to_string())
                        .or_default();
                    slot.0 += usize::from(ok);
                    slot.1 += 1;
                    if !ok {
                        misses.push(Miss::Field {
                            kind: kind.into(),
                            path: shown.clone(),
                            field: f.into(),
                            gold: gv.cloned().unwrap_or(Value::Null),
                            pred: field(ps[pi], f).cloned().unwrap_or(Value::Null),
                        });
                    }
                }
            }
            for (_, g) in gs.iter().enumerate().filter(|(i, _)| !gold_used[*i]) {
                misses.push(Miss::Missed {
                    kind: kind.into(),
                    path: shown.clone(),
                    record: describe(kind, g),
                });
            }
            for (_, p) in ps.iter().enumerate().filter(|(i, _)| !pred_used[*i]) {
                misses.push(Miss::Extra {
                    kind: kind.into(),
                    path: shown.clone(),
                    record: describe(kind, p),
                });
            }
        }
    }

    let types = RECORD_TYPES
        .iter()
        .map(|&kind| {
            let (gold, pred, matched) = totals.get(kind).copied().unwrap_or_default();
            let (precision, recall, f1) = prf(gold, pred, matched);
            let fields = agree
                .get(kind)
                .map(|m| {
                    m.iter()
                        .filter(|(_, (_, n))| *n > 0)
                        .map(|(k, (ok, n))| (k.clone(), *ok as f64 / *n as f64))
                        .collect()
                })
                .unwrap_or_default();
            (
                kind.to_string(),
                TypeScore {
                    gold,
                    pred,
                    matched,
                    precision,
                    recall,
                    f1,
                    fields,
                },
            )
        })
        .collect();
    Evaluation { types, misses }
}

/// The one-to-one pairing: every (gold, prediction) pair that can match,
/// most similar first, each record taken once. Equal similarities keep gold
/// order, then prediction order.
fn pair_up(kind: &str, gs: &[&Value], ps: &[&Value]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gs.iter().enumerate() {
        for (pi, p) in ps.iter().enumerate() {
            let s = similarity(kind, g, p);
            if s > 0.0 {
                candidates.push((s, gi, pi));
            }
        }
    }
    // A stable sort on similarity alone keeps the (gold, prediction) order of ties.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut gold_used = vec![false; gs.len()];
    let mut pred_used = vec![false; ps.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in candidates {
        if gold_used[gi] || pred_used[pi] {
            continue;
        }
        gold_used[gi] = true;
        pred_used[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

/// 0 when the two records cannot stand for each other; otherwise how alike
/// they are, to choose between candidates.
fn similarity(kind: &str, g: &Value, p: &Value) -> f64 {
    let same = |f: &str| loose_eq(field(g, f), field(p, f));
    match kind {
        "document" if same("doc.kind") && same("doc.date") => {
            1.0 + dice(field(g, "doc.title"), field(p, "doc.title"))
        }
        "meeting" if same("meeting_date") && fold(field(g, "body")) == fold(field(p, "body")) => {
            1.0
        }
        "attendee"
            if same("meeting_date")
                && same("role")
                && names_agree(field(g, "name"), field(p, "name")) =>
        {
            1.0
        }
        "resolution"
            if same("meeting_date")
                && display(field(g, "number")) == display(field(p, "number")) =>
        {
            at_least(dice(field(g, "text"), field(p, "text")), 0.8)
        }
        "recommendation" => at_least(dice(field(g, "text"), field(p, "text")), 0.8),
        "kpi" => {
            if !(same_value(field(g, "value"), field(p, "value")) && same("unit")) {
                return 0.0;
            }
            let mut bonus = 0.5 * dice(field(g, "indicator"), field(p, "indicator"));
            bonus += 0.25
                * f64::from(u8::from(
                    fold(field(g, "period")) == fold(field(p, "period")),
                ));
            bonus += 0.25 * f64::from(u8::from(fold(field(g, "area")) == fold(field(p, "area"))));
            1.0 + bonus
        }
        _ => 0.0,
    }
}

fn at_least(s: f64, floor: f64) -> f64 {
    if s >= floor {
        s
    } else {
        0.0
    }
}

fn secondary_agrees(name: &str, g: &Value, p: &Value) -> bool {
    let (gv, pv) = (field(g, name), field(p, name));
    if FUZZY_FIELDS.contains(&name) {
        return if truthy(gv) || truthy(pv) {
            dice(gv, pv) >= 0.6
        } else {
            true
        };
    }
    if matches!(gv, Some(Value::String(_))) || matches!(pv, Some(Value::String(_))) {
        let as_text = |v: Option<&Value>| match v {
            None | Some(Value::Null) => Value::String(String::new()),
            Some(v) => Value::String(display(Some(v))),
        };
        return fold(Some(&as_text(gv))) == fold(Some(&as_text(pv)));
    }
    loose_eq(gv, pv)
}

/// A dotted field of a record (`doc.kind`); `None` when any step is missing.
fn field<'a>(v: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted
        .split('.')
        .try_fold(v, |cur, part| cur.as_object()?.get(part))
}

/// JSON `null` and a missing key count as the same absent value.
fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !v.is_null())
}

/// Equality as the reference scorer sees it: absent equals absent, numbers
/// compare by value (booleans as 0 and 1), everything else structurally.
fn loose_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (present(a), present(b)) {
        (None, None) => true,
        (Some(x), Some(y)) => match (as_number(x), as_number(y)) {
            (Some(m), Some(n)) if !x.is_string() && !y.is_string() => m == n,
            _ => x == y,
        },
        _ => false,
    }
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => {
            let t = s.trim().replace('_', "");
            t.parse::<f64>().ok()
        }
        _ => None,
    }
}

/// Two figures are the same within a relative 1e-9; a numeric string counts.
fn same_value(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (
        present(a).and_then(as_number),
        present(b).and_then(as_number),
    ) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// The text of a value as the reference scorer prints it: `None` for null,
/// `True`/`False`, integers without a fraction, floats with one.
fn display(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            (_, _, Some(f)) => f.to_string(),
            _ => n.to_string(),
        },
        Some(other) => other.to_string(),
    }
}

fn py_str_or_none(v: Option<&Value>) -> Option<String> {
    present(v).map(|v| display(Some(v)))
}

/// False for null, missing, empty strings, zero and `false`.
fn truthy(v: Option<&Value>) -> bool {
    match present(v) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// A value as text for word matching: absent and falsy values are empty.
fn text_of(v: Option<&Value>) -> String {
    if truthy(v) {
        display(v)
    } else {
        String::new()
    }
}

fn words(v: Option<&Value>) -> HashSet<String> {
    let text = text_of(v).to_lowercase().replace('\u{2019}', "'");
    WORD.find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Dice overlap of the two texts' word sets; 1 when both have none.
fn dice(a: Option<&Value>, b: Option<&Value>) -> f64 {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let common = wa.intersection(&wb).count();
    2.0 * common as f64 / (wa.len() + wb.len()) as f64
}

/// Case, punctuation and `&`/`and` folded away.
fn fold(v: Option<&Value>) -> String {
    let text = text_of(v).to_lowercase().replace('&', " and ");
    let parts: Vec<&str> = WORD.find_iter(&text).map(|m| m.as_str()).collect();
    parts.join(" ")
}

/// A person's surname and the initials of the names before it.
fn name_parts(v: Option<&Value>) -> (String, String) {
    let text = text_of(v).to_lowercase();
    let tokens: Vec<&str> = NAME_TOKEN
        .find_iter(&text)
        .map(|m| m.as_str())
        .filter(|t| !HONORIFICS.contains(t))
        .collect();
    match tokens.split_last() {
        None => (String::new(), String::new()),
        Some((last, rest)) => (
            last.to_string(),
            rest.iter().filter_map(|t| t.chars().next()).collect(),
        ),
    }
}

/// Same surname, and initials that agree as far as both give them.
fn names_agree(a: Option<&Value>, b: Option<&Value>) -> bool {
    let (sa, ia) = name_parts(a);
    let (sb, ib) = name_parts(b);
    if sa.is_empty() || sa != sb {
        return false;
    }
    ia.is_empty() || ib.is_empty() || ia.starts_with(&ib) || ib.starts_with(&ia)
}

/// A file path as its components, `.` and empty ones dropped; with
/// `same_stem`, the last one without its extension.
fn path_key(path: Option<&Value>, same_stem: bool) -> Vec<String> {
    let text = text_of(path).replace('\\', "/");
    let mut parts: Vec<String> = text
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(String::from)
        .collect();
    if same_stem {
        if let Some(last) = parts.last_mut() {
            *last = EXTENSION.replace(last, "").into_owned();
        }
    }
    parts
}

/// One path ends with the other, component by component.
fn suffix_match(a: &[String], b: &[String]) -> bool {
    let n = a.len().min(b.len());
    n > 0 && a[a.len() - n..] == b[b.len() - n..]
}

fn prf(gold: usize, pred: usize, matched: usize) -> (f64, f64, f64) {
    let p = if pred > 0 {
        matched as f64 / pred as f64
    } else if gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if gold > 0 {
        matched as f64 / gold as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The key fields of a record, one line, for miss listings.
pub fn describe(kind: &str, r: &Value) -> String {
    let s = |f: &str| display(field(r, f));
    match kind {
        "attendee" => {
            let chair = if truthy(field(r, "chair")) {
                ", chair"
            } else {
                ""
            };
            format!("{} [{}{chair}] {}", s("name"), s("role"), s("meeting_date"))
        }
        "kpi" => format!(
            "{} {} | {} | {} | {}",
            s("value"),
            s("unit"),
            s("indicator"),
            s("period"),
            s("area")
        ),
        "document" => format!("{} {} {}", s("doc.kind"), s("doc.date"), s("doc.title")),
        "meeting" => format!("{} {} {}", s("body"), s("meeting_date"), s("time")),
        _ => {
            let text: String = text_of(field(r, "text")).chars().take(110).collect();
            format!("#{} {text}", s("number"))
        }
    }
}

/// A figure rounded to 4 decimals, as reports print it.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_agree_on_surname_and_initials() {
        let n = |s: &str| Some(Value::String(s.into()));
        assert!(names_agree(
            n("Councillor M Mutton").as_ref(),
            n("M Mutton").as_ref()
        ));
        assert!(names_agree(
            n("Mutton").as_ref(),
            n("Mrs M J Mutton").as_ref()
        ));
        assert!(!names_agree(n("K Mutton").as_ref(), n("M Mutton").as_ref()));
        assert!(!names_agree(
            n("Councillor").as_ref(),
            n("Councillor").as_ref()
        ));
    }

    #[test]
    fn paths_match_by_suffix_and_stem() {
        let k = |s: &str, stem| path_key(Some(&json!(s)), stem);
        assert!(suffix_match(
            &k("corpus/coventry/a.txt", false),
            &k("coventry/a.txt", false)
        ));
        assert!(!suffix_match(
            &k("coventry/a.pdf", false),
            &k("coventry/a.txt", false)
        ));
        assert!(suffix_match(
            &k("coventry/a.pdf", true),
            &k("./coventry/a.txt", true)
        ));
    }

    #[test]
    fn pairs_are_one_to_one_and_best_first() {
        let cov = json!({"type": "_coverage", "source": {"path": "a.txt"}, "types": ["kpi"]});
        let g = |v: f64, ind: &str| json!({"type": "kpi", "source": {"path": "a.txt"}, "value": v, "unit": "percent", "indicator": ind});
        let gold = vec![cov, g(5.0, "x rate"), g(5.0, "y share")];
        let pred = vec![g(5.0, "y share"), g(5.0, "z"), g(7.0, "x rate")];
        let e = evaluate(&gold, &pred, false);
        let s = e.get("kpi").unwrap();
        assert_eq!((s.gold, s.pred, s.matched), (2, 3, 2));
        // "y share" pairs with its twin; "x rate" gets the other 5.
        assert_eq!(s.fields["indicator"], 0.5);
        assert_eq!(
            e.get("attendee").unwrap().precision,
            1.0,
            "no gold, no pred"
        );
        assert_eq!(
            e.misses
                .iter()
                .filter(|m| matches!(m, Miss::Extra { .. }))
                .count(),
            1
        );
    }

    #[test]
    fn loose_values_compare_as_the_reference_does() {
        assert!(loose_eq(None, Some(&Value::Null)));
        assert!(loose_eq(Some(&json!(1)), Some(&json!(1.0))));
        assert!(!loose_eq(Some(&json!("1")), Some(&json!(1))));
        assert!(same_value(Some(&json!("38.1")), Some(&json!(38.1))));
        assert_eq!(display(Some(&json!(3.0))), "3.0");
        assert_eq!(display(None), "None");
    }
}
