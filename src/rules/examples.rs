//! Running the inline examples of rule files (`[[rule.example]]`): each
//! example's text goes through the real extraction path — text reader,
//! cleaning, then either the segmenter (for `document` and `separator`
//! rules, whose work *is* segmentation) or one document of the example's
//! kind — and the records the rule made are compared with `expect`.
//! The matching semantics are documented in `rules/README.md`; this module owns
//! them and the shape of the report `rules test` prints.

use super::file::Example;
use super::{FileInput, RuleInfo, RuleSet};
use crate::extract::text::extract_text;
use crate::extract::Format;
use crate::record::{collapse_ws, DocKind};
use crate::segment;
use crate::source::SourceFile;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

/// The key of an `expect` entry that lists fields which must be null.
pub const NULL_KEY: &str = "null";

/// What one example gave.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleResult {
    pub rule: String,
    /// The rule's type.
    pub rule_type: String,
    /// The rule file and the line of the example's `[[rule.example]]` table.
    pub file: String,
    pub line: usize,
    /// The example's place among its rule's examples, from 1.
    pub index: usize,
    /// Empty when the example passed.
    pub problems: Vec<Problem>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One way an example's records differ from what it expects.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub message: String,
    /// The expected record(s), as written in the example (TOML inline syntax).
    pub expected: Vec<String>,
    /// The record(s) the rule made, as JSON, cut down to the fields compared.
    pub got: Vec<Value>,
}

/// The record type a rule of `rule_type` makes, and the one `expect` entries
/// without a `type` key are compared with.
pub fn record_type_of(rule_type: &str) -> &str {
    match rule_type {
        "attendance" => "attendee",
        "document" | "separator" | "field" => "document",
        other => other,
    }
}

/// The document kind an example runs in when it names none.
fn default_kind(rule_type: &str) -> DocKind {
    match rule_type {
        "attendance" | "resolution" => DocKind::Minutes,
        _ => DocKind::Report,
    }
}

/// Run every example of every rule, in rule-file order.
pub fn run_all(rules: &RuleSet) -> Vec<ExampleResult> {
    let mut out = Vec::new();
    for info in &rules.info {
        let Some((_, examples)) = rules.examples.iter().find(|(id, _)| *id == info.id) else {
            continue;
        };
        for (i, ex) in examples.iter().enumerate() {
            out.push(run_example(rules, info, ex, i + 1));
        }
    }
    out
}

/// Run one example of the rule `info` through the engine and compare.
pub fn run_example(rules: &RuleSet, info: &RuleInfo, ex: &Example, index: usize) -> ExampleResult {
    let mut result = ExampleResult {
        rule: info.id.clone(),
        rule_type: info.kind.clone(),
        file: info.file.clone(),
        line: ex.line,
        index,
        problems: Vec::new(),
    };
    let kind = match ex.doc_kind.as_deref() {
        None => default_kind(&info.kind),
        Some(k) => match DocKind::parse(k) {
            Some(kind) => kind,
            None => {
                result.problems.push(Problem {
                    message: format!("unknown doc_kind `{k}`"),
                    expected: Vec::new(),
                    got: Vec::new(),
                });
                return result;
            }
        },
    };
    let got = records_of(rules, info, ex, kind);
    let default_type = record_type_of(&info.kind);
    let type_of = |e: &toml::Table| {
        e.get("type")
            .and_then(|t| t.as_str())
            .unwrap_or(default_type)
            .to_string()
    };
    let mut wanted: Vec<String> = ex.expect.iter().map(type_of).collect();
    if wanted.is_empty() {
        wanted.push(default_type.to_string());
    }
    let got: Vec<Value> = got
        .into_iter()
        .filter(|r| {
            r["type"]
                .as_str()
                .is_some_and(|t| wanted.iter().any(|w| w == t))
        })
        .collect();
    let shown = |r: &Value| project(r, &ex.expect);
    if ex.exhaustive {
        if got.len() != ex.expect.len() {
            result.problems.push(Problem {
                message: format!(
                    "expected {} record{}, got {}",
                    ex.expect.len(),
                    plural(ex.expect.len()),
                    got.len()
                ),
                expected: ex.expect.iter().map(render_table).collect(),
                got: got.iter().map(shown).collect(),
            });
            return result;
        }
        for (i, (want, have)) in ex.expect.iter().zip(&got).enumerate() {
            let wrong = differences(want, have, default_type);
            if !wrong.is_empty() {
                result.problems.push(Problem {
                    message: format!("record {} of {}: {}", i + 1, got.len(), wrong.join("; ")),
                    expected: vec![render_table(want)],
                    got: vec![shown(have)],
                });
            }
        }
    } else {
        let mut used = vec![false; got.len()];
        for want in &ex.expect {
            let hit = (0..got.len())
                .find(|&i| !used[i] && differences(want, &got[i], default_type).is_empty());
            match hit {
                Some(i) => used[i] = true,
                None => result.problems.push(Problem {
                    message: "no record the rule made matches".into(),
                    expected: vec![render_table(want)],
                    got: got.iter().map(shown).collect(),
                }),
            }
        }
    }
    result
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The records `info` makes from the example's text, as JSON, in line order.
/// A `field` rule stamps no records of its own: its examples see every
/// document and meeting record, whose fields it fills.
fn records_of(rules: &RuleSet, info: &RuleInfo, ex: &Example, kind: DocKind) -> Vec<Value> {
    let text = match extract_text(ex.text.as_bytes()) {
        Ok(t) => t,
        Err(_) => return Vec::new(),
    };
    let clean = rules.clean_text(&text);
    let hints = rules.line_hints(&clean);
    let segmenting = matches!(info.kind.as_str(), "document" | "separator");
    let docs = if segmenting {
        segment::segment(&clean, &text, &hints, rules, "example.txt")
    } else {
        vec![segment::single_document(
            &clean,
            rules,
            kind,
            "example.document",
        )]
    };
    let file = SourceFile {
        abs_path: PathBuf::from(&info.file),
        rel_path: "example.txt".into(),
        format: Format::Text,
        size: ex.text.len() as u64,
    };
    let input = FileInput {
        file: &file,
        sha256: "",
        text: &text,
        clean: &clean,
        hints: &hints,
    };
    rules
        .apply_file(&input, &docs)
        .into_iter()
        .filter(|r| info.kind == "field" || r.rule == info.id)
        .filter_map(|r| serde_json::to_value(&r).ok())
        .collect()
}

/// Every way `have` differs from the expected entry `want`, one message each.
pub fn differences(want: &toml::Table, have: &Value, default_type: &str) -> Vec<String> {
    let mut out = Vec::new();
    if want.get("type").is_none() && have["type"] != default_type {
        out.push(format!(
            "`type`: expected \"{default_type}\", got {}",
            have["type"]
        ));
    }
    for (key, value) in want {
        if key == NULL_KEY {
            let names = value.as_array().map(Vec::as_slice).unwrap_or_default();
            for name in names {
                let name = name.as_str().unwrap_or_default();
                match lookup(have, name) {
                    None | Some(Value::Null) => {}
                    Some(v) => out.push(format!("`{name}`: expected null, got {v}")),
                }
            }
            continue;
        }
        compare(key, value, lookup(have, key), &mut out);
    }
    out
}

fn lookup<'a>(v: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted.split('.').try_fold(v, |cur, part| cur.get(part))
}

fn compare(path: &str, want: &toml::Value, have: Option<&Value>, out: &mut Vec<String>) {
    let shown = |h: Option<&Value>| h.map_or_else(|| "nothing".to_string(), |v| v.to_string());
    let ok = match (want, have) {
        (toml::Value::Table(t), Some(Value::Object(_))) => {
            for (k, v) in t {
                let sub = format!("{path}.{k}");
                compare(&sub, v, have.and_then(|h| h.get(k)), out);
            }
            true
        }
        (toml::Value::String(s), Some(Value::String(h))) => s == h || collapse_ws(s) == *h,
        (toml::Value::Integer(i), Some(Value::Number(n))) => {
            n.as_f64().is_some_and(|h| same_number(*i as f64, h))
        }
        (toml::Value::Float(f), Some(Value::Number(n))) => {
            n.as_f64().is_some_and(|h| same_number(*f, h))
        }
        (toml::Value::Boolean(b), Some(Value::Bool(h))) => b == h,
        (toml::Value::Datetime(d), Some(Value::String(h))) => d.to_string() == *h,
        (toml::Value::Array(a), Some(Value::Array(h))) if a.len() == h.len() => {
            let before = out.len();
            for (i, (w, x)) in a.iter().zip(h).enumerate() {
                compare(&format!("{path}[{i}]"), w, Some(x), out);
            }
            out.len() == before
        }
        _ => false,
    };
    if !ok {
        out.push(format!(
            "`{path}`: expected {}, got {}",
            render_value(want),
            shown(have)
        ));
    }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A record cut down to the fields the example names (and its type), so a
/// report shows what was compared rather than every field.
fn project(record: &Value, expect: &[toml::Table]) -> Value {
    let mut keys: Vec<String> = vec!["type".into()];
    for e in expect {
        for (k, v) in e {
            if k == NULL_KEY {
                keys.extend(
                    v.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|n| n.as_str().map(str::to_string)),
                );
            } else {
                keys.push(k.clone());
            }
        }
    }
    if keys.len() == 1 {
        // Nothing named: show what identifies a record of this type.
        keys.extend(
            [
                "name", "role", "number", "value", "unit", "doc", "text", "line",
            ]
            .map(String::from),
        );
    }
    let mut out = serde_json::Map::new();
    for k in keys {
        if let Some(v) = lookup(record, &k) {
            out.insert(k, v.clone());
        }
    }
    Value::Object(out)
}

/// A TOML table in inline syntax, as an example would write it.
pub fn render_table(t: &toml::Table) -> String {
    let parts: Vec<String> = t
        .iter()
        .map(|(k, v)| format!("{k} = {}", render_value(v)))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn render_value(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => render_table(t),
        toml::Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(render_value).collect();
            format!("[{}]", parts.join(", "))
        }
        toml::Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> toml::Table {
        toml::from_str(s).unwrap()
    }

    #[test]
    fn differences_name_each_wrong_field() {
        let have = serde_json::json!({
            "type": "kpi", "value": 9.3, "unit": "rate", "period": null,
            "doc": {"kind": "report"}
        });
        let want =
            table("value = 9.3\nunit = \"percent\"\nnull = [\"period\"]\ndoc.kind = \"report\"");
        let d = differences(&want, &have, "kpi");
        assert_eq!(
            d,
            vec!["`unit`: expected \"percent\", got \"rate\"".to_string()]
        );
        let want = table("value = 9\nnull = [\"unit\"]");
        let d = differences(&want, &have, "kpi");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(differences(&table("value = 9.3"), &have, "attendee")[0].contains("`type`"));
    }

    #[test]
    fn expected_text_may_wrap() {
        let have = serde_json::json!({"type": "resolution", "text": "a b c"});
        assert!(differences(
            &table("text = \"\"\"a\n b\n   c\"\"\""),
            &have,
            "resolution"
        )
        .is_empty());
    }
}
