//! Reading rule files: TOML in, [`RawRule`]s out, every mistake reported at once
//! as `rules/x.toml:LINE:COL: message`. This layer knows the common keys of a
//! rule (`id`, `type`, `priority`, `description`, `example`) and hands the rest
//! of each rule's table to the engine of its type, which deserialises it with
//! unknown keys rejected.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The rule-file format version this build reads.
pub const FORMAT_VERSION: i64 = 1;

/// Keys every rule may have whatever its type.
pub const COMMON_KEYS: [&str; 5] = ["id", "type", "priority", "description", "example"];

/// One mistake in a rule file, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

/// Every mistake found in a set of rule files.
#[derive(Debug, thiserror::Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// An inline example: text a rule must turn into the expected records.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The input, as lines of a document.
    pub text: String,
    /// Document kind the example runs in (default `report`; `minutes` for minutes rules).
    #[serde(default)]
    pub doc_kind: Option<String>,
    /// Records the rule must give, each as a table of fields to compare; fields not named are not compared.
    #[serde(default)]
    pub expect: Vec<toml::Table>,
    /// Whether `expect` lists every record the rule makes from `text` (the
    /// default); with `false` the rule may make more records than are listed.
    #[serde(default = "yes")]
    pub exhaustive: bool,
    /// 1-based line of the example's `[[rule.example]]` header in its file.
    #[serde(skip)]
    pub line: usize,
}

fn yes() -> bool {
    true
}

/// A rule as read from its file, before its engine compiles it.
pub struct RawRule {
    pub id: String,
    pub kind: String,
    pub priority: i64,
    pub description: Option<String>,
    pub examples: Vec<Example>,
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// The rule's own keys, common ones removed, for its engine.
    pub(crate) rest: String,
    /// Positions of the rule's own keys, to place engine errors.
    pub(crate) key_positions: Vec<(String, usize, usize)>,
}

/// Maps byte offsets to 1-based line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset.min(text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

impl RawRule {
    /// Deserialise the rule's own keys into its engine's spec type. Errors name
    /// the key and its position where the message allows.
    pub fn spec<T: DeserializeOwned>(&self) -> Result<T, Vec<RuleError>> {
        toml::from_str::<T>(&self.rest).map_err(|e| {
            let msg = e.message().trim().to_string();
            vec![self.error_at_key_in_message(&msg)]
        })
    }

    /// An error placed at `key` of this rule if the rule has that key, else at the rule.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> RuleError {
        let (line, col) = self
            .key_positions
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((self.line, self.col), |(_, l, c)| (*l, *c));
        RuleError {
            file: self.file.clone(),
            line,
            col,
            message: format!("rule `{}`: {}", self.id, message.into()),
        }
    }

    fn error_at_key_in_message(&self, msg: &str) -> RuleError {
        // serde names the offending key in backticks: "unknown field `stat`, expected ..."
        let key = msg.split('`').nth(1).unwrap_or("");
        let key = if self.key_positions.iter().any(|(k, _, _)| k == key) {
            key.to_string()
        } else {
            self.key_positions
                .iter()
                .find(|(k, _, _)| msg.contains(&format!("`{k}`")) || msg.contains(k.as_str()))
                .map(|(k, _, _)| k.clone())
                .unwrap_or_default()
        };
        self.error_at(&key, msg)
    }
}

/// Read every rule of one file. Problems are appended to `errors`; the rules
/// that could be read are returned.
pub fn read_rule_file(path: &Path, text: &str, errors: &mut Vec<RuleError>) -> Vec<RawRule> {
    let index = LineIndex::new(text);
    let err = |offset: usize, message: String| {
        let (line, col) = index.position(text, offset);
        RuleError {
            file: path.to_path_buf(),
            line,
            col,
            message,
        }
    };
    let (doc, parse_errors) = DeTable::parse_recoverable(text);
    if !parse_errors.is_empty() {
        for e in parse_errors {
            let at = e.span().map_or(0, |s| s.start);
            errors.push(err(at, e.message().trim().to_string()));
        }
        return Vec::new();
    }
    let top = doc.get_ref();
    match top.get("version").map(|v| (v.span(), v.get_ref())) {
        Some((_, DeValue::Integer(i))) if i.as_str() == FORMAT_VERSION.to_string() => {}
        Some((span, _)) => errors.push(err(
            span.start,
            format!("unsupported `version`; this build reads version {FORMAT_VERSION}"),
        )),
        None => errors.push(err(
            0,
            format!("missing `version = {FORMAT_VERSION}` at the top of the file"),
        )),
    }
    for (key, _) in top.iter() {
        if key.get_ref() != "version" && key.get_ref() != "rule" {
            errors.push(err(
                key.span().start,
                format!(
                    "unknown key `{}`; a rule file has `version` and `[[rule]]` tables",
                    key.get_ref()
                ),
            ));
        }
    }
    let Some(rules) = top.get("rule") else {
        return Vec::new();
    };
    let DeValue::Array(items) = rules.get_ref() else {
        errors.push(err(
            rules.span().start,
            "`rule` must be an array of tables: write `[[rule]]`".into(),
        ));
        return Vec::new();
    };
    // Examples are read from a plain parse of the file: they need no positions
    // beyond their rule's, and multi-line strings survive untouched.
    let plain: Vec<toml::Value> = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|mut t| t.remove("rule"))
        .and_then(|r| match r {
            toml::Value::Array(a) => Some(a),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let start = item.span().start;
        let DeValue::Table(table) = item.get_ref() else {
            errors.push(err(start, "each `rule` must be a table".into()));
            continue;
        };
        let plain_rule = plain.get(n).and_then(|v| v.as_table()).cloned();
        if let Some(rule) = read_rule(path, text, &index, start, table, plain_rule, errors) {
            out.push(rule);
        }
    }
    out
}

fn string_key(
    table: &DeTable<'_>,
    key: &str,
) -> Result<Option<(String, usize)>, (usize, &'static str)> {
    match table.get(key) {
        None => Ok(None),
        Some(v) => match v.get_ref() {
            DeValue::String(s) => Ok(Some((s.to_string(), v.span().start))),
            _ => Err((v.span().start, "must be a string")),
        },
    }
}

fn read_rule(
    path: &Path,
    text: &str,
    index: &LineIndex,
    start: usize,
    table: &DeTable<'_>,
    plain_rule: Option<toml::Table>,
    errors: &mut Vec<RuleError>,
) -> Option<RawRule> {
    let pos = |offset: usize| index.position(text, offset);
    let (line, col) = pos(start);
    let mk = |offset: usize, message: String| {
        let (line, col) = pos(offset);
        RuleError {
            file: path.to_path_buf(),
            line,
            col,
            message,
        }
    };
    let before = errors.len();
    let id = match string_key(table, "id") {
        Ok(Some((id, at))) => {
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            {
                errors.push(mk(
                    at,
                    format!("rule id `{id}` must be letters, digits, `.`, `_` or `-`"),
                ));
            }
            id
        }
        Ok(None) => {
            errors.push(mk(start, "rule has no `id`".into()));
            String::new()
        }
        Err((at, m)) => {
            errors.push(mk(at, format!("`id` {m}")));
            String::new()
        }
    };
    let kind = match string_key(table, "type") {
        Ok(Some((k, at))) => {
            if !super::RULE_TYPES.contains(&k.as_str()) {
                errors.push(mk(
                    at,
                    format!(
                        "rule `{id}`: unknown type `{k}`; expected one of {}",
                        super::RULE_TYPES
                            .iter()
                            .map(|t| format!("`{t}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            k
        }
        Ok(None) => {
            errors.push(mk(start, format!("rule `{id}` has no `type`")));
            String::new()
        }
        Err((at, m)) => {
            errors.push(mk(at, format!("rule `{id}`: `type` {m}")));
            String::new()
        }
    };
    let description = string_key(table, "description")
        .ok()
        .flatten()
        .map(|(s, _)| s);
    let priority = match table.get("priority").map(|v| (v.span().start, v.get_ref())) {
        None => 0,
        Some((_, DeValue::Integer(i))) => i.as_str().replace('_', "").parse().unwrap_or(0),
        Some((at, _)) => {
            errors.push(mk(
                at,
                format!("rule `{id}`: `priority` must be an integer"),
            ));
            0
        }
    };
    // The rule's own keys go to its engine as a TOML document of their own;
    // their positions are kept to place the engine's errors.
    let mut rest_table = plain_rule.unwrap_or_default();
    let mut examples = Vec::new();
    if let Some(v) = rest_table.remove("example") {
        let at = table.get("example").map_or(start, |v| v.span().start);
        match v.try_into::<Vec<Example>>() {
            Ok(mut list) => {
                // Each example is placed at its own table, for `rules test` reports.
                if let Some(DeValue::Array(items)) = table.get("example").map(|v| v.get_ref()) {
                    for (ex, item) in list.iter_mut().zip(items.iter()) {
                        ex.line = pos(item.span().start).0;
                    }
                }
                for ex in &list {
                    if let Some(k) = ex.doc_kind.as_deref() {
                        if crate::record::DocKind::parse(k).is_none() {
                            let (l, c) = (ex.line, 1);
                            errors.push(RuleError {
                                file: path.to_path_buf(),
                                line: l,
                                col: c,
                                message: format!("rule `{id}`: example: unknown doc_kind `{k}`"),
                            });
                        }
                    }
                }
                examples = list;
            }
            Err(e) => errors.push(mk(
                at,
                format!("rule `{id}`: example: {}", e.message().trim()),
            )),
        }
    }
    for k in COMMON_KEYS {
        rest_table.remove(k);
    }
    let key_positions = table
        .iter()
        .filter(|(k, _)| !COMMON_KEYS.contains(&k.get_ref().as_ref()))
        .map(|(k, _)| {
            let (l, c) = pos(k.span().start);
            (k.get_ref().to_string(), l, c)
        })
        .collect();
    let rest = toml::to_string(&rest_table).unwrap_or_default();
    if errors.len() > before {
        return None;
    }
    Some(RawRule {
        id,
        kind,
        priority,
        description,
        examples,
        file: path.to_path_buf(),
        line,
        col,
        rest,
        key_positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<RawRule>, Vec<RuleError>) {
        let mut errors = Vec::new();
        let rules = read_rule_file(Path::new("rules/x.toml"), text, &mut errors);
        (rules, errors)
    }

    #[test]
    fn reads_rules_and_their_own_keys() {
        let (rules, errors) = read(
            "version = 1\n[[rule]]\nid = \"a.b\"\ntype = \"separator\"\npriority = 5\npattern = '^x$'\n[[rule.example]]\ntext = 'x'\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].priority, 5);
        assert!(rules[0].rest.contains("pattern = ") && rules[0].rest.contains("^x$"));
        assert_eq!(rules[0].examples.len(), 1);
        assert_eq!(
            rules[0].examples[0].line, 7,
            "an example is placed at its table"
        );
        assert!(rules[0].examples[0].exhaustive);
        assert_eq!(
            rules[0].line, 2,
            "the rule is placed at its `[[rule]]` header"
        );
    }

    #[test]
    fn every_error_has_a_position() {
        let (_, errors) = read("version = 2\nfoo = 1\n[[rule]]\ntype = \"nope\"\n");
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            shown[0].starts_with("rules/x.toml:1:11: unsupported `version`"),
            "{shown:?}"
        );
        assert!(shown
            .iter()
            .any(|s| s.starts_with("rules/x.toml:2:1: unknown key `foo`")));
        assert!(shown.iter().any(|s| s.contains("rule has no `id`")));
        assert!(shown
            .iter()
            .any(|s| s.starts_with("rules/x.toml:4:8: rule ``: unknown type `nope`")));
    }

    #[test]
    fn syntax_errors_are_placed() {
        let (_, errors) = read("version = 1\n[[rule]\n");
        assert_eq!(errors[0].line, 2, "{errors:?}");
    }
}
