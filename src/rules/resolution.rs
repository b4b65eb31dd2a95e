//! `resolution` rules: decisions under "RESOLVED that", "RESOLVED: That",
//! "DECISION:" and the like, one record per numbered decision (sub-items
//! included in their parent's text), with the minute number and item title of
//! the item they sit under. The rule file gives the patterns; this module walks
//! the lines.

use super::context::DocContext;
use super::document::{compile_regex, doc_kind};
use super::file::{RawRule, RuleError};
use crate::record::{DocKind, Fields, Record};
use regex::Regex;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolutionSpec {
    /// Pattern of the line that opens a decision; group `rest` is any text after the keyword.
    start: String,
    /// Pattern of an item heading; groups `minute` and `title`.
    item: String,
    /// Pattern of a numbered decision; groups `number` and `text`.
    number: String,
    /// Pattern of a sub-item ("a.", "(i)") that belongs to the decision above it.
    sub: String,
    /// Pattern of a line that ends the decisions (beside an item heading or another start).
    end: String,
    #[serde(default)]
    kinds: Vec<String>,
}

/// A compiled `resolution` rule.
#[derive(Debug)]
pub struct ResolutionRule {
    pub id: String,
    pub priority: i64,
    start: Regex,
    item: Regex,
    number: Regex,
    sub: Regex,
    end: Regex,
    kinds: Vec<DocKind>,
}

pub(super) fn compile(raw: &RawRule) -> Result<ResolutionRule, Vec<RuleError>> {
    let spec: ResolutionSpec = raw.spec()?;
    let pats = [
        ("start", &spec.start),
        ("item", &spec.item),
        ("number", &spec.number),
        ("sub", &spec.sub),
        ("end", &spec.end),
    ];
    let mut res = Vec::new();
    let mut errs = Vec::new();
    for (k, p) in pats {
        match compile_regex(raw, k, p) {
            Ok(r) => res.push(r),
            Err(e) => errs.push(e),
        }
    }
    let mut kinds = Vec::new();
    for k in &spec.kinds {
        match doc_kind(raw, "kinds", k) {
            Ok(k) => kinds.push(k),
            Err(e) => errs.push(e),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    if kinds.is_empty() {
        kinds.push(DocKind::Minutes);
    }
    let mut it = res.into_iter();
    Ok(ResolutionRule {
        id: raw.id.clone(),
        priority: raw.priority,
        start: it.next().unwrap(),
        item: it.next().unwrap(),
        number: it.next().unwrap(),
        sub: it.next().unwrap(),
        end: it.next().unwrap(),
        kinds,
    })
}

struct Pending {
    line: usize,
    number: Option<String>,
    text: String,
}

impl ResolutionRule {
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The item heading a line is, if it is one: (minute, title).
    pub fn item_heading(&self, line: &str) -> Option<(Option<String>, Option<String>)> {
        let c = self.item.captures(line)?;
        Some((
            c.name("minute").map(|m| m.as_str().to_string()),
            c.name("title")
                .map(|m| m.as_str().trim().trim_end_matches(['.', ':']).to_string()),
        ))
    }

    /// The item heading at file line `i`, reading a wrapped line with the
    /// lines it runs on to: "8. Strengthen arrangements ... is robust and" is
    /// the first line of a numbered sentence, not a heading.
    fn heading_at(
        &self,
        ctx: &DocContext,
        clean: &[String],
        i: usize,
    ) -> Option<(Option<String>, Option<String>)> {
        if !ctx.wraps(i) {
            return self.item_heading(&clean[i]);
        }
        let mut end = i;
        while end + 1 < ctx.doc.end && end - i < 2 && ctx.wraps(end) {
            end += 1;
        }
        self.item_heading(&clean[i..=end].join(" "))
    }

    pub fn apply(&self, ctx: &DocContext, clean: &[String], out: &mut Vec<Record>) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let mut minute: Option<String> = None;
        let mut title: Option<String> = None;
        let mut i = from;
        while i < to {
            let line = clean[i].as_str();
            if let Some((m, t)) = self.heading_at(ctx, clean, i) {
                minute = m;
                title = t;
                i += 1;
                continue;
            }
            let Some(c) = self.start.captures(line) else {
                i += 1;
                continue;
            };
            let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
            let mut items: Vec<Pending> = Vec::new();
            // Text on the RESOLVED line itself: an unnumbered decision, or a
            // numbered one ("RESOLVED: 1. That ...").
            if !rest.is_empty() {
                let (number, text) = match self.number.captures(rest) {
                    Some(n) => (
                        n.name("number").map(|m| m.as_str().to_string()),
                        n.name("text").map_or("", |m| m.as_str()).to_string(),
                    ),
                    None => (None, rest.to_string()),
                };
                items.push(Pending {
                    line: i,
                    number,
                    text,
                });
            }
            let mut j = i + 1;
            let mut blank_run = 0;
            while j < to {
                let l = clean[j].as_str();
                if l.is_empty() {
                    blank_run += 1;
                    j += 1;
                    continue;
                }
                if self.start.is_match(l)
                    || self.end.is_match(l)
                    || (self.item.is_match(l) && self.heading_at(ctx, clean, j).is_some())
                {
                    break;
                }
                if let Some(n) = self.number.captures(l) {
                    items.push(Pending {
                        line: j,
                        number: n.name("number").map(|m| m.as_str().to_string()),
                        text: n.name("text").map_or("", |m| m.as_str()).to_string(),
                    });
                } else if let Some(last) = items.last_mut() {
                    // A sub-item, or the wrapped rest of a decision. After a blank
                    // line only a sub-item or a lower-case continuation still belongs.
                    let continues = blank_run == 0
                        || self.sub.is_match(l)
                        || l.starts_with(|c: char| c.is_lowercase());
                    if !continues {
                        break;
                    }
                    last.text.push(' ');
                    last.text.push_str(l);
                } else if blank_run <= 2 {
                    // "RESOLVED that" alone, its decision on the next line.
                    items.push(Pending {
                        line: j,
                        number: None,
                        text: l.to_string(),
                    });
                } else {
                    break;
                }
                blank_run = 0;
                j += 1;
            }
            for p in items {
                let text = strip_that(&p.text);
                if text.is_empty() {
                    continue;
                }
                out.push(ctx.record(
                    Fields::Resolution {
                        minute: minute.clone(),
                        item_title: title.clone(),
                        number: p.number,
                    },
                    p.line,
                    text,
                    &self.id,
                ));
            }
            i = j;
        }
    }
}

/// "That the report be noted" reads as "the report be noted": the spec's text
/// is the decision itself.
fn strip_that(s: &str) -> &str {
    let t = s.trim();
    for p in ["That ", "that "] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim();
        }
    }
    t
}
