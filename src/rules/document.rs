//! Rules that find documents and their header fields: `document` (where a
//! document starts and what kind it is), `field` (title, date, time, place, body,
//! authority from a document's first lines) and `separator` (a line after which
//! a new document begins, such as "This page is intentionally left blank").
//! [`crate::segment`] runs them.

use super::file::{RawRule, RuleError};
use super::pattern;
use super::pattern::Pattern;
use crate::record::DocKind;
use serde::Deserialize;

/// Keys of a `type = "document"` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentSpec {
    /// Kind of the document that starts here.
    kind: String,
    /// Pattern of the line that starts it; named groups `title`, `body`, `date` fill those fields.
    start: String,
    /// Pattern of lines just before the start that belong to the document (an authority line).
    #[serde(default)]
    lead: Option<String>,
    /// Only match right after a separator or at the top of the file.
    #[serde(default)]
    after_break: bool,
    /// Only match within the first N non-blank lines of a document.
    #[serde(default)]
    within: Option<usize>,
    /// Also try the start pattern on the line joined with the next non-blank
    /// line, for headings that wrap ("Minutes of the Transport and
    /// Connectivity" / "Policy Committee").
    #[serde(default)]
    join_next: bool,
    /// Pattern of a line that, once seen in the current document, stops this
    /// rule from starting a new one until the next break or document: a
    /// report's own "Appendices" heading makes the appendices after it part of
    /// the report.
    #[serde(default)]
    not_after: Option<String>,
    /// Which line gives the title when the start pattern captures none:
    /// `start` (the matching line), `first` (the document's first line, a lead
    /// line included), `next` or `previous` (the non-blank line after or before the start).
    #[serde(default)]
    title_from: TitleFrom,
    /// False for a paper taken outside any meeting (a record of an officer's
    /// decision): its records get no `meeting_date`.
    #[serde(default = "yes")]
    meeting: bool,
}

/// serde's default for flags that are on unless a rule turns them off.
pub(crate) fn yes() -> bool {
    true
}

/// Which line gives a document's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleFrom {
    #[default]
    Start,
    First,
    Next,
    Previous,
    /// No title: the start line is the document's first content ("Present: ...").
    None,
}

/// A compiled `document` rule.
#[derive(Debug)]
pub struct DocumentRule {
    pub id: String,
    pub priority: i64,
    pub kind: DocKind,
    pub start: Pattern,
    pub lead: Option<Pattern>,
    pub after_break: bool,
    pub within: Option<usize>,
    pub title_from: TitleFrom,
    pub meeting: bool,
    pub join_next: bool,
    pub not_after: Option<Pattern>,
}

/// Header fields a `field` rule can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    Title,
    Date,
    /// The date of the meeting a report or briefing note is addressed to,
    /// where it prints one beside its own date.
    MeetingDate,
    Time,
    Place,
    Body,
    Authority,
}

/// Keys of a `type = "field"` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSpec {
    field: FieldName,
    /// Pattern whose `value` group (or whole match) is the field's text.
    pattern: String,
    /// Document kinds the rule applies to; all when empty.
    #[serde(default)]
    kinds: Vec<String>,
    /// How many lines from the document's start to search.
    #[serde(default = "default_window")]
    window: usize,
    /// The value is on the next non-blank line after the matching line (a label line such as "Place").
    #[serde(default)]
    next_line: bool,
    /// With `next_line`: what the next line must be, its `value` group (or
    /// whole match) the value ("Council Chamber, County Hall" under the
    /// meeting's date and time, not "Membership: ...").
    #[serde(default)]
    next_pattern: Option<String>,
    /// A value that runs to the end of its line may go on over the next line
    /// (a venue wrapped over two lines).
    #[serde(default)]
    join_next: bool,
    /// A value that starts its line may have begun on the line above, a part
    /// of a heading wrapped over two lines ("Transport and Connectivity" /
    /// "Policy Committee").
    #[serde(default)]
    join_previous: bool,
    /// Search the whole file, taking the most frequent value (for the authority's name).
    #[serde(default)]
    file_wide: bool,
    /// Pattern of values the rule must not take ("The County Council" names
    /// no council).
    #[serde(default)]
    reject: Option<String>,
}

fn default_window() -> usize {
    30
}

/// A compiled `field` rule.
#[derive(Debug)]
pub struct FieldRule {
    pub id: String,
    pub priority: i64,
    pub field: FieldName,
    pub pattern: Pattern,
    pub kinds: Vec<DocKind>,
    pub window: usize,
    pub next_line: bool,
    pub next_pattern: Option<Pattern>,
    pub join_next: bool,
    pub join_previous: bool,
    pub file_wide: bool,
    pub reject: Option<Pattern>,
}

impl FieldRule {
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// The value this rule reads from a line, if it matches.
    pub fn value<'t>(&self, line: &'t str) -> Option<&'t str> {
        let c = self.pattern.captures(line)?;
        let m = c.name("value").or_else(|| c.get(0))?;
        self.accept(m.as_str())
    }

    /// Every value this rule reads from a line (a file-wide rule counts each mention).
    pub fn values<'r, 't>(&'r self, line: &'t str) -> impl Iterator<Item = &'t str> + 'r
    where
        't: 'r,
    {
        self.pattern.captures_iter(line).filter_map(|c| {
            let m = c.name("value").or_else(|| c.get(0))?;
            self.accept(m.as_str())
        })
    }

    /// The value a `next_line` rule takes from the line after its match:
    /// the whole line, or what `next_pattern` reads from it.
    pub fn next_value<'t>(&self, line: &'t str) -> Option<&'t str> {
        let Some(p) = &self.next_pattern else {
            return Some(line);
        };
        let c = p.captures(line)?;
        let m = c.name("value").or_else(|| c.get(0))?;
        Some(m.as_str().trim()).filter(|v| !v.is_empty())
    }

    fn accept<'t>(&self, value: &'t str) -> Option<&'t str> {
        let v = value.trim();
        let rejected = self.reject.as_ref().is_some_and(|r| r.is_match(v));
        (!v.is_empty() && !rejected).then_some(v)
    }
}

/// Keys of a `type = "separator"` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeparatorSpec {
    pattern: String,
    /// Kind of a document that follows the separator when no `document` rule names it.
    #[serde(default = "default_after_kind")]
    kind: String,
}

fn default_after_kind() -> String {
    "report".into()
}

/// A compiled `separator` rule.
#[derive(Debug)]
pub struct SeparatorRule {
    pub id: String,
    pub priority: i64,
    pub pattern: Pattern,
    pub kind: DocKind,
}

pub(super) fn compile_regex(raw: &RawRule, key: &str, src: &str) -> Result<Pattern, RuleError> {
    pattern::compile(src).map_err(|e| raw.error_at(key, format!("bad pattern in `{key}`: {e}")))
}

pub(super) fn doc_kind(raw: &RawRule, key: &str, s: &str) -> Result<DocKind, RuleError> {
    DocKind::parse(s).ok_or_else(|| {
        raw.error_at(
            key,
            format!(
                "unknown document kind `{s}`; expected one of {}",
                DocKind::ALL
                    .iter()
                    .map(|k| format!("`{}`", k.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

/// Collect the `Ok`s, or every error.
pub(super) fn all_ok<T>(items: Vec<Result<T, RuleError>>) -> Result<Vec<T>, Vec<RuleError>> {
    let mut ok = Vec::new();
    let mut errs = Vec::new();
    for i in items {
        match i {
            Ok(v) => ok.push(v),
            Err(e) => errs.push(e),
        }
    }
    if errs.is_empty() {
        Ok(ok)
    } else {
        Err(errs)
    }
}

pub(super) fn compile_document(raw: &RawRule) -> Result<DocumentRule, Vec<RuleError>> {
    let spec: DocumentSpec = raw.spec()?;
    let kind = doc_kind(raw, "kind", &spec.kind);
    let start = compile_regex(raw, "start", &spec.start);
    let lead = spec
        .lead
        .as_deref()
        .map(|l| compile_regex(raw, "lead", l))
        .transpose();
    let not_after = spec
        .not_after
        .as_deref()
        .map(|l| compile_regex(raw, "not_after", l))
        .transpose();
    match (kind, start, lead, not_after) {
        (Ok(kind), Ok(start), Ok(lead), Ok(not_after)) => Ok(DocumentRule {
            id: raw.id.clone(),
            priority: raw.priority,
            kind,
            start,
            lead,
            after_break: spec.after_break,
            within: spec.within,
            title_from: spec.title_from,
            meeting: spec.meeting,
            join_next: spec.join_next,
            not_after,
        }),
        (k, s, l, n) => Err([k.err(), s.err(), l.err(), n.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

pub(super) fn compile_field(raw: &RawRule) -> Result<FieldRule, Vec<RuleError>> {
    let spec: FieldSpec = raw.spec()?;
    let pattern = compile_regex(raw, "pattern", &spec.pattern);
    let reject = spec
        .reject
        .as_deref()
        .map(|r| compile_regex(raw, "reject", r))
        .transpose();
    let next_pattern = spec
        .next_pattern
        .as_deref()
        .map(|r| compile_regex(raw, "next_pattern", r))
        .transpose();
    let kinds = spec
        .kinds
        .iter()
        .map(|k| doc_kind(raw, "kinds", k))
        .collect::<Vec<_>>();
    let (pattern, reject, next_pattern) = match (pattern, reject, next_pattern) {
        (Ok(p), Ok(r), Ok(n)) => (p, r, n),
        (p, r, n) => {
            let mut errs: Vec<RuleError> =
                [p.err(), r.err(), n.err()].into_iter().flatten().collect();
            errs.extend(kinds.into_iter().filter_map(Result::err));
            return Err(errs);
        }
    };
    let kinds = all_ok(kinds)?;
    Ok(FieldRule {
        id: raw.id.clone(),
        priority: raw.priority,
        field: spec.field,
        pattern,
        kinds,
        window: spec.window,
        next_line: spec.next_line,
        next_pattern,
        join_next: spec.join_next,
        join_previous: spec.join_previous,
        file_wide: spec.file_wide,
        reject,
    })
}

pub(super) fn compile_separator(raw: &RawRule) -> Result<SeparatorRule, Vec<RuleError>> {
    let spec: SeparatorSpec = raw.spec()?;
    let pattern = compile_regex(raw, "pattern", &spec.pattern).map_err(|e| vec![e])?;
    let kind = doc_kind(raw, "kind", &spec.kind).map_err(|e| vec![e])?;
    Ok(SeparatorRule {
        id: raw.id.clone(),
        priority: raw.priority,
        pattern,
        kind,
    })
}
