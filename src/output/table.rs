//! `--format table`: for people. One aligned line per hit (score, type, where
//! it is, which document) and, indented below it, the snippet cut to the line
//! width around the first match. Colour only when [`Style::color`] says so;
//! without colour the output is plain text, fit for a pager or a file.

use super::{fields_summary, Printer, Style};
use crate::query::{Hit, SearchResults, Snippet};
use crate::record::Record;
use std::io::{self, Write};

const HIGHLIGHT: &str = "\x1b[1;31m";
const PATH: &str = "\x1b[35m";
const KIND: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

const GAP: &str = "  ";
const SNIPPET_INDENT: &str = "    ";
/// Narrowest line worth laying out for; below it lines simply wrap.
const MIN_WIDTH: usize = 40;

pub struct TablePrinter {
    style: Style,
}

impl TablePrinter {
    pub fn new(style: Style) -> TablePrinter {
        TablePrinter { style }
    }

    fn paint(&self, colour: &str, text: &str) -> String {
        if self.style.color && !text.is_empty() {
            format!("{colour}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn width(&self) -> usize {
        self.style.width.max(MIN_WIDTH)
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to `max` characters, an ellipsis marking the cut.
fn truncate_end(s: &str, max: usize) -> String {
    if char_len(s) <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let len = char_len(s);
    if len >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - len))
    }
}

/// Where a hit sits: `path p.5 [iii]`, or `path l.120` without pages.
fn location(path: &str, page: Option<u32>, label: Option<&str>, line: Option<u32>) -> String {
    match (page, line) {
        (Some(p), _) => match label {
            Some(l) => format!("{path} p.{p} [{l}]"),
            None => format!("{path} p.{p}"),
        },
        (None, Some(l)) => format!("{path} l.{l}"),
        (None, None) => path.to_string(),
    }
}

fn document(hit: &Hit) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(kind) = hit.doc_kind {
        parts.push(kind.as_str());
    }
    if let Some(date) = hit.meeting_date.as_deref().or(hit.doc_date.as_deref()) {
        parts.push(date);
    }
    let mut out = parts.join(" ");
    if let Some(title) = &hit.doc_title {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(title);
    }
    out
}

impl TablePrinter {
    /// The snippet cut to `max` characters, keeping the first match in view,
    /// matches painted when colour is on.
    fn snippet_line(&self, snippet: &Snippet, max: usize) -> String {
        let total = char_len(&snippet.text);
        let (mut start, mut end) = (0, total);
        if total > max {
            let first_match = snippet
                .highlights
                .first()
                .map_or(0, |r| char_len(&snippet.text[..r.start]));
            // A third of the line before the match gives it some context.
            start = first_match
                .saturating_sub(max / 3)
                .min(total.saturating_sub(max));
            end = start + max;
            // Room for the ellipses.
            if start > 0 {
                start += 1;
            }
            if end < total {
                end -= 1;
            }
            // Cut between words where a word boundary is near.
            let chars: Vec<char> = snippet.text.chars().collect();
            let slack = max / 6;
            if start > 0 && !chars[start - 1].is_whitespace() {
                if let Some(space) = (start..(start + slack).min(first_match.max(start)))
                    .find(|&i| chars[i].is_whitespace())
                {
                    start = space + 1;
                }
            }
            if end < total && !chars[end].is_whitespace() {
                if let Some(space) = (end.saturating_sub(slack).max(start + 1)..end)
                    .rev()
                    .find(|&i| chars[i].is_whitespace())
                {
                    end = space;
                }
            }
        }
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut at = 0;
        for (piece, highlighted) in snippet.segments() {
            let len = char_len(piece);
            let (from, to) = (start.max(at), end.min(at + len));
            if from < to {
                let visible: String = piece.chars().skip(from - at).take(to - from).collect();
                if highlighted {
                    out.push_str(&self.paint(HIGHLIGHT, &visible));
                } else {
                    out.push_str(&visible);
                }
            }
            at += len;
        }
        if end < total {
            out.push('…');
        }
        out
    }
}

impl Printer for TablePrinter {
    fn hits(&mut self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
        if results.hits.is_empty() {
            return Ok(());
        }
        let width = self.width();
        let scores: Vec<String> = results
            .hits
            .iter()
            .map(|h| format!("{:.2}", h.score))
            .collect();
        let places: Vec<String> = results
            .hits
            .iter()
            .map(|h| location(&h.path, h.page, h.page_label.as_deref(), h.line))
            .collect();
        let score_w = scores.iter().map(|s| char_len(s)).max().unwrap_or(0).max(5);
        let kind_w = results
            .hits
            .iter()
            .map(|h| char_len(&h.kind))
            .max()
            .unwrap_or(0)
            .max(4);
        // Paths are never cut: they are what a reader copies. The document
        // column gives way instead.
        let place_w = places.iter().map(|p| char_len(p)).max().unwrap_or(0).max(5);
        let doc_w = width.saturating_sub(score_w + kind_w + place_w + 3 * GAP.len());

        let header = format!(
            "{}{GAP}{}{GAP}{}{GAP}DOCUMENT",
            pad("SCORE", score_w),
            pad("TYPE", kind_w),
            pad("WHERE", place_w)
        );
        writeln!(out, "{}", self.paint(DIM, &header))?;
        for ((hit, score), place) in results.hits.iter().zip(&scores).zip(&places) {
            let doc = document(hit);
            // Long paths leave the column too narrow for a title: then the
            // document gets a line of its own rather than being cut.
            let own_line = char_len(&doc) > doc_w;
            let head = format!(
                "{}{GAP}{}{GAP}{}{GAP}{}",
                format_args!("{score:>score_w$}"),
                self.paint(KIND, &pad(&hit.kind, kind_w)),
                self.paint(PATH, &pad(place, place_w)),
                if own_line { "" } else { doc.as_str() },
            );
            writeln!(out, "{}", head.trim_end())?;
            let max = width.saturating_sub(SNIPPET_INDENT.len());
            if own_line {
                writeln!(out, "{SNIPPET_INDENT}{}", truncate_end(&doc, max))?;
            }
            if let Some(record) = &hit.record {
                let summary = fields_summary(record);
                if !summary.is_empty() {
                    writeln!(
                        out,
                        "{SNIPPET_INDENT}{}",
                        self.paint(DIM, &truncate_end(&summary, max))
                    )?;
                }
            }
            writeln!(
                out,
                "{SNIPPET_INDENT}{}",
                self.snippet_line(&hit.snippet, max)
            )?;
            if hit.pages_matched > 1 {
                for more in &hit.more_pages {
                    let place = location("", more.page, more.page_label.as_deref(), more.line);
                    let place = place.trim_start();
                    let room = max.saturating_sub(char_len(place) + 2);
                    writeln!(
                        out,
                        "{SNIPPET_INDENT}{}: {}",
                        self.paint(PATH, place),
                        self.snippet_line(&more.snippet, room)
                    )?;
                }
                let shown = 1 + hit.more_pages.len();
                let note = if hit.pages_matched > shown {
                    format!(
                        "{} pages of this document matched; {} more not shown",
                        hit.pages_matched,
                        hit.pages_matched - shown
                    )
                } else {
                    format!("{} pages of this document matched", hit.pages_matched)
                };
                writeln!(out, "{SNIPPET_INDENT}{}", self.paint(DIM, &note))?;
            }
        }
        Ok(())
    }

    fn records(&mut self, out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let width = self.width();
        let places: Vec<String> = records
            .iter()
            .map(|r| {
                location(
                    &r.source.path,
                    r.source.page,
                    r.source.page_label.as_deref(),
                    r.source.line,
                )
            })
            .collect();
        let kind_w = records
            .iter()
            .map(|r| r.type_name().len())
            .max()
            .unwrap_or(0)
            .max(4);
        let place_w = places.iter().map(|p| char_len(p)).max().unwrap_or(0).max(5);
        let text_w = width
            .saturating_sub(kind_w + place_w + 2 * GAP.len())
            .max(10);
        let header = format!(
            "{}{GAP}{}{GAP}TEXT",
            pad("TYPE", kind_w),
            pad("WHERE", place_w)
        );
        writeln!(out, "{}", self.paint(DIM, &header))?;
        for (record, place) in records.iter().zip(&places) {
            writeln!(
                out,
                "{}{GAP}{}{GAP}{}",
                self.paint(KIND, &pad(record.type_name(), kind_w)),
                self.paint(PATH, &pad(place, place_w)),
                truncate_end(&record.text, text_w.max(20)),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::results;

    fn render(style: Style) -> String {
        let mut out = Vec::new();
        TablePrinter::new(style).hits(&mut out, &results()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_table_is_aligned_and_uncoloured() {
        let text = render(Style {
            color: false,
            width: 80,
        });
        assert!(!text.contains('\x1b'));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("SCORE  TYPE  WHERE"));
        assert!(lines[1].starts_with(" 2.50  kpi   a.txt p.2 "));
        assert_eq!(lines[2], "    vacancy rate = 9.3 rate · September 2019");
        assert_eq!(lines[3], "    the vacancy rate was 9.3 in September 2019");
        assert!(lines[4].starts_with(" 1.25  page  a.txt p.2 [ii]"));
        assert_eq!(lines[6], "    p.5: vacancy rates fell");
        assert_eq!(
            lines[7],
            "    3 pages of this document matched; 1 more not shown"
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    }

    #[test]
    fn colour_marks_the_matches() {
        let text = render(Style {
            color: true,
            width: 80,
        });
        assert!(text.contains(&format!("{HIGHLIGHT}vacancy{RESET}")));
    }

    #[test]
    fn long_snippets_keep_the_match_in_view_and_cut_between_words() {
        let long = format!(
            "{} young carers {}",
            "alpha beta ".repeat(30),
            "gamma delta ".repeat(30)
        );
        let at = long.find("young").unwrap();
        let snippet = Snippet::new(&long, std::slice::from_ref(&(at..at + 5)));
        let line = TablePrinter::new(Style::default()).snippet_line(&snippet, 40);
        assert!(line.chars().count() <= 40, "{line}");
        assert!(line.contains("young carers"));
        let inner = line.trim_start_matches('…').trim_end_matches('…');
        let words = ["alpha", "beta", "young", "carers", "gamma", "delta"];
        for word in inner.split(' ') {
            assert!(words.contains(&word), "`{word}` is cut in `{line}`");
        }
        assert!(line.starts_with('…') && line.ends_with('…'));
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate_end("abcdef", 4), "abc…");
        assert_eq!(truncate_end("abc", 4), "abc");
    }
}
