//! `resolution` rules: decisions under "RESOLVED that", "RESOLVED: That",
//! "DECISION:" and the like, one record per numbered decision (sub-items
//! included in their parent's text), with the minute number and item title of
//! the item they sit under. The rule file gives the patterns; this module walks
//! the lines.
//!
//! Councils print the same decision in many shapes, so `start` and `item` may
//! each be a list of patterns (a regex cannot repeat a group name across
//! alternatives). A few shapes are read here because no single line shows them:
//! a paragraph number before "RESOLVED" (group `para`) numbers the minutes'
//! paragraphs, not the decisions, so the next numbered paragraph ends the
//! decision; an unnumbered lead-in ("That the Committee:") directly followed by
//! numbered decisions is not a decision itself; a lettered line under a
//! numbered decision is its sub-item unless it continues the decision
//! numbering; a short sub-heading between groups of decisions ("For
//! Decision", "Regarding EBLN") does not end them; a lead-in ending with a
//! colon takes the paragraph under it; a bare page number inside a decision
//! is page furniture.

use super::context::DocContext;
use super::document::{compile_regex, doc_kind};
use super::file::{RawRule, RuleError};
use super::hints::LineHints;
use super::pattern::Pattern;
use crate::record::{DocKind, Fields, Record};
use serde::Deserialize;

/// A pattern key given as one string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Any of several patterns; the first that matches gives the captures.
#[derive(Debug)]
struct AnyOf(Vec<Pattern>);

impl AnyOf {
    fn captures<'t>(&self, s: &'t str) -> Option<regex::Captures<'t>> {
        self.0.iter().find_map(|r| r.captures(s))
    }
    fn captures_line<'t>(
        &self,
        h: &LineHints,
        i: usize,
        s: &'t str,
    ) -> Option<regex::Captures<'t>> {
        self.0.iter().find_map(|r| r.captures_line(h, i, s))
    }
    fn is_match_line(&self, h: &LineHints, i: usize, s: &str) -> bool {
        self.0.iter().any(|r| r.is_match_line(h, i, s))
    }
    fn may_match_lines(&self, h: &LineHints, from: usize, to: usize, first: &str) -> bool {
        self.0.iter().any(|r| r.may_match_lines(h, from, to, first))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolutionSpec {
    /// Pattern(s) of the line that opens a decision; group `rest` is any text
    /// after the keyword, group `para` a paragraph number before it.
    start: OneOrMany,
    /// Pattern(s) of an item heading; groups `minute` and `title`.
    item: OneOrMany,
    /// An item heading may run over this many following non-blank lines
    /// ("Work programme" / "(Item 12)"); the patterns are tried on the line
    /// joined with 1..N of them, shortest first.
    #[serde(default)]
    item_join: usize,
    /// Pattern(s) of a numbered decision; groups `number` and `text`.
    number: OneOrMany,
    /// Pattern of a sub-item ("a.", "(i)") that belongs to the decision above it.
    sub: String,
    /// Pattern of a line that ends the decisions (beside an item heading or another start).
    end: String,
    #[serde(default)]
    kinds: Vec<String>,
    /// Pattern(s) giving a decision printed without a list number its own
    /// number (group `number`): tried on the lines between the item heading
    /// and the decision ("RESOLUTION NO. 41 OF 2024"), on the heading's
    /// title ("2. RESOLUTION 2024-38, AWARD OF BID"), then on its text
    /// ("adopt Resolution No. 24-09 ...").
    #[serde(default)]
    own_number: Option<OneOrMany>,
    /// Pattern(s) of a line that opens a decision only where a motion's
    /// record (`motion`) follows it within four lines: a US council's
    /// "Action: Approve ..." over "Moved by:" / "Seconded by:" / "Vote:".
    #[serde(default)]
    motion_start: Option<OneOrMany>,
    /// Pattern of a motion's record for `motion_start`.
    #[serde(default)]
    motion: Option<String>,
}

/// A compiled `resolution` rule.
#[derive(Debug)]
pub struct ResolutionRule {
    pub id: String,
    pub priority: i64,
    start: AnyOf,
    item: AnyOf,
    item_join: usize,
    number: AnyOf,
    sub: Pattern,
    end: Pattern,
    kinds: Vec<DocKind>,
    own_number: AnyOf,
    motion_start: AnyOf,
    motion: Option<Pattern>,
}

pub(super) fn compile(raw: &RawRule) -> Result<ResolutionRule, Vec<RuleError>> {
    let spec: ResolutionSpec = raw.spec()?;
    let pats = [("sub", &spec.sub), ("end", &spec.end)];
    let mut res = Vec::new();
    let mut errs = Vec::new();
    let mut lists = Vec::new();
    // (optional lists of patterns: none when not given)
    let none = OneOrMany::Many(Vec::new());
    let own = spec.own_number.as_ref().unwrap_or(&none);
    let motion_start = spec.motion_start.as_ref().unwrap_or(&none);
    for (k, ps) in [
        ("start", &spec.start),
        ("item", &spec.item),
        ("number", &spec.number),
        ("own_number", own),
        ("motion_start", motion_start),
    ] {
        let mut v = Vec::new();
        for p in ps.list() {
            match compile_regex(raw, k, p) {
                Ok(r) => v.push(r),
                Err(e) => errs.push(e),
            }
        }
        if ps.list().is_empty() && k != "own_number" && k != "motion_start" {
            errs.push(raw.error_at(k, format!("`{k}` needs at least one pattern")));
        }
        lists.push(AnyOf(v));
    }
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
    let motion = match &spec.motion {
        Some(p) => match compile_regex(raw, "motion", p) {
            Ok(r) => Some(r),
            Err(e) => {
                errs.push(e);
                None
            }
        },
        None => None,
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    if kinds.is_empty() {
        kinds.push(DocKind::Minutes);
    }
    let mut it = res.into_iter();
    let mut lists = lists.into_iter();
    Ok(ResolutionRule {
        id: raw.id.clone(),
        priority: raw.priority,
        start: lists.next().unwrap(),
        item: lists.next().unwrap(),
        item_join: spec.item_join,
        number: lists.next().unwrap(),
        sub: it.next().unwrap(),
        end: it.next().unwrap(),
        kinds,
        own_number: lists.next().unwrap(),
        motion_start: lists.next().unwrap(),
        motion,
    })
}

/// An item heading: its minute number and title, each where printed.
type Heading = (Option<String>, Option<String>);

struct Pending {
    line: usize,
    number: Option<String>,
    /// How the number is printed ("1)", "(1)", "1."): see [`marker`].
    marker: (bool, char),
    text: String,
}

impl ResolutionRule {
    pub(super) fn line_patterns(&mut self, f: &mut dyn FnMut(&mut Pattern)) {
        for p in self
            .start
            .0
            .iter_mut()
            .chain(self.item.0.iter_mut())
            .chain(self.number.0.iter_mut())
            .chain(self.own_number.0.iter_mut())
        {
            f(p);
        }
        for p in [&mut self.sub, &mut self.end] {
            f(p);
        }
    }

    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The item heading a line is, if it is one: (minute, title).
    pub fn item_heading(&self, line: &str) -> Option<(Option<String>, Option<String>)> {
        let c = self.item.captures(line)?;
        // A date is no item: "7 April 2025; and", a decision's line wrapped
        // after "from".
        let dated = |m: regex::Match| {
            crate::dates::parse_date(&format!("{} {}", &line[..m.start()], m.as_str())).is_some()
                && m.as_str()
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| crate::dates::month_number(w.trim_end_matches(',')).is_some())
        };
        if c.name("title").is_some_and(dated) {
            return None;
        }
        Some((
            // ("4526. Finance": the full stop closes the number.)
            c.name("minute")
                .map(|m| m.as_str().trim_end_matches('.').to_string()),
            c.name("title")
                .map(|m| m.as_str().trim().trim_end_matches(['.', ':']).to_string()),
        ))
    }

    /// The item heading at file line `i` and the last line it takes, reading
    /// a wrapped line with the lines it runs on to: "8. Strengthen arrangements
    /// ... is robust and" is the first line of a numbered sentence, not a
    /// heading. With `item_join`, a heading whose number follows on a later
    /// line ("Work programme" / "(Item 12)") is found at its first line.
    fn heading_at(&self, ctx: &DocContext, clean: &[String], i: usize) -> Option<(Heading, usize)> {
        let hints = ctx.hints;
        if !ctx.wraps(i) {
            if self.item.may_match_lines(hints, i, i, &clean[i]) {
                if let Some(h) = self.item_heading(&clean[i]) {
                    return Some((h, i));
                }
            }
        } else {
            let mut end = i;
            while end + 1 < ctx.doc.end && end - i < 2 && ctx.wraps(end) {
                end += 1;
            }
            if self.item.may_match_lines(hints, i, end, &clean[i]) {
                if let Some(h) = self.item_heading(&clean[i..=end].join(" ")) {
                    return Some((h, end));
                }
            }
            // A heading in capitals as long as a line of text, the minute's
            // sentence below it: "HWB/24/17  BETTER CARE FUND PLAN 2024/25 -
            // QUARTER 1 RETURN" / "The Partnership Manager presented ...".
            if in_capitals(&clean[i]) && clean[i + 1].starts_with(char::is_uppercase) {
                if let Some(h) = self.item_heading(&clean[i]) {
                    return Some((h, i));
                }
            }
        }
        if self.item_join == 0 || clean[i].is_empty() || is_page_number(&clean[i]) {
            return None;
        }
        // The lines a join takes: up to `item_join` non-blank lines after i.
        let mut taken: Vec<usize> = Vec::with_capacity(self.item_join);
        let mut j = i;
        while taken.len() < self.item_join {
            j += 1;
            if j >= ctx.doc.end {
                break;
            }
            let l = clean[j].as_str();
            if !l.is_empty() && !is_page_number(l) {
                taken.push(j);
            }
        }
        let &last = taken.last()?;
        if !self.item.may_match_lines(hints, i, last, &clean[i]) {
            return None;
        }
        let mut joined = clean[i].clone();
        for &j in &taken {
            joined.push(' ');
            joined.push_str(&clean[j]);
            if let Some(h) = self.item_heading(&joined) {
                return Some((h, j));
            }
        }
        None
    }

    /// Whether numbered line `l` (line `j`) carries on the numbering of the
    /// decisions read so far under the decision line `i`: "2." after "1." in
    /// the same style, or a first number after a lead-in.
    fn carries_on(
        &self,
        hints: &LineHints,
        items: &[Pending],
        i: usize,
        j: usize,
        l: &str,
    ) -> bool {
        self.number.captures_line(hints, j, l).is_some_and(|n| {
            let num = n.name("number").map_or("", |m| m.as_str());
            match items.iter().rev().find(|p| p.number.is_some()) {
                Some(p) => p.marker == marker(l) && follows(p.number.as_deref().unwrap_or(""), num),
                None => {
                    is_first_number(num)
                        && (items.iter().all(|p| p.line == i) || is_lead_in(items, i))
                }
            }
        })
    }

    pub fn apply(&self, ctx: &DocContext, clean: &[String], out: &mut Vec<Record>) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let hints = ctx.hints;
        let mut minute: Option<String> = None;
        let mut title: Option<String> = None;
        // The first line after the last item heading or decision: where a
        // decision's own number printed above it may stand.
        let mut above_from = from;
        let mut i = from;
        while i < to {
            let line = clean[i].as_str();
            // A decision line wins over a heading shape: "1. RESOLVED that Mr
            // P Bartlett be duly elected" has the shape of a numbered heading.
            let mut start = self.start.captures_line(hints, i, line).or_else(|| {
                // "Action: Approve ..." counts only over a motion's record.
                let motion = self.motion.as_ref()?;
                let c = self.motion_start.captures_line(hints, i, line)?;
                (i + 1..to.min(i + 5))
                    .any(|k| motion.is_match(&clean[k]))
                    .then_some(c)
            });
            // "3. Agreed Syllabus review 2026": a heading that opens with the
            // keyword's word, not a decision.
            if start.is_some() && KEYWORD_IN_HEADING.is_match(line) {
                start = None;
            }
            // A decision's subject at a wrapped line's end, its verb on the
            // next line: "Members did not accept the recommendation. The
            // Sub-Committee" / "determined that permission be REFUSED ...".
            // So does a motion's record wrapped over lines: "it was proposed
            // by Councillor Rooney, seconded by" / "Councillor McAteer and
            // agreed that the fixed penalty ...".
            let joined_start: String;
            let mut start_end = i;
            if start.is_none() && i + 1 < to {
                let body_verb =
                    ends_with_body(line) && clean[i + 1].starts_with(|c: char| c.is_lowercase());
                let motion = !body_verb
                    && (line.contains(" by") || line.contains("roposal"))
                    && MOTION_OPENS.is_match(line);
                if body_verb || motion {
                    // (a motion's record runs over three lines at most)
                    // (the fewest lines that match)
                    let last = if motion { (i + 2).min(to - 1) } else { i + 1 };
                    let mut end = i;
                    let mut text = line.to_string();
                    while end < last && !clean[end + 1].is_empty() {
                        end += 1;
                        text.push(' ');
                        text.push_str(&clean[end]);
                        if self.start.captures(&text).is_some() {
                            break;
                        }
                    }
                    joined_start = text;
                    // (a motion's text on the lines after its mover is no
                    // decision; its record says it was agreed)
                    let decided =
                        !motion || (i + 1..=end).any(|k| MOTION_DECIDED.is_match(&clean[k]));
                    if end > i && decided {
                        if let Some(c) = self.start.captures(&joined_start) {
                            start = Some(c);
                            start_end = end;
                        }
                    }
                }
            }
            if start.is_none() {
                if let Some(((m, t), last)) = self.heading_at(ctx, clean, i) {
                    let t = t.map(|t| without_link_size(&t).to_string());
                    // A record's labelled reference and subject on lines of
                    // their own ("Decision reference: ODR/24/1" over
                    // "Subject: ..."): each heading gives half of one item.
                    let halves = i < above_from + 8
                        && (m.is_none() != t.is_none())
                        && (minute.is_none() != title.is_none())
                        && m.is_none() == minute.is_some();
                    // A numbered paragraph of the minute ("89.2
                    // RECOMMENDATION TO COUNTY COUNCIL" under "89.
                    // TREASURY MANAGEMENT ..."): the same item goes on.
                    let paragraph =
                        m.as_deref().zip(minute.as_deref()).is_some_and(|(m, cur)| {
                            m.split_once('.').is_some_and(|(n, p)| {
                                n == cur.trim_end_matches('.')
                                    && !p.is_empty()
                                    && p.bytes().all(|b| b.is_ascii_digit())
                            })
                        }) && t.as_deref().is_some_and(|t| DECISION_PARAGRAPH.is_match(t));
                    if paragraph {
                        i = last + 1;
                        continue;
                    }
                    if halves {
                        minute = minute.or(m);
                        title = title.or(t);
                    } else {
                        minute = m;
                        title = t;
                    }
                    i = last + 1;
                    above_from = i;
                    continue;
                }
            }
            let Some(c) = start else {
                i += 1;
                continue;
            };
            // "Recommendation:" / "That the Committee agrees ...": the
            // report's recommendation quoted in the minute, not its decision
            // (which follows it: "Proposed by ..., AGREED ...").
            if line.starts_with("That ")
                && (from..i)
                    .rev()
                    .find(|&k| !clean[k].is_empty())
                    .is_some_and(|k| QUOTED_RECOMMENDATION.is_match(&clean[k]))
            {
                i += 1;
                continue;
            }
            // A heading and its decision on one line ("182. Remembrance
            // wreath: Resolved to purchase a wreath"): the start names the item.
            if let Some(m) = c.name("minute") {
                minute = Some(m.as_str().to_string());
                title = c
                    .name("title")
                    .map(|t| t.as_str().trim().to_string())
                    .filter(|t| !t.is_empty());
            }
            let para = c.name("para").is_some();
            let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
            // The decision's sentence ended on its line, the minute's
            // narrative going on after it ("The Board NOTED the risk
            // register. Two red risks were highlighted: the" / "condition of
            // ..."): the lines below carry the narrative on, not the decision.
            let narrative_after = rest.ends_with('.')
                && c.name("rest").zip(c.get(0)).is_some_and(|(r, whole)| {
                    !whole.as_str()[r.end() - whole.start()..].trim().is_empty()
                });
            // "DECISION)" closing a heading's bracket wrapped from the line
            // above ("... STRATEGY (KEY" / "DECISION)"): no decision.
            if rest.starts_with(')') {
                i += 1;
                continue;
            }
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
                    marker: marker(rest),
                    text,
                });
            }
            let mut j = start_end + 1;
            let mut blank_run = 0;
            // The decision line announces its conditions or reasons below.
            let mut conditions = false;
            // Inside a table a decision announced.
            let mut in_table = false;
            while j < to {
                let l = clean[j].as_str();
                if l.is_empty() {
                    blank_run += 1;
                    j += 1;
                    continue;
                }
                // (a stray full stop on a line of its own is no text)
                if is_page_number(l) || l.bytes().all(|b| b.is_ascii_punctuation()) {
                    j += 1;
                    continue;
                }
                // A numbered line that carries the decisions' numbering on, in
                // their style ("1." after "That the Committee:", "2." after
                // "1."), is a decision even where it has a heading's shape.
                let carries_on = !para && self.carries_on(hints, &items, i, j, l);
                // Decisions grouped under short sub-headings ("For Decision",
                // "Regarding EBLN") go on past them. A sub-heading stands after
                // a blank line or a finished sentence (or a lead-in's colon);
                // a line straight after an unfinished decision is its wrapped
                // rest, as are the lines under a numbered decision ending
                // with a colon ("... the following membership:" / "Councillor
                // Miks").
                let finished = items.last().is_some_and(|p| {
                    let t = p.text.trim_end();
                    t.ends_with(['.', ';']) || (p.number.is_none() && t.ends_with(':'))
                });
                // (an item's own heading, "Minute 120/23 Finance" over "(a)
                // ...", is no sub-heading: the next item starts there)
                if !para
                    && !carries_on
                    && (blank_run > 0 || finished)
                    && is_sub_heading(l)
                    && self.heading_at(ctx, clean, j).is_none()
                    && !(l.ends_with(':') && self.start.is_match_line(hints, j, l))
                {
                    let next = (j + 1..to.min(j + 6)).find(|&k| {
                        let n = clean[k].as_str();
                        !n.is_empty() && !is_page_number(n) && !is_sub_heading(n)
                    });
                    if next.is_some_and(|k| self.carries_on(hints, &items, i, k, &clean[k])) {
                        j += 1;
                        continue;
                    }
                    // A heading after the last decision's full stop
                    // ("... be approved." / "Performance"): the minute's
                    // text goes on, the decisions are over.
                    if items
                        .last()
                        .is_some_and(|p| p.text.trim_end().ends_with('.'))
                    {
                        break;
                    }
                }
                // A table's row is no decision's wrapped text, unless the
                // decision announced it: "the council tax for each band be as
                // follows:" over the bands' table.
                // (tabs that only indent the line make no row)
                let row = ctx.text.lines[j]
                    .text
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{c}')
                    .contains('\t');
                if !para && !carries_on && row && !items.is_empty() {
                    let last = items.last_mut().expect("not empty");
                    if in_table || last.text.trim_end().ends_with(':') {
                        last.text.push(' ');
                        last.text.push_str(l);
                        in_table = true;
                        blank_run = 0;
                        j += 1;
                        continue;
                    }
                    break;
                }
                in_table = false;
                // Decisions each opening "That ..." and then "3. High Needs
                // Block deficit": the minutes' next item, numbered on from
                // the decisions.
                let heading_after_thats = carries_on && {
                    let mut numbered_items = items.iter().filter(|p| p.number.is_some()).peekable();
                    numbered_items.peek().is_some()
                        && numbered_items.all(|p| opens_with_that(&p.text))
                        && !self
                            .number
                            .captures(l)
                            .and_then(|n| n.name("text"))
                            .is_some_and(|t| opens_with_that(t.as_str()))
                        && self.heading_at(ctx, clean, j).is_some()
                };
                // ("The Board:" / "(1) NOTED the findings; and" / "(2) AGREED
                // to establish ...": a list's next item, whatever its verb)
                let list_verb = carries_on && LIST_VERB.is_match(l);
                if self.start.is_match_line(hints, j, l) && !list_verb
                    || self.end.is_match_line(hints, j, l)
                    || (!carries_on && is_paragraph_number(l))
                    || (!carries_on && self.heading_at(ctx, clean, j).is_some())
                    || heading_after_thats
                {
                    break;
                }
                let numbered = self.number.captures_line(hints, j, l).filter(|n| {
                    // A lettered line under a numbered decision is its
                    // sub-item ("2. Authorised ... to" / "a. Take all steps"),
                    // unless it carries the numbering on. Under a numbered
                    // paragraph ("3. RESOLVED that Cabinet agree to:") the
                    // lettered lines are that one decision's sub-items.
                    let num = n.name("number").map_or("", |m| m.as_str());
                    let prev = items.iter().rev().find_map(|p| p.number.as_deref());
                    let sub = self.sub.is_match_line(hints, j, l);
                    // (Under "29.5 Resolved - That the Committee:" the
                    // lettered lines are the decisions the lead-in names.)
                    let under_body = para && names_body_only(&items, i);
                    !(sub && ((para && !under_body) || prev.is_some_and(|p| !follows(p, num))))
                });
                // Bulleted decisions straight under the decision line ("It was
                // agreed that: -" / "• The work plan be noted." / "• ..."):
                // each bullet is one unnumbered decision, also under a
                // paragraph's number ("24.1 It was agreed that:"). Under a
                // numbered decision, or a numbered paragraph's decision,
                // bullets are its parts.
                let bullet = numbered.is_none()
                    && (!para || rest.is_empty() || opens_list(&items, i))
                    && super::is_bullet(&ctx.text.lines[j].text)
                    && items.iter().all(|p| p.number.is_none())
                    && (items.iter().all(|p| p.line != i) || opens_list(&items, i));
                if bullet {
                    // "RESOLVED to GRANT the application in part, as
                    // follows:" over bullets: one decision, its terms part
                    // of it.
                    if join_conditions(&mut items, i, l, &mut conditions) {
                        blank_run = 0;
                        j += 1;
                        continue;
                    }
                    if opens_list(&items, i) {
                        items.clear();
                    }
                    items.push(Pending {
                        line: j,
                        marker: (false, '•'),
                        number: None,
                        text: l.to_string(),
                    });
                } else if let Some(n) = numbered {
                    // "23.2 Resolved – That the Committee:" over "1. Notes
                    // ...": a lead-in's list is the decisions too.
                    let under_lead_in = rest.is_empty()
                        || opens_list(&items, i)
                        || items.iter().any(|p| p.line != i && p.number.is_some());
                    if para && !(under_lead_in && self.carries_on(hints, &items, i, j, l)) {
                        // "1. RESOLVED that ..." then "2. The Chair agreed ...":
                        // the minutes' next paragraph, not a decision. Under
                        // "7.4 The Committee RESOLVED to:" the list is the
                        // decisions.
                        break;
                    }
                    // "GRANTED subject to: (1) ... (2) ...", "REFUSED for the
                    // following reasons: 1. ... 2. ...": one decision, its
                    // conditions or reasons part of it.
                    if join_conditions(&mut items, i, l, &mut conditions) {
                        blank_run = 0;
                        j += 1;
                        continue;
                    }
                    // "(a) A petition ..." / "RESOLVED that ... ." / "(b)
                    // Councillor Lane presented ...": a numbering that does
                    // not start at its first number, after a finished
                    // decision of no number, is the minute's next paragraph.
                    let num = n.name("number").map_or("", |m| m.as_str());
                    if !is_first_number(num)
                        && items.iter().all(|p| p.number.is_none())
                        && items
                            .last()
                            .is_some_and(|p| p.text.trim_end().ends_with('.'))
                    {
                        break;
                    }
                    // "That the Committee:" directly above numbered decisions
                    // introduces them.
                    if is_lead_in(&items, i) {
                        items.clear();
                    }
                    items.push(Pending {
                        line: j,
                        marker: marker(l),
                        number: n.name("number").map(|m| m.as_str().to_string()),
                        text: n.name("text").map_or("", |m| m.as_str()).to_string(),
                    });
                } else if let Some(last) = items.last_mut() {
                    if narrative_after && last.line == i && last.number.is_none() {
                        break;
                    }
                    // A sub-item, or the wrapped rest of a decision. After a blank
                    // line only a sub-item, a lower-case continuation, or the
                    // paragraph under a lead-in ending with a colon ("That the
                    // Committee:" / "Notes the ...") still belongs.
                    let continues = blank_run == 0
                        || self.sub.is_match_line(hints, j, l)
                            && follows_sub_list(l, last.number.as_deref(), &last.text)
                        || l.starts_with(|c: char| c.is_lowercase())
                        || (last.number.is_none() && last.text.trim_end().ends_with(':'));
                    // A new sentence on a line of its own after an unnumbered
                    // decision's full stop is the minutes' narrative or a label ("Cllr
                    // Cole signed the declaration ...", "Reason: ..."), unless
                    // the line above was wrapped at the page's measure.
                    // (In a numbered list a sentence goes on with its
                    // decision: "... when ready." / "See paragraph 7e.")
                    // (A decision with lettered parts goes on past their
                    // sub-headings: "(f) ... 2025." / "Kent Pay Scheme" /
                    // "(g) ...".)
                    let new_sentence = last.number.is_none()
                        && last.text.trim_end().ends_with('.')
                        && l.starts_with(|c: char| c.is_uppercase())
                        && (l.ends_with(['.', '!', '?']) || LABEL.is_match(l))
                        && !ctx.fills_measure(&ctx.text.lines[j - 1].text)
                        && !(last.line + 1..j).any(|k| self.sub.is_match(&clean[k]));
                    if !continues || new_sentence {
                        break;
                    }
                    last.text.push(' ');
                    last.text.push_str(l);
                } else if blank_run <= 2 {
                    // "RESOLVED that" alone, its decision on the next line.
                    items.push(Pending {
                        line: j,
                        marker: marker(l),
                        number: None,
                        text: l.to_string(),
                    });
                } else {
                    break;
                }
                blank_run = 0;
                j += 1;
            }
            // A motion moved and seconded, then the decision it led to
            // ("It was moved by X and seconded by Y that ..." / "RESOLVED
            // that ..."): the decision is the record, not the motion.
            let motion = MOTION_LINE.is_match(line);
            // (past the vote's report between them: "The motion was put to
            // the vote and declared CARRIED.")
            let decided_next = motion
                && (j..to)
                    .filter(|&k| !clean[k].is_empty())
                    .find(|&k| !VOTE_REPORT.is_match(&clean[k]))
                    .is_some_and(|k| {
                        self.start.is_match_line(hints, k, &clean[k])
                            && DECISION_LINE.is_match(&clean[k])
                    });
            // A motion whose vote, printed in a paragraph of its own below
            // it, lost: no decision.
            let lost_below = motion
                && (j..to.min(j + 10))
                    .take_while(|&k| {
                        !self.start.is_match_line(hints, k, &clean[k])
                            && self.heading_at(ctx, clean, k).is_none()
                    })
                    // (an amendment lost is no lost motion)
                    .any(|k| {
                        carried(&clean[k]).is_none()
                            && !clean[k].to_ascii_lowercase().contains("amendment")
                    });
            if decided_next || lost_below {
                i = j;
                continue;
            }
            let single = items.len() == 1;
            // (its own line too: "24-0302 APPROVING AGENDA. Moved by ...")
            let own_above = if single && !self.own_number.0.is_empty() {
                (above_from..=i)
                    .rev()
                    .find_map(|k| self.own_number.captures_line(hints, k, &clean[k]))
                    .or_else(|| title.as_deref().and_then(|t| self.own_number.captures(t)))
                    .and_then(|c| c.name("number").map(|m| m.as_str().to_string()))
            } else {
                None
            };
            above_from = j;
            for mut p in items.into_iter().flat_map(split_inline) {
                if single && p.number.is_none() {
                    p.number = own_above.clone().or_else(|| {
                        self.own_number
                            .captures(&p.text)
                            .and_then(|c| c.name("number").map(|m| m.as_str().to_string()))
                    });
                }
                let Some(text) = carried(strip_that(&p.text)) else {
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                let text = without_tally(text);
                let text = without_narrative(&text);
                out.push(ctx.record(
                    Fields::Resolution {
                        minute: minute.clone(),
                        item_title: title.clone(),
                        number: p.number,
                    },
                    p.line,
                    &text,
                    &self.id,
                ));
            }
            i = j;
        }
    }
}

/// A decision complete in its first sentence ("the Pay Policy Statement be
/// approved.") without the narrative the minute goes on with in the same
/// paragraph ("The ratio between the pay of ... was 1:5.2.").
fn without_narrative(text: &str) -> String {
    static DECIDED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::rules::pattern::builtin(r"\bbe\s+(?:[a-z]+\s+)?(?:approved|noted|agreed|adopted|endorsed|accepted|received|confirmed|deferred|refused|granted|supported)\.$")
            .expect("valid pattern")
    });
    static STATEMENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::rules::pattern::builtin(
            r"^(?:The|This|It|There)\s+[^.]*\b(?:was|were|is|are|had|has)\b",
        )
        .expect("valid pattern")
    });
    let mut at = 0;
    while let Some(k) = text[at..].find(". ") {
        let end = at + k + 1;
        if DECIDED.is_match(&text[..end]) && STATEMENT.is_match(text[end..].trim_start()) {
            return text[..end].to_string();
        }
        at = end;
    }
    text.to_string()
}

/// Decisions numbered inside one line: "(1) That the outcome be noted. (2)
/// That the Director prepare an action plan.", "i. That ... ii. That ...".
/// Only numbers in the first one's style ("(1)" or "i.") that carry its
/// numbering on, before a capital or "that", split it.
fn split_inline(p: Pending) -> Vec<Pending> {
    let mut out = Vec::new();
    let mut cur = p;
    // "RESOLVED: That (1) the strategy be endorsed; (2) ...": the first
    // number after the decision's opening words.
    let opening = strip_that(cur.text.trim_start());
    if cur.number.is_none() && opening.starts_with('(') {
        if let Some(close) = opening.find(") ") {
            let n = &opening[1..close];
            if matches!(n, "1" | "a" | "i") {
                let text = opening[close + 2..].trim_start().to_string();
                cur.number = Some(n.to_string());
                cur.marker = (true, ')');
                cur.text = text;
            }
        }
    }
    loop {
        let style = cur.marker;
        let Some(num) = cur
            .number
            .clone()
            .filter(|_| matches!(style, (true, ')') | (false, '.')))
        else {
            out.push(cur);
            return out;
        };
        // The next number in the same style: " (2) " after "(1)", " ii. "
        // after "i.", before a capital or "that".
        let cut = cur.text.match_indices(' ').find_map(|(at, _)| {
            let rest = &cur.text[at + 1..];
            let (next, after_at) = if style.0 {
                let inner = rest.strip_prefix('(')?;
                let close = inner.find(')')?;
                (&inner[..close], at + 2 + close + 1)
            } else {
                let dot = rest.find('.')?;
                (&rest[..dot], at + 1 + dot + 1)
            };
            if next.is_empty() || !next.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            let after = &cur.text[after_at..];
            let after_trim = after.trim_start();
            // Items parted by semicolons may open in lower case: "(1) the
            // strategy be endorsed; (2) the closure be deferred; and (3) ..."
            let before = cur.text[..at].trim_end();
            let parted =
                before.ends_with(';') || before.ends_with("; and") || before.ends_with("; or");
            (follows(&num, next)
                && after.starts_with(' ')
                && (after_trim.starts_with(|c: char| c.is_uppercase())
                    || after_trim.starts_with("that ")
                    || parted))
                .then(|| (at, next.to_string(), after_at))
        });
        let Some((at, next, from)) = cut else {
            out.push(cur);
            return out;
        };
        let rest = cur.text[from..].trim_start().to_string();
        cur.text.truncate(at);
        // "... be deferred; and (3) ...": the "and" joins the list, it is
        // no part of the decision before it.
        for tail in [" and", " or"] {
            if cur.text.ends_with(&format!(";{tail}")) {
                cur.text.truncate(cur.text.len() - tail.len());
            }
        }
        let line = cur.line;
        out.push(cur);
        cur = Pending {
            line,
            number: Some(next),
            marker: style,
            text: rest,
        };
    }
}

/// How a numbered line prints its number: an opening bracket or not, and the
/// character after the number ("1)", "(1)", "1." differ).
fn marker(l: &str) -> (bool, char) {
    let t = l.trim_start();
    let open = t.starts_with('(');
    let after = t
        .trim_start_matches('(')
        .chars()
        .find(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(' ');
    (open, after)
}

/// A numbering's first number: "1", "a", "i", or "46.1", the first of a
/// minute's decisions numbered after it.
fn is_first_number(num: &str) -> bool {
    matches!(num, "1" | "a" | "i")
        || num.split_once('.').is_some_and(|(m, n)| {
            n == "1" && !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())
        })
}

/// A line that is only a page number ("7") or an e-mail address printed at
/// the top of every page: page furniture between the lines of a decision or
/// a heading.
fn is_page_number(l: &str) -> bool {
    let digits = !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit());
    let email = !l.contains(' ') && l.contains('@') && l.contains('.');
    digits || email
}

/// Whether the decisions read so far are only the decision line's own text
/// and it opens a list: empty, or ending with a colon or a dash ("That the
/// Cabinet:-", "It was agreed that: -").
fn opens_list(items: &[Pending], i: usize) -> bool {
    matches!(items, [p] if p.number.is_none()
        && p.line == i
        && (p.text.trim().is_empty() || p.text.trim_end().ends_with([':', '-', '–', '—'])))
        || names_body_only(items, i)
}

/// Whether the decisions read so far are only the decision line's lead-in
/// naming the body: "That the Committee:".
fn names_body_only(items: &[Pending], i: usize) -> bool {
    matches!(items, [p] if p.number.is_none()
        && p.line == i
        && BODY_LEAD_IN.is_match(p.text.trim().trim_end_matches([':', '-', '–', '—']).trim_end()))
}

/// The label of a minute's numbered paragraph that holds its decision, not
/// the next item: "89.2 RECOMMENDATION TO COUNTY COUNCIL", "4.3 DECISION".
static DECISION_PARAGRAPH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:recommendations?|decisions?|resolved|resolutions?|reasons?\s+for|alternative\s+options)\b")
        .expect("valid pattern")
});

/// A decision line that names only the body whose decisions follow: "RESOLVED:
/// The Board" over bulleted "noted ...", "That the Committee".
static BODY_LEAD_IN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:(?:That|THAT)\s+)?(?:[Tt]he\s+)?(?:[A-Z][A-Za-z&\x27’-]*\s+){0,5}(?:Board|Committee|Sub-Committee|Panel|Cabinet|Council|Forum|Partnership|Authority|Commission|Executive)$")
        .expect("valid pattern")
});

/// A line opening with the number of a paragraph within a minute, "10.3 The
/// Chair thanked ...": the minutes' next paragraph, never a decision's
/// wrapped rest (decisions are numbered "1.", "(a)", not "10.3", unless
/// they carry on a numbering after their minute: "46.1 That ..." under
/// "RESOLVED:").
fn is_paragraph_number(l: &str) -> bool {
    let b = l.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let a = digits(0);
    if !(1..=3).contains(&a) || b.get(a) != Some(&b'.') {
        return false;
    }
    let n = digits(a + 1);
    if !(1..=3).contains(&n) {
        return false;
    }
    let mut k = a + 1 + n;
    if b.get(k) == Some(&b'.') {
        k += 1;
    }
    b.get(k) == Some(&b' ') && b.get(k + 1).is_some_and(u8::is_ascii_uppercase)
}

/// Whether the decisions read so far are only an unnumbered lead-in: the
/// text on the decision line `i` itself, or a line that ends with a colon
/// ("It was APPROVED that;" / "That the Committee for Transport:").
fn is_lead_in(items: &[Pending], i: usize) -> bool {
    matches!(items, [p] if p.number.is_none() && (p.line == i || p.text.trim_end().ends_with(':')))
}

/// A short heading between groups of decisions ("For Decision", "Regarding
/// EBLN", "Noting only"): a few words, capitalised, ending no sentence.
fn is_sub_heading(l: &str) -> bool {
    let words = l.split_whitespace().count();
    // (a label of a few words may end with its colon: "Contractual:")
    let label = words <= 3 && l.ends_with(':');
    (1..=8).contains(&words)
        && l.starts_with(|c: char| c.is_uppercase())
        && (label || !l.ends_with(['.', ';', ':', ',']))
}

/// Whether decision number `next` carries on from `prev` in the same style:
/// "2" after "1", "b" after "a", "ii" after "i".
fn follows(prev: &str, next: &str) -> bool {
    if let (Ok(p), Ok(n)) = (prev.parse::<u32>(), next.parse::<u32>()) {
        return n == p + 1;
    }
    // "46.2" after "46.1": the minute's own decisions, numbered after it.
    if let (Some((pm, p)), Some((nm, n))) = (prev.split_once('.'), next.split_once('.')) {
        return pm == nm && n.parse::<u32>().ok() == p.parse::<u32>().ok().map(|p| p + 1);
    }
    let lower = |s: &str| s.to_ascii_lowercase();
    let (p, n) = (lower(prev), lower(next));
    if let (Some(p), Some(n)) = (roman(&p), roman(&n)) {
        if n == p + 1 {
            return true;
        }
    }
    let (pb, nb) = (p.as_bytes(), n.as_bytes());
    if pb.len() == 1 && nb.len() == 1 {
        return nb[0] == pb[0] + 1 && pb[0].is_ascii_lowercase();
    }
    // "2b" after "2a", "3a" after "2b".
    let split = |s: &str| -> Option<(u32, u8)> {
        let (digits, letter) = s.split_at(s.len().checked_sub(1)?);
        let l = *letter.as_bytes().first()?;
        (l.is_ascii_lowercase() && !digits.is_empty())
            .then(|| digits.parse().ok().map(|d| (d, l)))
            .flatten()
    };
    match (split(&p), split(&n)) {
        (Some((pd, pl)), Some((nd, nl))) => {
            (nd == pd && nl == pl + 1) || (nd == pd + 1 && nl == b'a')
        }
        _ => false,
    }
}

/// The value of a small lower-case Roman numeral ("iv" is 4).
fn roman(s: &str) -> Option<u32> {
    const R: [&str; 12] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    R.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

/// A motion's text without the vote's outcome after it ("... to continue
/// this item. Motion approved." gives "to continue this item."), or `None`
/// for a motion that failed: no decision was made.
fn carried(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let failed = [
        "motion failed",
        "failed to gather",
        "motion was lost",
        "motion was defeated",
        "motion fell",
        "declared lost",
        "was not carried",
        "for lack of a second",
        "died for lack of",
    ];
    if failed.iter().any(|f| lower.contains(f)) {
        return None;
    }
    let outcome = [
        ". motion approved",
        ". motion carried",
        ". motion passed",
        ". the motion carried",
        ". the motion passed",
        ". the motion was carried",
        ". upon a vote",
        ". upon a voice vote",
        ". on a voice vote",
        ". on a vote",
        ". on being put to the vote",
        ". second:",
        ". second by",
        ". seconded by",
        "; second by",
        "; seconded by",
    ];
    // "... the revised schedule. Councilmember Hart seconded the motion."
    // ("... approval of the minutes; Council Member Park seconded.")
    let seconder = lower
        .find(" seconded the motion")
        .or_else(|| lower.find(" seconded."))
        .and_then(|at| {
            let stop = lower[..at].rfind(". ");
            let semi = lower[..at].rfind("; ");
            stop.max(semi)
        });
    let cut = outcome
        .iter()
        .filter_map(|o| lower.find(o))
        .chain(seconder)
        .min();
    let text = match cut {
        // (a cut at "; SECOND by ..." leaves no semicolon behind)
        Some(at) => text[..=at].trim_end_matches(';'),
        None => text,
    };
    Some(without_procedure(text))
}

/// `text` without the tally printed after its verb and who moved and
/// seconded it ("Adopted 3-0 (Mark/Harr)." gives "Adopted.").
fn without_tally(text: &str) -> std::borrow::Cow<'_, str> {
    TALLY.replace_all(text, "$verb")
}

/// An outcome's verb, then the vote as "3-0" and the mover's and
/// seconder's names as "(Mark/Harr)".
static TALLY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)\b(?P<verb>approved|adopted|passed|carried|accepted|denied|continued|ratified|awarded)\s+\d{1,2}\s*[-–]\s*\d{1,2}\b(?:\s*\((?:[A-Z][\w'’.-]*\s*){1,3}/\s*(?:[A-Z][\w'’.-]*\s*){1,3}\))?",
    )
    .expect("valid pattern")
});

/// A sentence of procedure after a decision: who proposed and seconded it,
/// the vote, a member leaving or coming back.
static PROCEDURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:proposed\b|seconded\b|votes?\s*:|voting\s*:|for\s*:?\s*[0-9]+\s*[,;]?\s*against\b|[0-9]+\s+(?:votes?\s+)?(?:for|in\s+favour)\b|\(\s*unanimous(?:ly)?\s*\)|\(\s*(?:for|in\s+favour)\s*[:-]?\s*[0-9]+\b|\(\s*carried\b[^)]*\)|unanimously\s+(?:agreed|carried|resolved)\b|all\s+in\s+favou?r\b|carried(?:\s+unanimously)?\s*\.?\s*$|roll\s+call\b|\(?\s*ayes\s*[:-]|(?:the\s+)?motion\s+(?:carried|passed|approved)\b|(?:cllr|councillor|councilmember|council\s+member|mr|mrs|ms|miss|dr)\.?\s+(?:[A-Z][\w\x27’-]*\s+){1,3}(?:(?:and|&)\s+(?:cllr|councillor|mr|mrs|ms|miss|dr)\.?\s+(?:[A-Z][\w\x27’-]*\s+){1,3})?(?:returned\s+to|left|rejoined|re-joined|entered|arrived\s+at|withdrew\s+from)\s+the\s+(?:meeting|room|chamber))",
    )
    .expect("valid pattern")
});

/// `text` without the procedure printed after the decision ("... be signed
/// as a true record. Proposed Cllr Ellery, seconded Cllr Kerr, all in
/// favour." gives "... be signed as a true record.").
fn without_procedure(text: &str) -> &str {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        // Sentence starts: after ". " / "; " / ") ", or a bracket's "(".
        let start = match c {
            b'.' | b';' | b')' | b',' if b.get(i + 1).is_some_and(u8::is_ascii_whitespace) => {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                j
            }
            b'(' if i > 0 && b[i - 1] == b' ' => i,
            _ => continue,
        };
        // After a comma only a mover and seconder ("..., proposed by Cllr A
        // and seconded by Cllr B"), not a clause ("the budget, proposed by
        // the Director, be approved").
        let clause = c == b',' && !text[start..].to_ascii_lowercase().contains("second");
        if start < b.len() && !clause && PROCEDURE.is_match(&text[start..]) {
            let kept = if c == b'(' || c == b',' {
                &text[..i]
            } else {
                &text[..=i]
            };
            let kept = kept.trim_end();
            if kept.len() >= 8 {
                return kept;
            }
        }
    }
    text
}

/// A labelled line of a minute: "Reason: ...", "Recommendation to Full
/// Council: that ...".
static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^[A-Z][A-Za-z]*(?:\s+[A-Za-z]+){0,4}\s*:\s")
        .expect("valid pattern")
});

/// A numbered item of a decision's list opening with its verb in capitals:
/// "(2) AGREED to establish ...".
static LIST_VERB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[).]\s+(?:AGREED|NOTED|APPROVED|ENDORSED|SUPPORTED|REQUESTED|RECEIVED)\s+(?:to|that|the|a|an)\b")
        .expect("valid pattern")
});

/// A line reporting a vote's outcome only: "The motion was put to the vote
/// and declared CARRIED.", "Motion carried."
static VOTE_REPORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the\s+)?(?:motion|amendment|substantive\s+motion)\s+(?:was\s+)?(?:(?:then\s+)?put\s+to\s+the\s+vote\s+and\s+(?:was\s+)?(?:declared\s+)?)?(?:carried|passed|approved)\b[^.]{0,60}\.?$|^(?:on\s+being\s+put\s+to\s+the\s+vote,?\s+)?(?:the\s+motion\s+was\s+)?carried(?:\s+unanimously)?\.?$")
        .expect("valid pattern")
});

/// A line reporting a motion: "It was moved by ...", "Proposed by ...",
/// "Councillor X moved ...".
static MOTION_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:it\s+was\s+)?(?:moved|proposed)\s+by\b|^motion\b|^(?:up)?on\s+(?:a\s+|the\s+)?motion\s+(?:of|by|from)\b|^(?:[A-Z][\w.\x27’-]*\s+){1,4}moved\b")
        .expect("valid pattern")
});

/// Puts line `l` into the one decision read so far (begun on line `i`)
/// once that decision has announced its own conditions, reasons or terms
/// below it; true if it did.
fn join_conditions(items: &mut [Pending], i: usize, l: &str, conditions: &mut bool) -> bool {
    let [first] = items else {
        return false;
    };
    // (the decision on the start's line, or on the next under a "DECISION:"
    // heading)
    let lead = first.text.trim_end();
    let numbered = l
        .trim_start()
        .trim_start_matches('(')
        .starts_with(|c: char| c.is_ascii_digit());
    *conditions |= first.line <= i + 1
        && (CONDITIONS_LEAD.is_match(lead) || !numbered && PARTS_LEAD.is_match(lead));
    if *conditions {
        first.text.push(' ');
        first.text.push_str(l);
    }
    *conditions
}

/// A heading without the size a web page prints after its link to the
/// item's papers: "Minutes of the previous meeting PDF 210 KB".
fn without_link_size(title: &str) -> &str {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.as_slice() {
        [.., kind, size, unit]
            if matches!(*kind, "PDF" | "DOC" | "DOCX")
                && size.parse::<f64>().is_ok()
                && matches!(*unit, "KB" | "MB") =>
        {
            let cut = title.rfind(kind).unwrap_or(title.len());
            title[..cut].trim_end()
        }
        _ => title,
    }
}

/// A line that opens with the decision's keyword: "RESOLVED that ...",
/// "12.1 It was RESOLVED that ...", "AGREED:".
static DECISION_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:[\d./]+\s+)?(?:(?:now,?\s+)?therefore,?\s+)?(?:be\s+it\s+(?:further\s+)?)?(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed|decision)\b,?\s*(?:that|to|:|[–—-])")
        .expect("valid pattern")
});

/// A decision's words that announce its own conditions or reasons below
/// it: "subject to:", "for the following reasons:", a licence granted "as
/// follows:", "make the following recommendations to the Cabinet Member:".
static CONDITIONS_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)(?:subject\s+to(?:\s+the\s+following(?:\s+conditions)?)?|for\s+the\s+following\s+reasons?|(?:the\s+)?following\s+(?:additional\s+|further\s+|amended\s+)?conditions|\b(?:grant|refuse|vary|revoke|suspend|impose|approve\s+the\s+application)(?:s|d|ed)?\b[^:]*\bas\s+follows|\bmakes?\s+the\s+following\s+recommendations?\s+to\b[^:]*|\bthe\s+following\s+recommendations?\s+be\s+made\s+to\b[^:]*)\s*:?\s*[-–]?$")
        .expect("valid pattern")
});

/// A decision's words that lead in to its own lettered parts: "referred
/// back ... with the following recommendations:", "recommends to the
/// Cabinet Member that:", "be approved, including:". (Numbered lines under
/// them are decisions of their own.)
static PARTS_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)(?:\bwith\s+the\s+following\s+(?:recommendations?|amendments?|changes|additions?)\b[^:]*|\brecommends?\s+to\s+[^:]*?\bthat|\bbe\s+(?:approved|agreed|adopted|endorsed)\b[^:]*?,?\s+including)\s*:?\s*[-–]?$")
        .expect("valid pattern")
});

/// A mover and seconder in brackets, or a vote's count, opening a
/// decision's text.
static MOVER_OR_VOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:\((?:proposed|moved)\b[^()]{0,120}\)|(?:unanimously\s+)?by\s+\d{1,3}\s+votes?\s+to\s+\d{1,3}(?:\s*(?:,|with|and)\s*\d{1,3}\s+abstentions?)?)\s*,?\s*")
        .expect("valid pattern")
});

/// Whether a decision's text opens "That ...".
fn opens_with_that(text: &str) -> bool {
    let t = text.trim_start();
    ["That ", "that ", "THAT "].iter().any(|p| t.starts_with(p))
}

/// "That the report be noted" reads as "the report be noted": the spec's text
/// is the decision itself.
fn strip_that(s: &str) -> &str {
    let t = s.trim();
    // Who moved it and how the vote went, before the decision: "(proposed
    // Cllr Okafor, seconded Cllr Hendry) that ...", "by 5 votes to 2 to ...".
    let t = MOVER_OR_VOTE
        .find(t)
        .map_or(t, |m| t[m.end()..].trim_start());
    // "The Cabinet RESOLVED to:" / "• note the responses": the lead-in's
    // "to:" is no part of the decision.
    let t = ["to: ", "TO: "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .map_or(t, str::trim_start);
    for p in ["That ", "that "] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim();
        }
    }
    t
}

/// A heading opening with a decision's keyword in title case straight before
/// a capitalised word: "3. Agreed Syllabus review 2026".
static KEYWORD_IN_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"^(?:\d{1,3}\.?\s+)?(?:Agreed|Resolved|Decided)\s+(?:[A-SU-Z][a-z]|T[a-gi-np-z])[a-z]*\b",
    )
    .expect("valid pattern")
});

/// A label quoting a report's recommendation in a minute: "Recommendation:",
/// "Officer's recommendation:".
static QUOTED_RECOMMENDATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:(?:the\s+)?officers?(?:['’]s|s['’])?\s+)?recommendations?(?:\(s\))?\s*:?$",
    )
    .expect("valid pattern")
});

/// A motion's record saying it was decided: "... and agreed that".
static MOTION_DECIDED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"\b(?:agreed|resolved|carried|AGREED|RESOLVED|CARRIED|Agreed|Resolved|Carried)\b",
    )
    .expect("valid pattern")
});

/// A line where a motion's record opens: "proposed by", "moved by".
static MOTION_OPENS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:proposed|moved)\s+by\b|\bon\s+the\s+proposal\s+of\b")
        .expect("valid pattern")
});

/// Whether a lettered line after a blank one ("(b) The maintained secondary
/// member voted ...") carries on a decision's own sub-list: it opens one
/// ("(a)", "(i)"), or the decision is or holds the letter before it.
fn follows_sub_list(line: &str, number: Option<&str>, decision: &str) -> bool {
    let marker = line.trim_start().trim_start_matches('(');
    let token = marker.split([')', '.', ' ']).next().unwrap_or("");
    // (roman numerals count on in their own way: "(iv)", "(v)")
    if token.is_empty() || token.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        return true;
    }
    let Some(c) = token.chars().next().filter(char::is_ascii_lowercase) else {
        return true;
    };
    if c == 'a' {
        return true;
    }
    let before = (c as u8 - 1) as char;
    number == Some(before.encode_utf8(&mut [0; 4]))
        || decision.contains(&format!("({before})"))
        || decision.contains(&format!("{before})"))
}

/// Whether a line's words are in capitals: nine letters in ten or more.
fn in_capitals(line: &str) -> bool {
    let (upper, letters) = line
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(u, n), c| {
            (u + usize::from(c.is_uppercase()), n + 1)
        });
    letters >= 8 && upper * 10 >= letters * 9
}

/// Whether a line ends with a deciding body's name, its verb on the line
/// after: "... The Sub-Committee", "the Committee".
fn ends_with_body(line: &str) -> bool {
    let last = line.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "Committee" | "Sub-Committee" | "Board" | "Panel" | "Council" | "Cabinet" | "Authority"
    )
}

#[cfg(test)]
mod tests {
    use super::{follows, without_link_size};

    #[test]
    fn a_links_size_is_no_part_of_a_heading() {
        assert_eq!(
            without_link_size("Minutes of the previous meeting PDF 210 KB"),
            "Minutes of the previous meeting"
        );
        assert_eq!(without_link_size("Budget 2024/25"), "Budget 2024/25");
    }

    #[test]
    fn numbering_carries_on_in_its_own_style() {
        for (prev, next) in [
            ("1", "2"),
            ("a", "b"),
            ("iii", "iv"),
            ("2a", "2b"),
            ("2b", "3a"),
        ] {
            assert!(follows(prev, next), "{prev} → {next}");
        }
        for (prev, next) in [
            ("2", "4"),
            ("b", "a"),
            ("2a", "3b"),
            ("2a", "2a"),
            ("1", "b"),
        ] {
            assert!(!follows(prev, next), "{prev} → {next}");
        }
    }
}
