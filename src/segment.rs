//! Segmentation: a file's lines in, the documents it holds out. One file is often
//! several documents (an agenda pack is an agenda, last meeting's minutes,
//! briefing notes, reports and appendices); each [`Document`] is a line range with
//! its kind, title, date, body and authority.

use crate::record::DocKind;
use serde::{Deserialize, Serialize};

/// One document inside a file: lines `start..end` of the file's extracted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    pub title: Option<String>,
    /// `YYYY-MM-DD`: the meeting's date for agendas and minutes, the printed date otherwise.
    pub date: Option<String>,
    pub authority: Option<String>,
    pub body: Option<String>,
    /// The meeting the document belongs to or is addressed to.
    pub meeting_date: Option<String>,
    /// False for a paper that belongs to no meeting (a record of an officer's
    /// decision): its records get no `meeting_date`.
    #[serde(default = "crate::rules::document::yes")]
    pub of_meeting: bool,
    /// Index of the first line (0-based) in the file's lines.
    pub start: usize,
    /// One past the last line.
    pub end: usize,
    /// Id of the rule that found the document's start.
    pub rule: String,
}

use crate::dates;
use crate::extract::ExtractedText;
use crate::rules::document::{FieldName, FieldRule, TitleFrom};
use crate::rules::pattern::Pattern;
use crate::rules::{LineHints, RuleSet};
use std::collections::HashMap;

/// A document start found while scanning.
struct Start {
    line: usize,
    kind: DocKind,
    rule: String,
    /// Whether a `document` rule named it (rather than a separator's default kind).
    explicit: bool,
    title: Option<String>,
    body: Option<String>,
    date: Option<String>,
    /// The line the rule matched (the start line may be an earlier lead line).
    matched: usize,
    title_from: TitleFrom,
    of_meeting: bool,
}

/// Split a file's lines into documents. `clean` holds the cleaned form of every
/// line (see [`crate::normalize`]); `hints` are the rule set's
/// [`RuleSet::line_hints`] of those lines; `text` the extracted text they were
/// cleaned from, for the page of each line.
pub fn segment(
    clean: &[String],
    text: &ExtractedText,
    hints: &LineHints,
    rules: &RuleSet,
    file_name: &str,
) -> Vec<Document> {
    let n = clean.len();
    let Some(first) = clean.iter().position(|l| !l.is_empty()) else {
        return Vec::new();
    };
    let mut starts = find_starts(clean, text, hints, rules, first);
    take_page_heads(&mut starts, clean, text);
    let mut docs: Vec<Document> = Vec::with_capacity(starts.len());
    for (i, s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(n, |next| next.line);
        let mut doc = Document {
            kind: s.kind,
            title: s.title.clone(),
            date: s.date.clone(),
            authority: None,
            body: s.body.clone(),
            meeting_date: None,
            of_meeting: s.of_meeting,
            start: s.line,
            end,
            rule: s.rule.clone(),
        };
        let title_captured = doc.title.is_some();
        if !title_captured {
            let title_line = match s.title_from {
                TitleFrom::Start => Some(s.matched),
                TitleFrom::First => Some(s.line),
                // Skip the page number a running header prints under itself.
                TitleFrom::Next => (s.matched + 1..end)
                    .find(|&i| !clean[i].is_empty() && !is_page_number(&clean[i])),
                // A council's name or a date above the heading is the
                // paper's letterhead: the title is under the heading
                // ("Hallam Cross City Council" / "Report to Cabinet" / "23
                // January 2024" / "Revenue Budget Monitoring - Period 8").
                TitleFrom::Previous => {
                    let previous = (s.line..s.matched).rev().find(|&i| !clean[i].is_empty());
                    match previous {
                        Some(i) if !is_letterhead(&clean[i]) => Some(i),
                        _ => (s.matched + 1..end.min(s.matched + 10))
                            .find(|&i| is_title_candidate(&clean[i]))
                            .or(previous),
                    }
                }
                TitleFrom::None => None,
            };
            // A title wrapped over two lines right above the heading:
            // "Ofsted Inspection of ... (ILACS): Post-Inspection" / "Action Plan".
            let wrapped_from = title_line.filter(|&l| {
                s.title_from == TitleFrom::Previous
                    && l + 1 == s.matched
                    && l > s.line
                    && starts_title(&clean[l - 1])
                    && is_header_line(&clean[l])
                    && clean[l].starts_with(|c: char| c.is_uppercase())
            });
            doc.title = match (title_line, wrapped_from) {
                (Some(l), Some(_)) => Some(trim_title(&format!("{} {}", clean[l - 1], clean[l]))),
                (l, _) => l.map(|l| trim_title(&clean[l])),
            };
        }
        fill_fields(&mut doc, clean, hints, &rules.fields, title_captured);
        if doc.kind == DocKind::Minutes {
            doc.title = doc.title.map(|t| without_when_held(&t));
        }
        docs.push(doc);
    }
    // A paper whose only mention of its meeting is its running header or
    // footer: the header line above its heading is no paper of its own, nor
    // is a letterhead over it ("Ashgrove County Council" / "Health and
    // Wellbeing Board - 11 December 2024" / "Agenda item 7").
    // So is a report's cover over its heading: "WENDLEBURY CITY COUNCIL" /
    // "LEARNING AND SKILLS SCRUTINY COMMISSION" / "Meeting date: 26 November
    // 2024" / "Agenda item 7" / "EDUCATION STANDARDS ..." / "Report of ...".
    if docs.len() > 1
        && docs[0].kind == DocKind::Other
        && docs[0].rule == "segment.file_start"
        && (docs[0].start..docs[0].end)
            .filter(|&i| !clean[i].is_empty())
            .all(|i| {
                is_furniture(&clean[i]) || is_letterhead(&clean[i]) || is_cover_line(&clean[i])
            })
    {
        let first = docs.remove(0);
        let next = &mut docs[0];
        next.start = first.start;
        if next.date.is_none() {
            next.date = first.date;
        }
        if next.body.is_none() {
            next.body = first.body;
        }
        if next.authority.is_none() {
            next.authority = first.authority;
        }
    }
    // A cover that names no kind of paper, only its item on the agenda
    // ("EASTFOLD COUNTY COUNCIL" / "Schools Forum – 28 January 2025" / "Item
    // 5: Dedicated Schools Grant ..."): a report, titled by its item.
    if let Some(doc) = docs
        .first_mut()
        .filter(|d| d.kind == DocKind::Other && d.rule == "segment.file_start")
    {
        let lines: Vec<&str> = (doc.start..doc.end)
            .map(|i| clean[i].as_str())
            .filter(|l| !l.is_empty())
            .take(6)
            .collect();
        let item = lines.iter().position(|l| ITEM_TITLE.is_match(l));
        if let Some(k) = item.filter(|&k| {
            lines[..k]
                .iter()
                .all(|l| is_letterhead(l) || is_cover_line(l) || header_line(l).is_some())
        }) {
            let title = ITEM_TITLE
                .captures(lines[k])
                .map(|c| trim_title(&c["title"]));
            doc.kind = DocKind::Report;
            doc.title = title;
            doc.rule = "segment.item_cover".to_string();
        }
    }
    for doc in docs.iter_mut().filter(|d| d.date.is_none()) {
        if let Some(h) = running_header(clean, text, doc) {
            doc.date = Some(h.date);
            if doc.body.is_none() {
                doc.body = h.body;
            }
            if doc.authority.is_none() {
                doc.authority = h.authority;
            }
        }
    }
    // A paper whose first lines name no kind (a US agenda headed "DES MOINES
    // CITY COUNCIL MEETING") is often filed under it: "agenda.pdf",
    // "2024-05-01-minutes.txt". Only where the file holds no other paper of
    // that kind.
    if let Some(kind) = kind_in_file_name(file_name) {
        let taken = docs.iter().any(|d| d.kind == kind);
        if let Some(doc) = docs.first_mut() {
            if !taken && doc.kind == DocKind::Other && doc.rule == "segment.file_start" {
                doc.kind = kind;
                doc.rule = "segment.file_name".to_string();
                // The field rules of its kind ("Meeting to be held on ...")
                // read it now; what it has already stays.
                fill_fields(doc, clean, hints, &rules.fields, false);
            }
        }
    }
    // Minutes that print no date (an extract, a page of a parish's minutes
    // book) are often filed under it: "20241028.txt", "2017-06-29-minutes.pdf";
    // so is a report under its meeting's date.
    if let Some(doc) = docs.first_mut() {
        if doc.date.is_none()
            && matches!(
                doc.kind,
                DocKind::Minutes | DocKind::Agenda | DocKind::Report | DocKind::BriefingNote
            )
        {
            doc.date = dates::date_in_file_name(file_name);
        }
    }
    let file_authority = file_wide_value(clean, hints, &rules.fields, FieldName::Authority);
    inherit(&mut docs, file_authority);
    docs
}

/// What a running header or footer names: the meeting's date, and the
/// committee and council where printed with it.
struct RunningHeader {
    date: String,
    body: Option<String>,
    authority: Option<String>,
}

/// A running header naming the paper's meeting, "Callowbridge City Council
/// | Children and Families Scrutiny Committee | 19 November 2024",
/// "Pendlebrook Council – Cabinet – 18 March 2025", in the lines at the
/// paper's head; or a date alone at the foot of two pages or more ("6
/// November 2024" / "Page 1 of 2"), which the cleaning took away as page
/// furniture.
fn running_header(clean: &[String], text: &ExtractedText, doc: &Document) -> Option<RunningHeader> {
    let head_end = doc.end.min(doc.start + 40);
    let head = clean[doc.start..head_end]
        .iter()
        .zip(&text.lines[doc.start..head_end]);
    for (line, raw) in head {
        if let Some(h) = header_line(line).or_else(|| header_line(&raw.text)) {
            return Some(h);
        }
    }
    let mut pages: HashMap<String, Vec<u32>> = HashMap::new();
    for line in &text.lines[doc.start..doc.end] {
        let t = line.text.trim();
        if t.len() > 30 {
            continue;
        }
        if let Some((date, range)) = dates::find_date(t) {
            if range.start == 0 && range.end == t.len() {
                let seen = pages.entry(date).or_default();
                if !seen.contains(&line.page) {
                    seen.push(line.page);
                }
            }
        }
    }
    let (date, _) = pages
        .into_iter()
        .filter(|(_, p)| p.len() >= 2)
        .max_by_key(|(d, p)| (p.len(), std::cmp::Reverse(d.clone())))?;
    Some(RunningHeader {
        date,
        body: None,
        authority: None,
    })
}

/// `Council | Committee | date` or `Council – Committee – date`.
fn header_line(line: &str) -> Option<RunningHeader> {
    let t = line.trim();
    if t.len() > 200 {
        return None;
    }
    let parts: Vec<&str> = crate::normalize::HEADER_SEPARATORS
        .iter()
        .find(|sep| t.contains(*sep))
        .map(|sep| t.split(*sep).map(str::trim).collect())?;
    let (last, names) = parts.split_last()?;
    if names.is_empty() || names.len() > 2 {
        return None;
    }
    let (date, range) = dates::find_date(last)?;
    if range.start != 0 || range.end != last.len() || !names.iter().all(|n| names_body(n)) {
        return None;
    }
    let council = |n: &&str| {
        let l = n.to_ascii_lowercase();
        l.ends_with(" council") || l.ends_with(" authority")
    };
    let (authority, body) = match names {
        [one] if council(one) => (Some(one.to_string()), None),
        [one] => (None, Some(one.to_string())),
        [a, b] => (Some(a.to_string()), Some(b.to_string())),
        _ => return None,
    };
    Some(RunningHeader {
        date,
        body,
        authority,
    })
}

/// A line a pack prints around its papers: a running header naming the
/// meeting, "Agenda Item 7", a page number.
fn is_furniture(line: &str) -> bool {
    header_line(line).is_some()
        || is_page_number(line)
        || line
            .to_ascii_lowercase()
            .strip_prefix("agenda item")
            .is_some_and(|r| r.trim().len() <= 4)
}

/// A report's item on its meeting's agenda, with its title: "Item 5:
/// Dedicated Schools Grant", "Agenda Item 7 – Education Standards".
static ITEM_TITLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"^(?i:agenda\s+)?(?i:item)\s+(?:No\.?\s*)?\d{1,2}[a-z]?(?:\.\d{1,2})?\s*[:.–—-]\s*(?P<title>[A-Z].{3,150})$",
    )
    .expect("valid pattern")
});

/// A line of a report's cover above its heading: the committee's name, the
/// meeting's date as a field ("Meeting date: 26 November 2024").
fn is_cover_line(line: &str) -> bool {
    let t = line.trim();
    names_body(t)
        || t.split_once(':').is_some_and(|(label, value)| {
            let label = label.trim().to_ascii_lowercase();
            matches!(
                label.as_str(),
                "date" | "meeting date" | "date of meeting" | "meeting" | "committee"
            ) && (crate::dates::parse_date(value.trim()).is_some() || names_body(value.trim()))
        })
}

/// The kind of paper a file's name gives: a word of its name that is
/// "agenda", "minutes", "briefing", "report" or "appendix" (the first of
/// them), else the name of the folder
/// it is filed in ("agenda/20241125.txt").
fn kind_in_file_name(path: &str) -> Option<DocKind> {
    let mut parts = path.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let kind_of = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphanumeric()).find_map(|w| {
            match w.to_ascii_lowercase().as_str() {
                "agenda" | "agendas" => Some(DocKind::Agenda),
                "minutes" => Some(DocKind::Minutes),
                "briefing" | "briefings" => Some(DocKind::BriefingNote),
                "report" | "reports" => Some(DocKind::Report),
                // ("24-00115 - Appendix B - KCC ICS priorities measures.pdf")
                "appendix" | "appendices" | "annex" | "atodiad" => Some(DocKind::Appendix),
                _ => None,
            }
        })
    };
    kind_of(stem).or_else(|| parts.next().and_then(kind_of))
}

/// The whole of `clean` as one document of `kind`, its title, date, body and
/// authority read by the `field` rules as for a segmented document. Rule
/// examples run in such a document, so that a rule is tested on its own
/// rather than through the segmenter.
pub fn single_document(clean: &[String], rules: &RuleSet, kind: DocKind, rule: &str) -> Document {
    let start = clean.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let mut doc = Document {
        kind,
        title: None,
        date: None,
        authority: None,
        body: None,
        meeting_date: None,
        of_meeting: true,
        start,
        end: clean.len(),
        rule: rule.to_string(),
    };
    if start < clean.len() {
        doc.title = Some(trim_title(&clean[start]));
    }
    let hints = LineHints::default();
    fill_fields(&mut doc, clean, &hints, &rules.fields, false);
    let file_authority = file_wide_value(clean, &hints, &rules.fields, FieldName::Authority);
    let mut docs = [doc];
    inherit(&mut docs, file_authority);
    let [doc] = docs;
    doc
}

/// Whether a body's name read up to a line's end stops in the middle: on a
/// joining word ("... Overview and"), or on a word no body's name ends with
/// (not "Committee", "Board", "Panel", "Council" ...).
fn ends_mid_name(body: &str) -> bool {
    let last = body.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    !matches!(
        last.as_str(),
        "committee"
            | "sub-committee"
            | "board"
            | "panel"
            | "council"
            | "cabinet"
            | "executive"
            | "commission"
            | "forum"
            | "partnership"
            | "group"
            | "assembly"
            | "authority"
            | "trust"
    )
}

fn next_non_blank(clean: &[String], from: usize, end: usize) -> Option<usize> {
    (from..end.min(clean.len())).find(|&i| !clean[i].is_empty())
}

fn trim_title(s: &str) -> String {
    let t = s.trim().trim_end_matches([':', '.']).trim();
    let mut out: String = t.chars().take(200).collect();
    if out.len() < t.len() {
        out.push('…');
    }
    out
}

/// A minutes heading without the when and where of its meeting, which the
/// document's date and the meeting's place give: "Minutes of the Meeting of
/// Testford Town Council held on Monday 4th March 2024 at 7.00pm" is
/// "Minutes of the Meeting of Testford Town Council" ("held in Public"
/// names the kind of meeting and stays).
fn without_when_held(title: &str) -> String {
    let lower = title.to_ascii_lowercase();
    let cut = [" held on ", " held at ", ", held on ", " held in "]
        .iter()
        .filter_map(|p| lower.find(p).map(|k| (k, p.len())))
        .filter(|&(k, n)| {
            !lower[k + n..].starts_with("public") && !lower[k + n..].starts_with("private")
        })
        .map(|(k, _)| k)
        .min();
    match cut {
        Some(k) if title[..k].split_whitespace().count() >= 3 => {
            title[..k].trim_end_matches([',', ' ']).to_string()
        }
        _ => title.to_string(),
    }
}

/// A line that is only a page number: "7", "Page 7", "Page 7 of 12", "- 7 -".
pub(crate) fn is_page_number(l: &str) -> bool {
    let t = l.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t);
    (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether line `i` carries on a sentence: the line right above it is a long
/// line of running text that stops on a lower-case word ("The review can be
/// found at" / "Appendix A. This informed ..."). No heading starts there.
fn mid_sentence(clean: &[String], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| clean[p].as_str()) else {
        return false;
    };
    prev.len() >= 50
        && prev.ends_with(|c: char| c.is_ascii_lowercase())
        && prev
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether line `i` is among the first three non-blank lines of its page,
/// where a running header prints.
fn at_page_top(clean: &[String], text: &ExtractedText, i: usize) -> bool {
    let Some(page) = text.layout_page_of_line(i) else {
        return false;
    };
    let mut above = 0;
    let mut j = i;
    while j > 0 {
        j -= 1;
        if text.layout_page_of_line(j) != Some(page) {
            return true;
        }
        if !clean[j].is_empty() {
            above += 1;
            if above >= 3 {
                return false;
            }
        }
    }
    // The first page's top is the file's start, not a header.
    false
}

fn find_starts(
    clean: &[String],
    text: &ExtractedText,
    hints: &LineHints,
    rules: &RuleSet,
    first: usize,
) -> Vec<Start> {
    let mut starts: Vec<Start> = Vec::new();
    // Non-blank lines seen since the current document began: `within` counts them.
    let mut seen_in_doc = 0usize;
    // Every line of the current document so far is a header's (short, no
    // sentence's end): the council, the committee, the date, the venue of a
    // front sheet printed above its "AGENDA".
    let mut header_only = false;
    let mut after_break = true;
    let mut break_kind: Option<(DocKind, String)> = None;
    // The last separator line seen: a page header prints it again at the
    // top of each next page of the same paper ("Agenda Item 7").
    let mut last_separator: Option<usize> = None;
    // Per document rule: its `not_after` line was seen in the current document.
    let mut blocked = vec![false; rules.documents.len()];
    for (i, line) in clean.iter().enumerate().skip(first) {
        if line.is_empty() {
            continue;
        }
        // A separator among the first lines of a document that a heading
        // started ("Report to Cabinet" / "5 March 2024" / "Agenda Item 4")
        // is part of its header, not the start of another.
        let in_header = seen_in_doc <= 4
            && header_only
            && starts.last().is_some_and(|s| {
                s.explicit && matches!(s.kind, DocKind::Report | DocKind::BriefingNote)
            });
        if let Some(sep) = rules
            .separators
            .iter()
            .find(|s| !in_header && s.pattern.is_match_line(hints, i, line))
        {
            // The same stamp at the top of the next page, not the same
            // words pages later ("This page is intentionally left blank").
            let running_header = last_separator.is_some_and(|k| {
                clean[k] == *line
                    && text.layout_page_of_line(k).map(|p| p + 1) == text.layout_page_of_line(i)
                    && at_page_top(clean, text, i)
            });
            last_separator = Some(i);
            if running_header {
                continue;
            }
            blocked.fill(false);
            after_break = true;
            break_kind = Some((sep.kind, sep.id.clone()));
            continue;
        }
        // Whether this line is among the first of its page, found once.
        let page_top = std::cell::OnceCell::new();
        // Whether rule `r` starts a paper here under its own lead lines at
        // the page's top (checked last: it reads back over the page).
        let led_start = |r: &crate::rules::document::DocumentRule, i: usize, line: &str| {
            r.lead.as_ref().is_some_and(|lead| {
                r.start.is_match_line(hints, i, line) && led_from_page_top(clean, text, i, lead)
            })
        };
        let matched = rules.documents.iter().enumerate().find_map(|(k, r)| {
            // A start its `not_after` line has blocked (an appendix listed
            // under the report's "Appendices") may still open a page.
            // So may one under its own lead lines at the top of a page (a
            // report's cover keys "Meeting ..." / "Date: ..." over "Title:").
            if blocked[k]
                && !after_break
                && !first_on_page(clean, text, i)
                && !led_start(r, i, line)
            {
                return None;
            }
            // The first lines of an implicit document (after a break, or the top
            // of the file) still count as "after a break".
            let near_break = after_break
                || starts.last().is_some_and(|s| !s.explicit) && (seen_in_doc <= 4 || header_only)
                // "AGENDA" under a front sheet's lines on the file's first page
                || r.kind == DocKind::Agenda
                    && seen_in_doc <= FRONT_SHEET_LINES
                    && starts.last().is_some_and(|s| {
                        !s.explicit
                            && (!text.has_layout_pages() || text.layout_page_of_line(s.line) == text.layout_page_of_line(i))
                    })
                // A heading of another kind of paper at the top of a page
                // (a report after the agenda); one of the same kind there
                // is the paper's own page heading.
                || r.after_break
                    && starts.last().is_none_or(|s| s.kind != r.kind)
                    && *page_top.get_or_init(|| at_page_top(clean, text, i))
                // A start under its own lead lines at a page's top (a second
                // report's cover keys): the next paper, of whatever kind.
                || r.after_break && led_start(r, i, line);
            if r.after_break && !near_break {
                return None;
            }
            if r.within.is_some_and(|w| seen_in_doc >= w) && !after_break {
                return None;
            }
            if let Some(c) = r.start.captures_line(hints, i, line) {
                // A body's name cut by the line's end ("... Joint Health
                // Overview and" / "Scrutiny Committee held at ..."): the
                // heading read on into the next line names all of it.
                let cut = c
                    .name("body")
                    .is_some_and(|b| b.end() == line.trim_end().len() && ends_mid_name(b.as_str()));
                if r.join_next && cut {
                    if let Some(next) = clean.get(i + 1).filter(|n| !n.is_empty()) {
                        let joined = format!("{line} {next}");
                        if let Some(j) = r.start.captures(&joined) {
                            let longer = j.name("body").is_some_and(|jb| {
                                c.name("body")
                                    .is_some_and(|b| jb.start() == b.start() && jb.end() > b.end())
                            });
                            if longer {
                                return Some((r, owned_captures(&r.start, &j)));
                            }
                        }
                    }
                }
                return Some((r, owned_captures(&r.start, &c)));
            }
            if r.join_next {
                let next = next_non_blank(clean, i + 1, clean.len())?;
                if !r.start.may_match_lines(hints, i, next, line) {
                    return None;
                }
                let joined = format!("{line} {}", clean[next]);
                if let Some(c) = r.start.captures(&joined) {
                    return Some((r, owned_captures(&r.start, &c)));
                }
                // (a summons over three lines, its date on the third)
                let third = next + 1;
                if third < clean.len() && !clean[third].is_empty() {
                    let joined = format!("{joined} {}", clean[third]);
                    return r
                        .start
                        .captures(&joined)
                        .map(|c| (r, owned_captures(&r.start, &c)));
                }
                return None;
            }
            None
        });
        // A running header ("Appendix 1" at the top of every page) repeats
        // the heading its document started with, word for word, at the top of
        // a later page: the same document goes on.
        let repeated = matched.as_ref().is_some_and(|(rule, _)| {
            starts.last().is_some_and(|s| {
                s.rule == rule.id
                    && clean[s.matched] == *line
                    && text.layout_page_of_line(s.matched) != text.layout_page_of_line(i)
                    && at_page_top(clean, text, i)
            })
        });
        if let Some((rule, caps)) = matched.filter(|_| !repeated && !mid_sentence(clean, i)) {
            let group = |name: &str| {
                caps.get(name)
                    .map(|m| trim_title(m))
                    .filter(|s| !s.is_empty())
            };
            let mut line_at = i;
            // Lines just before the start that belong to it (the authority's name above "Minutes of ...").
            if let Some(lead) = &rule.lead {
                let floor = starts.last().map_or(first, |s| s.line + 1);
                let mut j = i;
                while j > floor {
                    j -= 1;
                    if clean[j].is_empty() {
                        continue;
                    }
                    // A paper's heading does not run back over a page break.
                    if text.has_layout_pages()
                        && text.layout_page_of_line(j) != text.layout_page_of_line(i)
                    {
                        break;
                    }
                    if lead.is_match(&clean[j]) {
                        line_at = j;
                    } else {
                        break;
                    }
                }
            }
            let start = Start {
                line: line_at,
                kind: rule.kind,
                rule: rule.id.clone(),
                explicit: true,
                title: group("title"),
                // ("MINUTES OF THE REGULAR MEETING": a kind of meeting, no body)
                // ("ORRISDALE COUNCIL   Public Minutes": the council's
                // letterhead beside the heading, the committee's name below)
                body: group("body").filter(|b| {
                    let masthead = LETTERHEAD_COUNCIL.is_match(b) && MASTHEAD_LABEL.is_match(line);
                    !only_meeting_kind(b) && !masthead
                }),
                date: group("date").and_then(|d| dates::parse_date(&d)),
                matched: i,
                title_from: rule.title_from,
                of_meeting: rule.meeting,
            };
            // The start names the document begun just before, which it
            // takes over from its first line on. Either that one is implicit
            // and this comes among its first lines (a separator, then the
            // authority's name, then "Briefing note"), unless a page break
            // parts them (the paper on the page before is another: an
            // agenda's front sheet); or this says the same heading again,
            // longer, on the next line (a page header "Appendix B" over the
            // appendix's own "Appendix B – Monthly performance 2023/24").
            let names_prev = |prev: &Start| {
                let same_page = !text.has_layout_pages()
                    || text.layout_page_of_line(prev.line) == text.layout_page_of_line(line_at);
                // A front sheet (the council, the committee, the meeting's
                // date and venue, its members, a note on webcasting) on the
                // page before an "AGENDA" heading is the agenda's first page.
                // (Or on the same page, above the heading.)
                let front_sheet = start.kind == DocKind::Agenda
                    && !prev.explicit
                    && (text.has_layout_pages()
                        && text
                            .page_of_line(prev.line)
                            .zip(text.layout_page_of_line(line_at))
                            .is_some_and(|(a, b)| a + 1 == b)
                        || same_page && seen_in_doc <= FRONT_SHEET_LINES);
                let implicit = !prev.explicit
                    && (seen_in_doc <= 4 || header_only)
                    && (same_page || seen_in_doc <= 2)
                    || front_sheet;
                let restates = prev.explicit
                    && prev.kind == start.kind
                    && prev_non_blank(clean, i) == Some(prev.matched)
                    && clean[i].len() > clean[prev.matched].len()
                    && clean[i].starts_with(clean[prev.matched].as_str());
                // Or the paper's heading ("CITY COUNCIL MEETING MINUTES" /
                // "May 7, 2024") is followed, among its first lines, by a
                // fuller start of the same kind ("The regular meeting of the
                // Briar Glen Town Council was held on ..."), one paper still.
                // (Not across a separator: "Agenda Item 7" stamps another paper.)
                let completes = prev.explicit
                    && prev.kind == start.kind
                    && !after_break
                    && header_only
                    && seen_in_doc <= 4
                    && same_page;
                implicit || restates || completes
            };
            match starts.last_mut() {
                Some(prev) if names_prev(prev) => {
                    let line = prev.line;
                    *prev = Start { line, ..start };
                }
                Some(prev) if prev.line == line_at => *prev = start,
                _ => starts.push(start),
            }
            seen_in_doc = 1;
            header_only = true;
            after_break = false;
            break_kind = None;
            // A paper's own heading may bar other starts inside it: a
            // briefing note's "Title:" line is its field, no report's cover.
            for (k, r) in rules.documents.iter().enumerate() {
                blocked[k] = r
                    .not_after
                    .as_ref()
                    .is_some_and(|n| n.is_match_line(hints, i, line));
            }
            continue;
        }
        for (k, r) in rules.documents.iter().enumerate() {
            if r.not_after
                .as_ref()
                .is_some_and(|n| n.is_match_line(hints, i, line))
            {
                blocked[k] = true;
            }
        }
        if starts.is_empty() || after_break {
            let (kind, rule) = match (&break_kind, starts.is_empty()) {
                (Some((k, id)), false) => (*k, id.clone()),
                _ => (DocKind::Other, "segment.file_start".to_string()),
            };
            starts.push(Start {
                line: i,
                kind,
                rule,
                explicit: false,
                title: None,
                body: None,
                date: None,
                matched: i,
                title_from: TitleFrom::Start,
                of_meeting: true,
            });
            seen_in_doc = 0;
            header_only = true;
        }
        after_break = false;
        break_kind = None;
        seen_in_doc += 1;
        header_only &= seen_in_doc <= HEADER_LINES && is_header_line(line);
    }
    starts
}

/// A paper that starts below a few header lines at the top of its page
/// ("Agenda Item 5" / "Cabinet - 5 March 2025" over its heading) starts at
/// the page's top: those lines are its own, not the end of the paper before,
/// whose pages would run on over this one.
fn take_page_heads(starts: &mut [Start], clean: &[String], text: &ExtractedText) {
    if !text.has_layout_pages() {
        return;
    }
    for k in 1..starts.len() {
        let s = &starts[k];
        if !s.explicit || s.title_from == TitleFrom::First || s.title_from == TitleFrom::Previous {
            continue;
        }
        let Some(page) = text.layout_page_of_line(s.line) else {
            continue;
        };
        let mut top = s.line;
        while top > starts[k - 1].line + 1 && text.layout_page_of_line(top - 1) == Some(page) {
            top -= 1;
        }
        while top < s.line && clean[top].is_empty() {
            top += 1;
        }
        if top == s.line || text.layout_page_of_line(starts[k - 1].line) == Some(page) {
            continue;
        }
        let above: Vec<&String> = clean[top..s.line]
            .iter()
            .filter(|l| !l.is_empty())
            .collect();
        if above.len() <= 4 && above.iter().all(|l| is_header_line(l)) {
            starts[k].line = top;
        }
    }
}

/// Whether every line above line `i` on its page (a few at most) is one
/// that `lead` takes into the document starting at `i`.
fn led_from_page_top(clean: &[String], text: &ExtractedText, i: usize, lead: &Pattern) -> bool {
    if !text.has_layout_pages() {
        return false;
    }
    let page = text.layout_page_of_line(i);
    let mut seen = 0;
    let mut j = i;
    while j > 0 && text.layout_page_of_line(j - 1) == page {
        j -= 1;
        // (read as printed: the cleaning may have blanked a cover key that
        // stands in the same place on the page before, "Meeting Cabinet")
        let line = if clean[j].is_empty() {
            text.lines[j].text.trim()
        } else {
            clean[j].as_str()
        };
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 6 || !lead.is_match(line) {
            return false;
        }
    }
    seen > 0 && j > 0
}

/// Whether line `i` is the first line of text on its page.
fn first_on_page(clean: &[String], text: &ExtractedText, i: usize) -> bool {
    text.has_layout_pages()
        && prev_non_blank(clean, i)
            .is_none_or(|p| text.layout_page_of_line(p) != text.layout_page_of_line(i))
}

/// Most lines a front sheet's header block may have above the heading that
/// names its document.
const HEADER_LINES: usize = 12;

/// Most lines of a front sheet (with its membership and notes) above the
/// "AGENDA" it comes before on the same page.
const FRONT_SHEET_LINES: usize = 30;

/// The last non-blank line before line `i`.
fn prev_non_blank(clean: &[String], i: usize) -> Option<usize> {
    (0..i).rev().find(|&k| !clean[k].is_empty())
}

/// A paper's letterhead line: its council's name, or a date alone.
fn is_letterhead(line: &str) -> bool {
    let t = line.trim();
    LETTERHEAD_COUNCIL.is_match(t)
        || t.split_whitespace().count() <= 6 && crate::dates::parse_date(t).is_some()
}

/// The kind of paper a masthead prints beside the council's name: "Public
/// Minutes", "Draft Minutes".
static MASTHEAD_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:public|private|open|confidential|draft)\s+minutes$")
        .expect("valid pattern")
});

/// A council's name alone on its line.
static LETTERHEAD_COUNCIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:[a-z][\w'’&.-]*\s+){0,6}(?:council|authority)$")
        .expect("valid pattern")
});

/// The label of a cover sheet's field, before its colon.
static FIELD_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?i)^(?:date|report|meeting|subject|title|wards?|key\s+decision|contact|author|lead|portfolio|cabinet\s+member|classification|status|agenda|item|purpose|decision|responsible|executive|officers?|director|exempt|forward\s+plan|reference|ref|(?:also\s+)?present|in\s+attendance|apolog|members|councillors|chair|substitut|attende)",
    )
    .expect("valid pattern")
});

/// A report's numbered section heading ("1. PURPOSE OF REPORT", "2.1
/// Background"): never its title.
static NUMBERED_SECTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\S").expect("valid pattern")
});

/// A line under a report's heading that can be its title: a short line that
/// is no label ("Report of: ..."), date, council or committee name.
fn is_title_candidate(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    // A colon parts a title from its subtitle ("Garden Waste Service: Charges
    // for 2025/26"), or a field's label from its value ("Wards affected: All").
    let subtitled = t.split_once(':').is_some_and(|(head, tail)| {
        head.split_whitespace().count() >= 2
            && !tail.trim().is_empty()
            && !FIELD_LABEL.is_match(head)
    });
    (!t.contains(':') || subtitled)
        && !NUMBERED_SECTION.is_match(t)
        && is_title_words(t)
        && ![
            "report to",
            "report of",
            "report by",
            "report from",
            "meeting",
            "date",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A header line of two words or more that names no page, council, date or
/// committee: words a title can be made of.
fn is_title_words(t: &str) -> bool {
    is_header_line(t)
        && t.split_whitespace().count() >= 2
        && !is_page_number(t)
        && !is_letterhead(t)
        && !names_body(t)
}

/// A line that can open a title wrapped onto the next one: a header line
/// naming no council, date, committee, item or page, and ending in a word.
fn starts_title(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    is_title_words(t)
        && !t.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | ':' | ';' | ','))
        && !["agenda", "item", "report", "meeting", "date", "appendix"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// A line of a header block: short, not running text.
fn is_header_line(line: &str) -> bool {
    // (a report's long title wraps at about 90 characters: "Ofsted
    // Inspection of Local Authority Children's Services (ILACS):
    // Post-Inspection" / "Action Plan")
    // (a run of names is a list: "Caroline Smith, Tom Byrne, Tony Doran")
    line.len() <= 100
        && line.split_whitespace().count() <= 15
        && line.matches(',').count() <= 2
        && !line.ends_with(['.', ',', ';'])
}

/// Named groups of a match, owned, so that a match on a joined line can
/// outlive the joined string.
fn owned_captures(re: &Pattern, c: &regex::Captures<'_>) -> HashMap<String, String> {
    re.capture_names()
        .flatten()
        .filter_map(|n| c.name(n).map(|m| (n.to_string(), m.as_str().to_string())))
        .collect()
}

fn fill_fields(
    doc: &mut Document,
    clean: &[String],
    hints: &LineHints,
    fields: &[FieldRule],
    title_captured: bool,
) {
    if !title_captured {
        if let Some(t) = best_value(FieldName::Title, fields, clean, hints, doc, |v| {
            Some(trim_title(v))
        }) {
            doc.title = Some(t);
        }
    }
    if doc.date.is_none() {
        doc.date = best_value(
            FieldName::Date,
            fields,
            clean,
            hints,
            doc,
            dates::parse_date,
        );
    }
    if doc.meeting_date.is_none() {
        doc.meeting_date = best_value(
            FieldName::MeetingDate,
            fields,
            clean,
            hints,
            doc,
            dates::parse_date,
        );
    }
    if doc.authority.is_none() {
        doc.authority = best_value(FieldName::Authority, fields, clean, hints, doc, |v| {
            Some(name_case(without_heading_words(&trim_title(v))))
        });
    }
    if doc.body.is_none() {
        // The council's name heads its papers ("LEEDSHIRE COUNCIL" above the
        // committee's): it is the authority, not the meeting's body.
        let authority = doc.authority.clone();
        doc.body = best_value(FieldName::Body, fields, clean, hints, doc, |v| {
            let v = trim_title(v);
            let Some(a) = authority.as_deref() else {
                return Some(v);
            };
            let named = name_case(&v);
            if a.eq_ignore_ascii_case(&named) {
                return None;
            }
            // "London Borough of Southwark" / "Education ... Commission", the
            // letterhead read as the first part of a wrapped name.
            match named.get(..a.len()) {
                Some(head) if head.eq_ignore_ascii_case(a) && v.is_char_boundary(a.len()) => {
                    Some(v[a.len()..].trim().to_string()).filter(|b| !b.is_empty())
                }
                _ => Some(v),
            }
        });
    }
    // Minutes or an agenda headed by a body's name alone ("Eastmarsh Fire
    // Authority" over "Minutes of the meeting held on ..."): the heading
    // names the meeting's body.
    if doc.body.is_none() && matches!(doc.kind, DocKind::Minutes | DocKind::Agenda) {
        doc.body = doc
            .title
            .as_deref()
            .filter(|t| names_body(t))
            .map(str::to_string);
    }
    if let Some(body) = doc.body.as_mut() {
        *body = tidy_body(body).to_string();
    }
    split_council(doc);
    // A meeting of the whole council prints its body as the kind of council
    // only ("the Parish Council", "COUNCIL"): the council is the authority,
    // and its name is what tells one parish's from another's. A body that is
    // its own authority goes by a short name ("the Fire and Rescue
    // Authority").
    if let (Some(body), Some(authority)) = (doc.body.as_deref(), doc.authority.as_deref()) {
        if is_whole_council(body, authority) || shortens(body, authority) {
            doc.body = Some(authority.to_string());
        }
    }
    // A summons names the body short ("a meeting of the Joint Burial
    // Committee") under its full name heading the paper ("HESSLEFORD AND
    // OAKHURST JOINT BURIAL COMMITTEE").
    if let Some(full) = doc
        .body
        .as_deref()
        .and_then(|b| full_name_above(clean, doc, b))
    {
        doc.body = Some(full);
    }
}

/// A line among a document's first three that is `body` with words before
/// it, a name on its own: the body's full name.
fn full_name_above(clean: &[String], doc: &Document, body: &str) -> Option<String> {
    let body = body.to_lowercase();
    clean[doc.start..doc.end.min(clean.len())]
        .iter()
        .filter(|l| !l.is_empty())
        .take(3)
        .map(|l| l.trim())
        .find(|l| {
            let lower = l.to_lowercase();
            lower.len() > body.len()
                && lower.ends_with(&body)
                && lower[..lower.len() - body.len()].ends_with(' ')
                && l.split_whitespace().count() <= 10
                && !l.contains(['.', ',', ':'])
                // (the words before are names: "Hessleford and Oakhurst", not
                // "Decision determined at")
                && l.get(..lower.len() - body.len()).is_some_and(|p| {
                    p.split_whitespace().all(|w| {
                        let lower = w.to_lowercase();
                        matches!(w, "and" | "&" | "AND")
                            || w.starts_with(char::is_uppercase)
                                && !NOT_IN_A_NAME.contains(&lower.as_str())
                    })
                })
        })
        .map(name_case)
}

/// Words of a heading around a body's name that are no part of it.
const NOT_IN_A_NAME: [&str; 16] = [
    "of",
    "the",
    "by",
    "at",
    "on",
    "in",
    "for",
    "to",
    "minute",
    "minutes",
    "meeting",
    "record",
    "decisions",
    "taken",
    "agenda",
    "notice",
];

/// A body's name without the words of the sentence that printed it.
fn tidy_body(body: &str) -> &str {
    let mut b = body;
    // "... SCRUTINY COMMITTEE HELD" / "ON WEDNESDAY ...": a heading wrapped
    // after the verb leaves it on the body's name.
    let t = b.trim_end();
    if let Some(k) = t
        .rfind(' ')
        .filter(|&k| t[k + 1..].eq_ignore_ascii_case("held"))
    {
        b = t[..k].trim_end();
    }
    // "Monthly Meeting of Loughmoyle and Drumard Borough Council": the kind
    // of meeting is no part of the body's name.
    if let Some(m) = MEETING_OF.find(b) {
        let rest = b[m.end()..].trim();
        if !rest.is_empty() {
            b = rest;
        }
    }
    // "MINUTES OF THE CITY COUNCIL": the article is the sentence's, not the
    // body's name.
    if let Some(rest) = b
        .get(..4)
        .filter(|head| head.eq_ignore_ascii_case("the "))
        .map(|_| b[4..].trim_start())
        .filter(|rest| !rest.is_empty())
    {
        b = rest;
    }
    b
}

/// "the Audit and Governance Committee of Ashgrove City Council": the
/// committee is the body, the council it is of the authority (read whole as
/// either field).
fn split_council(doc: &mut Document) {
    if let Some(c) = doc
        .body
        .as_deref()
        .and_then(|b| BODY_OF_COUNCIL.captures(b))
    {
        let (body, council) = (c[1].trim().to_string(), c[2].trim().to_string());
        let full = doc.body.clone().unwrap_or_default();
        let whole = |a: &str| {
            a.eq_ignore_ascii_case(&full) || a.len() > council.len() && a.ends_with(&council)
        };
        if doc.authority.as_deref().is_none_or(whole) {
            doc.authority = Some(council);
        }
        doc.body = Some(body);
    }
    if let Some(c) = doc
        .authority
        .as_deref()
        .and_then(|a| BODY_OF_COUNCIL.captures(a))
    {
        let (body, council) = (c[1].trim().to_string(), c[2].trim().to_string());
        if doc.body.is_none() {
            doc.body = Some(body);
        }
        doc.authority = Some(council);
    }
}

/// Whether `body` is the last words of `authority`'s name, the short name a
/// body that is its own authority goes by in its minutes: "the Fire and
/// Rescue Authority" of "Kestrel Fire and Rescue Authority", "the Board" of
/// "NHS Ashdown Integrated Care Board".
fn shortens(body: &str, authority: &str) -> bool {
    let body: Vec<String> = body.split_whitespace().map(str::to_lowercase).collect();
    let authority: Vec<String> = authority
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    !body.is_empty()
        && body.len() < authority.len()
        && authority.ends_with(&body)
        && authority.last().is_none_or(|w| w != "council")
}

/// A committee of a named council: "Planning Committee of Northfold District
/// Council" (not "Board of Directors", "Council of the City of X").
static BODY_OF_COUNCIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^((?:[A-Z][\w&’'-]*\s+|(?:and|of|for|the)\s+)*?(?:Committee|Sub-Committee|Sub Committee|Board|Panel|Cabinet|Forum|Commission|Executive))\s+of\s+(?:the\s+)?((?:[A-Z][\w&’'-]*\s+)+(?:Council|Authority))$")
        .expect("valid pattern")
});

/// The kind of a meeting before the body it is of: "Monthly Meeting of",
/// "the Annual Meeting of the".
static MEETING_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:the\s+)?(?:(?:monthly|annual|ordinary|extraordinary|special|statutory|adjourned|quarterly|regular)\s+)+meeting\s+of\s+(?:the\s+)?")
        .expect("valid pattern")
});

/// Whether a heading's would-be body names only a kind of meeting:
/// "REGULAR", "Special", "Annual".
fn only_meeting_kind(body: &str) -> bool {
    const KINDS: [&str; 12] = [
        "regular",
        "special",
        "annual",
        "ordinary",
        "extraordinary",
        "adjourned",
        "budget",
        "joint",
        "emergency",
        "business",
        "the",
        "a",
    ];
    body.split_whitespace()
        .all(|w| KINDS.contains(&w.to_lowercase().as_str()))
}

/// Whether `body` names only the kind of council `authority` is: "Council",
/// "Town Council" for "Wendlow Town Council", "Annual Parish Council".
/// The body is compared by its words, so "COUNCIL" is one as well.
fn is_whole_council(body: &str, authority: &str) -> bool {
    // "Full Council" is left alone: it is the name many councils give the
    // meeting of all their members, as a committee's name is given.
    const MEETING_KINDS: [&str; 7] = [
        "the",
        "annual",
        "ordinary",
        "extraordinary",
        "extra-ordinary",
        "special",
        "budget",
    ];
    let authority = authority.to_lowercase();
    // A London or royal borough is named "London Borough of X": its
    // "Budget Council" is the whole council too.
    let borough = ["london borough of ", "royal borough of "]
        .iter()
        .any(|p| authority.starts_with(p));
    if !(authority.ends_with("council") || borough) || authority.split_whitespace().count() < 2 {
        return false;
    }
    let body = body.to_lowercase();
    let mut words: Vec<&str> = body.split_whitespace().collect();
    if words.pop() != Some("council") {
        return false;
    }
    let kinds = words
        .iter()
        .take_while(|w| MEETING_KINDS.contains(w))
        .count();
    let kind_of_council = &words[kinds..];
    if borough {
        return kind_of_council.is_empty();
    }
    kind_of_council.len() <= 2
        && kind_of_council
            .iter()
            .all(|w| authority.split_whitespace().any(|a| a == *w))
}

/// Whether a heading is a body's name: a few capitalised words ending in
/// "Authority", "Panel", "Committee" and the like, no figures.
fn names_body(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let last = words.last().map(|w| w.to_ascii_lowercase());
    // ("COMMITTEE OF THE WHOLE": a US council sitting as a committee)
    let whole = t.to_ascii_lowercase().ends_with("committee of the whole");
    (1..=8).contains(&words.len())
        && !t.bytes().any(|b| b.is_ascii_digit())
        && words[0].starts_with(|c: char| c.is_uppercase())
        && (whole
            || last.is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "authority"
                        | "panel"
                        | "committee"
                        | "sub-committee"
                        | "board"
                        | "cabinet"
                        | "commission"
                        | "forum"
                        | "partnership"
                        | "assembly"
                        | "executive"
                        | "council"
                )
            }))
}

/// A name printed in capitals, as letterheads print a council's, in the case
/// it is written in running text: "STOKE-ON-TRENT CITY COUNCIL" is
/// "Stoke-on-Trent City Council". Any other name is left as printed.
pub(crate) fn name_case(v: &str) -> String {
    if v.chars().any(char::is_lowercase) || v.chars().filter(|c| c.is_uppercase()).count() < 2 {
        return v.to_string();
    }
    // (an acronym alone: "ICB", "NHS")
    if !v.contains(' ') && v.len() <= 4 {
        return v.to_string();
    }
    const SMALL: [&str; 7] = ["and", "of", "on", "upon", "in", "under", "the"];
    let mut out = String::with_capacity(v.len());
    let mut word = String::new();
    let mut first = true;
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        if !first && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            let mut chars = lower.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
        first = false;
        word.clear();
    };
    for c in v.chars() {
        if c == ' ' || c == '-' {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The value of one header field: among the rules for `field` that apply to
/// the document, the highest priority that reads a value wins, and within a
/// priority the value nearest the top of the document (a header's first date
/// is the meeting's; a later "held on" may be an earlier meeting's).
fn best_value<T>(
    field: FieldName,
    fields: &[FieldRule],
    clean: &[String],
    hints: &LineHints,
    doc: &Document,
    mut accept: impl FnMut(&str) -> Option<T>,
) -> Option<T> {
    let mut best: Option<(i64, usize, T)> = None;
    // `fields` is sorted by priority, highest first.
    for rule in fields
        .iter()
        .filter(|r| r.field == field && !r.file_wide && r.applies_to(doc.kind))
    {
        if let Some((p, _, _)) = &best {
            if rule.priority < *p {
                break;
            }
        }
        if let Some((line, v)) = first_value(rule, clean, hints, doc, &mut accept) {
            if best.as_ref().is_none_or(|(_, l, _)| line < *l) {
                best = Some((rule.priority, line, v));
            }
        }
    }
    best.map(|(_, _, v)| v)
}

/// End (exclusive) of a rule's window: `window` non-blank lines from the
/// document's start, so that a text export's blank lines and a PDF's dense
/// lines give the same window.
fn window_end(clean: &[String], doc: &Document, window: usize) -> usize {
    let end = doc.end.min(clean.len());
    let mut seen = 0;
    for (i, line) in clean.iter().enumerate().take(end).skip(doc.start) {
        if !line.is_empty() {
            seen += 1;
            if seen > window {
                return i;
            }
        }
    }
    end
}

/// The first value a field rule reads in a document's window that `accept`
/// takes, with its line: the matched text, or the next non-blank line for
/// label rules.
fn first_value<T>(
    rule: &FieldRule,
    clean: &[String],
    hints: &LineHints,
    doc: &Document,
    mut accept: impl FnMut(&str) -> Option<T>,
) -> Option<(usize, T)> {
    let end = window_end(clean, doc, rule.window);
    (doc.start..end).find_map(|i| {
        let line = clean[i].as_str();
        if !rule.pattern.may_match_line(hints, i, line) {
            return None;
        }
        let Some(v) = rule.value(line) else {
            // A match that runs on over the line's end: "held on Thursday 6"
            // / "February 2025 at 7.00 pm in Committee Room 2, Town Hall".
            if !rule.join_next || rule.next_line {
                return None;
            }
            let next = clean
                .get(i + 1)
                .filter(|n| i + 1 < end && !n.is_empty() && !has_label(n))?;
            if rule.value(next).is_some() {
                return None;
            }
            // (the value on the next line, the words that find it on this
            // one; not a value run together from both)
            let joined = format!("{line} {next}");
            return rule
                .value(&joined)
                .filter(|w| next.contains(w))
                .and_then(&mut accept)
                .map(|t| (i, t));
        };
        if rule.next_line {
            let value = rule.next_value(&clean[next_non_blank(clean, i + 1, end)?])?;
            return accept(value).map(|t| (i, t));
        }
        if rule.join_next && runs_to_line_end(line, v) {
            // A wrapped value goes on on the very next line; a blank line or
            // a new label ("Contact:") ends it.
            let next = clean
                .get(i + 1)
                .filter(|n| i + 1 < end && !n.is_empty() && !has_label(n));
            if let Some(next) = next {
                let joined = format!("{line} {next}");
                if let Some(w) = rule.value(&joined) {
                    if w.len() > v.len() && w.starts_with(v) {
                        if let Some(t) = accept(w) {
                            return Some((i, t));
                        }
                    }
                }
            }
        }
        if rule.join_previous && i > doc.start && starts_line(line, v) {
            if let Some(w) = joined_with_previous(rule, &clean[i - 1], line, v) {
                if let Some(t) = accept(&w) {
                    return Some((i - 1, t));
                }
            }
        }
        accept(v).map(|t| (i, t))
    })
}

/// `value`, read from `line`, with the line above put before it when that
/// line is the first part of the same heading: words in running-text case
/// that end no sentence or label and that the rule reads nothing from alone
/// ("Transport and Connectivity" above "Policy Committee").
fn joined_with_previous(rule: &FieldRule, prev: &str, line: &str, value: &str) -> Option<String> {
    let part = !prev.is_empty()
        && prev.split(' ').count() >= 2
        && prev.starts_with(char::is_uppercase)
        && prev.chars().any(char::is_lowercase)
        && !prev.contains(':')
        && !prev.ends_with(['.', ',', ';', '!', '?', ')'])
        && !prev.chars().any(|c| c.is_ascii_digit())
        // "Supplementary Agenda" above "Cabinet" names the paper, not the body.
        && !prev
            .split(' ')
            .any(|w| PAPER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        // (a bilingual body's Welsh name above its English one)
        && !crate::normalize::is_welsh(prev)
        && !rule.pattern.is_match(prev);
    if !part {
        return None;
    }
    let joined = format!("{prev} {line}");
    let w = rule.value(&joined)?;
    (w.len() > value.len() && w.ends_with(value)).then(|| w.to_string())
}

/// Words that name a kind of paper, never part of a committee's name.
const PAPER_WORDS: [&str; 6] = [
    "agenda", "minutes", "report", "briefing", "appendix", "notice",
];

/// Whether `value`, a slice of `line`, begins where the line's text does.
fn starts_line(line: &str, value: &str) -> bool {
    let offset = value.as_ptr() as usize - line.as_ptr() as usize;
    line[..offset].trim().is_empty()
}

/// Whether `line` holds a label's colon ("Contact: ..."): one after a
/// letter and before a space or the line's end, not a time's ("10:00").
fn has_label(line: &str) -> bool {
    line.match_indices(':').any(|(k, _)| {
        line[..k].ends_with(char::is_alphabetic)
            && line[k + 1..].chars().next().is_none_or(char::is_whitespace)
    })
}

/// Whether `value`, a slice of `line`, ends where the line's text does (bar a
/// trailing comma): the value may be cut by the line's end.
fn runs_to_line_end(line: &str, value: &str) -> bool {
    let offset = value.as_ptr() as usize - line.as_ptr() as usize;
    let rest = line.get(offset + value.len()..).unwrap_or_default();
    rest.trim_matches(|c: char| c.is_whitespace() || c == ',')
        .is_empty()
}

/// Header fields of the meeting a document describes: time and place, read by
/// the `field` rules of those names. Used for `meeting` records.
pub fn meeting_time_place(
    doc: &Document,
    clean: &[String],
    hints: &LineHints,
    fields: &[FieldRule],
) -> (Option<String>, Option<String>) {
    let time = best_value(FieldName::Time, fields, clean, hints, doc, dates::find_time);
    let place = best_value(FieldName::Place, fields, clean, hints, doc, |v| {
        Some(without_time(&trim_title(v)).to_string()).filter(|p| !p.is_empty())
    });
    (time, place)
}

/// A place without the meeting's time read after it: "Oxley Marsh Village
/// Hall at 7" (of "at 7.00pm", cut at its full stop) is the hall.
fn without_time(place: &str) -> &str {
    let words: Vec<&str> = place.split_whitespace().collect();
    match words.as_slice() {
        [.., at, t]
            if at.eq_ignore_ascii_case("at") && t.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            let cut = place
                .rfind(" at ")
                .or_else(|| place.rfind(" At "))
                .unwrap_or(place.len());
            place[..cut].trim_end_matches([',', ' '])
        }
        _ => place,
    }
}

/// The most frequent value a file-wide rule finds, highest-priority rule first.
fn file_wide_value(
    clean: &[String],
    hints: &LineHints,
    fields: &[FieldRule],
    field: FieldName,
) -> Option<String> {
    for rule in fields.iter().filter(|r| r.file_wide && r.field == field) {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, line) in clean.iter().enumerate() {
            if !rule.pattern.may_match_line(hints, i, line) {
                continue;
            }
            // Every mention counts, several on one line too.
            for v in rule.values(line) {
                let e = counts.entry(v).or_insert((0, i));
                e.0 += 1;
            }
        }
        // Most frequent; the earliest on a tie.
        let Some(mut v) = most_frequent(counts.iter().map(|(v, c)| (*v, *c))) else {
            continue;
        };
        // Two councils named as often ("Bristol City Council" and, in a
        // comparison, "Nottingham City Council"): the paper's own is the
        // one whose place it names on more lines ("in Bristol").
        let top = counts[v].0;
        let tied = || counts.iter().filter(|(_, c)| c.0 == top);
        if tied().count() > 1 {
            let mentions = |u: &str| clean.iter().filter(|l| l.contains(place_of(u))).count();
            v = most_frequent(tied().map(|(u, c)| (*u, (mentions(u), c.1)))).unwrap_or(v);
        }
        // A combined authority's paper names it in full once and in short
        // after ("West of England Mayoral Combined Authority", then "the
        // Mayoral Combined Authority"): the full name is its own. (Other
        // councils' names grow by the words before them, "Leader of Kent
        // County Council", which name no other body.)
        let short = v.len() >= 8 && v[..8].eq_ignore_ascii_case("mayoral ");
        let full = short
            .then(|| {
                most_frequent(counts.iter().map(|(u, c)| (*u, *c)).filter(|(u, _)| {
                    u.len() > v.len()
                        && u.is_char_boundary(u.len() - v.len())
                        && u[u.len() - v.len()..].eq_ignore_ascii_case(v)
                        && u[..u.len() - v.len()].ends_with(' ')
                }))
            })
            .flatten();
        return Some(without_heading_words(full.unwrap_or(v)).to_string());
    }
    None
}

/// A council's name without the heading's words read with it: "Meeting of
/// East Tarrant Parish Council" is "East Tarrant Parish Council".
fn without_heading_words(v: &str) -> &str {
    let lower = v.to_ascii_lowercase();
    let cut = ["meeting of ", "minutes of ", "notes of ", "agenda of "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(0, |p| p.len());
    let v = v[cut..].trim_start();
    v.strip_prefix("the ")
        .or_else(|| v.strip_prefix("The "))
        .unwrap_or(v)
}

/// A council's place: its name without the words of its kind ("Bristol" of
/// "Bristol City Council").
fn place_of(name: &str) -> &str {
    const KINDS: [&str; 11] = [
        "City",
        "County",
        "Borough",
        "District",
        "Town",
        "Parish",
        "Community",
        "Metropolitan",
        "Combined",
        "Council",
        "Authority",
    ];
    let mut end = name.len();
    while let Some(at) = name[..end].rfind(' ') {
        if !KINDS
            .iter()
            .any(|k| name[at + 1..end].eq_ignore_ascii_case(k))
        {
            break;
        }
        end = at;
    }
    &name[..end]
}

/// The value counted most often (count, first line); the earliest on a tie.
fn most_frequent<'a>(values: impl Iterator<Item = (&'a str, (usize, usize))>) -> Option<&'a str> {
    values
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(v, _)| v)
}

/// Documents of a pack share their meeting: a briefing note, report or
/// appendix is addressed to the meeting of the agenda (or the first document)
/// it follows, and takes its body and authority when it prints none.
fn inherit(docs: &mut [Document], file_authority: Option<String>) {
    let mut anchor: Option<(Option<String>, Option<String>, Option<String>)> = None;
    let pack = docs.first().is_some_and(|d| d.kind == DocKind::Agenda);
    for (i, doc) in docs.iter_mut().enumerate() {
        if doc.authority.is_none() {
            doc.authority = file_authority.clone();
            split_council(doc);
        }
        match doc.kind {
            DocKind::Agenda | DocKind::Minutes => {
                doc.meeting_date = doc.date.clone();
                // Minutes or an agenda that name no committee are of a
                // meeting of the council itself (a parish council's minutes).
                if doc.body.is_none() {
                    doc.body = doc.authority.clone();
                }
                if i == 0 || doc.kind == DocKind::Agenda {
                    anchor = Some((doc.body.clone(), doc.authority.clone(), doc.date.clone()));
                }
            }
            _ => {
                if let Some((body, authority, date)) = &anchor {
                    if pack || doc.body.is_none() {
                        doc.body = body.clone().or(doc.body.take());
                    }
                    if doc.authority.is_none() {
                        doc.authority = authority.clone();
                    }
                    doc.meeting_date = if pack {
                        date.clone()
                    } else {
                        date.clone()
                            .or(doc.meeting_date.take())
                            .or(doc.date.clone())
                    };
                } else {
                    // A paper of no meeting (a forward plan, an officer's
                    // decision) dates only itself, unless a pack holds it.
                    // (its meeting's date where it prints one beside its own)
                    doc.meeting_date = doc
                        .meeting_date
                        .take()
                        .or(doc.date.clone())
                        .filter(|_| doc.of_meeting);
                    anchor = Some((
                        doc.body.clone(),
                        doc.authority.clone(),
                        doc.meeting_date.clone(),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minutes_title_leaves_when_and_where_to_their_fields() {
        assert_eq!(
            without_when_held(
                "Minutes of the Meeting of Testford Town Council held on Monday 4th March 2024 at 7.00pm"
            ),
            "Minutes of the Meeting of Testford Town Council"
        );
        assert_eq!(
            without_when_held("Minutes of the Board Meeting held in Public"),
            "Minutes of the Board Meeting held in Public"
        );
    }

    #[test]
    fn a_running_header_names_the_meeting() {
        let h = header_line(
            "Callowbridge City Council | Children and Families Scrutiny Committee | 19 November 2024",
        )
        .unwrap();
        assert_eq!(h.date, "2024-11-19");
        assert_eq!(
            h.body.as_deref(),
            Some("Children and Families Scrutiny Committee")
        );
        assert_eq!(h.authority.as_deref(), Some("Callowbridge City Council"));
        let h = header_line("Pendlebrook Council – Cabinet – 18 March 2025").unwrap();
        assert_eq!(h.date, "2025-03-18");
        assert_eq!(h.body.as_deref(), Some("Cabinet"));
        // a title and a date, or a sentence, name no meeting
        assert!(header_line("Budget Monitoring – 18 March 2025").is_none());
        assert!(header_line("The report was noted - 18 March 2025").is_none());
        assert!(is_furniture("Agenda Item 7"));
        assert!(!is_furniture("Agenda Item 7 considers the budget"));
    }

    #[test]
    fn a_place_without_the_time_after_it() {
        assert_eq!(
            without_time("Oxley Marsh Village Hall at 7"),
            "Oxley Marsh Village Hall"
        );
        assert_eq!(without_time("Wendlow Town Hall"), "Wendlow Town Hall");
        assert_eq!(
            without_time("Room 7 at County Hall"),
            "Room 7 at County Hall"
        );
    }

    #[test]
    fn a_file_name_can_give_the_kind_of_paper() {
        let k = kind_in_file_name;
        assert_eq!(
            k("real/des-moines/2022_01_24/agenda.pdf"),
            Some(DocKind::Agenda)
        );
        assert_eq!(k("2024-05-01-minutes.txt"), Some(DocKind::Minutes));
        assert_eq!(k("nottingham-wpl-growth-report.pdf"), Some(DocKind::Report));
        // the folder it is filed in, where its name says nothing
        assert_eq!(k("tintern/agenda/20241125.txt"), Some(DocKind::Agenda));
        assert_eq!(k("minutes/2024/20241125.txt"), None);
        assert_eq!(k("minutes/agenda-2024.txt"), Some(DocKind::Agenda));
        // words inside others are not the kind's
        assert_eq!(k("reporting-tool.pdf"), None);
        // an appendix filed under its report's reference
        assert_eq!(
            k("24-00115 - Appendix B - KCC ICS priorities measures.pdf"),
            Some(DocKind::Appendix)
        );
    }

    /// A US agenda whose heading names no kind takes the kind its file's
    /// name gives; a paper that names its own kind keeps it.
    #[test]
    fn an_unnamed_paper_takes_its_kind_from_the_file_name() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = RuleSet::load_dir(&root.join("rules")).unwrap();
        let lines = [
            "DES MOINES CITY COUNCIL MEETING",
            "City Hall, City Council Chambers",
            "",
            "January 24, 2022",
            "5:00 P.M.",
            "",
            "1. ROLL CALL",
        ];
        let kinds = |name: &str, lines: &[&str]| {
            let clean = crate::normalize::clean_lines(lines.iter().copied());
            let text = crate::extract::text::extract_text(lines.join("\n").as_bytes()).unwrap();
            let hints = rules.line_hints(&clean);
            segment(&clean, &text, &hints, &rules, name)
                .iter()
                .map(|d| d.kind)
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("2022_01_24/agenda.pdf", &lines), [DocKind::Agenda]);
        assert_eq!(kinds("2022_01_24/notes.pdf", &lines), [DocKind::Other]);
        let minutes = [
            "Minutes of the meeting of the Cabinet held on 3 May 2024",
            "",
            "Present: Councillor A Smith",
        ];
        assert_eq!(kinds("agenda.pdf", &minutes), [DocKind::Minutes]);
    }

    /// A report's cover above its heading is the report's own top, not a
    /// paper of its own; a cover that names only the report's item on the
    /// agenda makes a report of it.
    #[test]
    fn a_report_cover_belongs_to_its_report() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = RuleSet::load_dir(&root.join("rules")).unwrap();
        let docs = |lines: &[&str]| {
            let clean = crate::normalize::clean_lines(lines.iter().copied());
            let text = crate::extract::text::extract_text(lines.join("\n").as_bytes()).unwrap();
            let hints = rules.line_hints(&clean);
            segment(&clean, &text, &hints, &rules, "paper.txt")
                .into_iter()
                .map(|d| (d.kind, d.title, d.date, d.body, d.start))
                .collect::<Vec<_>>()
        };
        let got = docs(&[
            "WENDLEBURY CITY COUNCIL",
            "LEARNING AND SKILLS SCRUTINY COMMISSION",
            "Meeting date: 26 November 2024",
            "Agenda item 7",
            "EDUCATION STANDARDS IN WENDLEBURY 2024",
            "Report of the Strategic Director, Children and Learning",
            "1 SUMMARY",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, DocKind::Report);
        assert_eq!(
            got[0].1.as_deref(),
            Some("EDUCATION STANDARDS IN WENDLEBURY 2024")
        );
        assert_eq!(got[0].2.as_deref(), Some("2024-11-26"));
        assert_eq!(got[0].4, 0);
        let got = docs(&[
            "EASTFOLD COUNTY COUNCIL",
            "Schools Forum – 28 January 2025",
            "",
            "Item 5: Dedicated Schools Grant – High Needs Block Monitoring",
            "",
            "Purpose",
            "To report the forecast outturn.",
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, DocKind::Report);
        assert_eq!(
            got[0].1.as_deref(),
            Some("Dedicated Schools Grant – High Needs Block Monitoring")
        );
        assert_eq!(got[0].3.as_deref(), Some("Schools Forum"));
    }

    /// The minutes of a meeting of a whole council, whose heading names the
    /// body only by the kind of council, give the council's name as body.
    #[test]
    fn a_whole_council_meeting_takes_the_councils_name() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = RuleSet::load_dir(&root.join("rules")).unwrap();
        let body = |lines: &[&str]| {
            let clean = crate::normalize::clean_lines(lines.iter().copied());
            let text = crate::extract::text::extract_text(lines.join("\n").as_bytes()).unwrap();
            let hints = rules.line_hints(&clean);
            let docs = segment(&clean, &text, &hints, &rules, "minutes.txt");
            (docs[0].authority.clone(), docs[0].body.clone())
        };
        let (authority, parish) = body(&[
            "LITTLE SOWERBY PARISH COUNCIL",
            "MINUTES OF THE PARISH COUNCIL MEETING HELD ON WEDNESDAY 2ND OCTOBER 2024 AT 7.15PM",
            "",
            "PRESENT: Cllr Mrs E Barraclough (Chairman), Cllr A Whitworth",
        ]);
        assert_eq!(authority.as_deref(), Some("Little Sowerby Parish Council"));
        assert_eq!(parish.as_deref(), Some("Little Sowerby Parish Council"));
        let (_, borough) = body(&[
            "DRAYMOOR BOROUGH COUNCIL",
            "",
            "Minutes of the Meeting of the Council held on Tuesday 27 February 2024 at 7.00 pm",
            "",
            "Present: Councillor A Adair",
        ]);
        assert_eq!(borough.as_deref(), Some("Draymoor Borough Council"));
        // a committee keeps its own name
        let (_, committee) = body(&[
            "DRAYMOOR BOROUGH COUNCIL",
            "",
            "Minutes of the Meeting of the Licensing Committee held on Tuesday 27 February 2024",
            "",
            "Present: Councillor A Adair",
        ]);
        assert_eq!(committee.as_deref(), Some("Licensing Committee"));
        // a committee of a named council: the council is the authority
        for heading in [
            "Minutes of a meeting of the Audit and Governance Committee of Ashgrove City Council held on Wednesday 25 January 2023 in Committee Room A.",
            "Minutes of the Audit and Governance Committee of Ashgrove City Council held on 25 January 2023 at 6.30 pm",
        ] {
            let (authority, body) = body(&[heading, "", "Present: Councillor A Adair"]);
            assert_eq!(authority.as_deref(), Some("Ashgrove City Council"), "{heading}");
            assert_eq!(body.as_deref(), Some("Audit and Governance Committee"), "{heading}");
        }
    }

    #[test]
    fn the_kind_of_meeting_is_no_part_of_the_body() {
        let m = |b: &str| MEETING_OF.find(b).map(|m| b[m.end()..].to_string());
        assert_eq!(
            m("Monthly Meeting of Loughmoyle and Drumard Borough Council").as_deref(),
            Some("Loughmoyle and Drumard Borough Council")
        );
        assert_eq!(
            m("the Annual Meeting of the Council").as_deref(),
            Some("Council")
        );
        assert_eq!(
            m("Regular Meeting of the Cedar Falls City Council").as_deref(),
            Some("Cedar Falls City Council")
        );
        assert_eq!(m("Planning Committee"), None);
    }

    #[test]
    fn whole_council_bodies() {
        let w = is_whole_council;
        assert!(w("Council", "Draymoor Borough Council"));
        assert!(w("TOWN COUNCIL", "Wendlow Town Council"));
        assert!(w("Annual Parish Council", "Oxley Marsh Parish Council"));
        assert!(!w("Full Council", "Kent County Council"));
        assert!(!w("Youth Council", "Kent County Council"));
        assert!(!w("Parish Council", "Kent County Council"));
        assert!(!w("Council", "Council"));
        assert!(!w("Council", "City of East Palo Alto"));
        assert!(w("BUDGET COUNCIL", "London Borough of Ashgrove"));
        assert!(w("Budget Council", "Ashgrove County Council"));
        assert!(!w("Cabinet", "London Borough of Ashgrove"));
    }

    #[test]
    fn short_names_of_bodies_that_are_their_own_authority() {
        assert!(shortens(
            "FIRE AND RESCUE AUTHORITY",
            "Kestrel Fire and Rescue Authority"
        ));
        assert!(shortens("Board", "NHS Ashdown Integrated Care Board"));
        assert!(!shortens("Cabinet", "Kent County Council"));
        assert!(!shortens(
            "Board of Directors",
            "Harrowfield NHS Foundation Trust"
        ));
        // a council's committees are not the council
        assert!(!shortens("Council", "Draymoor Borough Council"));
    }

    #[test]
    fn capitalised_names_take_running_text_case() {
        assert_eq!(name_case("KENT COUNTY COUNCIL"), "Kent County Council");
        assert_eq!(
            name_case("STOKE-ON-TRENT CITY COUNCIL"),
            "Stoke-on-Trent City Council"
        );
        assert_eq!(name_case("Bristol City Council"), "Bristol City Council");
        assert_eq!(name_case("THE OF"), "The of");
    }
}
