//! Printed page labels: the catalog's /PageLabels number tree where the PDF has
//! one, otherwise page numbers printed in the page text when they run
//! consistently through the file. Only labels that differ from the physical
//! page number are kept.

use lopdf::{Dictionary, Document, Object, ObjectId};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A label range: from page index `start` (0-based) on, labels are `prefix`
/// followed by `first + (index - start)` written in `style`.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    start: u32,
    style: Option<Style>,
    prefix: String,
    first: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Decimal,
    UpperRoman,
    LowerRoman,
    UpperLetters,
    LowerLetters,
}

/// Bounds on a hostile or broken number tree.
const MAX_TREE_DEPTH: usize = 32;
const MAX_TREE_NODES: usize = 10_000;
const MAX_RANGES: usize = 100_000;

/// The labels of the catalog's /PageLabels tree, one per physical page (`None`
/// where the label is just the page number, or empty). `None` overall when the
/// PDF has no usable /PageLabels.
pub(super) fn from_catalog(doc: &Document, page_count: usize) -> Option<Vec<Option<String>>> {
    let catalog = doc.catalog().ok()?;
    let root = deref_dict(doc, catalog.get(b"PageLabels").ok()?)?;
    let mut ranges = Vec::new();
    let mut seen = HashSet::new();
    let mut budget = MAX_TREE_NODES;
    collect_ranges(doc, root, 0, &mut seen, &mut budget, &mut ranges);
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_by_key(|r| r.start);
    Some(
        (0..page_count)
            .map(|idx| {
                let idx = u32::try_from(idx).ok()?;
                let range = ranges.iter().rev().find(|r| r.start <= idx)?;
                let label = range.label(idx);
                let physical = (idx + 1).to_string();
                (!label.is_empty() && label != physical).then_some(label)
            })
            .collect(),
    )
}

fn deref_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(obj).ok()?.1.as_dict().ok()
}

fn collect_ranges(
    doc: &Document,
    node: &Dictionary,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    budget: &mut usize,
    out: &mut Vec<Range>,
) {
    if depth > MAX_TREE_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    if let Some(nums) = node
        .get(b"Nums")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
    {
        for pair in nums.chunks_exact(2) {
            if out.len() >= MAX_RANGES {
                return;
            }
            let Some(start) = as_u32(doc, &pair[0]) else {
                continue;
            };
            if let Some(dict) = deref_dict(doc, &pair[1]) {
                out.push(Range::from_dict(doc, start, dict));
            }
        }
    }
    if let Some(kids) = node
        .get(b"Kids")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
    {
        for kid in kids {
            if let Ok(id) = kid.as_reference() {
                if !seen.insert(id) {
                    continue;
                }
            }
            if let Some(dict) = deref_dict(doc, kid) {
                collect_ranges(doc, dict, depth + 1, seen, budget, out);
            }
        }
    }
}

fn as_u32(doc: &Document, obj: &Object) -> Option<u32> {
    let (_, obj) = doc.dereference(obj).ok()?;
    u32::try_from(obj.as_i64().ok()?).ok()
}

impl Range {
    fn from_dict(doc: &Document, start: u32, dict: &Dictionary) -> Range {
        let style = dict
            .get(b"S")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_name().ok())
            .and_then(|name| match name {
                b"D" => Some(Style::Decimal),
                b"R" => Some(Style::UpperRoman),
                b"r" => Some(Style::LowerRoman),
                b"A" => Some(Style::UpperLetters),
                b"a" => Some(Style::LowerLetters),
                _ => None,
            });
        let prefix = dict
            .get(b"P")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
            .unwrap_or_default();
        let first = dict
            .get(b"St")
            .ok()
            .and_then(|o| as_u32(doc, o))
            .filter(|&n| n >= 1)
            .unwrap_or(1);
        Range {
            start,
            style,
            prefix,
            first,
        }
    }

    fn label(&self, idx: u32) -> String {
        let n = self.first.saturating_add(idx - self.start);
        let number = match self.style {
            None => String::new(),
            Some(Style::Decimal) => n.to_string(),
            Some(Style::UpperRoman) => roman(n),
            Some(Style::LowerRoman) => roman(n).to_ascii_lowercase(),
            Some(Style::UpperLetters) => letters(n, b'A'),
            Some(Style::LowerLetters) => letters(n, b'a'),
        };
        format!("{}{}", self.prefix, number)
    }
}

/// Roman numerals as PDF viewers write them; past 3999 they fall back to
/// decimal, since there is no standard form.
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    out
}

/// The PDF letter style: A..Z, then AA..ZZ, AAA.. (the letter repeated, not a
/// base-26 number). Capped so a huge start value cannot make a huge string.
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    let count = ((n - 1) / 26 + 1).min(16) as usize;
    letter.to_string().repeat(count)
}

/// Printed page numbers: where the top or bottom lines of most pages carry a
/// number that runs one per page at a fixed offset from the physical page, use
/// it as the label of the pages that show it. The offset must be supported by at
/// least half the pages (and two of them), so stray numbers in tables and
/// numbering that restarts per enclosed document do not qualify.
pub(super) fn from_printed_numbers(pages: &[String]) -> Vec<Option<String>> {
    let none = vec![None; pages.len()];
    if pages.len() < 2 {
        return none;
    }
    for family in [Family::PageWord, Family::Bare] {
        let found: Vec<Vec<u32>> = pages
            .iter()
            .map(|p| printed_candidates(p, family))
            .collect();
        let mut support: HashMap<i64, usize> = HashMap::new();
        for (idx, nums) in found.iter().enumerate() {
            let offsets: HashSet<i64> = nums.iter().map(|&n| n as i64 - (idx as i64 + 1)).collect();
            for off in offsets {
                *support.entry(off).or_default() += 1;
            }
        }
        // Ties go to the smaller offset so the choice does not depend on hash order.
        let Some((offset, count)) = support
            .into_iter()
            .max_by_key(|&(off, count)| (count, std::cmp::Reverse(off.abs()), off))
        else {
            continue;
        };
        if count < 2 || count * 2 < pages.len() {
            continue;
        }
        if offset == 0 {
            return none;
        }
        return found
            .iter()
            .enumerate()
            .map(|(idx, nums)| {
                let want = idx as i64 + 1 + offset;
                nums.iter()
                    .any(|&n| n as i64 == want)
                    .then(|| want.to_string())
            })
            .collect();
    }
    none
}

#[derive(Clone, Copy, PartialEq)]
enum Family {
    /// "Page 12", "Page 12 of 40", "Page | 12".
    PageWord,
    /// A line holding only a number ("12", "- 12 -").
    Bare,
}

/// How many lines at each end of a page are searched for a page number.
const EDGE_LINES: usize = 3;

fn printed_candidates(page: &str, family: Family) -> Vec<u32> {
    static PAGE_WORD: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let re = match family {
        // At the end of an edge line: alone, or after a running header or
        // footer. "Page |9" and letter-spaced "P a g e | 9" are seen in Word
        // headers. A pack's page stamp can also run straight into the item's
        // own heading ("Page 1Agenda Item 3").
        Family::PageWord => PAGE_WORD.get_or_init(|| {
            Regex::new(concat!(
                r"(?i:(?:^|\s)p ?a ?g ?e\s*\|?\s*(\d{1,5})(?:\s+of\s+\d{1,5})?$)",
                r"|^(?i:page)\s+(\d{1,5})\p{Lu}",
            ))
            .expect("static regex")
        }),
        Family::Bare => {
            BARE.get_or_init(|| Regex::new(r"^[-–—]?\s*(\d{1,5})\s*[-–—]?$").expect("static regex"))
        }
    };
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let head = lines.iter().take(EDGE_LINES);
    let tail = lines
        .iter()
        .rev()
        .take(EDGE_LINES.min(lines.len().saturating_sub(EDGE_LINES)));
    head.chain(tail)
        .filter_map(|l| re.captures(l))
        .filter_map(|c| c.get(1).or_else(|| c.get(2))?.as_str().parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_and_letter_styles() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(letters(1, b'A'), "A");
        assert_eq!(letters(27, b'a'), "aa");
        assert_eq!(letters(53, b'A'), "AAA");
    }

    #[test]
    fn printed_page_word_numbers_with_offset() {
        let mut pages = vec!["Cover\nDirect Dial".to_string(), "blank".to_string()];
        pages.push("From: the Leader\nbody text\nmore\nPage 1Agenda Item 3".to_string());
        for n in 2..=6 {
            pages.push(format!("Agenda Item\nbody text\nmore\nPage {n}"));
        }
        let labels = from_printed_numbers(&pages);
        assert_eq!(labels[0], None);
        assert_eq!(labels[1], None);
        assert_eq!(labels[2].as_deref(), Some("1"));
        assert_eq!(labels[7].as_deref(), Some("6"));
    }

    #[test]
    fn printed_numbers_matching_physical_give_no_labels() {
        let pages: Vec<String> = (1..=4).map(|n| format!("text\nPage {n} of 4")).collect();
        assert!(from_printed_numbers(&pages).iter().all(Option::is_none));
    }

    #[test]
    fn scattered_numbers_are_not_labels() {
        let pages = vec![
            "Table\n12".to_string(),
            "Intro\nNothing here".to_string(),
            "Figures\n7".to_string(),
            "Other\n300".to_string(),
        ];
        assert!(from_printed_numbers(&pages).iter().all(Option::is_none));
    }

    #[test]
    fn bare_numbers_in_footer_with_offset() {
        let pages: Vec<String> = (0..5)
            .map(|i| format!("Heading {i}\nline\nline\nline\n{}", i + 10))
            .collect();
        let labels = from_printed_numbers(&pages);
        assert_eq!(labels[0].as_deref(), Some("10"));
        assert_eq!(labels[4].as_deref(), Some("14"));
    }
}
