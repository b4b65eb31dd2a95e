//! Tables of figures: finding the rows of a table in a document's lines, the
//! header above them, and turning every figure cell into one KPI record.
//!
//! A row is a label followed by figure cells and nothing else. Rows come in
//! three shapes: tab-separated (text exports), column-aligned with runs of
//! spaces (`pdftotext -layout`), and single-spaced (pdf-extract, narrow
//! columns), where the figures are the trailing run of numeric tokens. The
//! header is the nearest line above a run of rows that names columns; its
//! cells are matched to the row's cells by position (tab and column shapes) or
//! from the right (single-spaced). Section rows (a label with no figures
//! inside a table, "Per 10,000 population") qualify the rows under them,
//! unless the row right under one carries its words on ("Re-referrals within
//! 12" / "months % 29.4% ..."): then it is the first line of that row's label.

use super::numbers::{parse_cell, Cell, CellFigure, TimeSpan};
use super::{overlaps, strip_tags, KpiEngine};
use crate::extract::Line;
use crate::record::{DocKind, Fields, Record, Unit};
use crate::rules::context::DocContext;

/// Two figures each after a label and its colon, on one line.
static LABELLED_FIGURES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(
        r"(?:^|\s)[A-Za-z][A-Za-z ]{0,24}:\s*[-(£]?\d[\d,.]*%?\)?\s+[A-Za-z][A-Za-z ]{0,24}:\s*[-(£]?\d",
    )
    .expect("valid pattern")
});

/// How a line was cut into cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    Tab,
    Columns,
    Spaces,
}

/// Buffers reused from line to line, so reading a line does not allocate.
#[derive(Default)]
pub(crate) struct Scratch {
    pub cells: Vec<(usize, usize)>,
    /// Per cell of a single-spaced line: whether it holds a figure.
    pub figure_at: Vec<bool>,
    pub excl: Vec<(usize, usize)>,
    /// (cell index, figure) of the row's figures.
    pub figs: Vec<(usize, CellFigure)>,
}

/// A line recognised as a table row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowShape {
    pub split: Split,
    pub n_cells: usize,
    /// Cells before this index are the label; from it on, figures and blanks.
    pub run_start: usize,
    /// One past the last cell that is not empty.
    pub filled_len: usize,
}

impl RowShape {
    fn new(sc: &Scratch, split: Split, n_cells: usize, run_start: usize) -> RowShape {
        let filled_len = sc
            .cells
            .iter()
            .rposition(|&(s, e)| e > s)
            .map_or(0, |i| i + 1);
        RowShape {
            split,
            n_cells,
            run_start,
            filled_len,
        }
    }
}

fn sc_row_len(shape: &RowShape) -> usize {
    shape.filled_len
}

/// Cut `text` into cell spans; the shape says how.
pub(crate) fn split_cells(text: &str, cells: &mut Vec<(usize, usize)>) -> Split {
    cells.clear();
    let push_trimmed = |cells: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let part = &text[s..e];
        let lead = part.len() - part.trim_start().len();
        let trail = part.len() - part.trim_end().len();
        cells.push((s + lead, e - trail.min(part.len() - lead)));
    };
    if text.contains('\t') {
        let mut s = 0;
        for (i, c) in text.char_indices() {
            if c == '\t' {
                push_trimmed(cells, s, i);
                s = i + 1;
            }
        }
        push_trimmed(cells, s, text.len());
        return Split::Tab;
    }
    let t = text.trim();
    let off = text.len() - text.trim_start().len();
    if t.contains("  ") {
        let b = t.as_bytes();
        let mut s = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b' ' && i + 1 < b.len() && b[i + 1] == b' ' {
                cells.push((off + s, off + i));
                while i < b.len() && b[i] == b' ' {
                    i += 1;
                }
                s = i;
            } else {
                i += 1;
            }
        }
        cells.push((off + s, off + b.len()));
        return Split::Columns;
    }
    let b = t.as_bytes();
    let mut s = None;
    let mut i = 0;
    while i < b.len() {
        // White space is ASCII but for a few Unicode spaces: decode only past ASCII.
        let (space, len) = match b[i] {
            c @ 0..=0x7f => (c.is_ascii_whitespace() || c == 0x0b, 1),
            _ => t[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if space {
            if let Some(st) = s.take() {
                cells.push((off + st, off + i));
            }
        } else if s.is_none() {
            s = Some(i);
        }
        i += len;
    }
    if let Some(st) = s {
        cells.push((off + st, off + t.len()));
    }
    Split::Spaces
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

impl KpiEngine {
    /// Whether `text` is a row of a table of figures; its cells and figures are
    /// left in `sc`.
    pub(crate) fn row_shape(&self, text: &str, sc: &mut Scratch) -> Option<RowShape> {
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        // "Outturn: 23 Target: 15 Status: Red": each figure after its own
        // label is a scorecard's line of labelled figures, read as prose.
        if text.contains(':') && LABELLED_FIGURES.is_match(text) {
            return None;
        }
        let split = split_cells(text, &mut sc.cells);
        // Exclusions are looked for only once the line has the shape of a row:
        // most lines never get that far.
        sc.excl.clear();
        let shape = self.row_shape_in(text, split, sc)?;
        self.excluded_spans(text, &mut sc.excl);
        if sc.excl.is_empty() {
            return Some(shape);
        }
        self.row_shape_in(text, split, sc)
    }

    fn row_shape_in(&self, text: &str, split: Split, sc: &mut Scratch) -> Option<RowShape> {
        let shape = self.row_shape_of(text, split, sc)?;
        // "Indicator 2021 2022 2023": a row of years alone heads the columns
        // of the rows below it; it is no row of figures.
        let years = sc.figs.len() >= 2
            && sc.figs.iter().all(|&(i, _)| {
                let (s, e) = sc.cells[i];
                let t = text[s..e].trim().as_bytes();
                t.len() == 4 && t.iter().all(u8::is_ascii_digit) && matches!(&t[..2], b"19" | b"20")
            });
        (!years).then_some(shape)
    }

    fn row_shape_of(&self, text: &str, split: Split, sc: &mut Scratch) -> Option<RowShape> {
        sc.figs.clear();
        let n = sc.cells.len();
        let classify = |sc: &Scratch, i: usize| -> Cell {
            let (s, e) = sc.cells[i];
            match parse_cell(&text[s..e]) {
                Cell::Figure(_) if overlaps(&sc.excl, s, e) => Cell::Text,
                c => c,
            }
        };
        match split {
            Split::Tab | Split::Columns => {
                let mut first = None;
                // Status cells ("Green", "Improving", a polarity "High") may
                // stand among and after the figures, and a comment in the
                // row's last cell ("Data due November"); a figure after a
                // comment is no row.
                let mut comment = false;
                let last = (0..n).rev().find(|&i| sc.cells[i].1 > sc.cells[i].0);
                for i in 0..n {
                    match classify(sc, i) {
                        Cell::Figure(_) if comment => return None,
                        Cell::Figure(f) => {
                            first.get_or_insert(i);
                            sc.figs.push((i, f));
                        }
                        Cell::Blank => {}
                        Cell::Text if first.is_some() => {
                            if !self.is_status_cell(text, sc.cells[i]) {
                                if Some(i) != last {
                                    return None;
                                }
                                comment = true;
                            }
                        }
                        Cell::Text => {}
                    }
                }
                let mut run_start = first?;
                // A status cell right before the figures ("Good is: High")
                // is no part of the measure's name.
                while run_start > 1 && self.is_status_cell(text, sc.cells[run_start - 1]) {
                    run_start -= 1;
                }
                let label_has_text = sc.cells[..run_start].iter().any(|&(s, e)| e > s);
                if !label_has_text {
                    return None;
                }
                // A comment closes a scorecard's row of figures under a
                // measure's name, not a reference's one page number ("R4
                // 12 Commission a parking survey").
                if comment {
                    let named = sc.cells[..run_start].iter().any(|&(s, e)| {
                        text[s..e]
                            .split_whitespace()
                            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                    });
                    if sc.figs.len() < 2 || !named {
                        return None;
                    }
                }
                Some(RowShape::new(sc, split, n, run_start))
            }
            Split::Spaces => {
                // A status word between two figures ("18 16.2 Green 19.5
                // Better"): dropped, so that the figures align with the
                // header's names. (Not a letter or a short word, "A", "Up",
                // which a label or a sentence may hold.) Only the line's
                // tail of figures and status words is read for them.
                let status_word = |sc: &Scratch, i: usize| {
                    let (s, e) = sc.cells[i];
                    text[s..e].chars().count() >= 3 && self.is_status_cell(text, sc.cells[i])
                };
                let mut figure_at = std::mem::take(&mut sc.figure_at);
                figure_at.clear();
                let mut tail = n;
                while tail > 0 {
                    match classify(sc, tail - 1) {
                        Cell::Figure(_) => figure_at.push(true),
                        Cell::Text if status_word(sc, tail - 1) => figure_at.push(false),
                        _ => break,
                    }
                    tail -= 1;
                }
                figure_at.reverse();
                // figure_at[k] is cell tail + k.
                for k in (1..figure_at.len().saturating_sub(1)).rev() {
                    if !figure_at[k] && figure_at[k - 1] && figure_at[k + 1] {
                        sc.cells.remove(tail + k);
                    }
                }
                sc.figure_at = figure_at;
                let n = sc.cells.len();
                let mut end = n;
                while end > 0
                    && matches!(classify(sc, end - 1), Cell::Text)
                    && self.is_status_cell(text, sc.cells[end - 1])
                {
                    end -= 1;
                }
                // Single-spaced headers name only the figures' columns: the
                // status cells are dropped so the figures align with them.
                sc.cells.truncate(end);
                let n = end;
                let mut run_start = end;
                for i in (0..end).rev() {
                    match classify(sc, i) {
                        Cell::Figure(f) => {
                            sc.figs.push((i, f));
                            run_start = i;
                        }
                        Cell::Blank => run_start = i,
                        Cell::Text => break,
                    }
                }
                sc.figs.reverse();
                // "0 to 3 165 31.9", "Children in care per 10,000 72.1 75.4":
                // a figure after a range word or "per" belongs to the label.
                if run_start > 0 && sc.figs.len() >= 2 && sc.figs[0].0 == run_start {
                    let (s, e) = sc.cells[run_start - 1];
                    if matches!(&text[s..e], "to" | "-" | "–" | "and" | "per" | "Per") {
                        sc.figs.remove(0);
                        run_start += 1;
                    }
                }
                // A run-in sentence that happens to end in figures is not a row:
                // a long label, or one broken off at a comma ("E1. Of the 64
                // actions due by 31 December 2024, 49 (77%)").
                if sc.figs.len() < self.min_row_figures || run_start == 0 || run_start > 14 {
                    return None;
                }
                let (ls, le) = sc.cells[run_start - 1];
                if text[ls..le].ends_with([',', ';']) && run_start >= 6 {
                    return None;
                }
                Some(RowShape::new(sc, split, n, run_start))
            }
        }
    }

    /// Whether the cell at `span` of `text` gives a row's status.
    fn is_status_cell(&self, text: &str, (s, e): (usize, usize)) -> bool {
        self.status_cell
            .as_ref()
            .is_some_and(|re| re.is_match(text[s..e].trim()))
    }

    /// The column names a header line gives, or `None` if it names none.
    fn header_keys(&self, text: &str, sc: &mut Scratch) -> Option<Header> {
        let split = split_cells(text, &mut sc.cells);
        match split {
            Split::Tab | Split::Columns => {
                let filled = sc.cells.iter().filter(|&&(s, e)| e > s).count();
                if filled < 2 {
                    return None;
                }
                let keys = sc
                    .cells
                    .iter()
                    .map(|&(s, e)| text[s..e].to_string())
                    .collect();
                Some(Header {
                    aligned: true,
                    keys,
                })
            }
            Split::Spaces => {
                // A sentence naming periods heads no columns: "The pooled
                // fund for 2023/24 was £21.4m. Performance at the end of
                // December 2023 was:".
                let t = text.trim_end();
                if t.split_whitespace().count() > 8 && (t.contains(". ") || t.ends_with([':', '.']))
                {
                    return None;
                }
                let only_period = |k: &str| {
                    self.period
                        .as_ref()
                        .and_then(|re| re.find(k))
                        .is_some_and(|m| m.start() == 0 && m.end() == k.len())
                };
                if let Some(keys) = unit_closed_keys(text, only_period) {
                    return Some(Header {
                        aligned: false,
                        keys,
                    });
                }
                let re = self.column_token.as_ref()?;
                let is_key = |tok: &str| re.find(tok).is_some_and(|m| m.len() == tok.len());
                // A period printed over several words heads one column:
                // "Apr 2017", "2016/17 Oct to March".
                let spans: Vec<(usize, usize)> = match &self.period {
                    Some(p) => p.find_iter(text).map(|m| (m.start(), m.end())).collect(),
                    None => Vec::new(),
                };
                // So does a comparator's name of several words: "Wyrebridge
                // Statistical neighbours England", in a line of names (not a
                // row's label naming "the National Bus Strategy for England").
                let mut areas: Vec<(usize, usize)> = match &self.areas {
                    Some(a) => a.find_iter(text).map(|m| (m.start(), m.end())).collect(),
                    None => Vec::new(),
                };
                let names_only = text.split_whitespace().count() <= 10
                    && text.split_whitespace().all(|w| {
                        let at = w.as_ptr() as usize - text.as_ptr() as usize;
                        !w.starts_with(|c: char| c.is_lowercase())
                            || areas.iter().any(|&(s, e)| s <= at && at < e)
                    });
                if !names_only {
                    areas.clear();
                }
                let mut keys: Vec<String> = Vec::new();
                let mut taken_to = 0;
                for &(s, e) in &sc.cells {
                    if s < taken_to {
                        continue;
                    }
                    if let Some(&(_, ae)) = areas.iter().find(|&&(a, ae)| a == s && ae >= e) {
                        keys.push(text[s..ae].to_string());
                        taken_to = ae;
                        continue;
                    }
                    let tok = &text[s..e];
                    if !is_key(tok) {
                        continue;
                    }
                    match spans.iter().find(|&&(ps, pe)| ps <= s && e <= pe && pe > e) {
                        Some(&(ps, pe)) if ps == s => {
                            keys.push(text[ps..pe].to_string());
                            taken_to = pe;
                        }
                        _ => keys.push(tok.to_string()),
                    }
                }
                // Months alone head columns in a row of months ("Apr May Jun
                // ..."); one or two are part of a period ("2016/17 Oct to March").
                let is_month = |k: &String| {
                    k.chars().all(char::is_alphabetic)
                        && crate::dates::month_number(k).is_some()
                        && self.is_period_key(k)
                };
                if keys.iter().filter(|k| is_month(k)).count() < 3 {
                    keys.retain(|k| !is_month(k));
                }
                if keys.is_empty() {
                    return None;
                }
                Some(Header {
                    aligned: false,
                    keys,
                })
            }
        }
    }

    fn is_period_key(&self, key: &str) -> bool {
        self.period.as_ref().is_some_and(|re| re.is_match(key))
    }

    /// Read the lines above row `first` for the table's header, title and scale.
    fn open_block(&self, lines: &[Line], first: usize, sc: &mut Scratch) -> Block {
        let mut block = Block::default();
        let mut candidates: Vec<String> = Vec::new();
        // Whether a blank line (or the start of the document) stands above each candidate.
        let mut alone: Vec<bool> = Vec::new();
        let mut at: Vec<usize> = Vec::new();
        let mut i = first;
        while i > 0 && candidates.len() < 4 {
            i -= 1;
            let t = lines[i].text.trim();
            if t.is_empty() {
                continue;
            }
            if t.len() > 200 || states_an_amount(t) {
                break;
            }
            candidates.push(strip_tags(t).into_owned());
            alone.push(stands_alone(lines, i));
            at.push(i);
        }
        let mut header_at = None;
        for (ci, c) in candidates.iter().enumerate() {
            if self.row_shape(c, sc).is_some() || one_figure_row(c) {
                break;
            }
            // A numbered caption above the header ("Table 2: Savings
            // delivery 2024/25") names the table; its year heads no column.
            if block.header.is_some() && caption_of(c, false).is_some() {
                break;
            }
            if let Some(h) = self.header_keys(c, sc) {
                let has_period = h.keys.iter().any(|k| self.is_period_key(k));
                // (a row of every column's unit, "£000 £000 £000 % £000",
                // keeps its place against a line above naming only two
                // columns, "Budget Outturn from Month 4")
                let fuller = block
                    .header
                    .as_ref()
                    .is_some_and(|b| b.keys.len() >= 3 && h.keys.len() * 2 <= b.keys.len());
                if block.header.is_none() || (has_period && !block.header_has_period && !fuller) {
                    block.header_has_period = has_period;
                    block.header = Some(h);
                    header_at = Some(ci);
                }
                if has_period {
                    break;
                }
            } else if block.header.is_some() {
                break;
            }
        }
        // A header printed over several lines in columns ("Revised" /
        // "Budget" / "£000" over one column, "Variance" / "%" over another):
        // each column's key is its words from every line, top down.
        // (the lines above the first row where a label line may stand)
        let mut below_header = header_at;
        if let Some((keys, top)) = stacked_header(lines, &at, first) {
            block.header_has_period = keys.iter().any(|k| self.is_period_key(k));
            block.header = Some(Header {
                aligned: true,
                keys,
            });
            header_at = Some(top);
            below_header = Some(0);
        }
        // A label line between the header and the first row ("Per 10,000
        // population") is the first rows' section.
        if let Some(h) = below_header {
            if let Some((k, s)) = candidates[..h]
                .iter()
                .enumerate()
                .find_map(|(k, c)| self.section_text(c, sc).map(|s| (k, s.to_string())))
            {
                block.section = Some(s);
                block.section_line = Some(at[k]);
            }
        }
        let top = header_at.map_or(0, |h| h + 1);
        block.head_text = candidates[..top.min(candidates.len())].join(" \n ");
        block.title = candidates
            .get(top)
            .filter(|t| t.len() <= 120 && !t.ends_with('.'))
            .cloned();
        block.caption = candidates
            .get(top)
            .zip(alone.get(top))
            .and_then(|(t, &alone)| caption_of(t, alone));
        // "... shows a steady decline, as follows:" introduces the table; the
        // heading above that paragraph names it.
        if block.caption.is_none() {
            let above = (0..first).rev().find(|&j| !lines[j].text.trim().is_empty());
            if let Some(j) = above.filter(|&j| lines[j].text.trim_end().ends_with(':')) {
                block.caption = heading_above(lines, j, 6);
            }
        }
        // The title above the header may give the table's unit and scale:
        // "Financial summary (£000s)".
        // (not a sentence that states an amount: "The pooled fund was
        // £21.4m. Performance at the end of December was:")
        let mut scope = match &block.title {
            Some(t) if !(t.contains(". ") && names_an_amount(t)) => {
                format!("{} \n {t}", block.head_text)
            }
            _ => block.head_text.clone(),
        };
        // A header over three lines as a PDF's text prints it, single-spaced
        // ("Indicator (£000) 2023/24" / "Actual 2024/25 Estimates" /
        // "Original Revised 2025/26 ..."), or a note of the figures' scale
        // right above it ("All figures in £000 unless shown otherwise."):
        // the pounds and their scale are the table's.
        // (a sentence ending the paragraph above, "... with the papers.
        // Figures in £.", is no title but may be that note; a line stating
        // an amount, "£2.9m in 2019/20.", says nothing of the table)
        let notes_from = if block.title.is_some() { top + 1 } else { top };
        for c in candidates.iter().skip(notes_from).take(2) {
            if c.len() <= 120
                && c.contains('£')
                && self.row_shape(c, sc).is_none()
                && !(names_an_amount(c) && is_prose(c))
            {
                scope.push_str(" \n ");
                scope.push_str(c);
            }
        }
        block.money = scope.contains('£');
        block.scale = self.scale_header(&scope);
        block.count_scale = (0..first)
            .rev()
            .take(14)
            .map(|j| lines[j].text.trim())
            .take_while(|t| !t.is_empty())
            .filter(|t| t.len() <= 160 && !t.contains('£'))
            .find_map(|t| self.scale_header(t));
        let wanted = match &self.header_match {
            Some(re) => re.is_match(&scope),
            None => true,
        };
        block.accepted = wanted
            && !self
                .header_not_match
                .as_ref()
                .is_some_and(|re| re.is_match(&scope));
        block
    }

    /// A line inside a table that labels the rows under it.
    fn section_text<'t>(&self, text: &'t str, sc: &mut Scratch) -> Option<&'t str> {
        let split = split_cells(text, &mut sc.cells);
        let filled: Vec<_> = sc.cells.iter().filter(|&&(s, e)| e > s).collect();
        match split {
            Split::Tab | Split::Columns => {
                if filled.len() == 1 && sc.cells[0].1 > sc.cells[0].0 {
                    let (s, e) = sc.cells[0];
                    Some(&text[s..e])
                } else {
                    None
                }
            }
            Split::Spaces => {
                let t = text.trim();
                let words = filled.len();
                if words <= 6 && !t.ends_with('.') && !t.ends_with(':') && has_letter(t) {
                    Some(t)
                } else {
                    None
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Header {
    /// Keys match cells by index (tab and column shapes) rather than from the right.
    aligned: bool,
    keys: Vec<String>,
}

#[derive(Debug, Default, Clone)]
struct Block {
    header: Option<Header>,
    header_has_period: bool,
    head_text: String,
    title: Option<String>,
    /// The table's caption: a "Figure 3: ..." / "Table 2 ..." line or a
    /// heading standing alone above the table, without its number.
    caption: Option<String>,
    section: Option<String>,
    /// The line the section was read from, and the section before it: a
    /// "section" directly above a row that carries on its label is the
    /// label's first line.
    section_line: Option<usize>,
    prev_section: Option<String>,
    money: bool,
    scale: Option<f64>,
    /// The scale of a table of counts, from its heading's paragraph: "Number
    /// of phone calls (thousands)" above a few lines of comment.
    count_scale: Option<f64>,
    accepted: bool,
}

/// The authority's own name as printed in tables ("Coventry" for "Coventry City Council").
pub(crate) fn authority_short(authority: Option<&str>) -> Option<&str> {
    let mut a = authority?.trim();
    for prefix in ["London Borough of ", "Royal Borough of ", "City of "] {
        if let Some(s) = a.strip_prefix(prefix) {
            a = s;
        }
    }
    for suffix in [
        " City Council",
        " County Council",
        " Borough Council",
        " District Council",
        " Metropolitan Borough Council",
        " Council",
    ] {
        if let Some(s) = a.strip_suffix(suffix) {
            return Some(s.trim());
        }
    }
    Some(a)
}

/// An agenda item's number in a row's first cell: "3.", "3", "(3)", "Item 3".
static AGENDA_ITEM_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)^(?:item\s+)?\(?\d{1,3}[.)]?$").expect("valid pattern")
});

pub(crate) fn apply(
    engine: &KpiEngine,
    ctx: &DocContext,
    clean: &[String],
    rule_id: &str,
    out: &mut Vec<Record>,
) {
    let lines = ctx.lines();
    let mut sc = Scratch::default();
    let mut head_sc = Scratch::default();
    let mut block: Option<Block> = None;
    // The caption of the table that ended last, and where: a second table
    // printed right under the first ("by age", then "by plan category")
    // belongs to the same figure.
    let mut last_caption: Option<(String, usize)> = None;
    // The table a line of prose ended last, and where: rows right after the
    // line, with no header of their own, are that table's still (a row's
    // long description wrapped onto a line of its own in a PDF's text).
    let mut last_block: Option<(Block, usize)> = None;
    let own = authority_short(ctx.doc.authority.as_deref());
    // Rows a rule named in `defer_to` has read (a money table read by the
    // finance rule) are not read again.
    let claimed = engine.deferred_lines(out);
    // A row read but not yet given its records: its label may go on over
    // the next line ("Residual household waste per" / "household (kg)").
    // Its cells are kept in a buffer of their own, `psc`, swapped with the
    // line's, so no row is read twice.
    let mut pending: Option<PendingRow> = None;
    let mut psc = Scratch::default();
    // The last part of a label printed under its row's figures, read with
    // the row already.
    let mut taken: Option<usize> = None;
    let emit_pending = |p: PendingRow, b: &Block, psc: &Scratch, out: &mut Vec<Record>| {
        emit_row(
            engine,
            ctx,
            rule_id,
            p.line,
            &p.text,
            (p.shape, p.prefix.as_deref()),
            psc,
            b,
            own,
            out,
        );
    };
    for (i, line) in lines.iter().enumerate() {
        if line.text.trim().is_empty()
            || taken == Some(i)
            || super::is_furniture(clean, ctx.doc.start + i)
        {
            continue;
        }
        let file_line = (ctx.doc.start + i) as u32 + 1;
        if claimed.binary_search(&file_line).is_ok() {
            if let (Some(p), Some(b)) = (pending.take(), block.as_ref()) {
                emit_pending(p, b, &psc, out);
            }
            block = None;
            continue;
        }
        let text = strip_tags(&line.text);
        match engine.row_shape(&text, &mut sc) {
            Some(shape) => {
                if block.is_none() {
                    let mut b = engine.open_block(lines, i, &mut head_sc);
                    if let Some((lb, _)) = last_block.take().filter(|(lb, end)| {
                        i - end <= 2 && b.header.is_none() && lb.header.is_some()
                    }) {
                        if !b.money {
                            b = Block {
                                section: None,
                                section_line: None,
                                prev_section: None,
                                ..lb
                            };
                        }
                    }
                    if b.caption.is_none() {
                        b.caption = last_caption
                            .as_ref()
                            .filter(|(_, end)| i - end <= 4)
                            .map(|(c, _)| c.clone());
                    }
                    block = Some(b);
                }
                if let Some(c) = block.as_ref().and_then(|b| b.caption.clone()) {
                    last_caption = Some((c, i));
                }
                let b = block.as_mut().expect("opened above");
                // "Re-referrals within 12" over "months % 29.4% 20.0% ...": a
                // long label wrapped onto the row's line.
                let label_end = sc.cells[shape.run_start - 1].1;
                let wrapped = b.section_line == Some(i.wrapping_sub(1))
                    && carries_on(
                        b.section.as_deref().unwrap_or(""),
                        &text[sc.cells[0].0..label_end.max(sc.cells[0].0)],
                    );
                let prefix = if wrapped {
                    b.section_line = None;
                    std::mem::replace(&mut b.section, b.prev_section.take())
                } else {
                    None
                };
                // An agenda's numbered item and its page number ("3.<TAB>Minutes
                // of the meeting held on 8 July 2024<TAB>3"): no figures.
                let agenda_item = ctx.doc.kind == DocKind::Agenda
                    && AGENDA_ITEM_NUMBER.is_match(text[sc.cells[0].0..sc.cells[0].1].trim());
                if let Some(p) = pending.take() {
                    emit_pending(p, b, &psc, out);
                }
                if b.accepted && !agenda_item {
                    std::mem::swap(&mut sc, &mut psc);
                    pending = Some(PendingRow {
                        line: i,
                        text: text.into_owned(),
                        prefix,
                        shape,
                    });
                }
            }
            None => {
                // A label printed around its figures, as a PDF's text layer
                // puts a wrapped cell: "Highways Structural" / "   9.80
                // 9.95   0.00" / "Maintenance".
                if let Some(b) = block.as_mut().filter(|b| {
                    b.accepted && pending.is_none() && b.section_line == i.checked_sub(1)
                }) {
                    let tail = lines.get(i + 1).map(|l| l.text.trim()).filter(|t| {
                        may_end_a_label(t)
                            && !t.bytes().any(|c| c.is_ascii_digit())
                            && t.split_whitespace().count() <= 4
                    });
                    if let Some(row) = around_figures(b.section.as_deref(), tail, &text) {
                        if let Some(shape) = engine.row_shape(&row, &mut sc) {
                            b.section = b.prev_section.take();
                            b.section_line = None;
                            let p = PendingRow {
                                line: i,
                                text: row,
                                prefix: None,
                                shape,
                            };
                            emit_pending(p, b, &sc, out);
                            if tail.is_some() {
                                taken = Some(i + 1);
                            }
                            continue;
                        }
                    }
                }
                if let Some(b) = block.as_mut() {
                    if let Some(p) = pending.take() {
                        // The row's label goes on over this line: the row is
                        // read with it, and the line is no section.
                        let joined = (p.line + 1 == i)
                            .then(|| continued_label(&p.text, p.shape, &psc, &text))
                            .flatten()
                            .and_then(|t| Some((engine.row_shape(&t, &mut psc)?, t)));
                        match joined {
                            Some((shape, text)) => {
                                emit_pending(PendingRow { text, shape, ..p }, b, &psc, out);
                                continue;
                            }
                            None => emit_pending(p, b, &psc, out),
                        }
                    }
                    match engine.section_text(&text, &mut head_sc) {
                        Some(s) => {
                            b.prev_section = b.section.replace(s.to_string());
                            b.section_line = Some(i);
                        }
                        None => last_block = block.take().map(|b| (b, i)),
                    }
                }
            }
        }
    }
    if let (Some(p), Some(b)) = (pending.take(), block.as_ref()) {
        emit_pending(p, b, &psc, out);
    }
}

/// Whether `t` reads as running text: a sentence's end, or three words in
/// small letters.
fn is_prose(t: &str) -> bool {
    t.trim_end().ends_with('.')
        || t.split_whitespace()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
            .count()
            >= 3
}

/// Whether a `£` of `t` stands before a figure ("£4.2m", not "in £" or
/// "£000s").
fn names_an_amount(t: &str) -> bool {
    t.match_indices('£').any(|(i, _)| {
        let after = t[i + '£'.len_utf8()..].trim_start();
        after.starts_with(|c: char| c.is_ascii_digit()) && !after.starts_with("000")
    })
}

/// A sentence of prose stating an amount of money ("Net spending is
/// forecast at £3.86m in 2024/25."): the text above a table, not its head,
/// so its `£` makes no money table of the figures below. A sentence giving
/// the table's scale ("Figures are in £000s.") is no such sentence.
fn states_an_amount(t: &str) -> bool {
    if !t.ends_with('.') || t.split_whitespace().count() < 6 {
        return false;
    }
    t.match_indices('£').any(|(i, _)| {
        let after = t[i + '£'.len_utf8()..].trim_start();
        after.starts_with(|c: char| c.is_ascii_digit())
            && !after.starts_with("000")
            && !after.starts_with("0,000")
    })
}

/// Whether a column of a money table names a unit of its own beside the
/// column that names the pounds: "Energy (kWh)" next to "Cost £" (a table
/// whose `£` stands over one column only). `key_unit` is the unit the
/// column's key names, as the caller reads it already.
fn own_unit_beside_money(
    key: Option<&str>,
    key_unit: Option<Unit>,
    keys: Option<&[Option<String>]>,
) -> bool {
    key.is_some_and(|k| !k.contains('£'))
        && key_unit.is_some_and(|u| !matches!(u, Unit::Gbp | Unit::Count))
        && keys.is_some_and(|ks| ks.iter().flatten().any(|k| k.contains('£')))
}

/// A cell that is a year or a financial year alone: "2023", "2023/24".
static YEAR_CELL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"^\(?(?:19|20)\d{2}(?:[/-](?:\d{2}|\d{4}))?\)?$")
        .expect("valid pattern")
});

/// The keys of a header printed in columns over two to four lines right
/// above the first row `first` (`at`: the non-blank lines above it, nearest
/// first), and the index in `at` of its top line. The lowest line (often
/// the units, "£000  £000  %") gives the columns; a word of a line above
/// belongs to each column it overlaps. `None` unless every line is cut
/// into columns by runs of spaces, the lowest into two at least, and none
/// holds a figure of its own (a row).
fn stacked_header(lines: &[Line], at: &[usize], first: usize) -> Option<(Vec<String>, usize)> {
    // Cells as (start column, end column, text), columns counted in chars.
    let columns = |text: &str| -> Option<Vec<(usize, usize, String)>> {
        let mut cells = Vec::new();
        if split_cells(text, &mut cells) != Split::Columns {
            return None;
        }
        Some(
            cells
                .iter()
                .filter(|&&(s, e)| e > s)
                .map(|&(s, e)| {
                    let col = text[..s].chars().count();
                    (
                        col,
                        col + text[s..e].chars().count(),
                        text[s..e].to_string(),
                    )
                })
                .collect(),
        )
    };
    let mut stack: Vec<Vec<(usize, usize, String)>> = Vec::new();
    // The index in `at` of the header's top line.
    let mut top = 0;
    let mut next = first;
    for (k, &i) in at.iter().take(5).enumerate() {
        // Lines right above one another: a blank line ends the header (one
        // may part its lowest line from the first row).
        let spaced = k == 0 && i + 2 == next && lines[i + 1].text.trim().is_empty();
        if i + 1 != next && !spaced {
            break;
        }
        let text = lines[i].text.trim_end();
        let Some(cells) = columns(text) else {
            // The label column's own header printed on a line between the
            // others ("Revised" / "Scheme" / "budget"): no key of a figure
            // column; the header goes on above it.
            let label_head = !stack.is_empty()
                && text.split_whitespace().count() <= 3
                && !text.starts_with(char::is_whitespace)
                && !text.contains([':', '.'])
                && at
                    .get(k + 1)
                    .is_some_and(|&j| j + 1 == i && columns(lines[j].text.trim_end()).is_some());
            if label_head {
                next = i;
                continue;
            }
            break;
        };
        // (a lowest line of years alone, "2022   2023   2023", heads the
        // columns above which the measures are named: no row of figures)
        let years = k == 0 && cells.iter().all(|(_, _, t)| YEAR_CELL.is_match(t));
        let figures = cells
            .iter()
            .any(|(_, _, t)| matches!(parse_cell(t), Cell::Figure(_)) && !t.contains('£'));
        if (figures && !years) || cells.is_empty() {
            break;
        }
        stack.push(cells);
        top = k;
        next = i;
    }
    if stack.len() < 2 {
        return None;
    }
    // The columns are the lowest line's cells, and the cells of a line
    // above that stand over none of them ("% change" over no year): each
    // column's words from every line, top down.
    // (start column, end column, and each line's words over it: level, text)
    type Column<'t> = (usize, usize, Vec<(usize, &'t str)>);
    let mut columns: Vec<Column> = stack[0]
        .iter()
        .map(|(s, e, t)| (*s, *e, vec![(0, t.as_str())]))
        .collect();
    for (level, above) in stack.iter().enumerate().skip(1) {
        for (us, ue, ut) in above {
            let mut over = false;
            for (s, e, words) in columns.iter_mut().take(stack[0].len()) {
                if *us < *e + 1 && *s < *ue + 1 {
                    words.push((level, ut));
                    over = true;
                }
            }
            if !over {
                columns.push((*us, *ue, vec![(level, ut)]));
            }
        }
    }
    if columns.len() < 2 {
        return None;
    }
    columns.sort_by_key(|c| c.0);
    let keys: Vec<String> = columns
        .into_iter()
        .map(|(_, _, mut words)| {
            words.sort_by_key(|w| std::cmp::Reverse(w.0));
            words.iter().map(|w| w.1).collect::<Vec<_>>().join(" ")
        })
        .collect();
    Some((keys, top))
}

/// A table row whose records wait for the next line (see [`apply`]).
struct PendingRow {
    line: usize,
    text: String,
    prefix: Option<String>,
    shape: RowShape,
}

/// A row read into `sc`, its label's text: the cells before its figures.
pub(crate) fn row_label<'t>(row: &'t str, shape: RowShape, sc: &Scratch) -> &'t str {
    if shape.run_start == 0 {
        return "";
    }
    let (start, end) = (sc.cells[0].0, sc.cells[shape.run_start - 1].1);
    row[start..end.max(start)].trim_end()
}

/// `row` (read into `sc`) with `next` added to its label, when `next` is the
/// label's last part wrapped below the row's figures: the label breaks off
/// ("Household waste recycled," / "Residual household waste per",
/// "Fly-tipping removed within") or `next` goes on in lower case or in
/// brackets ("reused or composted (%)", "household (kg)"). `next` is a short
/// line that is no row of its own.
fn continued_label(row: &str, shape: RowShape, sc: &Scratch, next: &str) -> Option<String> {
    let label = row_label(row, shape, sc);
    let next = next.trim();
    if label.is_empty() || !label_goes_on_below(label, next) {
        return None;
    }
    let start = sc.cells[0].0;
    Some(format!(
        "{} {next}{}",
        &row[..start + label.len()],
        &row[start + label.len()..]
    ))
}

/// Whether a line is short enough, and shaped so, to be a label's last part.
fn may_end_a_label(next: &str) -> bool {
    next.split_whitespace().count() <= 8
        && !next.contains('\t')
        && !next.ends_with([':', '.'])
        && has_letter(next)
}

/// Whether `next`, a line under a row labelled `label`, is the label's
/// wrapped last part (see [`continued_label`]).
pub(crate) fn label_goes_on_below(label: &str, next: &str) -> bool {
    const BREAKS_OFF: [&str; 20] = [
        "&", "and", "or", "of", "for", "in", "the", "a", "an", "per", "within", "to", "by", "with",
        "from", "on", "at", "than", "over", "under",
    ];
    let last = label.rsplit(' ').next().unwrap_or("");
    let breaks_off = label.ends_with([',', '-', '–']) || BREAKS_OFF.contains(&last);
    // ("(per 100,000)" on its own line under the label: the label's unit)
    let bracketed_unit =
        next.starts_with('(') && next.ends_with(')') && next.split_whitespace().count() <= 4;
    may_end_a_label(next)
        && !label.is_empty()
        && (breaks_off
            || bracketed_unit
            || next.starts_with(|c: char| c.is_lowercase() || c == '(')
                && !next.bytes().any(|b| b.is_ascii_digit()))
}

#[allow(clippy::too_many_arguments)]
fn emit_row(
    engine: &KpiEngine,
    ctx: &DocContext,
    rule_id: &str,
    line_idx: usize,
    text: &str,
    (shape, label_prefix): (RowShape, Option<&str>),
    sc: &Scratch,
    block: &Block,
    own: Option<&str>,
    out: &mut Vec<Record>,
) {
    let label_end = sc.cells[shape.run_start - 1].1;
    let label_start = sc.cells[0].0;
    let mut label = text[label_start..label_end.max(label_start)]
        .trim()
        .trim_end_matches(['*', ':'])
        .trim();
    // An empty cell's placeholder before the figures ("Number of children in
    // care<TAB>-<TAB>498", no target) is no part of the label.
    while let Some(rest) = ["-", "–", "—", "n/a", "N/A"]
        .iter()
        .find_map(|p| label.strip_suffix(p))
        .filter(|r| r.ends_with(char::is_whitespace))
    {
        label = rest.trim_end();
    }
    let label = match label_prefix {
        Some(p) => collapse_tabs(&format!("{p} {label}")),
        None => collapse_tabs(label),
    };
    let area = if engine
        .area_in(&label)
        .is_some_and(|a| a.eq_ignore_ascii_case(&label))
        || own.is_some_and(|o| o.eq_ignore_ascii_case(&label))
    {
        Some(label.clone())
    } else {
        None
    };
    let run_len = shape.n_cells - shape.run_start;
    let keys = block
        .header
        .as_ref()
        .map(|h| column_keys(engine, h, &shape, sc.figs.len(), run_len))
        .filter(|k| !misaligned(k, &sc.figs));
    let key_of = |cell: usize| -> Option<&str> {
        keys.as_ref()
            .and_then(|k| k.get(cell).and_then(|x| x.as_deref()))
    };
    let skipped = |cell: usize| {
        key_of(cell).is_some_and(|k| engine.skip_column.as_ref().is_some_and(|r| r.is_match(k)))
    };
    // A skipped column of periods ("Period": "2023") dates the row's figures.
    let column_period = || {
        sc.figs
            .iter()
            .filter(|&&(cell, _)| skipped(cell))
            .find_map(|&(cell, _)| {
                let (s, e) = sc.cells[cell];
                engine
                    .period
                    .as_ref()?
                    .find(text[s..e].trim())
                    .map(|m| m.as_str().to_string())
            })
    };
    let label_period = engine
        .period
        .as_ref()
        .and_then(|re| re.find(&label))
        .map(|m| m.as_str().to_string())
        .or_else(column_period);
    for (n, &(cell, fig)) in sc.figs.iter().enumerate() {
        let key = key_of(cell);
        // "Rank", "Quartile": a column of places in a league, no measure;
        // "Period": the figures' date.
        if skipped(cell) {
            continue;
        }
        let key_period = key
            .and_then(|k| engine.period.as_ref()?.find(k))
            .map(|m| m.as_str());
        // A unit-only column ("%") reads the period of the column to its left.
        // ("Forecast Outturn £000 | Variance £000": a column named in words
        // has no period of its neighbour's)
        let inherited =
            if key.is_some_and(|k| !names_a_measure(k)) && key_period.is_none() && cell > 0 {
                keys.as_ref()
                    .and_then(|k| k.get(cell - 1).and_then(|x| x.as_deref()))
                    .and_then(|k| engine.period.as_ref()?.find(k))
                    .map(|m| m.as_str())
            } else {
                None
            };
        let key_unit = key.and_then(|k| engine.unit_of_header(k, fig.decimal));
        let by_header = key_unit
            .or_else(|| {
                block
                    .section
                    .as_deref()
                    .and_then(|s| engine.unit_of_header(s, fig.decimal))
            })
            .or_else(|| engine.unit_of_header(&without_thresholds(&label), fig.decimal))
            // "Table 2: Planning performance (%)": the caption's per cent
            // sign holds for cells whose column, section and row name no
            // unit ("Numbers and rate of ..." names two, so none).
            // So does its rate: "Table 1: Recorded crime per 1,000 population".
            .or_else(|| {
                let c = block.caption.as_deref().or(block.title.as_deref())?;
                let lower = c.to_lowercase();
                if let Some(u) = bracketed_unit(&lower) {
                    Some(u)
                } else if lower.contains("per ") && !lower.contains("number") {
                    engine
                        .unit_of_header(c, fig.decimal)
                        .filter(|u| *u == Unit::Rate)
                } else {
                    None
                }
            });
        let unit = if fig.percent {
            Unit::Percent
        } else if fig.fte {
            Unit::Fte
        } else if let Some(span) = fig.time {
            match span {
                TimeSpan::Days => Unit::Days,
                TimeSpan::Other => Unit::Other,
            }
        } else if fig.pound {
            Unit::Gbp
        } else if by_header == Some(Unit::Percent) {
            Unit::Percent
        } else if block.money && !own_unit_beside_money(key, key_unit, keys.as_deref()) {
            Unit::Gbp
        } else {
            by_header.unwrap_or(Unit::Count)
        };
        let mut value = fig.value * fig.suffix_scale;
        if unit == Unit::Gbp {
            if fig.suffix_scale == 1.0 {
                // A row labelled with its own scale ("Spend on agency staff
                // (£000s)") in a table of other units.
                let own = engine.scale_header(&label).filter(|_| label.contains('£'));
                value *= own.or(block.scale).unwrap_or(1.0);
            }
            if fig.bracketed {
                value = -value;
            }
        } else if unit == Unit::Count && fig.suffix_scale == 1.0 {
            // A count in thousands: "Number of phone calls (thousands)" over
            // the table, or a row's own label "Total calls (thousands)".
            let scale_of = |t: &str| {
                if t.contains('£') {
                    None
                } else {
                    engine.scale_header(t)
                }
            };
            let scale = scale_of(&label)
                .or_else(|| block.caption.as_deref().and_then(scale_of))
                .or_else(|| block.title.as_deref().and_then(scale_of))
                .or_else(|| scale_of(&block.head_text))
                .or(block.count_scale);
            value *= scale.unwrap_or(1.0);
        } else if unit == Unit::Percent
            && block.money
            && fig.bracketed
            && (!fig.percent || sc.figs.iter().filter(|(_, f)| f.bracketed).count() >= 2)
        {
            // A financial table's variance in per cent beside the variance
            // in pounds: "(1,465)  (1.5)" is -1.5%; so is a return under a
            // "%" heading, "376.9  (0.8)  2.9". A share printed with its own
            // sign in brackets after an amount, "£390.90m (52.35%)", is no
            // negative.
            value = -value;
        }
        // ("Table 2: Savings delivery 2024/25": the caption's period holds
        // for cells whose column and row name none)
        let period = key_period
            .or(inherited)
            .map(str::to_string)
            .or_else(|| label_period.clone())
            .or_else(|| {
                let caption = block.caption.as_deref()?;
                engine
                    .period
                    .as_ref()?
                    .find(caption)
                    .map(|m| m.as_str().to_string())
            });
        let key_text = key
            .filter(|k| match key_period {
                Some(p) => p.len() < k.len(),
                None => true,
            })
            .filter(|k| has_letter(k) && !k.contains('£') && k.trim() != "%")
            .map(collapse_tabs);
        // The council's own column ("Testshire" beside "England") is its area.
        let area = area
            .clone()
            .or_else(|| key.and_then(|k| engine.area_in(k)).map(str::to_string))
            .or_else(|| {
                key.map(str::trim)
                    .filter(|k| own.is_some_and(|o| o.eq_ignore_ascii_case(k)))
                    .map(str::to_string)
            });
        let mut indicator = String::new();
        if area.as_deref() == Some(label.as_str()) {
            indicator.push_str(
                block
                    .section
                    .as_deref()
                    .or(block.title.as_deref())
                    .unwrap_or(&label),
            );
        } else if let Some(caption) = block
            .caption
            .as_deref()
            .filter(|_| label_period.as_deref() == Some(label.trim()))
        {
            // Rows labelled by date ("February 2019 18.5%"): the caption is
            // what they measure, the label their period.
            indicator.push_str(caption);
        } else {
            if let Some(c) = &block.caption {
                indicator.push_str(c);
                indicator.push_str(": ");
            }
            if let Some(s) = &block.section {
                indicator.push_str(s);
                indicator.push_str(": ");
            }
            indicator.push_str(&label);
        }
        if let Some(k) = key_text {
            indicator.push_str(", ");
            indicator.push_str(&k);
        }
        let _ = n;
        let fields = Fields::Kpi {
            indicator,
            value,
            unit,
            period,
            area,
        };
        out.push(ctx.record(fields, ctx.doc.start + line_idx, text, rule_id));
    }
}

/// The nearest heading standing alone within `reach` non-blank lines above
/// line `from` (exclusive).
fn heading_above(lines: &[Line], from: usize, reach: usize) -> Option<String> {
    let mut seen = 0;
    let mut i = from;
    while i > 0 && seen < reach {
        i -= 1;
        let t = lines[i].text.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if let Some(c) = caption_of(&strip_tags(t), stands_alone(lines, i)) {
            return Some(c);
        }
    }
    None
}

/// Whether line `i` has a blank line (or the start of the text) above it.
fn stands_alone(lines: &[Line], i: usize) -> bool {
    i == 0 || lines[i - 1].text.trim().is_empty()
}

/// A threshold inside a measure's name ("assessments waiting over 28
/// days", "attendance below 85%") names no unit of the row's figures.
static THRESHOLD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::rules::pattern::builtin(r"(?i)\b(?:over|under|within|more\s+than|less\s+than|at\s+least|below|above|after|longer\s+than)\s+\d+(?:\.\d+)?\s*(?:%|per\s?cent\b|(?:working\s+)?days?\b|weeks?\b|hours?\b|months?\b|years?\b|minutes?\b)")
        .expect("valid pattern")
});

/// A row label with its thresholds blanked out.
fn without_thresholds(label: &str) -> std::borrow::Cow<'_, str> {
    THRESHOLD.replace_all(label, " ")
}

/// A table's caption from the line above it: "Figure 3: Children on a plan
/// by age" gives "Children on a plan by age". Without a "Figure"/"Table"
/// number, only a short heading standing alone (a blank line above it, no
/// full stop, not a sentence's lead-in) counts: a wrapped paragraph's last
/// line names nothing.
fn caption_of(line: &str, alone: bool) -> Option<String> {
    let t = line.trim().trim_start_matches('#').trim();
    let lower = t.to_ascii_lowercase();
    let numbered = ["figure", "table", "chart", "graph"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .and_then(|rest| {
            let rest = rest.trim_start();
            let num = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            (num > 0 && rest[..num].starts_with(|c: char| c.is_ascii_digit()))
                .then(|| rest[num..].trim_start_matches([':', '-', '–', '—', ' ', '.']))
        });
    let caption = match numbered {
        Some(rest) => &t[t.len() - rest.len()..],
        None => {
            // A heading names: no figures, no column-header repeats ("Up to
            // Up to"), not a sentence.
            let words: Vec<&str> = t.split_whitespace().collect();
            let repeats = words
                .iter()
                .any(|w| words.iter().filter(|x| x.eq_ignore_ascii_case(w)).count() >= 3);
            let heading = alone
                && t.len() <= 80
                && t.starts_with(|c: char| c.is_uppercase())
                && !t.ends_with(['.', ':', ',', ';'])
                && (2..=8).contains(&words.len())
                && !repeats
                && !t.contains(|c: char| c.is_ascii_digit() || matches!(c, '\t' | '/' | '£' | '%'))
                && t.matches(',').count() <= 1;
            if !heading {
                return None;
            }
            t
        }
    };
    let caption = caption.trim().trim_end_matches(['.', ':']);
    (caption.chars().filter(|c| c.is_alphabetic()).count() >= 4).then(|| caption.to_string())
}

/// Whether a header's names, fitted to a row, put a "%" over money or a "£"
/// over a percentage: the header's words wrapped onto lines of their own
/// ("Vacancy rate % Agency" over "staff Agency spend") and the names fit no
/// column, so none is used.
fn misaligned(keys: &[Option<String>], figs: &[(usize, CellFigure)]) -> bool {
    figs.iter().any(|&(cell, fig)| {
        keys.get(cell)
            .and_then(Option::as_deref)
            .is_some_and(|k| fig.pound && k.contains('%') || fig.percent && k.contains('£'))
    })
}

/// A row whose label stands above its figures (`head`), and below them
/// (`tail`): the figures' line with the label put before them, in the room
/// the figures' indent leaves where there is room, so that their columns
/// stay where they were.
fn around_figures(head: Option<&str>, tail: Option<&str>, figures: &str) -> Option<String> {
    let head = head?;
    let t = figures.trim();
    // (two figures at least: "+8" alone over "months ..." is no row)
    let all_figures = t.split_whitespace().count() >= 2
        && t.split_whitespace().all(|w| {
            matches!(parse_cell(w), Cell::Figure(_)) || matches!(w, "-" | "–" | "%" | "£")
        });
    if !all_figures {
        return None;
    }
    let label = match tail {
        Some(tail) => format!("{head} {tail}"),
        None => head.to_string(),
    };
    let indent = figures.len() - figures.trim_start().len();
    Some(
        if indent >= label.len() + 2 && figures.is_char_boundary(label.len()) {
            format!("{label}{}", &figures[label.len()..])
        } else {
            format!("{label}   {t}")
        },
    )
}

/// Whether a short line ends in a percentage or a decimal, or one with its
/// unit after it ("August 2019 5.2%", "August 2019 76.5 FTE"): a row of one
/// figure, which no header is.
fn one_figure_row(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let measure = |t: &&str| matches!(parse_cell(t), Cell::Figure(f) if f.percent || f.decimal);
    let unit = |t: &&str| t.eq_ignore_ascii_case("fte") || *t == "%";
    tokens.len() <= 8
        && match tokens.as_slice() {
            [.., a, b] if unit(b) => measure(a),
            [.., last] => measure(last),
            [] => false,
        }
}

/// Whether a row's label reads as the end of a longer label begun on the
/// line above: it starts in lower case ("months %") or with a bracket
/// ("(Education & Skills)"), or is only a unit ("%", "No."), or the line
/// above breaks off on "&", "and", "of" or a comma.
fn carries_on(above: &str, label: &str) -> bool {
    let l = label.trim();
    let a = above.trim_end();
    let last = a.rsplit(' ').next().unwrap_or("");
    matches!(last, "&" | "and" | "of" | "for" | "in" | "the" | "-" | "–")
        || a.ends_with(',')
        || l.starts_with(|c: char| c.is_lowercase() || c == '(')
        || !has_letter(l)
        || ["no", "no.", "fte", "number", "rate"]
            .iter()
            .any(|u| l.eq_ignore_ascii_case(u))
}

fn collapse_tabs(s: &str) -> String {
    crate::record::collapse_ws(s)
}

/// The column key of each cell of a row (indexed by cell), from the header.
/// Headers of a table's reference column: "Ref", "Code", "PI".
const REF_KEYS: [&str; 8] = ["ref", "reference", "code", "no", "id", "pi", "kpi", "#"];

fn column_keys(
    engine: &KpiEngine,
    h: &Header,
    shape: &RowShape,
    n_figs: usize,
    run_len: usize,
) -> Vec<Option<String>> {
    let mut out = vec![None; shape.n_cells];
    if h.aligned && shape.split != Split::Spaces {
        // Header and row cut the same way: match by index, or from the right
        // when the header lacks the row's label cell. Trailing empty cells
        // (a stray tab at the end of a line) do not count.
        let header_len = h
            .keys
            .iter()
            .rposition(|k| !k.is_empty())
            .map_or(0, |i| i + 1);
        let row_len = sc_row_len(shape);
        // A reference column ("Ref", "Code") printed in the row's label
        // cell ("KPI01 % of calls answered"): the header has one key more.
        let merged_ref = header_len > row_len
            && h.keys.first().is_some_and(|k| {
                REF_KEYS.contains(&k.trim().trim_end_matches('.').to_ascii_lowercase().as_str())
            });
        let keys = &h.keys[usize::from(merged_ref)..];
        let header_len = header_len - usize::from(merged_ref);
        let offset = row_len.saturating_sub(header_len);
        for (i, k) in keys.iter().enumerate() {
            if let Some(slot) = out.get_mut(i + offset) {
                if !k.is_empty() {
                    *slot = Some(k.clone());
                }
            }
        }
        return out;
    }
    // From the right: fit the header's keys to the row's run of figures,
    // first joining a period key with the unit key after it ("2015/16 %")
    // while there are more keys than cells.
    let mut keys: Vec<String> = if h.aligned {
        h.keys.iter().filter(|k| !k.is_empty()).cloned().collect()
    } else {
        h.keys.clone()
    };
    let want = run_len.max(n_figs);
    let mut j = keys.len();
    while keys.len() > want && j >= 2 {
        j -= 1;
        if !engine.is_period_key(&keys[j]) && engine.is_period_key(&keys[j - 1]) {
            let unit = keys.remove(j);
            keys[j - 1].push(' ');
            keys[j - 1].push_str(&unit);
            j -= 1;
        }
    }
    let first = shape.n_cells - run_len;
    let skip = keys.len().saturating_sub(run_len);
    let lead = run_len.saturating_sub(keys.len());
    for (p, k) in keys.into_iter().skip(skip).enumerate() {
        out[first + lead + p] = Some(k);
    }
    out
}

/// A unit printed as a column's heading or at its end: "£000", "(£m)", "%".
fn is_unit(tok: &str) -> bool {
    let t = tok.trim_start_matches('(').trim_end_matches(')');
    matches!(
        t.replace(['\'', '’'], "").as_str(),
        "£000" | "£000s" | "£m" | "£k" | "£bn" | "%" | "£"
    )
}

/// Whether a column's key names something in words besides its unit
/// ("Variance £000"), not a unit alone ("%", "£000").
fn names_a_measure(key: &str) -> bool {
    key.split_whitespace().any(|t| !is_unit(t) && has_letter(t))
        && key.split_whitespace().any(is_unit)
}

/// A header printed with single spaces whose every column ends in its unit:
/// "Net Budget £000 Forecast Outturn £000 Variance £000 Variance %" gives
/// one key a column, each closed by its unit. `None` unless there are three
/// such columns or more, the line ends with a unit, and each column is named
/// in words: "YTD % 2015/16 %" is left to the column tokens.
fn unit_closed_keys(text: &str, is_period: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for tok in text.split_whitespace() {
        if is_unit(tok) {
            let words = current.join(" ");
            if !has_letter(&words) || is_period(&words) {
                return None;
            }
            keys.push(format!("{words} {tok}"));
            current.clear();
        } else {
            current.push(tok);
        }
    }
    (current.is_empty() && keys.len() >= 3).then_some(keys)
}

/// The unit a caption names in brackets: "(%)", "(% agreeing)", and at its
/// end "(days)", "(avg weeks)", "(minutes)".
fn bracketed_unit(lower: &str) -> Option<Unit> {
    // ("(Number) (% of total)": a header's columns, one unit each)
    if lower.contains("(%)") || lower.contains("(%") && lower.matches('(').count() == 1 {
        return Some(Unit::Percent);
    }
    let open = lower.rfind('(')?;
    let inner = lower[open + 1..].strip_suffix(')')?.trim();
    let inner = ["avg. ", "avg ", "average ", "mean ", "median "]
        .iter()
        .find_map(|p| inner.strip_prefix(p))
        .unwrap_or(inner);
    match inner {
        "days" => Some(Unit::Days),
        "minutes" | "mins" | "hours" | "hrs" | "seconds" | "weeks" | "wks" | "months" => {
            Some(Unit::Other)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::caption_of;

    #[test]
    fn captions_are_numbered_figures_or_headings_standing_alone() {
        let cases = [
            (
                "Figure 3: Children on a plan by age",
                false,
                Some("Children on a plan by age"),
            ),
            (
                "Table 2 - Monthly vacancy rate",
                false,
                Some("Monthly vacancy rate"),
            ),
            (
                "### Staffing - Vacancy Gap",
                true,
                Some("Staffing - Vacancy Gap"),
            ),
            (
                "Social Care Workforce Redesign",
                true,
                Some("Social Care Workforce Redesign"),
            ),
            // a wrapped paragraph's last line has no blank line above it
            ("Social Care Workforce Redesign", false, None),
            ("Total 517 100 100 100 100", true, None),
            ("Car Park Up to Up to Up to Up to", true, None),
            (
                "The figures below show the change over the year:",
                true,
                None,
            ),
            (
                "You should consider the desperate situations of those who use",
                true,
                None,
            ),
        ];
        for (line, alone, want) in cases {
            assert_eq!(caption_of(line, alone).as_deref(), want, "{line}");
        }
    }
}
