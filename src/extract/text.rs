//! Text exports (`.txt`, `.md`): bytes to lines. A form feed is a page break;
//! bytes that are not UTF-8 are read as Windows-1252, the usual encoding of
//! older council exports; binary files are refused as `unsupported`.

use super::{Backend, ExtractError, ExtractedText, Line, PageInfo};

/// Read a text export.
pub fn extract_text(bytes: &[u8]) -> Result<ExtractedText, ExtractError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(ExtractError::Unsupported(
            "binary content in a text file (NUL bytes or mostly control characters)".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(decode_cp1252(bytes)),
    };
    let paged = text.contains('\u{c}');
    let mut out = ExtractedText {
        paged,
        ..Default::default()
    };
    let mut page = 0u32;
    out.pages.push(PageInfo {
        number: 1,
        label: None,
        backend: Backend::Text,
    });
    // pdftotext ends every page with a form feed, the last one too: the
    // break after the last page opens no page.
    let body = text.trim_end_matches(|c: char| c == '\u{c}' || c.is_whitespace());
    for raw in body.split('\n') {
        let raw = raw.trim_end_matches('\r');
        if !raw.contains('\u{c}') {
            out.lines.push(Line {
                page,
                text: raw.to_string(),
            });
            continue;
        }
        // A form feed starts a new page. What stands before it on its line
        // ends the page before ("... be noted.\f"); what follows it starts the
        // new one ("\fMinutes ..."), as pdftotext prints a page break.
        let mut any = false;
        for (k, part) in raw.split('\u{c}').enumerate() {
            if k > 0 {
                page += 1;
                out.pages.push(PageInfo {
                    number: page + 1,
                    label: None,
                    backend: Backend::Text,
                });
            }
            if !part.trim().is_empty() {
                out.lines.push(Line {
                    page,
                    text: part.to_string(),
                });
                any = true;
            }
        }
        // A line holding only form feeds stays a (blank) line, so the lines
        // after it keep their numbers.
        if !any {
            out.lines.push(Line {
                page,
                text: String::new(),
            });
        }
    }
    pipe_tables_to_tabs(&mut out.lines);
    super::plain_ligatures(&mut out.lines);
    if !paged {
        footer_pages(&mut out);
    }
    Ok(out)
}

/// A text export whose page breaks were lost but whose page footers were
/// kept ("Page 2 of 8", numbered on from 1): each footer ends a page. The
/// pages are for reading the layout (where a paper starts, which lines are
/// running headers); the text stays unpaged, its records carrying no page.
fn footer_pages(out: &mut ExtractedText) {
    let footers: Vec<(usize, u32, u32)> = out
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| page_footer(&l.text).map(|(n, of)| (i, n, of)))
        .collect();
    let numbered_on = !footers.is_empty()
        && footers.iter().all(|f| f.1 >= 1 && f.1 <= f.2 && f.2 > 1)
        && footers
            .windows(2)
            .all(|w| w[1].1 == w[0].1 + 1 && w[1].2 == w[0].2);
    if !numbered_on {
        return;
    }
    // (no page after a last footer that only blank lines follow)
    let last_text = out.lines.iter().rposition(|l| !l.text.trim().is_empty());
    let mut page = 0u32;
    let mut next = footers.iter().map(|f| f.0).peekable();
    for (i, line) in out.lines.iter_mut().enumerate() {
        line.page = page;
        if next.peek() == Some(&i) {
            next.next();
            if last_text.is_some_and(|l| l > i) {
                page += 1;
            }
        }
    }
    let last = out.lines.last().map_or(0, |l| l.page);
    for n in 1..=last {
        out.pages.push(PageInfo {
            number: n + 1,
            label: None,
            backend: Backend::Text,
        });
    }
}

/// A line that is only "Page N of M": (N, M).
fn page_footer(line: &str) -> Option<(u32, u32)> {
    let t = line.trim();
    let rest = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("PAGE "))?;
    let (n, of) = rest.split_once(" of ")?;
    Some((n.trim().parse().ok()?, of.trim().parse().ok()?))
}

/// Markdown's pipe tables ("| Team | Cases |" / "|---|---|" / "| North |
/// 376 |") as the tab-separated rows other exports print, so that one reading
/// of tables serves both: each row's cells parted by tabs, the rule under the
/// header a blank line. Only runs of two lines or more, one with two pipes at
/// least (or three lines or more of as many cells): a single "Council |
/// Committee | date" header is left alone.
fn pipe_tables_to_tabs(lines: &mut [Line]) {
    let piped = |t: &str| t.contains('|');
    let mut i = 0;
    while i < lines.len() {
        if !piped(&lines[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && piped(&lines[i].text) {
            i += 1;
        }
        let run = &mut lines[start..i];
        let cells = |t: &str| t.trim().trim_matches('|').split('|').count();
        let first = cells(&run[0].text);
        let table = run.len() >= 2
            && (run
                .iter()
                .any(|l| cells(&l.text) >= 3 || l.text.trim().starts_with('|'))
                || run.len() >= 3 && run.iter().all(|l| cells(&l.text) == first));
        if !table {
            continue;
        }
        for line in run {
            let t = line.text.trim();
            if t.chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '='))
            {
                line.text.clear();
                continue;
            }
            line.text = t
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\t");
        }
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > sample.len()
}

/// Windows-1252 to UTF-8. The 0x80–0x9F block differs from Latin-1; the rest maps directly.
fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_feed_starts_a_page() {
        let t = extract_text(b"one\ntwo\n\x0cthree\nfour\n").unwrap();
        assert!(t.paged);
        assert_eq!(t.lines.len(), 4);
        assert_eq!(t.page_of_line(1), Some(1));
        assert_eq!(t.page_of_line(2), Some(2));
        assert_eq!(t.lines[2].text, "three");
    }

    #[test]
    fn form_feed_inside_a_line_parts_the_pages() {
        // at a line's end: the line ends the page before
        let t =
            extract_text(b"RESOLVED that the report be noted.\x0c\nReport to: Cabinet\n").unwrap();
        let pages: Vec<_> = t.lines.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(
            pages,
            [
                (0, "RESOLVED that the report be noted."),
                (1, "Report to: Cabinet")
            ]
        );
        // in the middle: one line each side
        let t = extract_text(b"Page 1\x0cCabinet - 6 June 2024\n").unwrap();
        let pages: Vec<_> = t.lines.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(pages, [(0, "Page 1"), (1, "Cabinet - 6 June 2024")]);
        // a blank page between
        let t = extract_text(b"a\n\x0c\x0cb\n").unwrap();
        let pages: Vec<_> = t.lines.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(pages, [(0, "a"), (2, "b")]);
        assert_eq!(t.pages.len(), 3);
    }

    #[test]
    fn form_feed_after_the_last_page_opens_none() {
        // plain pdftotext output: every page, the last too, ends with "\f"
        let t = extract_text(b"one\n\x0ctwo\n\x0c").unwrap();
        assert_eq!(t.pages.len(), 2);
        let pages: Vec<_> = t.lines.iter().map(|l| (l.page, l.text.as_str())).collect();
        assert_eq!(pages, [(0, "one"), (1, "two")]);
    }

    #[test]
    fn pipe_tables_are_read_as_tab_separated_rows() {
        let t = extract_text(
            b"Council | Cabinet | 6 March 2025\n\n| Team | Cases |\n|---|---|\n| North | 376 |\nResponse | Number | %\nAgree | 1,128 | 33%\n",
        )
        .unwrap();
        let lines: Vec<_> = t.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "Council | Cabinet | 6 March 2025",
                "",
                "Team\tCases",
                "",
                "North\t376",
                "Response\tNumber\t%",
                "Agree\t1,128\t33%"
            ]
        );
    }

    #[test]
    fn unpaged_text_has_no_pages() {
        let t = extract_text(b"a\nb").unwrap();
        assert!(!t.paged);
        assert_eq!(t.page_of_line(0), None);
    }

    #[test]
    fn page_footers_lay_out_pages_that_records_do_not_carry() {
        let t =
            extract_text(b"Minutes\n   Page 1 of 2\nReport to: Cabinet\nText\n   Page 2 of 2\n\n")
                .unwrap();
        assert!(!t.paged);
        assert!(t.has_layout_pages());
        assert_eq!(t.page_of_line(2), None);
        assert_eq!(t.layout_page_of_line(1), Some(1));
        assert_eq!(t.layout_page_of_line(2), Some(2));
        // (no page after the last footer, which only blank lines follow)
        assert_eq!(t.pages.len(), 2);
        // Footers that do not number on are no page breaks.
        let t = extract_text(b"A\nPage 3 of 9\nB\nPage 3 of 9\nC").unwrap();
        assert!(!t.has_layout_pages());
    }

    #[test]
    fn cp1252_is_decoded() {
        let t = extract_text(b"cost \x80100 \x93quoted\x94").unwrap();
        assert_eq!(t.lines[0].text, "cost €100 “quoted”");
    }

    #[test]
    fn binary_is_refused() {
        let err = extract_text(b"\x00\x01\x02binary").unwrap_err();
        assert_eq!(err.kind(), "unsupported");
    }
}
