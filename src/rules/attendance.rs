//! `attendance` rules: the people listed at the top of minutes ("Present:",
//! "Members:", "Co-opted Members:", "Officers:", "Apologies:") as `attendee`
//! records. The rule file names the block's start and end and the section
//! labels with their roles; this module splits the name lists, which look the
//! same everywhere ("Councillors A Smith (Chair), B Jones and C Brown",
//! "J Gregg, People Directorate", "P Collard – Carers Trust").

use super::context::DocContext;
use super::document::{compile_regex, doc_kind};
use super::file::{RawRule, RuleError};
use crate::record::{DocKind, Fields, Record, Role};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionSpec {
    /// Pattern of the section's label at the start of a line; the rest of the line is names.
    label: String,
    role: String,
    /// `list` (names separated by commas and "and") or `line` (one person a line, with their organisation after a comma or dash).
    #[serde(default = "default_split")]
    split: String,
}

fn default_split() -> String {
    "list".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendanceSpec {
    /// Pattern of the line that opens the attendance block.
    start: String,
    /// Pattern of the first line after the block.
    end: String,
    /// Role of names before any section label.
    #[serde(default = "default_role")]
    default_role: String,
    section: Vec<SectionSpec>,
    /// Pattern marking the chair inside an entry.
    chair: String,
    /// Pattern of honorifics before a name ("Councillor", "Cllr", "Mrs").
    honorific: String,
    /// Document kinds searched (default: minutes).
    #[serde(default)]
    kinds: Vec<String>,
    /// Most lines the block may span.
    #[serde(default = "default_max_lines")]
    max_lines: usize,
}

fn default_role() -> String {
    "member".into()
}
fn default_max_lines() -> usize {
    120
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Split {
    List,
    Line,
}

#[derive(Debug)]
struct Section {
    label: Regex,
    role: Role,
    split: Split,
}

/// A compiled `attendance` rule.
#[derive(Debug)]
pub struct AttendanceRule {
    pub id: String,
    pub priority: i64,
    start: Regex,
    end: Regex,
    default_role: Role,
    sections: Vec<Section>,
    chair: Regex,
    honorific: Regex,
    kinds: Vec<DocKind>,
    max_lines: usize,
}

fn role(raw: &RawRule, key: &str, s: &str) -> Result<Role, RuleError> {
    Role::parse(s).ok_or_else(|| {
        raw.error_at(
            key,
            format!(
                "unknown role `{s}`; expected one of {}",
                Role::ALL
                    .iter()
                    .map(|r| format!("`{}`", r.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

pub(super) fn compile(raw: &RawRule) -> Result<AttendanceRule, Vec<RuleError>> {
    let spec: AttendanceSpec = raw.spec()?;
    let mut errs = Vec::new();
    let ok = |r: Result<Regex, RuleError>, errs: &mut Vec<RuleError>| match r {
        Ok(re) => Some(re),
        Err(e) => {
            errs.push(e);
            None
        }
    };
    let start = ok(compile_regex(raw, "start", &spec.start), &mut errs);
    let end = ok(compile_regex(raw, "end", &spec.end), &mut errs);
    let chair = ok(compile_regex(raw, "chair", &spec.chair), &mut errs);
    let honorific = ok(
        compile_regex(
            raw,
            "honorific",
            &format!("^(?:{})\\.?\\s+", spec.honorific),
        ),
        &mut errs,
    );
    let mut sections = Vec::new();
    for s in &spec.section {
        let label = ok(
            compile_regex(raw, "section", &format!("^(?:{})", s.label)),
            &mut errs,
        );
        let split = match s.split.as_str() {
            "list" => Split::List,
            "line" => Split::Line,
            other => {
                errs.push(raw.error_at(
                    "section",
                    format!("unknown split `{other}`; expected `list` or `line`"),
                ));
                Split::List
            }
        };
        match (label, role(raw, "section", &s.role)) {
            (Some(label), Ok(role)) => sections.push(Section { label, role, split }),
            (_, Err(e)) => errs.push(e),
            _ => {}
        }
    }
    let default_role = role(raw, "default_role", &spec.default_role).map_err(|e| vec![e])?;
    let mut kinds = Vec::new();
    for k in &spec.kinds {
        match doc_kind(raw, "kinds", k) {
            Ok(k) => kinds.push(k),
            Err(e) => errs.push(e),
        }
    }
    if kinds.is_empty() {
        kinds.push(DocKind::Minutes);
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(AttendanceRule {
        id: raw.id.clone(),
        priority: raw.priority,
        start: start.unwrap(),
        end: end.unwrap(),
        default_role,
        sections,
        chair: chair.unwrap(),
        honorific: honorific.unwrap(),
        kinds,
        max_lines: spec.max_lines,
    })
}

static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^)]*)\)").expect("valid pattern"));
static LIST_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:,|;|(?-u:\b)and(?-u:\b)|&)\s*").expect("valid pattern"));
static ORG_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[–—-]\s+|\s*,\s*").expect("valid pattern"));

impl AttendanceRule {
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }

    pub fn apply(&self, ctx: &DocContext, clean: &[String], out: &mut Vec<Record>) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let Some(first) = (from..to).find(|&i| self.start.is_match(&clean[i])) else {
            return;
        };
        let mut role = self.default_role;
        let mut split = Split::List;
        let mut honorific: Option<String> = None;
        let last = to.min(first + self.max_lines);
        for (i, line) in clean.iter().enumerate().take(last).skip(first) {
            let line = line.as_str();
            if line.is_empty() {
                continue;
            }
            if i > first && self.end.is_match(line) {
                break;
            }
            let mut rest = line;
            if i == first {
                if let Some(m) = self.start.find(line) {
                    rest = &line[m.end()..];
                }
            }
            if let Some((sec, len)) = self
                .sections
                .iter()
                .find_map(|s| s.label.find(rest).map(|m| (s, m.end())))
            {
                role = sec.role;
                split = sec.split;
                honorific = None;
                rest = &rest[len..];
            }
            let rest = rest.trim_start_matches([':', ' ', '-', '–']).trim();
            if rest.is_empty() {
                continue;
            }
            let entries: Vec<&str> = match split {
                Split::Line => vec![rest],
                Split::List => LIST_SEP.split(rest).collect(),
            };
            for entry in entries {
                if let Some(rec) = self.person(ctx, i, entry, role, split, &mut honorific) {
                    out.push(rec);
                }
            }
        }
    }

    fn person(
        &self,
        ctx: &DocContext,
        line: usize,
        entry: &str,
        mut role: Role,
        split: Split,
        honorific: &mut Option<String>,
    ) -> Option<Record> {
        let evidence = entry.trim();
        let mut chair = false;
        let mut organisation = None;
        let mut text = evidence.to_string();
        // Parenthesised notes: "(Chair)", "(Co-opted Member)", "(By Invitation)".
        for c in PAREN.captures_iter(evidence) {
            let note = c[1].trim();
            if self.chair.is_match(note) {
                chair = true;
            } else if note.to_ascii_lowercase().contains("co-opted") {
                role = Role::CoOpted;
            } else if note.to_ascii_lowercase().contains("invitation") {
                role = Role::Invited;
            }
        }
        if self.chair.is_match(evidence) && !chair && !PAREN.is_match(evidence) {
            chair = true;
        }
        text = PAREN.replace_all(&text, "").trim().to_string();
        let mut name = text.as_str();
        // "Name, Organisation" or "Name – Organisation".
        if split == Split::Line || name.contains(" – ") || name.contains(" - ") {
            let mut parts = ORG_SEP.splitn(name, 2);
            let n = parts.next().unwrap_or("");
            if let Some(org) = parts.next() {
                let org = org.trim();
                if !org.is_empty() {
                    organisation = Some(org.to_string());
                }
            }
            name = n;
        }
        let mut name = name.trim().trim_end_matches(['.', ',', ';']).to_string();
        // Honorifics, possibly several ("Councillor Mrs"); a plural one ("Councillors")
        // carries over to the rest of the list.
        let mut found_honorific = None;
        while let Some(m) = self.honorific.find(&name) {
            let h = m.as_str().trim().trim_end_matches('.');
            if found_honorific.is_none() {
                found_honorific = Some(canonical_honorific(h));
            }
            name = name[m.end()..].trim().to_string();
        }
        if let Some(h) = &found_honorific {
            *honorific = Some(h.clone());
        }
        if !looks_like_name(&name) {
            return None;
        }
        let honorific_out = found_honorific.or_else(|| honorific.clone());
        Some(ctx.record(
            Fields::Attendee {
                name,
                honorific: honorific_out,
                role,
                chair,
                organisation,
            },
            line,
            evidence,
            &self.id,
        ))
    }
}

fn canonical_honorific(h: &str) -> String {
    let lower = h.to_ascii_lowercase();
    match lower.as_str() {
        "councillor" | "councillors" | "cllr" | "cllrs" | "councilor" | "councilors"
        | "councilmember" | "council member" | "commissioner" | "commissioners" => {
            if lower.starts_with("councilor")
                || lower.starts_with("council") && lower.contains("member")
            {
                "Council Member".into()
            } else if lower.starts_with("commissioner") {
                "Commissioner".into()
            } else {
                "Councillor".into()
            }
        }
        _ => {
            let mut c = h.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

/// A person's name as printed in attendance lists: one to five words, each
/// starting with a capital letter or an initial, no digits, no sentence.
fn looks_like_name(s: &str) -> bool {
    if s.is_empty() || s.len() > 60 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    const NOT_NAMES: [&str; 12] = [
        "none",
        "nil",
        "other",
        "members",
        "officers",
        "present",
        "apologies",
        "also",
        "the",
        "in",
        "attendance",
        "substitutes",
    ];
    if words.len() == 1 && NOT_NAMES.contains(&words[0].to_ascii_lowercase().as_str()) {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || matches!(*w, "de" | "van" | "von" | "da" | "del" | "la" | "le")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(looks_like_name("M Mutton"));
        assert!(looks_like_name("R MacKenzie-Wilson"));
        assert!(!looks_like_name("There were no apologies"));
        assert!(!looks_like_name("Item 4"));
        assert!(!looks_like_name("None"));
    }

    #[test]
    fn honorifics() {
        assert_eq!(canonical_honorific("Cllr"), "Councillor");
        assert_eq!(canonical_honorific("Councillors"), "Councillor");
        assert_eq!(canonical_honorific("mrs"), "Mrs");
    }
}
