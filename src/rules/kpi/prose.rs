//! Figures in running text. Lines are joined into paragraphs (a figure's
//! sentence often wraps), every number not inside an excluded span is given a
//! unit by the rule's `unit` entries, and each one that gets a unit is a
//! record. Ranges and pairs ("51 and 58%", "1-2 FTE", "from 57 to 38
//! workers", "4 of the 8 teams") lend the second figure's unit to the first;
//! a figure with thousands separators and no other unit is a count.

use super::numbers::{back, fwd, scan, Num};
use super::table::{authority_short, label_goes_on_below, row_label, Scratch};
use super::{overlaps, strip_tags, KpiEngine};
use crate::record::{Fields, Record, Unit};
use crate::rules::context::DocContext;
use crate::rules::pattern::Pattern;

/// A count's scale after it: "1.21m visits", "12.6 million journeys".
static COUNT_SCALE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\s?(?:m|mn|million|bn|billion)\b").expect("valid pattern")
});

/// The words before a comparator's figure: "The England rate was ", "an
/// England average of ".
static COMPARATOR_CUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:rate|average|figure|level|proportion|percentage|score)\s+(?:was|is|were|stood\s+at|of|at)\s*$")
        .expect("valid pattern")
});

/// A period named relative to another, printed right after an earlier
/// figure: "the year before", "the previous quarter", "a year earlier".
static RELATIVE_PERIOD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\s*(?:in\s+)?((?i:the\s+(?:previous|preceding|prior)\s+(?:year|quarter|month)|the\s+year\s+before|a\s+year\s+(?:earlier|before|ago)|the\s+same\s+(?:period|quarter|month)\s+(?:last|the\s+previous)\s+year))\b")
        .expect("valid pattern")
});

/// The words before a target's or an earlier period's figure, right before
/// it: "against a target of ", "(target ", "(2022/23: ", ", compared with a
/// standard of ".
static TARGET_CUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)(?:\(|,\s*|\bagainst\s+|\bwith\s+|\bwithin\s+|\bthan\s+)(?:an?\s+|the\s+|its\s+)?(?:(?:annual|local|national|revised|stretch|contract|contractual|statutory|agreed)\s+)?(?:target|standard|benchmark|ambition|goal|plan|capacity|previous\s+(?:year|quarter)|last\s+year|baseline|(?:19|20)\d{2}(?:/\d{2})?)(?:\s+of)?\s*(?::|=)?\s*$")
        .expect("valid pattern")
});

/// A paragraph being assembled: its text and where each line starts in it.
#[derive(Default)]
struct Para {
    text: String,
    /// (byte offset in `text`, line index in the document)
    starts: Vec<(usize, usize)>,
}

impl Para {
    fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
    }

    fn line_of(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&(s, _)| s <= at);
        self.starts[i.saturating_sub(1)].1
    }
}

#[derive(Default)]
struct Work {
    nums: Vec<Num>,
    excl: Vec<(usize, usize)>,
    found: Vec<Found>,
}

#[derive(Clone, Copy)]
struct Found {
    num: Num,
    unit: Option<Unit>,
    /// The unit was read right next to the figure (`%`, `FTE`, `workers`),
    /// so it can be lent across a range connector.
    adjacent: bool,
    /// A comparator's figure that took its unit from the figure it is
    /// compared with, and so also takes its indicator.
    compared: bool,
    /// The first figure of a range or pair whose unit is printed after the
    /// second ("51 and 58% of pupils", "3 to 4 consultants"): what follows
    /// the second names both.
    range_head: bool,
}

pub(crate) fn apply(
    engine: &KpiEngine,
    ctx: &DocContext,
    clean: &[String],
    rule_id: &str,
    out: &mut Vec<Record>,
) {
    let lines = ctx.lines();
    let claimed = engine.deferred_lines(out);
    let mut sc = Scratch::default();
    let mut para = Para::default();
    let mut work = Work::default();
    // The last table row read, (line, its label): the line under it may be
    // its label's wrapped end ("Fly-tipping removed within  95%" / "2
    // working days"), which the table read with the row.
    let mut last_row: Option<(usize, String)> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.text.trim();
        if !t.is_empty() && super::is_furniture(clean, ctx.doc.start + i) {
            continue;
        }
        let file_line = (ctx.doc.start + i) as u32 + 1;
        let stripped = strip_tags(t);
        let shape =
            (engine.skip_table_rows && !t.is_empty() && t.bytes().any(|b| b.is_ascii_digit()))
                .then(|| engine.row_shape(&stripped, &mut sc))
                .flatten();
        let row = shape.is_some();
        let label_end = !row
            && !t.is_empty()
            && last_row.as_ref().is_some_and(|(k, label)| {
                k + 1 == i && label_goes_on_below(label, stripped.trim())
            });
        if let Some(shape) = shape {
            last_row = Some((i, row_label(&stripped, shape, &sc).to_string()));
        }
        let skip = t.is_empty() || claimed.binary_search(&file_line).is_ok() || row || label_end;
        if skip {
            flush(engine, ctx, rule_id, &mut para, &mut work, out);
            continue;
        }
        // A tab-separated line is cells, not a wrapped sentence: it stands alone.
        let cells = t.contains('\t');
        if cells {
            flush(engine, ctx, rule_id, &mut para, &mut work, out);
        }
        if !para.text.is_empty() {
            para.text.push('\n');
        }
        para.starts.push((para.text.len(), i));
        para.text.push_str(&strip_tags(t));
        if cells {
            flush(engine, ctx, rule_id, &mut para, &mut work, out);
        }
    }
    flush(engine, ctx, rule_id, &mut para, &mut work, out);
}

/// Start of the sentence holding byte `at` (at most `limit` bytes back).
fn sentence_start(text: &str, at: usize, limit: usize) -> usize {
    let floor = back(text, at, limit);
    let b = text.as_bytes();
    let mut i = at;
    while i > floor {
        i -= 1;
        // A tab separates cells, not words of one sentence.
        if b[i] == b'\t' {
            return i + 1;
        }
        if matches!(b[i], b'.' | b'!' | b'?')
            && i + 1 < at
            && b[i + 1].is_ascii_whitespace()
            && !(i > 0
                && b[i - 1].is_ascii_uppercase()
                && (i < 2 || !b[i - 2].is_ascii_alphabetic()))
        {
            return i + 1;
        }
    }
    // Cut short inside a word: start at the next whole word.
    if floor > 0 && !b[floor - 1].is_ascii_whitespace() {
        if let Some(ws) = b[floor..at].iter().position(u8::is_ascii_whitespace) {
            return floor + ws + 1;
        }
    }
    floor
}

/// The word printed right after a figure ("days" in "9.8 days per FTE").
fn first_word(after: &str) -> &str {
    let t = after.trim_start();
    let end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    &t[..end]
}

/// A count's own verb after the second figure of a pair: "and 131 closed".
static PAIRED_VERB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\s+(?:were\s+|have\s+been\s+)?[a-z]{3,}ed\b")
        .expect("valid pattern")
});

/// What leads from one count of a list to the next: a comma, "and", "of
/// which", "while", then a verb or two ("and determined", "and will lease
/// a further").
static LIST_NEXT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?:,|\band|\bof\s+which|\bof\s+whom|\bwhile|\bwhereas|\bbut)\s+(?:[a-z]+\s+){0,4}$",
    )
    .expect("valid pattern")
});

/// A verb in the past tense right before a figure, "and determined 437",
/// or more of the same: "and leases a further 96".
static VERB_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"\b(?:[a-z]{3,}ed|further|another|additional)\s+$")
        .expect("valid pattern")
});

/// A count that is part of one named before it: "600 of those".
static PART_OF_THOSE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^\s+of\s+(?:those|these|them|whom)\b")
        .expect("valid pattern")
});

/// What after a figure makes it no count: a unit or a share.
static NOT_A_COUNT_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^\s*(?:%|per\b|pence\b|p\b|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|mph\b|miles?\b|km\b|metres?\b|ha\b|hectares?\b|tonnes?\b|times\b|percent|per\s*cent|st\b|nd\b|rd\b|th\b|am\b|pm\b|a\.m|p\.m|[-–/:]\s*\d)",
    )
    .expect("valid pattern")
});

/// Words joining two figures of a range or pair.
fn is_connector(between: &str) -> bool {
    let t = between.trim();
    matches!(
        t,
        "-" | "–" | "—" | "to" | "and" | "or" | "of" | "of the" | "out of" | "and the" | "/"
    )
}

/// Whether a wrapped line goes on with the sentence above: it starts in
/// lower case, or with a date's month or a quarter ("at the end of" /
/// "February, down from 512", "compared with 131 in" / "Q3 2023/24").
fn carries_sentence_on(l: &str) -> bool {
    if l.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()) {
        return true;
    }
    let word: String = l
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    crate::dates::MONTH_NAMES.contains(&word.as_str())
        || matches!(word.as_str(), "q1" | "q2" | "q3" | "q4" | "quarter")
}

/// Whether the text between two figures leads from the first to the second
/// of one change or comparison: " in March 2023 to ", " to ", " in post at
/// 31 March 2024, compared with ", " children, above the range of ". Within
/// one sentence.
fn is_change_to(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    // A comparison or a change named at the end ("..., compared with 52",
    // "the ambition was to reduce this to 110") reaches further back than
    // a bare "to" does.
    let compared = words.ends_with(&["compared", "with"]) || words.ends_with(&["compared", "to"]);
    let changed = words.len() >= 2
        && words[words.len() - 1] == "to"
        && words[words.len().saturating_sub(4)..words.len() - 1]
            .iter()
            .any(|w| CHANGE_VERBS.contains(&w.to_ascii_lowercase().as_str()));
    let reach = if compared || changed { 130 } else { 80 };
    between.len() <= reach
        && !between.contains(['.', ';', ':', '(', ')'])
        // (a sentence wrapped over lines goes on in lower case: "down" /
        // "from 51"; a line may also end just before the second figure,
        // "compared with" / "397 a year earlier")
        && between
            .split('\n')
            .skip(1)
            .all(|l| l.trim().is_empty() || carries_sentence_on(l.trim_start()))
        && [
            " to ",
            " compared with ",
            " compared to ",
            " against ",
            " range of ",
            " up from ",
            " down from ",
        ]
        .iter()
        .any(|w| {
            let tail = between.len().saturating_sub(w.len());
            between.is_char_boundary(tail)
                && between[tail..]
                    .chars()
                    .map(|c| if c == '\n' { ' ' } else { c })
                    .eq(w.chars())
        })
        // "had risen to 118 from 96 a year earlier": the earlier figure
        // straight after the later one, or after the later one's period
        // ("rose to 412 in 2023/24 from 318 in 2022/23", "fell to 64 at 30
        // September 2023, from 141")
        || between.trim() == "from"
        || words.split_last().is_some_and(|(last, before)| {
            *last == "from"
                && ((1..=4).contains(&before.len())
                    && matches!(before[0], "in" | "at" | "by" | "during" | "for")
                    && before[1..].iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()))
                    // ("fallen to 63 students from 81": after the noun counted)
                    || before.len() == 1
                        && before[0].len() >= 4
                        && before[0].ends_with('s')
                        && before[0].bytes().all(|b| b.is_ascii_lowercase()))
        })
}

/// Verbs of a change a figure is brought to: "reduce this to 110".
const CHANGE_VERBS: [&str; 16] = [
    "reduce",
    "reducing",
    "reduced",
    "increase",
    "increasing",
    "increased",
    "cut",
    "bring",
    "lower",
    "raise",
    "rise",
    "fall",
    "grow",
    "fell",
    "rose",
    "grew",
];

impl KpiEngine {
    /// The unit of a figure an exclusion would drop that the rule's
    /// `measure` entries keep: every key of an entry must hold.
    fn measured_unit(&self, n: &Num, before: &str, after: &str, lead: &str) -> Option<Unit> {
        self.measures
            .iter()
            .find(|u| {
                !(u.decimal_only && !n.decimal || u.integer_only && n.decimal)
                    && u.before
                        .as_ref()
                        .is_none_or(|re| re.find_iter(before).any(|m| m.end() == before.len()))
                    && u.after
                        .as_ref()
                        .is_none_or(|re| re.find(after).is_some_and(|m| m.start() == 0))
                    && u.lead.as_ref().is_none_or(|re| re.is_match(lead))
                    && !u.not_before.as_ref().is_some_and(|re| re.is_match(before))
                    && !u.not_after.as_ref().is_some_and(|re| re.is_match(after))
            })
            .map(|u| u.unit)
    }

    /// The unit of a figure in prose, and whether it was read next to it.
    fn prose_unit(&self, n: &Num, before: &str, after: &str, lead: &str) -> Option<(Unit, bool)> {
        let mut best: Option<(usize, Unit)> = None;
        let after_hit = self.after_any.as_ref().is_some_and(|re| re.is_match(after));
        let before_hit = self
            .before_any
            .as_ref()
            .is_some_and(|re| re.is_match(before));
        let mut lead_hit = None;
        for u in &self.units {
            if u.before.is_none() && u.after.is_none() && u.lead.is_none() {
                continue;
            }
            if u.decimal_only && !n.decimal
                || u.integer_only && n.decimal
                || u.after.is_some() && !after_hit
                || u.before.is_some() && !before_hit
            {
                continue;
            }
            if u.lead.is_some()
                && !*lead_hit.get_or_insert_with(|| {
                    self.lead_any.as_ref().is_some_and(|re| re.is_match(lead))
                })
            {
                continue;
            }
            if u.not_before.as_ref().is_some_and(|re| re.is_match(before))
                || u.not_after.as_ref().is_some_and(|re| re.is_match(after))
            {
                continue;
            }
            // Windows may span a wrapped line, where `^` and `$` also match in
            // multi-line mode: hold `after` to the window's start and `before`
            // to its end by position instead.
            if u.before
                .as_ref()
                .is_some_and(|re| !re.find_iter(before).any(|m| m.end() == before.len()))
            {
                continue;
            }
            if u.after.as_ref().is_some_and(|re| match re.find(after) {
                Some(m) => m.start() != 0,
                None => true,
            }) {
                continue;
            }
            match &u.lead {
                None => return Some((u.unit, true)),
                Some(re) => {
                    if let Some(m) = re.find_iter(lead).last() {
                        let nearer = match best {
                            Some((end, _)) => m.end() > end,
                            None => true,
                        };
                        if nearer {
                            best = Some((m.end(), u.unit));
                        }
                    }
                }
            }
        }
        best.map(|(_, u)| (u, false))
    }
}

fn flush(
    engine: &KpiEngine,
    ctx: &DocContext,
    rule_id: &str,
    para: &mut Para,
    work: &mut Work,
    out: &mut Vec<Record>,
) {
    if para.text.bytes().any(|b| b.is_ascii_digit()) {
        figures(engine, ctx, rule_id, para, work, out);
    }
    para.clear();
}

fn figures(
    engine: &KpiEngine,
    ctx: &DocContext,
    rule_id: &str,
    para: &Para,
    work: &mut Work,
    out: &mut Vec<Record>,
) {
    let text = para.text.as_str();
    let own = authority_short(ctx.doc.authority.as_deref()).filter(|o| !o.is_empty());
    scan(text, &mut work.nums);
    if work.nums.is_empty() {
        return;
    }
    engine.excluded_near(text, &work.nums, &mut work.excl);
    work.found.clear();
    for n in &work.nums {
        let before = &text[back(text, n.start, 48)..n.start];
        // "486 (451) children": last year's figure in brackets stands
        // between a figure and its noun.
        let after_start = n.end + prior_in_brackets(&text[n.end..]);
        let after = &text[after_start..fwd(text, after_start, 60)];
        let lead = &text[sentence_start(text, n.start, 160)..n.start];
        let (unit, adjacent) = if overlaps(&work.excl, n.start, n.end) {
            match engine.measured_unit(n, before, after, lead) {
                Some(u) => (Some(u), true),
                None => continue,
            }
        } else {
            match engine.prose_unit(n, before, after, lead) {
                Some((u, adj)) => (Some(u), adj),
                None => (None, false),
            }
        };
        work.found.push(Found {
            num: *n,
            unit,
            adjacent,
            compared: false,
            range_head: false,
        });
    }
    // Last year's figure in brackets after this year's, "486 (451)
    // children", "a rate of 83 (77) per 10,000": the same measure.
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        if b.unit.is_none()
            && a.unit.is_some()
            && a.num.decimal == b.num.decimal
            && prior_in_brackets(&text[a.num.end..]) >= b.num.end - a.num.end
        {
            work.found[k].unit = a.unit;
            // (named as the figure before it is, not by the words after)
            work.found[k].adjacent = false;
            work.found[k].compared = true;
        }
    }
    // Ranges and pairs: the first figure takes the unit printed after the second.
    for k in (0..work.found.len().saturating_sub(1)).rev() {
        let (a, b) = (work.found[k], work.found[k + 1]);
        if a.unit.is_none()
            && b.adjacent
            && b.num.start - a.num.end <= 8
            && is_connector(&text[a.num.end..b.num.start])
        {
            work.found[k].unit = b.unit;
            work.found[k].adjacent = true;
            work.found[k].range_head = true;
        }
    }
    // A range of money with one currency sign: "£8-10m", "£54-72" (the
    // second figure takes the first one's unit).
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        if b.unit.is_none()
            && a.unit == Some(Unit::Gbp)
            && text[..a.num.start].trim_end().ends_with('£')
            && b.num.start - a.num.end <= 4
            && matches!(text[a.num.end..b.num.start].trim(), "-" | "–" | "to")
        {
            work.found[k].unit = a.unit;
            work.found[k].adjacent = true;
        }
    }
    // A change from one figure to another: "rose from 212 in March 2023 to
    // 264 in December 2023" gives the second figure the first one's unit.
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        // ("rose by 146% ... to 298,500": a change by a percentage lends
        // no percent to the level it reached)
        // (nor does a threshold lend it to a count in thousands: "pupils
        // with attendance below 85% rose to 1,018")
        let by_percent = a.unit == Some(Unit::Percent)
            && (text[..a.num.start].trim_end().ends_with(" by") || b.num.grouped);
        if b.unit.is_none()
            && a.unit.is_some()
            && !by_percent
            && a.num.decimal == b.num.decimal
            && is_change_to(&text[a.num.end..b.num.start])
        {
            work.found[k].unit = a.unit;
            // "47 young people ..., 26% of the care leavers ..., compared
            // with 42": a share put in between, the comparison is the
            // count's
            let share = a.unit == Some(Unit::Percent)
                && text[a.num.end..]
                    .trim_start_matches(['%', ' '])
                    .starts_with("of ");
            if share && k >= 2 {
                let c = work.found[k - 2];
                let same_sentence = !text[c.num.end..a.num.start].contains(['.', ';', ':']);
                if c.unit == Some(Unit::Count) && same_sentence && !b.num.decimal {
                    work.found[k].unit = c.unit;
                }
            }
            // ("from 212 in March to 264", "42 ..., down from 51": one
            // measure; "8 units ..., reducing the capacity to 23" names
            // another)
            let between = &text[a.num.end..b.num.start];
            work.found[k].compared = text[..a.num.start].trim_end().ends_with("from")
                || between.trim_end().ends_with("from")
                || between.contains("compared");
        }
    }
    // The second count of a pair with its own verb: "146 new enforcement
    // cases were opened and 131 closed".
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        if b.unit.is_some() || a.unit != Some(Unit::Count) || a.num.decimal || b.num.decimal {
            continue;
        }
        let between = &text[a.num.end..b.num.start];
        let joined = between.trim_end().ends_with(" and") || between.trim_end().ends_with(',');
        if joined
            && between.len() <= 80
            && !between.contains(['.', ';'])
            && PAIRED_VERB.is_match(&text[b.num.end..])
        {
            work.found[k].unit = a.unit;
        }
    }
    // The next count of a list, or a part of a count: "4 are accepted, 1 is
    // partially accepted and 1 is rejected", "5 gave substantial assurance,
    // 19 reasonable assurance", "412 responses, of which 268 ...", "received
    // 412 applications and determined 437", "142 homes and will lease a
    // further 40".
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        if b.unit.is_some() || a.unit != Some(Unit::Count) || a.num.decimal || b.num.decimal {
            continue;
        }
        if (1900.0..=2100.0).contains(&b.num.value) {
            continue;
        }
        let between = &text[a.num.end..b.num.start];
        let after = &text[b.num.end..fwd(text, b.num.end, 24)];
        // Words after the count say what it counts ("19 reasonable
        // assurance"); a verb before it ends its sentence ("and determined
        // 437."); bare numbers in a list are references ("risks 23, 24 and
        // 26").
        let named = after.starts_with(char::is_whitespace)
            && after
                .trim_start()
                .starts_with(|c: char| c.is_alphabetic() || c == '(');
        let verbed = after.trim_start().starts_with('.') && VERB_BEFORE.is_match(between);
        if between.len() <= 80
            && !between.contains(['.', ';', ':', '\n', '|'])
            && LIST_NEXT.is_match(between)
            && (named || verbed)
            && !NOT_A_COUNT_AFTER.is_match(after)
        {
            work.found[k].unit = a.unit;
            work.found[k].compared = true;
        }
    }
    // The second end of a count's range, its noun after it: "10 internal
    // roles and 3 to 4 external consultants", "3 or 4 visits".
    // (The list's next count is printed as a range: "10 roles and 3-4
    // consultants".)
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        let listed = a.unit.is_none()
            && k >= 2
            && work.found[k - 2].unit == Some(Unit::Count)
            && !work.found[k - 2].num.decimal
            && {
                let between = &text[work.found[k - 2].num.end..a.num.start];
                between.len() <= 80
                    && !between.contains(['.', ';', ':', '\n', '|'])
                    && LIST_NEXT.is_match(between)
            };
        if b.unit.is_some()
            || !(a.unit == Some(Unit::Count) || listed)
            || a.num.decimal
            || b.num.decimal
        {
            continue;
        }
        let connector = text[a.num.end..b.num.start].trim();
        let after = &text[b.num.end..fwd(text, b.num.end, 24)];
        if matches!(connector, "-" | "–" | "to" | "or")
            && b.num.value > a.num.value
            && after.starts_with(' ')
            && after.trim_start().starts_with(char::is_lowercase)
            && !NOT_A_COUNT_AFTER.is_match(after)
        {
            work.found[k].unit = Some(Unit::Count);
            work.found[k].adjacent = true;
            work.found[k - 1].unit = Some(Unit::Count);
            work.found[k - 1].adjacent = true;
            work.found[k - 1].range_head = true;
        }
    }
    // A rate's unit word printed again without its "per" is the same rate:
    // "9.8 days per FTE against a target of 8.5 days", "498 kg per household
    // from 523 kg".
    for k in 1..work.found.len() {
        let b = work.found[k];
        if !matches!(b.unit, Some(Unit::Days | Unit::Other)) {
            continue;
        }
        let s_start = sentence_start(text, b.num.start, 160);
        let word = first_word(&text[b.num.end..]);
        let rate = work.found[..k]
            .iter()
            .rev()
            .take_while(|a| a.num.start >= s_start)
            .find(|a| a.unit == Some(Unit::Rate));
        if rate.is_some_and(|a| !word.is_empty() && first_word(&text[a.num.end..]) == word) {
            work.found[k].unit = Some(Unit::Rate);
        }
    }
    // A target or last period's figure printed after a figure takes its unit
    // and indicator: "412 people ..., against a target of 450", "487
    // (target 450)", "36 days to re-let (target 28)", "412 people in TA
    // (2022/23: 380)".
    // (A rate's or share's target may be printed whole: "17.3 per social
    // worker, against a target of 16", "17.9, within the target of 18".)
    for k in 1..work.found.len() {
        let (a, b) = (work.found[k - 1], work.found[k]);
        let between = &text[a.num.end..b.num.start];
        let whole_target = a.num.decimal
            && matches!(a.unit, Some(Unit::Rate | Unit::Percent))
            && between.to_ascii_lowercase().contains("target");
        if b.unit.is_some() || a.unit.is_none() || a.num.decimal != b.num.decimal && !whole_target {
            continue;
        }
        let s_start = sentence_start(text, b.num.start, 160);
        if a.num.start < s_start {
            continue;
        }
        if between.len() <= 120 && TARGET_CUE.is_match(between) {
            work.found[k].unit = a.unit;
            work.found[k].compared = true;
        }
    }
    // A comparator's figure in a sentence of its own takes the unit of the
    // figure just before: "... 112 per 10,000. The England rate was 71.",
    // "compared with an England rate of 71".
    for k in 1..work.found.len() {
        let b = work.found[k];
        if b.unit.is_some() {
            continue;
        }
        let lead = &text[sentence_start(text, b.num.start, 160)..b.num.start];
        if !COMPARATOR_CUE.is_match(lead) || engine.area_in(lead).is_none() {
            continue;
        }
        let earlier = work.found[..k]
            .iter()
            .rev()
            .take_while(|a| b.num.start - a.num.end <= 300)
            .find(|a| {
                a.unit.is_some() && a.num.decimal == b.num.decimal || a.unit == Some(Unit::Rate)
            });
        if let Some(a) = earlier {
            work.found[k].unit = a.unit;
            work.found[k].compared = true;
        }
    }
    // A comparator's figure in brackets after its area takes the unit of the
    // figure it is compared with, earlier in the sentence: "Devon (484 per
    // 10,000) now above the national average (465)".
    for k in 1..work.found.len() {
        let b = work.found[k];
        let after = &text[b.num.end..fwd(text, b.num.end, 60)];
        if b.unit.is_some()
            || !(in_brackets_after_area(engine, text, &b.num)
                || area_right_after(engine, after).is_some())
        {
            continue;
        }
        let s_start = sentence_start(text, b.num.start, 160);
        let earlier = work.found[..k]
            .iter()
            .rev()
            .take_while(|a| a.num.start >= s_start)
            .find(|a| a.unit.is_some());
        if let Some(a) = earlier {
            work.found[k].unit = a.unit;
            work.found[k].compared = true;
        }
    }
    // The figure before in the same sentence, and its indicator: "9.3 ... has
    // decreased from 20.4 ... below England (16.5)" is one measure three times.
    let mut prev: Option<(usize, usize, String)> = None;
    for (k, &f) in work.found.iter().enumerate() {
        let unit = match (f.unit, f.num.grouped) {
            (Some(u), _) => u,
            (None, true) => Unit::Count,
            (None, false) => continue,
        };
        let n = f.num;
        // (past last year's figure in brackets: "486 (451) children")
        let skip = prior_in_brackets(&text[n.end..]);
        let next = match work.found.get(k + 1) {
            Some(g) if skip > 0 && g.num.end <= n.end + skip => work.found.get(k + 2),
            g => g,
        };
        let from = n.end + skip;
        let after_end = next
            .map_or(text.len(), |g| g.num.start)
            .min(fwd(text, from, 60));
        let after = &text[from..after_end.max(from)];
        let mut value = n.value;
        // Sums in another currency ("$94,710", "€3.4m") have unit `other`
        // and read their scale and sign as pounds do.
        let money = unit == Unit::Gbp
            || unit == Unit::Other && text[..n.start].trim_end().ends_with(['$', '€']);
        if money {
            // "£(0.5)m": the accountant's minus, the scale after the bracket.
            let bracketed = text[..n.start].ends_with('(') && text[n.end..].starts_with(')');
            let scale_from = if bracketed { n.end + 1 } else { n.end };
            let mut scale = engine.scale_after(&text[scale_from..fwd(text, scale_from, 12)]);
            // The first figure of a range takes the scale printed after the
            // second: "£8-10m" is £8m to £10m.
            if let Some(g) = work.found.get(k + 1) {
                if scale == 1.0
                    && g.num.start - n.end <= 4
                    && matches!(text[n.end..g.num.start].trim(), "-" | "–" | "to")
                {
                    scale = engine.scale_after(&text[g.num.end..fwd(text, g.num.end, 12)]);
                }
            }
            value *= scale;
            if bracketed || minus_before_currency(&text[..n.start]) {
                value = -value;
            }
        } else if signed_minus(&text[..n.start]) {
            // "a change of -4.9%", "(-4.9%)", "-312 people"
            value = -value;
        } else if matches!(unit, Unit::Count | Unit::Other) && COUNT_SCALE.is_match(after) {
            // "1.21m visits", "12.6 million journeys", "4.9 million tonnes"
            value *= engine.scale_after(&text[n.end..fwd(text, n.end, 12)]);
        }
        let s_start = sentence_start(text, n.start, 160);
        let lead = &text[s_start..n.start];
        let period = engine.period.as_ref().and_then(|re| {
            // A bracketed label of another figure ("(Q1: 16.0%)") is not
            // this one's period.
            let last_in_lead = re
                .find_iter(lead)
                .filter(|m| {
                    // ("2000+ care leavers" is a count)
                    let a_count = lead[m.end()..].starts_with('+');
                    let labels_other = lead[..m.start()].trim_end().ends_with('(')
                        && lead[m.end()..]
                            .trim_start_matches(|c: char| c.is_whitespace() || c == ':')
                            .starts_with(|c: char| c.is_ascii_digit() || c == '£');
                    !a_count && !labels_other
                })
                .last();
            // A period printed just before the figure labels it ("February
            // 2019 18.5%", one line of a list); the next line's is not its.
            let labels = last_in_lead.filter(|m| {
                lead[m.end()..]
                    .chars()
                    .all(|c| c.is_whitespace() || c == ':' || c == '-' || c == '–')
            });
            // A period after the figure that labels the next figure ("14.2%
            // (Q1: 16.0%)") is that one's.
            let next_figure = work.found.get(k + 1).map(|g| g.num.start);
            let own_after = re.find(after).filter(|m| {
                // (not one in the next sentence: "... open to services.
                // In 2019 the service ...")
                // (but a period alone at the line's end is a column's: "to
                // at least 70%. 2028")
                let between = &after[..m.start()];
                let column = between.trim().len() <= 2
                    && between.trim().ends_with('.')
                    && after[m.end()..]
                        .split('\n')
                        .next()
                        .is_none_or(|r| r.trim().is_empty());
                if !column
                    && (between.contains(". ") || between.contains(".\n") || between.contains(';'))
                {
                    return false;
                }
                let rest = &after[m.end()..];
                let labels_next = next_figure == Some(n.end + after.len())
                    && !rest.contains('\n')
                    && (rest.contains(':') || after[..m.start()].trim_end().ends_with('('))
                    && rest
                        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '£'))
                        .is_empty();
                !labels_next
            });
            // An earlier figure named by when it was, right after it: "from
            // 52 the year before", "4,215 the previous year" (not the period
            // of the figure it is compared with).
            let lead_word = after.trim_start().get(..2).unwrap_or("");
            if let Some(c) = matches!(lead_word, "th" | "Th" | "a " | "in")
                .then(|| RELATIVE_PERIOD.captures(after))
                .flatten()
            {
                return Some(c[1].split_whitespace().collect::<Vec<_>>().join(" "));
            }
            labels
                .or(own_after)
                .or(last_in_lead)
                // A period wrapped over two lines ("Quarter" / "3") is one.
                .map(|m| m.as_str().split_whitespace().collect::<Vec<_>>().join(" "))
        });
        let mut area_from = back(text, n.start, engine.area_window).max(s_start);
        // The comparator printed right after the figure before is that
        // figure's: "67 nationally and 75 for statistical neighbours".
        if let Some(p) = k.checked_sub(1).map(|j| work.found[j].num) {
            if p.end >= area_from {
                if let Some((_, end)) = area_span_right_after(engine, &text[p.end..n.start]) {
                    area_from = p.end + end;
                }
            }
        }
        let area = paired_area(engine, text, s_start, &n, &work.found)
            .or_else(|| {
                engine.areas.as_ref().and_then(|re| {
                    re.find_iter(&text[area_from..n.start])
                        .last()
                        .map(|m| m.as_str().trim().to_string())
                })
            })
            .or_else(|| area_right_after(engine, after))
            .or_else(|| {
                // The council's own place printed with the figure: "18.5% of
                // Coventry residents", "the population of Coventry will rise
                // by 15%" (no other figure between the place and this one).
                own.filter(|o| {
                    has_place(after, o)
                        || lead.rfind(o).is_some_and(|at| {
                            has_place(&lead[at..], o)
                                && !lead[at..].bytes().any(|b| b.is_ascii_digit())
                        })
                })
                .map(str::to_string)
            });
        // "410 planned audit days": days counted as a noun of their own.
        let noun_after = f.adjacent
            && (unit == Unit::Count
                || (unit == Unit::Days && {
                    let a = after.trim_start();
                    a.starts_with(|c: char| c.is_ascii_lowercase())
                        && !["day", "working", "calendar"]
                            .iter()
                            .any(|w| a.starts_with(w))
                }));
        // A range's first figure is named by what follows its second.
        let tail = work.found.get(k + 1).filter(|_| f.range_head).map(|g| {
            let g_after = &text[g.num.end..fwd(text, g.num.end, 60)];
            match COUNT_SCALE.find(g_after) {
                Some(m) if noun_after => &g_after[m.end()..],
                _ => g_after,
            }
        });
        let inherited = prev.as_ref().and_then(|(p_start, p_end, ind)| {
            (*p_start >= s_start
                && tail.is_none()
                && !noun_after
                && (f.compared || only_connective(&text[*p_end..n.start], engine.areas.as_ref())))
            .then(|| ind.clone())
        });
        // "12.6 million journeys": the noun after the scale names it.
        let counted = match COUNT_SCALE.find(after) {
            Some(m) if noun_after => &after[m.end()..],
            _ => after.strip_prefix('+').unwrap_or(after),
        };
        // "2000+ care leavers, and around 600 of those": a part of the
        // count before is named as that one is.
        let part_of = || {
            PART_OF_THOSE
                .is_match(after)
                .then(|| prev.as_ref().map(|(_, _, ind)| ind.clone()))
                .flatten()
        };
        let indicator = inherited
            .or_else(part_of)
            .unwrap_or_else(|| indicator_of(lead, tail.unwrap_or(counted), noun_after))
            .trim()
            .to_string();
        // A figure opening its sentence names its measure after its unit:
        // "501 per 100,000 population Section 42 enquiries were commenced".
        let indicator = if indicator.is_empty() {
            let rest = skip_per(after.trim_start_matches(['%', ' ']));
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let words = noun_phrase(rest);
            match words.first() {
                Some(w) if w.starts_with(char::is_alphabetic) && *w != "of" => words.join(" "),
                _ => String::new(),
            }
        } else {
            indicator
        };
        prev = Some((n.start, n.end, indicator.clone()));
        let line = para.line_of(n.start);
        let evidence = ctx.lines()[line].text.as_str();
        let fields = Fields::Kpi {
            indicator,
            value,
            unit,
            period,
            area,
        };
        out.push(ctx.record(fields, ctx.doc.start + line, evidence, rule_id));
    }
}

/// The length of a bracketed figure at the start of `rest`, another
/// period's figure printed after a figure ("486 (451) children"), with the
/// space before it; 0 if there is none.
fn prior_in_brackets(rest: &str) -> usize {
    let t = rest.trim_start_matches(' ');
    let Some(inner) = t.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = inner.find(')') else {
        return 0;
    };
    // (a share in brackets, "7 (18%) gave substantial assurance", is a
    // figure of its own)
    let figure = inner[..close].trim();
    let is_figure = !figure.is_empty()
        && figure.starts_with(|c: char| c.is_ascii_digit())
        && figure.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        // (a year in brackets is a date, "(2023)")
        && !(figure.len() == 4 && (figure.starts_with("19") || figure.starts_with("20")));
    if is_figure {
        rest.len() - t.len() + 1 + close + 1
    } else {
        0
    }
}

/// The text after a rate's base: "per 10,000 in England" gives "in
/// England", "per 10,000 children in England" too.
fn skip_per(rest: &str) -> &str {
    let Some(r) = rest.strip_prefix("per ") else {
        return rest;
    };
    let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
    let r = r.trim_start();
    // One word naming who is counted ("children", "population").
    match r.split_once(' ') {
        Some((word, tail))
            if word.chars().all(|c| c.is_alphabetic())
                && !matches!(word, "in" | "for" | "across") =>
        {
            tail
        }
        _ => r,
    }
}

/// Whether a sum of money is printed with a minus sign: "-£0.7m",
/// "−£1,200", "-$500" (the sign right before the currency's sign, a space or
/// bracket before that; a dash between two sums is a range, not a sign).
fn minus_before_currency(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(['£', '$', '€']) else {
        return false;
    };
    let Some(rest) = rest.strip_suffix(['-', '−']) else {
        return false;
    };
    rest.chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || c == '(' || c == ':')
}

/// The area of a figure printed in a bracket with others after as many
/// areas: "the England and the West Midlands rates for 2018 (16.5 and
/// 18.4)" gives 16.5 England and 18.4 West Midlands, in order.
fn paired_area(
    engine: &KpiEngine,
    text: &str,
    s_start: usize,
    n: &Num,
    found: &[Found],
) -> Option<String> {
    let re = engine.areas.as_ref()?;
    let open = s_start + text[s_start..n.start].rfind('(')?;
    if text[open..n.start].contains(')') {
        return None;
    }
    let close = open + text[open..].find(')')?;
    let in_group = |f: &&Found| f.num.start > open && f.num.end <= close;
    let size = found.iter().filter(in_group).count();
    if size < 2 {
        return None;
    }
    let k = found
        .iter()
        .filter(in_group)
        .position(|f| f.num.start == n.start)?;
    let from = back(text, open, 2 * engine.area_window).max(s_start);
    let names: Vec<&str> = re
        .find_iter(&text[from..open])
        .map(|m| m.as_str().trim())
        .collect();
    if names.len() < size {
        return None;
    }
    Some(names[names.len() - size + k].to_string())
}

/// The comparator printed right after a figure: "57% in England", "67
/// nationally", "75 for statistical neighbours", "71 per 10,000 in England".
fn area_right_after(engine: &KpiEngine, after: &str) -> Option<String> {
    area_span_right_after(engine, after).map(|(start, end)| after[start..end].trim().to_string())
}

/// Where in `after` the comparator [`area_right_after`] reads stands.
fn area_span_right_after(engine: &KpiEngine, after: &str) -> Option<(usize, usize)> {
    let rest = skip_per(after.trim_start_matches(['%', ' ']));
    // The figure's unit word first: "63.1 years nationally", "21 days in England".
    let rest = [
        "per cent ",
        "percent ",
        "percentage points ",
        "days ",
        "years ",
        "weeks ",
    ]
    .iter()
    .find_map(|u| rest.strip_prefix(u))
    .unwrap_or(rest);
    // ("in" / "England": a line may break after the word)
    let rest = ["in", "for", "across"]
        .iter()
        .find_map(|p| {
            rest.strip_prefix(p)
                .filter(|r| r.starts_with(char::is_whitespace))
                .map(str::trim_start)
        })
        .unwrap_or(rest);
    // ("50.6 for our statistical neighbours")
    let rest = ["the ", "our ", "its ", "their "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let m = engine.areas.as_ref()?.find(rest)?;
    // `rest` is a suffix of `after`.
    let offset = after.len() - rest.len();
    (m.start() == 0).then(|| (offset, offset + m.end()))
}

/// Whether a figure stands alone in brackets right after an area's name:
/// "the national average (465)", "England (16.5)".
fn in_brackets_after_area(engine: &KpiEngine, text: &str, n: &Num) -> bool {
    let Some(before) = text[..n.start].strip_suffix('(') else {
        return false;
    };
    if !text[n.end..].starts_with(')') {
        return false;
    }
    let before = before.trim_end();
    let from = back(before, before.len(), engine.area_window);
    engine.areas.as_ref().is_some_and(|re| {
        re.find_iter(&before[from..])
            .last()
            .is_some_and(|m| from + m.end() == before.len())
    })
}

/// Whether the place `word` stands in `hay` as a whole word, and as the
/// place: "Coventry City Council" or "Coventry and Rugby Clinical
/// Commissioning Group" name an organisation.
fn has_place(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let rest = &hay[at + word.len()..];
        let after = rest.chars().next();
        let organisation = [
            " City Council",
            " County Council",
            " Borough Council",
            " District Council",
            " Council",
            " and ",
            " CCG",
            " Clinical",
        ]
        .iter()
        .any(|o| rest.starts_with(o));
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !organisation
    })
}

/// Words that join a figure to its measure without naming it: "the vacancy
/// rate *of* 9.3", "*has decreased from* 20.4", "*is below* England (16.5)".
const CONNECTIVE: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "against",
    "almost",
    "an",
    "and",
    "approximately",
    "are",
    "around",
    "as",
    "at",
    "average",
    "be",
    "been",
    "below",
    "between",
    "but",
    "by",
    "compared",
    "currently",
    "decreased",
    "down",
    "dropped",
    "during",
    "equates",
    "equated",
    "fell",
    "for",
    "from",
    "had",
    "has",
    "have",
    "higher",
    "improved",
    "in",
    "increased",
    "is",
    "just",
    "last",
    "less",
    "lower",
    "more",
    "nearly",
    "now",
    "of",
    "on",
    "or",
    "over",
    "reached",
    "reduced",
    "remained",
    "remains",
    "rose",
    "same",
    "since",
    "stands",
    "stood",
    "than",
    "that",
    "the",
    "this",
    "to",
    "under",
    "up",
    "was",
    "were",
    "which",
    "while",
    "with",
    "year",
    "years",
    "month",
    "months",
    "quarter",
    "period",
    "time",
    "well",
    "rates",
    "figures",
    "levels",
    "averages",
    "respectively",
    "national",
    "regional",
];

/// Months' short names (their full names are [`crate::dates::MONTH_NAMES`]).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

fn is_filler(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    CONNECTIVE.contains(&w.as_str())
        || crate::dates::MONTH_NAMES.contains(&w.as_str())
        || MONTH_ABBREVIATIONS.contains(&w.as_str())
        || word.chars().all(|c| !c.is_alphabetic())
}

/// Whether the text between two figures only joins them (connecting words,
/// periods, places, other figures), so the second measures what the first did.
fn only_connective(between: &str, areas: Option<&Pattern>) -> bool {
    if between.contains(['.', ';', ':']) && between.trim_end().ends_with(['.', ';', ':']) {
        return false;
    }
    let rest = match areas {
        Some(re) => re.replace_all(between, " ").into_owned(),
        None => between.to_string(),
    };
    rest.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .all(is_filler)
}

/// A short indicator: the counted noun phrase after a count, else the last
/// words of the clause before the figure.
/// Labels that say which of a measure's figures follows them: "Latest: 94%
/// Target: 90%, Floor: 85% Previous: 89%", with the suffix each gives the
/// measure's name.
const FIGURE_LABELS: [(&str, &str); 10] = [
    ("latest", ""),
    ("outturn", ""),
    ("current", ""),
    ("actual", ""),
    ("target", " (target)"),
    ("floor", " (floor)"),
    ("previous", " (previous)"),
    ("baseline", " (baseline)"),
    ("forecast", " (forecast)"),
    ("benchmark", " (benchmark)"),
];

/// A figure after "Target:" (or "Latest:", "Floor:" ...) under the
/// measure's name printed above ("Percentage of phone calls answered GREEN /
/// Latest: 94% Target: 90%"): the name, without its rating, and what the
/// label says of the figure.
fn labelled_measure(lead: &str) -> Option<String> {
    let t = lead.trim_end().strip_suffix(':')?;
    let label_at = t.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + 1);
    let label = &t[label_at..];
    let suffix = FIGURE_LABELS
        .iter()
        .find(|(l, _)| label.eq_ignore_ascii_case(l))?
        .1;
    let is_label = |w: &str| {
        w.strip_suffix(':')
            .is_some_and(|l| FIGURE_LABELS.iter().any(|(x, _)| l.eq_ignore_ascii_case(x)))
    };
    let is_rating = |w: &str| {
        let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';'));
        ["red", "amber", "green", "rag"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
    };
    let mut words: Vec<&str> = t[..label_at].split_whitespace().collect();
    // Back over the measure's figures printed before this one ("Latest:
    // 94% Target: 90%,") and their ratings.
    loop {
        while words.last().is_some_and(|w| is_rating(w)) {
            words.pop();
        }
        match words.as_slice() {
            [.., l, f] if is_label(l) && f.bytes().any(|b| b.is_ascii_digit()) => {
                words.truncate(words.len() - 2);
            }
            _ => break,
        }
    }
    // The name starts after the last figure or bracket before it (the
    // previous measure's "Previous: 97% (Green)").
    let from = words
        .iter()
        .rposition(|w| {
            w.bytes()
                .any(|b| b.is_ascii_digit() || b == b')' || b == b'%')
        })
        .map_or(0, |i| i + 1);
    let words: Vec<&str> = words[from..]
        .iter()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':')))
        .filter(|w| !w.is_empty())
        .collect();
    (words.len() >= 2).then(|| format!("{}{suffix}", words.join(" ")))
}

fn indicator_of(lead: &str, after: &str, noun_after: bool) -> String {
    if let Some(name) = labelled_measure(lead) {
        return name;
    }
    // "86% of initial child protection conferences": the share is of what
    // follows.
    if let Some(rest) = after.strip_prefix('%').and_then(|a| {
        let a = a.trim_start();
        let a = a.strip_prefix("of ")?;
        Some(a.strip_prefix("the ").unwrap_or(a))
    }) {
        let words = noun_phrase(rest);
        if !words.is_empty() {
            return words.join(" ");
        }
    }
    let subject = subject_of(lead);
    if noun_after {
        let words = noun_phrase(after);
        if !words.is_empty() {
            // "decreased from 57 to 38 workers": the noun only repeats the
            // subject's ("the number of agency workers"), which says more.
            let in_subject = subject.as_ref().is_some_and(|s| {
                let s = s.to_lowercase();
                words
                    .iter()
                    .all(|w| s.split_whitespace().any(|x| x == w.to_lowercase()))
            });
            if !in_subject {
                return words.join(" ");
            }
        }
    }
    if let Some(subject) = subject {
        return subject;
    }
    // The measure is the run of content words nearest before the figure,
    // past the connecting words, periods and figures between them ("the
    // vacancy rate of 9.3 in September 2019 has decreased from" gives
    // "vacancy rate").
    let words: Vec<&str> = lead
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = words.len();
    while end > 0 && is_filler(words[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < 6 && !is_filler(words[start - 1]) {
        start -= 1;
    }
    if start < end {
        let run = words[start..end]
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        // "There are around 1,000 hours of volunteer time": a pronoun names
        // nothing; the noun after the figure does.
        let pronoun = matches!(
            run.to_ascii_lowercase().as_str(),
            "there" | "it" | "this" | "these" | "those" | "they" | "which"
        );
        // Only a figure printed bare, with no unit after it ("2.2%", "£1.0m",
        // "12.5 FTE"), has its noun next to it.
        let bare = after.starts_with(char::is_whitespace)
            && after.split_whitespace().next().is_some_and(|w| {
                w.starts_with(char::is_alphabetic)
                    && !matches!(
                        w.to_ascii_lowercase().as_str(),
                        "fte" | "per" | "percent" | "pc" | "million" | "m" | "bn" | "k"
                    )
            });
        if pronoun && bare {
            let after_words = noun_phrase(after);
            if !after_words.is_empty() {
                return after_words.join(" ");
            }
        }
        return run;
    }
    let start = lead.rfind(noun_stop).map_or(0, |i| i + 1);
    let words: Vec<&str> = lead[start..].split_whitespace().collect();
    let from = words.len().saturating_sub(8);
    words[from..].join(" ")
}

/// The noun phrase that opens `text`, up to a figure, a bracket or
/// punctuation, or a word in [`NOUN_ENDS`]; at most eight words.
fn noun_phrase(text: &str) -> Vec<&str> {
    let end = text.find(noun_stop).unwrap_or(text.len());
    let mut words: Vec<&str> = text[..end]
        .split_whitespace()
        .take_while(|w| !NOUN_ENDS.contains(&w.to_ascii_lowercase().as_str()))
        .take(8)
        .collect();
    // "journeys in 2022/23": a preposition cut from its figure ends nothing.
    while words.last().is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "in" | "of" | "for" | "on" | "over" | "the"
        )
    }) {
        words.pop();
    }
    words
}

fn noun_stop(c: char) -> bool {
    matches!(c, ',' | ';' | '(' | ')' | ':' | '.') || c.is_ascii_digit()
}

/// Words that end the noun phrase after a count: "38 workers *as at* 30
/// September", "164 allegations *and* held".
const NOUN_ENDS: &[&str] = &[
    "as", "at", "from", "to", "by", "during", "since", "compared", "against", "which", "who",
    "than", "were", "was", "are", "is", "have", "has", "had", "and", "but", "while", "with",
];

/// Verbs that state or change a measure: the figure's subject comes before
/// them ("The number of social workers *has increased* each year to 328").
const STATE_VERBS: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "stands",
    "stood",
    "remains",
    "remained",
    "rose",
    "fell",
    "increased",
    "decreased",
    "reduced",
    "risen",
    "fallen",
    "dropped",
    "declined",
    "improved",
    "grown",
    "grew",
    "reached",
    "totals",
    "totalled",
    "doubled",
    "halved",
];

/// Words that open a subject and are not part of the measure's name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "our", "this", "these", "its", "their", "that",
];

/// The subject of the clause that states the figure: the words before a
/// state verb, from the first determiner ("In September 2019 the vacancy rate
/// was" gives "vacancy rate"). `None` when the clause has no such verb close
/// to the figure, or the subject is too long to be a measure's name.
fn subject_of(lead: &str) -> Option<String> {
    let is_end = |i: usize, c: char| {
        matches!(c, ';' | ':' | '!' | '?')
            || (c == '.' && lead[i + 1..].starts_with(char::is_whitespace))
    };
    let clause_start = lead
        .char_indices()
        .rfind(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &lead[clause_start..];
    let words: Vec<&str> = clause.split_whitespace().collect();
    // The verb is among the last few words: "has fallen in the last year, from".
    let verb = (words.len().saturating_sub(8)..words.len())
        .rev()
        .find(|&i| STATE_VERBS.contains(&words[i].to_ascii_lowercase().as_str()))?;
    // "has increased": the auxiliary is not part of the subject.
    let mut end = verb;
    while end > 0
        && matches!(
            words[end - 1].to_ascii_lowercase().as_str(),
            "has" | "have" | "had" | "been" | "now" | "currently" | "also" | "still"
        )
    {
        end -= 1;
    }
    // "Over the year, the number of children ... has remained": the subject
    // starts after the opening phrase's comma.
    let begin = words[..end]
        .iter()
        .rposition(|w| w.ends_with(','))
        .map_or(0, |i| i + 1);
    let subject = &words[begin..end];
    if subject.len() == 1
        && matches!(
            subject[0].to_ascii_lowercase().as_str(),
            "there" | "it" | "this" | "that" | "which" | "they" | "we" | "these"
        )
    {
        return None;
    }
    let from = subject
        .iter()
        .position(|w| DETERMINERS.contains(&w.to_ascii_lowercase().as_str()))
        .map(|i| i + 1)
        .unwrap_or_else(|| {
            subject
                .iter()
                .position(|w| !is_filler(w))
                .unwrap_or(subject.len())
        });
    let name: Vec<&str> = subject[from.min(subject.len())..]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%'))
        .filter(|w| !w.is_empty())
        .collect();
    if name.is_empty() || name.len() > 10 || name.iter().all(|w| is_filler(w)) {
        return None;
    }
    Some(name.join(" "))
}

/// Whether the text before a figure ends with a minus sign glued to it, after
/// a space, a bracket or a colon: "-4.9%", "(−3.2", "change: -312". A dash
/// between two figures ("16-24") or a bullet ("- 284") is none.
fn signed_minus(before: &str) -> bool {
    let mut rev = before.chars().rev();
    matches!(rev.next(), Some('-' | '−'))
        && rev
            .next()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ':' | '[' | '='))
}
