//! `recommendation` rules: a lead-in line ("The Board is recommended to:",
//! "The Select Committee is requested to:", "identified nine recommendations
//! for improvement:", "make the following recommendations to the Cabinet
//! Member:") followed by numbered or bulleted items, one record each; or a
//! lead-in that carries its single recommendation on the same line. Or a
//! recommendations tracker: a tab-separated table with a column of
//! recommendations, whose cells list them inline ("a) ... b) ..."), one record
//! each, put to the person a second column names.

use super::context::DocContext;
use super::document::{compile_regex, doc_kind};
use super::file::{RawRule, RuleError};
use super::pattern::Pattern;
use crate::record::{DocKind, Fields, Origin, Record};
use serde::Deserialize;
/// A numbered heading with no text after it, the item's text on the lines
/// below: "Recommendation 1", "Area for improvement 2", "R3".
static NUMBERED_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?i:recommendation|areas?\s+for\s+(?:improvement|development)|improvement\s+area|action)\s+(?P<number>\d{1,2}|[A-Z]\d{1,2})\s*[:.]?$")
        .expect("valid pattern")
});

/// An item that names itself a recommendation ("Recommendation 2 - That
/// ...", "R3: That ..."): after "Recommendation 1" printed as a heading, the
/// list goes on.
static NAMED_ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:(?i:recommendation)\s+[A-Z]?|R)\d{1,2}\b")
        .expect("valid pattern")
});

/// The header of a table's column of recommendation numbers: "No.",
/// "Ref", "Rec", "Recommendation number".
static NUMBER_HEADER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?i:no\.?|number|ref(?:erence)?\.?(?:\s+no\.?)?|rec(?:ommendation)?\.?\s*(?:no\.?|number|ref\.?)?|#|item)$")
        .expect("valid pattern")
});

/// A recommendation's number in its own cell: "1", "R3", "FP1", "2.1".
static ROW_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:[A-Z]{1,3}\s?)?\d{1,2}(?:\.\d{1,2})?[a-z]?$")
        .expect("valid pattern")
});

/// A numbered paragraph that only leads in to a lettered list: "The Forum is
/// asked to:", "Cabinet is recommended to:".
static NUMBERED_LEAD_IN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:[Tt]he\s+)?(?P<addressee>[A-Z][\w&’' -]{1,80}?)\s+(?:is|are)\s+(?:(?:therefore|now|also)\s+)?(?i:asked|recommended|requested|invited)(?:\s+to)?\s*:$")
        .expect("valid pattern")
});

/// A sub-heading inside a list of recommendations naming who the items under
/// it are for: "For the Cabinet Member for Adult Social Care:",
/// "Recommendations to partners", "To the Integrated Care Board:".
static ADDRESSEE_SUBHEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:(?:Recommendations?|RECOMMENDATIONS?)\s+(?:for|to|FOR|TO)\s+(?:the\s+|THE\s+)?(?P<to>[^\s.;][^.;]{0,80}?)\s*:?|(?:For|To)\s+(?:the\s+)?(?P<for>[A-Z][^.;]{1,80}?)\s*:)$")
        .expect("valid pattern")
});

/// A label opening a note printed under a recommendation: its reason, the
/// evidence for it, who leads it and by when, and (in an audit report) the
/// management's response to it.
static NOTE_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?i:rationale|reasons?(?:\s+for\s+(?:the\s+)?recommendation)?|evidence|findings?|lead(?:\s+(?:officer|member))?|timescales?|(?:target|due|implementation|completion)\s+dates?|deadline|(?:action\s+)?owner|resource\s+implications?|cost|why|management\s+(?:response|comments?)|(?:agreed\s+)?actions?\s+(?:agreed|to\s+be\s+taken)|agreed\s+actions?|responsible\s+(?:officers?|person|manager)|(?:officers?|person)\s+responsible|priority|risk\s+rating)\s*:")
        .expect("valid pattern")
});

/// How many non-blank lines at a paper's start are its heading block.
const HEADING_BLOCK_LINES: usize = 12;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationSpec {
    /// Pattern of the lead-in line; groups `addressee` and `rest` (a
    /// recommendation on the same line), and `number` (that recommendation's
    /// own number: "Recommendation 2a: Approve ...").
    #[serde(default)]
    trigger: Option<String>,
    /// Pattern of lead-ins the trigger matches that are none ("You are
    /// invited to attend a meeting of the Cabinet").
    #[serde(default)]
    reject: Option<String>,
    origin: String,
    /// Pattern of a line among a paper's first lines (its heading block)
    /// that makes the paper a review's ("Scrutiny Task and Finish Group:
    /// Home to School Transport"): this rule's recommendations in it are
    /// the review's (origin `review`).
    #[serde(default)]
    review_heading: Option<String>,
    /// Pattern of a list item; groups `number` (optional) and `text`.
    #[serde(default)]
    item: Option<String>,
    /// Tracker: pattern of the header cell of the column of recommendations.
    #[serde(default)]
    column: Option<String>,
    /// Tracker: pattern of the header cell of the column that names who a
    /// row's recommendations are put to.
    #[serde(default)]
    addressee_column: Option<String>,
    /// Tracker: pattern of an item's marker inside a cell ("a) "), group
    /// `number`; a cell that starts with one is cut at each.
    #[serde(default)]
    cell_item: Option<String>,
    /// Accept bulleted items (lines that start with a bullet in the raw text).
    #[serde(default = "yes")]
    bullets: bool,
    /// Most items one lead-in may have.
    #[serde(default = "default_max_items")]
    max_items: usize,
    /// Accept items printed with no marker at all, one a line, straight
    /// under the lead-in (bullets a PDF drew as graphics): the list is the
    /// run of lines with no blank line between them.
    #[serde(default)]
    unmarked: bool,
    #[serde(default)]
    kinds: Vec<String>,
}

fn yes() -> bool {
    true
}
fn default_max_items() -> usize {
    40
}

/// A compiled `recommendation` rule.
#[derive(Debug)]
pub struct RecommendationRule {
    pub id: String,
    pub priority: i64,
    /// Lead-in rules: the lead-in and item patterns; `None` for a tracker.
    trigger: Option<Pattern>,
    reject: Option<Pattern>,
    item: Option<Pattern>,
    tracker: Option<Tracker>,
    origin: Origin,
    review_heading: Option<Pattern>,
    bullets: bool,
    max_items: usize,
    unmarked: bool,
    kinds: Vec<DocKind>,
}

/// The columns of a recommendations tracker.
#[derive(Debug)]
struct Tracker {
    column: Pattern,
    addressee_column: Option<Pattern>,
    cell_item: Pattern,
}

pub(super) fn compile(raw: &RawRule) -> Result<RecommendationRule, Vec<RuleError>> {
    let spec: RecommendationSpec = raw.spec()?;
    let mut errs = Vec::new();
    let mut pattern = |key: &str, p: &Option<String>| {
        p.as_ref()
            .and_then(|p| compile_regex(raw, key, p).map_err(|e| errs.push(e)).ok())
    };
    let trigger = pattern("trigger", &spec.trigger);
    let reject = pattern("reject", &spec.reject);
    let item = pattern("item", &spec.item);
    let review_heading = pattern("review_heading", &spec.review_heading);
    let column = pattern("column", &spec.column);
    let addressee_column = pattern("addressee_column", &spec.addressee_column);
    let cell_item = pattern("cell_item", &spec.cell_item);
    if spec.column.is_some() {
        if spec.trigger.is_some() || spec.item.is_some() {
            errs.push(raw.error_at(
                "column",
                "a tracker (`column`) takes no `trigger` or `item`".to_string(),
            ));
        }
        if spec.cell_item.is_none() {
            errs.push(raw.error_at(
                "column",
                "a tracker (`column`) needs `cell_item`".to_string(),
            ));
        }
    } else {
        for (key, given) in [("trigger", &spec.trigger), ("item", &spec.item)] {
            if given.is_none() {
                errs.push(raw.error_at(
                    "type",
                    format!("missing `{key}` (or `column` for a recommendations tracker)"),
                ));
            }
        }
        if spec.addressee_column.is_some() || spec.cell_item.is_some() {
            errs.push(raw.error_at(
                "type",
                "`addressee_column` and `cell_item` apply to a tracker (`column`) only".to_string(),
            ));
        }
    }
    let origin = Origin::parse(&spec.origin);
    if origin.is_none() {
        errs.push(raw.error_at(
            "origin",
            format!(
                "unknown origin `{}`; expected one of {}",
                spec.origin,
                Origin::ALL
                    .iter()
                    .map(|o| format!("`{}`", o.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
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
    let tracker = column.map(|column| Tracker {
        column,
        addressee_column,
        cell_item: cell_item.expect("checked above"),
    });
    Ok(RecommendationRule {
        id: raw.id.clone(),
        priority: raw.priority,
        trigger,
        reject,
        item,
        tracker,
        origin: origin.unwrap(),
        review_heading,
        bullets: spec.bullets,
        max_items: spec.max_items,
        unmarked: spec.unmarked,
        kinds,
    })
}

impl RecommendationRule {
    pub(super) fn line_patterns(&mut self, f: &mut dyn FnMut(&mut Pattern)) {
        self.trigger
            .iter_mut()
            .chain(self.item.iter_mut())
            .for_each(f);
    }

    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    /// Apply to a document. `claimed` marks lines already used by a
    /// higher-priority recommendation rule, so two rules never emit one item twice.
    pub fn apply(
        &self,
        ctx: &DocContext,
        clean: &[String],
        claimed: &mut [bool],
        out: &mut Vec<Record>,
    ) {
        let (Some(trigger), Some(item)) = (&self.trigger, &self.item) else {
            if let Some(tracker) = &self.tracker {
                self.apply_tracker(tracker, ctx, clean, claimed, out);
                self.apply_flat_tracker(tracker, ctx, clean, claimed, out);
                self.apply_aligned_tracker(tracker, ctx, claimed, out);
            }
            return;
        };
        let item_re = item;
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let raw_lines = &ctx.text.lines;
        let hints = ctx.hints;
        let is_item = |j: usize| {
            item_at(item, hints, j, &clean[j]).is_some()
                || (self.bullets && super::is_bullet(&raw_lines[j].text))
        };
        let mut i = from;
        while i < to {
            if claimed[i - from] {
                i += 1;
                continue;
            }
            // A lead-in wrapped over several lines ("... the Board" / "should:")
            // is matched whole; the single line is the fallback.
            let mut end = i;
            // A line that continues the one above was read with it: its
            // paragraph is matched joined from its first line only.
            let continuation = i > from && ctx.wraps(i - 1);
            while !continuation
                && end + 1 < to
                && end - i < 5
                && (ctx.wraps(end)
                    || clean[end + 1].trim_end().ends_with(':') && ends_mid_phrase(&clean[end]))
                && !claimed[end + 1 - from]
            {
                if is_item(end + 1) {
                    break;
                }
                end += 1;
            }
            let joined = (end > i && trigger.may_match_lines(hints, i, end, &clean[i]))
                .then(|| clean[i..=end].join(" "));
            let found = joined
                .as_deref()
                .and_then(|j| trigger.captures(j).map(|c| (c, end)))
                .or_else(|| trigger.captures_line(hints, i, &clean[i]).map(|c| (c, i)));
            let Some((c, last)) = found.filter(|(c, _)| {
                let lead = c.get(0).map_or("", |m| m.as_str());
                !self.reject.as_ref().is_some_and(|r| r.is_match(lead))
            }) else {
                i += 1;
                continue;
            };
            // (The regex crate allows a name once: a trigger's second
            // alternative names its addressee `addressee2`.)
            let addressee = c
                .name("addressee")
                .or_else(|| c.name("addressee2"))
                .map(|m| clean_addressee(m.as_str()))
                .filter(|s| !s.is_empty());
            let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
            // A lead-in ending in a colon may introduce an unmarked list of
            // clauses, one per line: "the Board should:" / "cultivate ...".
            let colon = c
                .get(0)
                .is_some_and(|m| m.as_str().trim_end().ends_with(':'));
            // "Recommendations:" / "The Select Committee:" / "1. Recommends
            // that ...": a short line naming who recommends carries the
            // lead-in on to the list ("RECOMMENDATIONS TO COUNCIL" / "That
            // Cabinet RECOMMENDS TO COUNCIL that:" too).
            let mut last = last;
            if rest.is_empty() {
                if let Some(k) = (last + 1..to).find(|&k| !clean[k].is_empty()) {
                    let l = clean[k].as_str();
                    if !claimed[k - from]
                        && l.ends_with(':')
                        && l.split_whitespace().count() <= 8
                        && (l.starts_with("The ") || l.starts_with("That "))
                        && !is_item(k)
                    {
                        last = k;
                    }
                }
            }
            // A heading with no colon, "89.2 RECOMMENDATION TO COUNTY
            // COUNCIL", over one paragraph, "That the County Council notes
            // ...": that paragraph is the recommendation.
            // So does a numbered label on a line of its own over the
            // recommendation it names, an executive's response below it:
            // "Recommendation 1" / "That the Council publishes ..." /
            // "Response: Agreed."
            let labelled = c.name("number").is_some();
            if rest.is_empty() && !colon && (addressee.is_some() || labelled) {
                let next = (last + 1..to).find(|&k| !clean[k].is_empty());
                if let Some(k) =
                    next.filter(|&k| !claimed[k - from] && clean[k].starts_with("That "))
                {
                    let mut text = clean[k].clone();
                    let mut j = k + 1;
                    while j < to
                        && !clean[j].is_empty()
                        && !claimed[j - from]
                        && !trigger.is_match_line(hints, j, &clean[j])
                        && item_at(item, hints, j, &clean[j]).is_none()
                        && (!labelled || !RESPONSE_LABEL.is_match(&clean[j]))
                    {
                        text.push(' ');
                        text.push_str(&clean[j]);
                        j += 1;
                    }
                    // (a paragraph ending in a colon leads in to a list)
                    if !text.ends_with(':') {
                        for m in i..j {
                            claimed[m - from] = true;
                        }
                        let number = c.name("number").map(|m| m.as_str().to_string());
                        self.push_items(ctx, &addressee, vec![(k, number, text)], out);
                        i = j;
                        continue;
                    }
                }
            }
            for k in i..=last {
                claimed[k - from] = true;
            }
            // A recommendation complete on its lead-in line ("Cabinet is asked
            // to NOTE the report") has no list below it: the numbered line
            // after it is the paper's next section. It goes on only over the
            // lines it wraps to.
            if !colon && rest.chars().any(char::is_alphanumeric) && !announces_list(rest) {
                let mut text = rest.to_string();
                let (mut j, mut prev) = (last + 1, last);
                while j < to {
                    let l = clean[j].as_str();
                    // (a line cut before a name, "... of the Local Government"
                    // / "Act 1972, the press and public be excluded ...": the
                    // sentence goes on where the next line's first words do)
                    let cut = !text.trim_end().ends_with(['.', ';', ':', '!', '?'])
                        && l.split_whitespace()
                            .take(4)
                            .any(|w| w.starts_with(|c: char| c.is_lowercase()));
                    let wrapped =
                        ctx.wraps(prev) || cut || l.starts_with(|c: char| c.is_lowercase());
                    if l.is_empty()
                        || !wrapped
                        || claimed[j - from]
                        || trigger.is_match_line(hints, j, l)
                        || item_at(item, hints, j, l).is_some()
                    {
                        break;
                    }
                    text.push(' ');
                    text.push_str(l);
                    claimed[j - from] = true;
                    prev = j;
                    j += 1;
                }
                // ("Recommendation 2a: Approve ...": the lead-in's own number)
                let number = c.name("number").map(|m| m.as_str().to_string());
                self.push_items(ctx, &addressee, vec![(i, number, text)], out);
                i = j;
                continue;
            }
            let mut items: Vec<(usize, Option<String>, String)> = Vec::new();
            let mut style: Option<Numbering> = None;
            // The numbering of the list around a nested one: "2. Residents
            // Parking" over "a. ..." and "b. ...", then "3. ...".
            let mut outer: Option<Numbering> = None;
            let mut j = last + 1;
            let mut blank_run = 0;
            // The last non-blank line taken into the list.
            let mut prev = last;
            // The longest line taken into the list, to tell a paragraph's
            // short last line.
            let mut longest = 0usize;
            // The items are numbered headings with their text below.
            let mut headed = false;
            // The character after the first item's number: ")" or ".".
            let mut list_mark: Option<char> = None;
            // Inside a labelled note under an item ("Rationale: ..."): its
            // paragraph is no part of the recommendation.
            let mut in_note = false;
            // Bullets printed on lines of their own above their items'
            // text (plain pdftotext's layout: "•" / "•" / "" / "The quality
            // ..." / "Management ..."): how many are still to be matched.
            let mut bare_bullets = 0usize;
            // A table of recommendations and their reasons printed in
            // columns of spaces: where the reason column starts.
            let mut reason_column: Option<usize> = None;
            // Under such a table's header: a sentence after an item's full
            // stop is its reason (pdf-extract prints a row's cells one after
            // the other).
            let mut reason_table = false;
            // Sub-headings naming the addressee of the items below them: their
            // lines, and whom they name.
            let mut subheadings: Vec<(usize, Option<String>)> = Vec::new();
            // A lead-in over the list of its conditions: its line and text.
            let mut conditions_lead: Option<(usize, String)> = None;
            // (read with the heading above it as its lead-in line)
            if last > i && rest.is_empty() && that_lists_conditions(&clean[last]) {
                conditions_lead = Some((last, clean[last].clone()));
            }
            let mut cell: String;
            while j < to && items.len() < self.max_items {
                let l = match reason_column.and_then(|c| left_cell(&raw_lines[j].text, c)) {
                    Some(left) => {
                        cell = crate::normalize::clean_line(left);
                        cell.as_str()
                    }
                    None => clean[j].as_str(),
                };
                if l.is_empty() {
                    if self.bullets && super::is_bullet(&raw_lines[j].text) {
                        bare_bullets += 1;
                    } else {
                        blank_run += 1;
                    }
                    j += 1;
                    continue;
                }
                // A table of recommendations and their reasons: its header
                // row names no recommendation.
                if items.is_empty() && is_recommendation_table_header(&raw_lines[j].text) {
                    reason_column = second_column(&raw_lines[j].text);
                    reason_table = true;
                    j += 1;
                    continue;
                }
                // "That permission be GRANTED subject to:" under the heading,
                // over "(a) ..." and "(b) ...": one recommendation, its
                // conditions listed.
                if items.is_empty()
                    && conditions_lead.is_none()
                    && rest.is_empty()
                    && !claimed[j - from]
                    && that_lists_conditions(l)
                {
                    conditions_lead = Some((j, l.to_string()));
                    claimed[j - from] = true;
                    blank_run = 0;
                    prev = j;
                    j += 1;
                    continue;
                }
                // "For the Cabinet Member for Adult Social Care:" over the
                // items for that addressee: the list goes on under it.
                let wrapped_on = prev > last && ctx.wraps(prev) && blank_run == 0;
                if !claimed[j - from] && !wrapped_on && (colon || rest.is_empty()) {
                    if let Some(c) = ADDRESSEE_SUBHEADING.captures(l) {
                        let next = (j + 1..to).find(|&k| !clean[k].is_empty());
                        if next.is_some_and(|k| item_at(item_re, hints, k, &clean[k]).is_some()) {
                            let name = c.name("to").or_else(|| c.name("for")).map(|m| m.as_str());
                            // ("Recommendations to partners": no one named)
                            let named = name
                                .filter(|n| n.starts_with(char::is_uppercase))
                                .map(clean_addressee)
                                .filter(|n| !n.is_empty());
                            subheadings.push((j, named));
                            claimed[j - from] = true;
                            blank_run = 0;
                            prev = j;
                            j += 1;
                            continue;
                        }
                    }
                }
                if claimed[j - from] || trigger.is_match_line(hints, j, l) {
                    break;
                }
                // A page number at the page's foot or head ("2", "Page 2 of
                // 4") between two items is no end of the list.
                if ctx.text.paged && crate::segment::is_page_number(l) {
                    let page = raw_lines[j].page;
                    let next_page = clean[j + 1..to]
                        .iter()
                        .position(|n| !n.is_empty())
                        .map(|k| raw_lines[j + 1 + k].page);
                    if page != raw_lines[prev].page || next_page.is_some_and(|p| p != page) {
                        j += 1;
                        continue;
                    }
                }
                let runs_on = prev > last && ctx.wraps(prev) && blank_run == 0;
                // A page break ends a paragraph as a blank line does, unless
                // the text runs on across it.
                let new_page = ctx.text.paged && raw_lines[j].page != raw_lines[prev].page;
                // A wrapped line runs on into the next, unless that line
                // starts with the list's next number ("(2)" after "(1)").
                let numbered = item_at(item, hints, j, l).filter(|n| {
                    !runs_on
                        || style.is_some_and(|s| {
                            n.name("number").is_some_and(|m| {
                                let t = Numbering::of(m.as_str());
                                // (or a nested list's first item under a
                                // wrapped heading, or the list around it
                                // going on)
                                s.followed_by(t)
                                    || outer.is_some_and(|o| o.followed_by(t))
                                    || t == Numbering::Letter(b'a')
                                        && matches!(s, Numbering::Digit(_) | Numbering::Decimal(..))
                            }) && !matches!(
                                s,
                                Numbering::Bullet | Numbering::Plain | Numbering::Roman
                            )
                        })
                });
                // "Recommendation 1" / "Area for improvement 2" alone on its
                // line, the item's text on the lines below.
                let heading_num = if numbered.is_none() && !runs_on {
                    NUMBERED_HEADING
                        .captures(l)
                        .map(|c| c["number"].to_string())
                } else {
                    None
                };
                let lower = l.starts_with(|c: char| c.is_lowercase());
                let bare = bare_bullets > 0 && !runs_on && !lower && numbered.is_none();
                if bare {
                    bare_bullets -= 1;
                }
                let bullet =
                    !runs_on && self.bullets && (bare || super::is_bullet(&raw_lines[j].text));
                let this = match &numbered {
                    Some(n) => n
                        .name("number")
                        .map_or(Numbering::Bullet, |m| Numbering::of(m.as_str())),
                    None if heading_num.is_some() => {
                        Numbering::of(heading_num.as_deref().unwrap_or_default())
                    }
                    None if bullet => Numbering::Bullet,
                    None if !runs_on
                        && lower
                        && colon
                        && (style == Some(Numbering::Plain)
                            || (items.is_empty() && rest.is_empty()))
                        // ("NOTE" alone over its object: one item)
                        && !items.last().is_some_and(|(_, _, t)| is_lone_verb(t)) =>
                    {
                        Numbering::Plain
                    }
                    // "The Board is asked to:" over "RECEIVE the report;" /
                    // "NOTE ..." (an NHS board's verbs in capitals, a blank
                    // line between them, or alone on their lines)
                    None if !runs_on
                        && colon
                        && CAPITAL_VERB.is_match(l)
                        && (items.is_empty() || style == Some(Numbering::Plain)) =>
                    {
                        Numbering::Plain
                    }
                    None if self.unmarked
                        && !runs_on
                        && l.starts_with(char::is_uppercase)
                        && ((items.is_empty() && blank_run <= 2)
                            || (style == Some(Numbering::Plain) && blank_run == 0)) =>
                    {
                        Numbering::Plain
                    }
                    None => Numbering::None,
                };
                if this != Numbering::None {
                    // One list keeps one numbering style counting up by one: "3)" after
                    // "a." and "b.", or a restarted "1." heading, is past the list's end.
                    if let Some(prev_style) = style {
                        // A numbered heading over a list of its own, "2.
                        // Residents Parking" / "a. Approve ...": the heading
                        // is no recommendation, its items are.
                        // ("2. The Forum is asked to:" over "a) ...", "b)
                        // ...": a lead-in, its list the recommendations, for
                        // whom it names)
                        let lead_in = items
                            .last()
                            .and_then(|(_, _, t)| NUMBERED_LEAD_IN.captures(t))
                            .map(|c| clean_addressee(&c["addressee"]));
                        let group_heading = this == Numbering::Letter(b'a')
                            && matches!(prev_style, Numbering::Digit(_) | Numbering::Decimal(..))
                            && (lead_in.is_some()
                                || items.last().is_some_and(|(_, _, t)| {
                                    t.starts_with(char::is_uppercase)
                                        && t.split_whitespace().count() <= 16
                                        && !t.ends_with(['.', ';', ':', ','])
                                }));
                        if group_heading {
                            if let (Some(a), Some((line, _, _))) = (lead_in, items.last()) {
                                subheadings.push((*line, Some(a)));
                            }
                            items.pop();
                            outer = Some(prev_style);
                        } else if outer
                            .is_some_and(|o| !prev_style.followed_by(this) && o.followed_by(this))
                        {
                            // back to the list around it
                            outer = None;
                        } else if !prev_style.followed_by(this) {
                            break;
                        }
                    }
                    style = Some(this);
                }
                if numbered.is_some() || heading_num.is_some() {
                    in_note = false;
                } else if in_note && this == Numbering::None && blank_run > 0 {
                    break;
                }
                if let Some(n) = numbered {
                    // Under numbered headings ("Recommendation 1"), a line
                    // numbered otherwise is the next section ("3. Next steps").
                    if headed && !NAMED_ITEM.is_match(l) {
                        break;
                    }
                    // "1)" and "2)" then "3." or a short title after a
                    // finished item ("3. Performance"): the report's next
                    // section, not the list's next item.
                    let mark = n
                        .name("number")
                        .and_then(|m| l[m.end()..].chars().next())
                        .filter(|c| matches!(c, ')' | '.'));
                    let text = n.name("text").map_or("", |m| m.as_str());
                    let finished = items
                        .last()
                        .is_some_and(|(_, _, t)| t.trim_end().ends_with(['.', ';']));
                    if items.len() >= 2
                        && (mark.is_some() && list_mark.is_some() && mark != list_mark
                            || finished && is_short_title(text))
                    {
                        break;
                    }
                    if items.is_empty() {
                        list_mark = mark;
                    }
                    let number = n.name("number").map(|m| m.as_str().to_string());
                    let text = n.name("text").map_or(l, |m| m.as_str());
                    // A row of a table of recommendations and their reasons:
                    // the recommendation is the first cell.
                    let later_cells = raw_lines[j]
                        .text
                        .split_once('\t')
                        .map(|(_, after)| crate::record::collapse_ws(after))
                        .unwrap_or_default();
                    let text = match text.strip_suffix(later_cells.as_str()) {
                        Some(first)
                            if !later_cells.is_empty()
                                && first.trim_end().ends_with(['.', ';']) =>
                        {
                            first
                        }
                        _ => text,
                    };
                    items.push((j, number, text.trim_end().to_string()));
                } else if let Some(number) = heading_num {
                    headed = true;
                    items.push((j, Some(number), String::new()));
                } else if this == Numbering::Bullet || this == Numbering::Plain {
                    items.push((j, None, l.to_string()));
                } else if !items.is_empty()
                    && (NOTE_LABEL.is_match(l)
                        || in_note && blank_run == 0
                        || reason_table
                            && l.starts_with(char::is_uppercase)
                            && items.last().is_some_and(|(_, _, t)| t.ends_with('.')))
                {
                    // "Rationale: The Council has no target at present." under
                    // "Recommendation 1: That ...": the reason, not the
                    // recommendation; the next item may follow it.
                    in_note = true;
                    blank_run = 0;
                    prev = j;
                    j += 1;
                    continue;
                } else if let Some(item) = items.last_mut() {
                    // Wrapped text of the item above: a soft wrap, a line right
                    // after it that is not a section heading, or a lower-case
                    // continuation after a blank line.
                    // A short line that ends a sentence ends the item's
                    // paragraph where no blank line parts paragraphs (pdftotext's
                    // text): "placed without delay is minimised." / "A Children's
                    // Services Improvement Plan had been ...".
                    let above = clean[prev].as_str();
                    let paragraph_ended =
                        above.ends_with(['.', '!', '?']) && above.chars().count() * 4 < longest * 3;
                    // An item broken by the page's end goes on over the next
                    // page's first line where its last line is wrapped (fills
                    // the measure and ends no clause: "at Ashby Road,
                    // Millbrook and Tanner's" / "Green, as shown in Appendix
                    // 1;"), whatever blank lines the break left.
                    let across_page = new_page && ctx.fills_measure(above);
                    // A heading after a finished item ("... collections." /
                    // "Performance"), or a table's row: what follows the list.
                    let after_list = l.contains('\t')
                        || above.ends_with(['.', ';'])
                            && (is_short_title(l) && !lower || opens_decision(l));
                    // ("NOTE" alone on its line, its object on the next)
                    let lone_verb = is_lone_verb(&item.2);
                    let continues = !after_list
                        && if style == Some(Numbering::Plain) {
                            runs_on || lone_verb && blank_run == 0
                        } else {
                            runs_on
                                || across_page
                                || (blank_run == 0
                                    && !is_section_heading(l)
                                    && !new_page
                                    && !paragraph_ended)
                                || lower
                        };
                    // The text under a numbered heading, after a blank line or not.
                    let under_heading = item.2.is_empty() && blank_run <= 1;
                    // A short label between groups of items ("Contractual:"
                    // over "3. Authorises ..." after "2. ..."): the list goes
                    // on past it.
                    if !continues && !under_heading && is_group_label(l) {
                        let next = (j + 1..to).find(|&k| !clean[k].is_empty());
                        let goes_on = next.is_some_and(|k| {
                            item_at(item_re, hints, k, &clean[k]).is_some_and(|n| {
                                n.name("number").is_some_and(|m| {
                                    style.is_some_and(|s| s.followed_by(Numbering::of(m.as_str())))
                                })
                            })
                        });
                        if goes_on {
                            blank_run = 0;
                            j += 1;
                            continue;
                        }
                    }
                    if !continues && !under_heading {
                        break;
                    }
                    if !item.2.is_empty() {
                        item.2.push(' ');
                    }
                    item.2.push_str(l);
                } else {
                    break;
                }
                claimed[j - from] = true;
                blank_run = 0;
                prev = j;
                longest = longest.max(l.chars().count());
                j += 1;
            }
            // A lead-in that announces a list ("is asked to agree the
            // following:") where none was read is no recommendation itself.
            if items.is_empty() && !rest.is_empty() && !announces_list(rest) {
                items.push((i, None, rest.to_string()));
            }
            // "approve the application subject to the following conditions:"
            // over a numbered list: the list is the conditions of one
            // recommendation, not recommendations of their own.
            if colon && !items.is_empty() && lists_conditions(rest) {
                let mut text = rest.to_string();
                for (_, number, t) in items.drain(..) {
                    text.push(' ');
                    if let Some(n) = number {
                        text.push_str(&n);
                        text.push_str(". ");
                    }
                    text.push_str(&t);
                }
                items.push((i, None, text));
            }
            if let Some((lead_line, lead)) = conditions_lead.take() {
                let mut text = lead;
                for (_, number, t) in items.drain(..) {
                    text.push(' ');
                    if let Some(n) = number {
                        text.push_str(&format!("({n}) "));
                    }
                    text.push_str(&t);
                }
                // "..., and that, if the agreement is not completed ...,
                // delegated authority be given to refuse": the same
                // recommendation goes on after its list.
                if let Some(k) = (j..to).find(|&k| !clean[k].is_empty()) {
                    if !claimed[k - from] && clean[k].starts_with("and that") {
                        let mut e = k;
                        while e < to && !clean[e].is_empty() && !claimed[e - from] {
                            text.push(' ');
                            text.push_str(&clean[e]);
                            claimed[e - from] = true;
                            e += 1;
                        }
                        j = e;
                    }
                }
                items.push((lead_line, None, text));
            }
            if items.is_empty() && rest.is_empty() {
                // A heading ("Recommendation") over unnumbered paragraphs,
                // each a recommendation: "That the Board notes the update."
                let (taken, end) = that_paragraphs(ctx, clean, claimed, last + 1, to);
                items = taken;
                j = j.max(end);
            }
            if subheadings.is_empty() {
                self.push_items(ctx, &addressee, items, out);
            } else {
                // Each item is for the addressee of the sub-heading above it.
                let mut groups: Vec<(Option<String>, Vec<_>)> = Vec::new();
                for item in items {
                    let to = subheadings
                        .iter()
                        .rev()
                        .find(|(line, _)| *line < item.0)
                        .map_or(addressee.clone(), |(_, a)| a.clone());
                    match groups.last_mut() {
                        Some((a, group)) if *a == to => group.push(item),
                        _ => groups.push((to, vec![item])),
                    }
                }
                for (to, group) in groups {
                    self.push_items(ctx, &to, group, out);
                }
            }
            i = j.max(last + 1);
        }
    }

    /// A recommendations tracker: under a tab-separated header line with the
    /// rule's `column`, each row's cell in that column that starts with an
    /// item marker ("a) ... b) ...") gives one record per item, put to the
    /// person or post in the row's `addressee_column`. A cell without markers
    /// is an action or a note, not a recommendation, and is left alone.
    fn apply_tracker(
        &self,
        tracker: &Tracker,
        ctx: &DocContext,
        clean: &[String],
        claimed: &mut [bool],
        out: &mut Vec<Record>,
    ) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let raw_lines = &ctx.text.lines;
        let cells = |j: usize| -> Vec<String> {
            raw_lines[j]
                .text
                .split('\t')
                .map(crate::normalize::clean_line)
                .collect()
        };
        // (column of recommendations, column of addressees, column of their
        // numbers) of the table being read.
        let mut columns: Option<(usize, Option<usize>, Option<usize>)> = None;
        for j in from..to {
            if !raw_lines[j].text.contains('\t') {
                if !clean[j].is_empty() {
                    columns = None;
                }
                continue;
            }
            let row = cells(j);
            if let Some(col) = row.iter().position(|c| tracker.column.is_match(c)) {
                let addressee = tracker
                    .addressee_column
                    .as_ref()
                    .and_then(|re| row.iter().position(|c| re.is_match(c)));
                let numbers = row[..col].iter().position(|c| NUMBER_HEADER.is_match(c));
                columns = Some((col, addressee, numbers));
                continue;
            }
            let Some((col, addressee_col, number_col)) = columns else {
                continue;
            };
            let Some(cell) = row.get(col) else {
                continue;
            };
            let marks: Vec<(usize, usize, String)> = tracker
                .cell_item
                .captures_iter(cell)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    let number = c.name("number")?.as_str().to_string();
                    Some((m.start(), m.end(), number))
                })
                .collect();
            let addressee = addressee_col
                .and_then(|k| row.get(k))
                .map(|a| clean_addressee(a))
                .filter(|a| !a.is_empty());
            // "1 | That a dedicated officer be appointed ... | Accepted": a
            // table of numbered recommendations (an executive's response to
            // a review), one to a row.
            let numbered_row = number_col
                .and_then(|k| row.get(k))
                .map(|n| n.trim().trim_end_matches('.'))
                .filter(|n| ROW_NUMBER.is_match(n));
            if let Some(number) = numbered_row.filter(|_| marks.is_empty()) {
                if cell.split_whitespace().count() >= 4 {
                    claimed[j - from] = true;
                    let items = vec![(j, Some(number.to_string()), cell.clone())];
                    // (who leads its delivery is no addressee)
                    self.push_items(ctx, &None, items, out);
                }
                continue;
            }
            if marks
                .first()
                .is_none_or(|&(start, _, _)| !cell[..start].trim().is_empty())
            {
                continue;
            }
            let items = marks
                .iter()
                .enumerate()
                .map(|(k, (_, end, number))| {
                    let stop = marks.get(k + 1).map_or(cell.len(), |m| m.0);
                    (j, Some(number.clone()), cell[*end..stop].to_string())
                })
                .collect();
            claimed[j - from] = true;
            // (a committee's own tracker, whatever the paper's heading)
            self.push_as(ctx, &addressee, self.origin, items, out);
        }
    }

    /// A table of numbered recommendations printed in columns of spaces (a
    /// text export of an executive's response to a review): a header with a
    /// number column first and the rule's `column` among the others, then
    /// rows that open with their number, their cells wrapped onto the lines
    /// below within their columns. Each row's recommendation cell, joined
    /// over its lines, is one recommendation.
    fn apply_aligned_tracker(
        &self,
        tracker: &Tracker,
        ctx: &DocContext,
        claimed: &mut [bool],
        out: &mut Vec<Record>,
    ) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let raw_lines = &ctx.text.lines;
        let mut j = from;
        while j < to {
            let line = raw_lines[j].text.as_str();
            // (most lines are no such header: its first cell names the
            // number column, "No." or "Ref", and a gap of spaces follows it)
            let first_cell = line.trim_start().split("  ").next().unwrap_or("");
            if claimed[j - from]
                || line.contains('\t')
                || first_cell.len() > 20
                || !NUMBER_HEADER.is_match(first_cell)
            {
                j += 1;
                continue;
            }
            let head = spaced_cells(line);
            let rec = (head.len() >= 3 && NUMBER_HEADER.is_match(&head[0].1))
                .then(|| head.iter().position(|(_, c)| tracker.column.is_match(c)))
                .flatten()
                .filter(|&k| k >= 1);
            let Some(rec) = rec else {
                j += 1;
                continue;
            };
            let rec_start = head[rec].0;
            let rec_end = head.get(rec + 1).map(|c| c.0);
            let number_end = head[1].0;
            let mut items: Vec<(usize, Option<String>, String)> = Vec::new();
            let mut taken = vec![j];
            let mut k = j + 1;
            let mut blank = 0;
            while k < to {
                let l = raw_lines[k].text.as_str();
                if l.trim().is_empty() {
                    blank += 1;
                    if blank > 1 {
                        break;
                    }
                    k += 1;
                    continue;
                }
                let cells = spaced_cells(l);
                let Some((first_at, first)) = cells.first() else {
                    break;
                };
                let number = first.trim_end_matches('.');
                let opens_row = *first_at < number_end && ROW_NUMBER.is_match(number);
                // (a wrapped cell: nothing in the number column)
                let goes_on = !items.is_empty() && blank == 0 && *first_at + 2 >= number_end;
                if !opens_row && !goes_on {
                    break;
                }
                let cell = cells
                    .iter()
                    .skip(usize::from(opens_row))
                    .find(|(at, _)| at + 2 >= rec_start && rec_end.is_none_or(|e| *at < e))
                    .map(|(_, t)| t.as_str());
                if opens_row {
                    items.push((
                        k,
                        Some(number.to_string()),
                        cell.unwrap_or_default().to_string(),
                    ));
                } else if let (Some(c), Some(item)) = (cell, items.last_mut()) {
                    if !item.2.is_empty() {
                        item.2.push(' ');
                    }
                    item.2.push_str(c);
                }
                taken.push(k);
                blank = 0;
                k += 1;
            }
            items.retain(|(_, _, t)| t.split_whitespace().count() >= 4);
            if !items.is_empty() {
                for t in taken {
                    claimed[t - from] = true;
                }
                // (who leads its delivery is no addressee)
                self.push_items(ctx, &None, items, out);
            }
            j = k.max(j + 1);
        }
    }

    /// A tracker as a PDF prints it, its tabs gone: the header is a line of
    /// words naming the column of recommendations and the one of who they are
    /// put to (or a status column), and each row is a paragraph whose cells
    /// run together. A row's recommendations are a run of markers from "a)"
    /// (or "1)") on, in order, and the last of them takes what follows it in
    /// the row (the status cell cannot be told from it). Which cell names the
    /// addressee cannot be told either, so it is left out.
    fn apply_flat_tracker(
        &self,
        tracker: &Tracker,
        ctx: &DocContext,
        clean: &[String],
        claimed: &mut [bool],
        out: &mut Vec<Record>,
    ) {
        let (from, to) = (ctx.doc.start, ctx.doc.end);
        let raw_lines = &ctx.text.lines;
        let free = |claimed: &[bool], j: usize| !clean[j].is_empty() && !claimed[j - from];
        let mut under = false;
        let mut j = from;
        while j < to {
            if !free(claimed, j) || raw_lines[j].text.contains('\t') {
                j += 1;
                continue;
            }
            if is_flat_header(tracker, &clean[j]) {
                under = true;
                j += 1;
                continue;
            }
            // A row runs to a blank line, or to the next line opening with a
            // date as this one does (rows printed with no space between).
            let dated =
                |k: usize| crate::dates::find_date(&clean[k]).is_some_and(|(_, at)| at.start == 0);
            let row_dated = under && dated(j);
            let mut last = j;
            while last + 1 < to
                && free(claimed, last + 1)
                && !raw_lines[last + 1].text.contains('\t')
                && !(row_dated && dated(last + 1))
            {
                last += 1;
            }
            if under {
                let row = clean[j..=last].join(" ");
                let items: Vec<_> = marker_runs(&tracker.cell_item, &row)
                    .into_iter()
                    .map(|(number, text)| (j, Some(number), text))
                    .collect();
                if !items.is_empty() {
                    for k in j..=last {
                        claimed[k - from] = true;
                    }
                    self.push_as(ctx, &None, self.origin, items, out);
                }
            }
            j = last + 1;
        }
    }

    /// One record per item (line, number, text) read after a lead-in.
    /// Whether one of the document's first lines (its heading block)
    /// matches `re`.
    fn in_heading_block(&self, ctx: &DocContext, re: &Pattern) -> bool {
        let lines = ctx.lines();
        lines
            .iter()
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty())
            .take(HEADING_BLOCK_LINES)
            .any(|t| re.is_match(t))
    }

    fn push_items(
        &self,
        ctx: &DocContext,
        addressee: &Option<String>,
        items: Vec<(usize, Option<String>, String)>,
        out: &mut Vec<Record>,
    ) {
        let origin = match &self.review_heading {
            Some(re) if !items.is_empty() && self.in_heading_block(ctx, re) => Origin::Review,
            _ => self.origin,
        };
        self.push_as(ctx, addressee, origin, items, out);
    }

    /// [`Self::push_items`] with the origin given.
    fn push_as(
        &self,
        ctx: &DocContext,
        addressee: &Option<String>,
        origin: Origin,
        items: Vec<(usize, Option<String>, String)>,
        out: &mut Vec<Record>,
    ) {
        for (line, number, text) in items {
            // "(b) agrees the transfer; and": the joining word belongs to the list.
            let mut text = text.trim();
            // A numbered heading with no text under it names nothing.
            if text.is_empty() {
                continue;
            }
            for tail in ["; and", "; or", ", and", ", or"] {
                if let Some(t) = text.strip_suffix(tail) {
                    text = t;
                    break;
                }
            }
            let mut text = text.trim().trim_end_matches(';').trim();
            // A table's column of cross-references run on after the item:
            // "Note the forecast overspend of £23.3m Please refer to Section 3".
            if let Some(m) = CROSS_REFERENCE.find(text) {
                if m.start() > 0 {
                    text = text[..m.start()].trim_end();
                }
            }
            if text.is_empty() {
                continue;
            }
            // "That the Housing Scrutiny Committee notes ...": with no
            // lead-in naming it, the item's subject is who it is put to.
            // ("Cabinet should set up a single referral point": a review's
            // recommendation names whom it is for as its subject.)
            let addressee = addressee.clone().or_else(|| {
                THAT_BODY
                    .captures(text)
                    .or_else(|| BODY_SHOULD.captures(text))
                    .map(|c| clean_addressee(&c["body"]))
            });
            // A committee recommends to others, never to itself: "That the
            // Committee agrees ..." quoted in its minutes is the report's.
            let origin = match (&addressee, ctx.doc.body.as_deref()) {
                (Some(a), body)
                    if origin == Origin::Committee
                        && (matches!(a.as_str(), "Committee" | "Sub-Committee" | "Panel")
                            || body.is_some_and(|b| b.eq_ignore_ascii_case(a))) =>
                {
                    Origin::Report
                }
                _ => origin,
            };
            out.push(ctx.record(
                Fields::Recommendation {
                    number,
                    addressee,
                    origin,
                },
                line,
                text,
                &self.id,
            ));
        }
    }
}

/// Paragraphs starting "That " from line `from` (after at most one blank
/// line each), each with the lines it wraps to: (line, number, text) items,
/// and the line after the last one taken. Lines taken are marked claimed.
fn that_paragraphs(
    ctx: &DocContext,
    clean: &[String],
    claimed: &mut [bool],
    from: usize,
    to: usize,
) -> (Vec<(usize, Option<String>, String)>, usize) {
    let doc_start = ctx.doc.start;
    let mut items = Vec::new();
    let mut k = from;
    let mut end = from;
    loop {
        if k < to && clean[k].is_empty() {
            k += 1;
        }
        // "That Committee:" introduces a list: another rule's lead-in.
        if k >= to
            || claimed[k - doc_start]
            || !clean[k].starts_with("That ")
            || clean[k].ends_with(':')
        {
            break;
        }
        let start = k;
        let mut text = clean[k].clone();
        claimed[k - doc_start] = true;
        k += 1;
        while k < to
            && !clean[k].is_empty()
            && !claimed[k - doc_start]
            && !clean[k].starts_with("That ")
            && (ctx.wraps(k - 1) || clean[k].starts_with(|c: char| c.is_lowercase()))
        {
            text.push(' ');
            text.push_str(&clean[k]);
            claimed[k - doc_start] = true;
            k += 1;
        }
        items.push((start, None, text));
        end = k;
    }
    (items, end)
}

/// Whether a line stops on a word no sentence ends with ("... referred back
/// to Cabinet for" / "reconsideration, with the following
/// recommendations:"): a lead-in ending in a colon on the next line goes on
/// from it, whatever the lines' lengths.
fn ends_mid_phrase(line: &str) -> bool {
    line.split_whitespace().next_back().is_some_and(|w| {
        matches!(
            w,
            "for" | "to" | "of" | "the" | "and" | "with" | "a" | "an" | "by" | "in" | "on" | "at"
        )
    })
}

/// A labelled line answering a recommendation: "Response: Agreed.",
/// "Executive response:", "Cabinet Member comment -".
static RESPONSE_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:[a-z]+\s+){0,2}(?:response|comments?|status|update|progress|decision)\s*[:–—-]",
    )
    .expect("valid pattern")
});

/// Whether a lead-in's own words announce a list after it ("approve the
/// following", "the changes set out below", "as follows").
fn announces_list(rest: &str) -> bool {
    let r = rest.to_ascii_lowercase();
    // (near the end: "approve the following changes", not "excluded for
    // the following item of business on the grounds that ...")
    ["following", "below", "as follows"].iter().any(|w| {
        r.rfind(w)
            .is_some_and(|k| r[k + w.len()..].split_whitespace().count() <= 3)
    }) || r.trim_end().ends_with(['-', '–', '—'])
}

/// Whether a "That ..." paragraph leads in to a list of what its decision is
/// subject to: "That permission be GRANTED subject to:", "... for the
/// following reasons:", or its conditions ([`lists_conditions`]).
fn that_lists_conditions(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    let l = l.trim_end().trim_end_matches([':', '-', ' ']);
    line.starts_with("That ")
        && (lists_conditions(line)
            || l.ends_with("subject to")
            || l.ends_with("following reasons")
            || l.ends_with("following reason"))
}

/// Whether a lead-in that recommends something itself ends by announcing
/// the conditions attached to it ("grant permission subject to the following
/// conditions:", "approve SUP24-0007, subject to the following conditions of
/// approval:").
fn lists_conditions(rest: &str) -> bool {
    let r = rest.to_ascii_lowercase();
    let r = r.trim_end().trim_end_matches([':', '-', ' ']);
    [
        "conditions",
        "conditions of approval",
        "conditions set out below",
    ]
    .iter()
    .any(|w| r.ends_with(w))
        && r.split_whitespace().count() >= 4
}

/// A line cut into cells at runs of two or more spaces: each cell's text and
/// the column (in characters) where it starts.
fn spaced_cells(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut cells = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        while k < chars.len() && chars[k] == ' ' {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let start = k;
        while k < chars.len() && !(chars[k] == ' ' && chars.get(k + 1).is_none_or(|&c| c == ' ')) {
            k += 1;
        }
        cells.push((start, chars[start..k].iter().collect()));
    }
    cells
}

/// A numbered section heading ("3 Information/Background", "4.2 Options"):
/// the end of a list, not its continuation.
fn is_section_heading(line: &str) -> bool {
    let digits = line
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    digits > 0
        && line.as_bytes()[0].is_ascii_digit()
        && line[digits..].starts_with(' ')
        && line[digits..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase())
}

/// A line opening a decision ("RESOLVED that the report be noted.",
/// "Resolved: That ...", "AGREED - ..."): after a finished item, the
/// committee's decision on the list, not more of it.
fn opens_decision(line: &str) -> bool {
    let word: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = line[word.len()..].trim_start();
    let keyword = matches!(
        word.to_ascii_lowercase().as_str(),
        "resolved" | "agreed" | "decision" | "decided"
    );
    keyword
        && (word.chars().all(|c| c.is_uppercase())
            || rest.starts_with([':', '-', '–', '—'])
            || rest.starts_with("that")
            || rest.starts_with("That"))
}

/// A section's title, not an item's sentence: one to five words, the first
/// capitalised, no closing punctuation ("Performance", "Next steps").
fn is_short_title(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=5).contains(&words)
        && t.starts_with(|c: char| c.is_uppercase())
        && !t.ends_with(['.', ';', ':', ','])
}

/// The numbering of a list item, to tell where a list ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Digit(u32),
    /// "2.1", "2.2": paragraphs of a report's section; "3" after them is the
    /// next section, not the next paragraph.
    Decimal(u32, u32),
    /// "R1", "R2": recommendations numbered with a letter before; a plain
    /// "4." after "R3" is the paper's next section.
    Ref(u32),
    Letter(u8),
    Roman,
    Bullet,
    /// An unmarked clause on a line of its own, after a lead-in ending in a colon.
    Plain,
    None,
}

impl Numbering {
    fn of(number: &str) -> Numbering {
        if let Ok(n) = number.parse() {
            return Numbering::Digit(n);
        }
        // "2.1", "2.2": paragraphs of a report's recommendations section.
        if let Some((section, n)) = number.rsplit_once('.').and_then(|(head, last)| {
            let section = head.rsplit('.').next()?.parse().ok()?;
            Some((section, last.parse().ok()?))
        }) {
            return Numbering::Decimal(section, n);
        }
        // "R1", "R2": recommendations numbered with a letter before.
        let digits = number.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        if digits.len() < number.len() {
            if let Ok(n) = digits.parse() {
                return Numbering::Ref(n);
            }
        }
        let b = number.as_bytes();
        if b.len() == 1 && b[0].is_ascii_alphabetic() && !matches!(b[0], b'i' | b'v' | b'x') {
            return Numbering::Letter(b[0].to_ascii_lowercase());
        }
        if number
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
        {
            return Numbering::Roman;
        }
        Numbering::Letter(b.first().copied().unwrap_or(b'a').to_ascii_lowercase())
    }

    fn followed_by(self, next: Numbering) -> bool {
        match (self, next) {
            (Numbering::Digit(a), Numbering::Digit(b)) => b == a + 1,
            (Numbering::Decimal(s, a), Numbering::Decimal(t, b)) => s == t && b == a + 1,
            (Numbering::Ref(a), Numbering::Ref(b)) => b == a + 1,
            (Numbering::Letter(a), Numbering::Letter(b)) => b == a + 1,
            // "h)" then "i)": a letter list reaching i reads like roman numerals.
            (Numbering::Letter(b'h'), Numbering::Roman) => true,
            (Numbering::Roman, Numbering::Roman)
            | (Numbering::Bullet, Numbering::Bullet)
            | (Numbering::Plain, Numbering::Plain) => true,
            _ => false,
        }
    }
}

/// A recommendation's verb in capitals opening its line: "RECEIVE the
/// report", "NOTE" alone over its object.
static CAPITAL_VERB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:RECEIVE|NOTE|APPROVE|AGREE|ENDORSE|SUPPORT|CONSIDER|DISCUSS|RATIFY|ADOPT|ACCEPT|COMMENT|DELEGATE|AUTHORISE|AUTHORIZE|RECOMMEND|REVIEW|CONFIRM|DECIDE|ACKNOWLEDGE|TAKE\s+ASSURANCE|GAIN\s+ASSURANCE|BE\s+ASSURED|DETERMINE|SCRUTINISE)(?:\s|$)")
        .expect("valid pattern")
});

/// An item that is only its verb in capitals ("NOTE"), its object on the
/// line below.
fn is_lone_verb(t: &str) -> bool {
    CAPITAL_VERB.is_match(t) && t.split_whitespace().count() <= 2
}

/// A cross-reference in a column after a recommendation's text.
static CROSS_REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"\s(?:Please\s+)?(?:refer\s+to|see)\s+(?:Sections?|Paragraphs?|Paras?\.?|Appendix|Appendices|Annex)\s+[0-9A-Za-z]{1,4}(?:[.,]\s?[0-9A-Za-z]{1,4})*(?:,?\s+(?:and|&)\s+(?:Appendix\s+|Section\s+)?[0-9A-Za-z]{1,4})?\.?$")
        .expect("valid pattern")
});

/// A review's recommendation opening with its addressee and "should":
/// "Cabinet should set up ...", "The Council should ...".
static BODY_SHOULD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?:[Tt]he\s+)?(?P<body>(?:[A-Z][\w&’'-]*\s+|(?:and|of|for|the)\s+){0,8}?(?:Committee|Sub-Committee|Board|Panel|Cabinet|Council|Executive|Forum|Commission|Authority|Partnership|Service|Trust|ICB|Partners|Police|Cabinet\s+Member\s+for\s+[A-Z][\w&’' -]{2,60}?))\s+(?:should|must)\s+[a-z]")
        .expect("valid pattern")
});

/// An item naming its addressee as its subject: "That the Executive
/// accepts the grant", "That Cabinet approves ...".
static THAT_BODY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^(?i:that)\s+(?:the\s+)?(?P<body>(?:[A-Z][\w&’'-]*\s+|(?:and|of|for|the)\s+){0,8}?(?:Committee|Sub-Committee|Board|Panel|Cabinet|Council|Executive|Forum|Commission|Authority|Partnership|Service|Trust|Cabinet\s+Member\s+for\s+[A-Z][\w&’' -]{2,60}?))\s+(?:notes?|agrees?|approves?|endorses?|considers?|accepts?|adopts?|requests?|recommends?|supports?|delegates?|authorises?|authorizes?|receives?|comments?|reviews?|confirms?|resolves?|be\s+asked|is\s+asked|should\s+[a-z]+|[a-z]{2,}(?:es|[^s]s))\b")
        .expect("valid pattern")
});

fn clean_addressee(s: &str) -> String {
    let t = s.trim().trim_end_matches([',', ':']);
    let t = t
        .strip_prefix("The ")
        .or_else(|| t.strip_prefix("the "))
        .or_else(|| t.strip_prefix("THE "))
        .unwrap_or(t);
    // "TO COUNTY COUNCIL" in a heading's capitals: "County Council".
    crate::segment::name_case(t.trim())
}

/// Whether `line` is the header of a tracker whose tabs are gone: a short
/// line of column names (capitalised words, not a sentence), one of them
/// starting the tracker's `column` ("Recommendations/ Actions"), another
/// naming who recommendations are put to or how they stand ("Responsible
/// Officer", "Response/ Status").
fn is_flat_header(tracker: &Tracker, line: &str) -> bool {
    const STATUS: [&str; 5] = ["status", "response", "progress", "update", "outcome"];
    const SMALL: [&str; 6] = ["and", "of", "to", "for", "the", "by"];
    if line.ends_with(['.', ':', ';', ',']) {
        return false;
    }
    let words = || {
        line.split(|c: char| c.is_whitespace() || c == '/')
            .filter(|w| w.chars().any(char::is_alphanumeric))
    };
    // Running text fails at its first small word that is no joining word:
    // most lines are read no further than that.
    let mut count = 0;
    for w in words() {
        count += 1;
        let capitalised = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if count > 24 || !(capitalised || SMALL.contains(&w)) {
            return false;
        }
    }
    if count < 3 {
        return false;
    }
    let has_column = words().any(|w| {
        let at = w.as_ptr() as usize - line.as_ptr() as usize;
        tracker.column.is_match(&line[at..])
    });
    has_column
        && (tracker
            .addressee_column
            .as_ref()
            .is_some_and(|p| p.is_match(line))
            || words().any(|w| STATUS.iter().any(|s| w.eq_ignore_ascii_case(s))))
}

/// The runs of item markers in a flattened tracker row: each run starts at
/// "a)" or "1)" and goes on in order ("b)", "2)"); a run of two or more gives
/// its items, the text between one marker and the next (the run's last
/// ends where the next run starts, or at the row's end).
fn marker_runs(cell_item: &Pattern, row: &str) -> Vec<(String, String)> {
    let marks: Vec<(usize, usize, String)> = cell_item
        .captures_iter(row)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((m.start(), m.end(), c.name("number")?.as_str().to_string()))
        })
        .collect();
    let next_of = |n: &str| -> Option<String> {
        if let Ok(v) = n.parse::<u32>() {
            return Some((v + 1).to_string());
        }
        let c = n.chars().next()?;
        (n.len() == 1 && c.is_ascii_lowercase())
            .then(|| ((c as u8) + 1) as char)
            .map(String::from)
    };
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (k, (_, _, n)) in marks.iter().enumerate() {
        let goes_on = runs
            .last()
            .and_then(|r| r.last())
            .is_some_and(|&p| next_of(&marks[p].2).as_deref() == Some(n.as_str()));
        if goes_on {
            runs.last_mut().unwrap().push(k);
        } else if n == "a" || n == "1" {
            runs.push(vec![k]);
        }
    }
    let mut items = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        if run.len() < 2 {
            continue;
        }
        let run_end = runs.get(r + 1).map_or(row.len(), |next| marks[next[0]].0);
        for (i, &k) in run.iter().enumerate() {
            let stop = run.get(i + 1).map_or(run_end, |&n| marks[n].0);
            let text = row[marks[k].1..stop].trim();
            if !text.is_empty() {
                items.push((marks[k].2.clone(), text.to_string()));
            }
        }
    }
    items
}

/// Verbs a recommendation opens with.
const ITEM_VERBS: [&str; 16] = [
    "note",
    "notes",
    "approve",
    "approves",
    "agree",
    "agrees",
    "endorse",
    "endorses",
    "consider",
    "comment",
    "delegate",
    "authorise",
    "authorize",
    "recommend",
    "support",
    "request",
];

/// Where the second column of a header row printed with spaces starts
/// ("  Recommendation        Reason for recommendation"), in characters: the
/// first word after a run of at least two spaces.
fn second_column(header: &str) -> Option<usize> {
    let chars: Vec<char> = header.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let mut i = first;
    while i + 2 < chars.len() {
        if chars[i] == ' ' && chars[i + 1] == ' ' {
            let start = i + chars[i..].iter().position(|c| !c.is_whitespace())?;
            return Some(start);
        }
        i += 1;
    }
    None
}

/// A line's first cell when the next column starts at `column`: the text
/// before it, where a space ends that text (a line that does not reach the
/// column, or whose text runs through it, is one cell).
fn left_cell(line: &str, column: usize) -> Option<&str> {
    let (at, _) = line.char_indices().nth(column)?;
    let before = &line[..at];
    before
        .ends_with(' ')
        .then_some(before)
        .filter(|b| b.trim_end().len() < at)
}

/// The header row of a table of recommendations: "Recommendation" and
/// another column ("Reason", "Reasons for recommendation"), parted by a tab
/// or, as a PDF's text prints it, by a colon or spaces.
fn is_recommendation_table_header(l: &str) -> bool {
    let lower = l.trim().to_ascii_lowercase();
    let Some(after) = ["recommendations", "recommendation(s)", "recommendation"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
    else {
        return false;
    };
    let second = after.trim_start_matches([':', '\t', ' ']);
    second.len() < after.len()
        && [
            "reason",
            "rationale",
            "comment",
            "response",
            "officer comment",
        ]
        .iter()
        .any(|w| second.starts_with(w))
        && second.split_whitespace().count() <= 4
}

/// An item line: the rule's `item` pattern's match, unless its number is a
/// bare figure printed with no stop, bracket or dash after it. "1.2.1
/// Acknowledge ..." and "R1 Strengthen ..." are items as printed; "3
/// Information" is the paper's next heading.
fn item_at<'l>(
    item: &Pattern,
    hints: &super::LineHints,
    j: usize,
    line: &'l str,
) -> Option<regex::Captures<'l>> {
    let c = item.captures_line(hints, j, line)?;
    let Some(n) = c.name("number") else {
        return Some(c);
    };
    let number = n.as_str();
    let after = line[n.end()..].trim_start();
    let marked = number.contains('.')
        || number.starts_with(['R', 'r'])
        || line[n.end()..].starts_with([')', '.', ':'])
        || after.starts_with(['–', '—', '-'])
        || !number.starts_with(|c: char| c.is_ascii_digit()) && line[..n.start()].ends_with('(');
    // "1 Note the forecast capital outturn for 2023/24.": Word's numbering
    // with no stop, before a sentence a heading never is (a verb first, or
    // a full stop or semicolon at its end).
    let sentence = number.bytes().all(|b| b.is_ascii_digit())
        && after.split_whitespace().count() >= 4
        && (after.ends_with(['.', ';'])
            || after.ends_with(" and")
            || after
                .split_whitespace()
                .next()
                .is_some_and(|w| ITEM_VERBS.contains(&w.to_ascii_lowercase().as_str())));
    (marked || sentence).then_some(c)
}

/// A short label over a group of items: "Contractual:", "For decision:".
fn is_group_label(l: &str) -> bool {
    l.ends_with(':')
        && (1..=4).contains(&l.split_whitespace().count())
        && l.starts_with(char::is_uppercase)
}
