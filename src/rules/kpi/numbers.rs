//! Numbers as committee papers print them: finding numeric tokens in running
//! text (`3,429`, `9.3`, `(466)`), reading one table cell (`£1.79m`, `18.5%`,
//! `668**`, `N/A`), and the small text helpers both need. Knows nothing of
//! units or rules: what a number *means* is decided by the caller's config.

/// A number found in running text: its byte span and value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written with a decimal point (`9.3`): such figures are rates or shares, never list numbers.
    pub decimal: bool,
    /// Written with thousands separators (`3,429`): a quantity, never a year or a list number.
    pub grouped: bool,
}

/// Find the numbers of `text` (appended to `out`, which is cleared first).
/// Digits glued to letters (`E01014499`, `A4018`) and the parts of slashed
/// tokens (`17/18`, `12/10/16`) and dotted section numbers (`1.2.3`) are not
/// numbers of their own; they are skipped whole.
pub fn scan(text: &str, out: &mut Vec<Num>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let prev = if start > 0 { b[start - 1] } else { b' ' };
        let glued = prev.is_ascii_alphanumeric() || matches!(prev, b'/' | b'_' | b'.' | b'#');
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let mut grouped = false;
        // Thousands groups: a comma and exactly three digits, repeatedly.
        while j + 3 < b.len()
            && b[j] == b','
            && b[j + 1].is_ascii_digit()
            && b[j + 2].is_ascii_digit()
            && b[j + 3].is_ascii_digit()
            && (j + 4 >= b.len() || !b[j + 4].is_ascii_digit())
            && (grouped || j - start <= 3)
        {
            grouped = true;
            j += 4;
        }
        let mut decimal = false;
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            let mut k = j + 1;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            decimal = true;
            j = k;
        }
        // `1.2.3`, `17/18`, `12/10/16`: not a figure; swallow the whole token.
        let slashed = j + 1 < b.len() && matches!(b[j], b'/' | b'.') && b[j + 1].is_ascii_digit();
        if glued || slashed {
            let mut k = j;
            while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'/' | b'.')) {
                if b[k] == b'.' && !(k + 1 < b.len() && b[k + 1].is_ascii_digit()) {
                    break;
                }
                k += 1;
            }
            i = k.max(j);
            continue;
        }
        if let Some(value) = parse_plain(&text[start..j]) {
            out.push(Num {
                start,
                end: j,
                value,
                decimal,
                grouped,
            });
        }
        i = j;
    }
}

/// Parse digits with optional thousands commas and decimal part, without allocating.
pub fn parse_plain(s: &str) -> Option<f64> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &c in s.as_bytes() {
        if c == b',' {
            continue;
        }
        if n == buf.len() || !(c.is_ascii_digit() || c == b'.') {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

/// What one table cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Nothing, or a placeholder for "no figure" (`-`, `N/A`, `n/k`, `*`, `..`).
    Blank,
    Figure(CellFigure),
    Text,
}

/// A figure read from a cell, with the marks printed around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellFigure {
    pub value: f64,
    /// Printed in brackets, the accountant's minus.
    pub bracketed: bool,
    pub percent: bool,
    pub pound: bool,
    /// Multiplier written after the figure (`m`, `k`, `bn`), 1 without one.
    pub suffix_scale: f64,
    pub decimal: bool,
    /// Printed with `FTE` after it.
    pub fte: bool,
    /// Printed with a span of time after it: "8.6 min", "21 days".
    pub time: Option<TimeSpan>,
}

/// The span of time a cell's figure is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSpan {
    Days,
    /// Seconds, minutes, hours, weeks, months or years.
    Other,
}

/// Words for spans of time after a cell's figure, and their kind.
const TIME_WORDS: [(&str, TimeSpan); 18] = [
    ("days", TimeSpan::Days),
    ("day", TimeSpan::Days),
    ("minutes", TimeSpan::Other),
    ("mins", TimeSpan::Other),
    ("min", TimeSpan::Other),
    ("seconds", TimeSpan::Other),
    ("secs", TimeSpan::Other),
    ("sec", TimeSpan::Other),
    ("hours", TimeSpan::Other),
    ("hrs", TimeSpan::Other),
    ("hr", TimeSpan::Other),
    ("weeks", TimeSpan::Other),
    ("wks", TimeSpan::Other),
    ("months", TimeSpan::Other),
    ("mths", TimeSpan::Other),
    ("years", TimeSpan::Other),
    ("yrs", TimeSpan::Other),
    ("s", TimeSpan::Other),
];

/// Read one cell. Footnote stars and a trailing `%`/`FTE` are marks, not text.
pub fn parse_cell(cell: &str) -> Cell {
    let mut s = cell.trim();
    if s.is_empty() {
        return Cell::Blank;
    }
    if is_placeholder(s) {
        return Cell::Blank;
    }
    s = s.trim_end_matches('*').trim_end();
    // A target printed as a threshold: "≥95%", "<10%", "<=80", "50%+".
    for p in [">=", "<=", "≥", "≤", ">", "<", "=", "~", "≈"] {
        if let Some(rest) = s.strip_prefix(p) {
            let rest = rest.trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == '£') {
                s = rest;
                break;
            }
        }
    }
    // ("17+" is an age band, a row's label: only a share takes the "+".)
    if let Some(rest) = s.strip_suffix('+') {
        if rest.ends_with('%') {
            s = rest;
        }
    }
    let mut bracketed = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        bracketed = true;
        s = inner.trim();
    }
    // "(£000)", "£000s", "£'000": a column's scale, no figure.
    if s.strip_prefix('£').is_some_and(|r| {
        matches!(
            r.trim_start_matches(['\'', '’'])
                .trim_end_matches(['s', '\'', '’']),
            "000" | "k" | "m" | "bn"
        )
    }) {
        return Cell::Text;
    }
    let mut minus = false;
    for p in ["-", "\u{2212}", "\u{2013}"] {
        if let Some(rest) = s.strip_prefix(p) {
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == '£') {
                minus = true;
                s = rest;
            }
        }
    }
    // A change column's "+28" or "+£760" is the figure 28, 760.
    if let Some(rest) = s.strip_prefix('+') {
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '£') {
            s = rest;
        }
    }
    let mut pound = false;
    if let Some(rest) = s.strip_prefix('£') {
        pound = true;
        s = rest.trim_start();
    }
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        bracketed = true;
        s = inner.trim();
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end();
    } else {
        // "3.2pp", "3.2 ppts": a change in percentage points.
        for suf in ["ppts", "ppt", "pp"] {
            if let Some(rest) = s.strip_suffix(suf) {
                if rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
                    percent = true;
                    s = rest.trim_end();
                    break;
                }
            }
        }
    }
    let mut suffix_scale = 1.0;
    let lower_suffix = |s: &str, suf: &str| -> bool {
        s.len() > suf.len()
            && s.is_char_boundary(s.len() - suf.len())
            && s[s.len() - suf.len()..].eq_ignore_ascii_case(suf)
    };
    if pound {
        for (suf, f) in [("bn", 1e9), ("m", 1e6), ("k", 1e3)] {
            if lower_suffix(s, suf) {
                suffix_scale = f;
                s = &s[..s.len() - suf.len()];
                break;
            }
        }
    }
    let mut fte = false;
    if lower_suffix(s, "fte") {
        fte = true;
        s = s[..s.len() - 3].trim_end();
    }
    // "8.6 min", "21 days", "45s": a span of time (a bare "s" only straight
    // after the figure).
    let mut time = None;
    if !pound && !percent && !fte {
        for (word, span) in TIME_WORDS {
            if lower_suffix(s, word) {
                let rest = &s[..s.len() - word.len()];
                let spaced = rest.ends_with(' ');
                let rest = rest.trim_end();
                if rest.ends_with(|c: char| c.is_ascii_digit()) && (spaced || word.len() <= 3) {
                    time = Some(span);
                    s = rest;
                    break;
                }
            }
        }
    }
    if s.ends_with('.') {
        return Cell::Text;
    }
    if s.is_empty() || !s.as_bytes()[0].is_ascii_digit() {
        return Cell::Text;
    }
    let decimal = s.contains('.');
    if !valid_grouping(s) {
        return Cell::Text;
    }
    match parse_plain(s) {
        Some(v) => Cell::Figure(CellFigure {
            value: if minus { -v } else { v },
            bracketed,
            percent,
            pound,
            suffix_scale,
            decimal,
            fte,
            time,
        }),
        None => Cell::Text,
    }
}

/// `1,234.5` and `1234` are figures; `1,23` and `12,3456` are not.
fn valid_grouping(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("");
    if s.matches('.').count() > 1 {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 && int.contains(',') {
        return false;
    }
    groups.all(|g| g.len() == 3)
}

/// Cells that stand for a missing figure.
pub fn is_placeholder(s: &str) -> bool {
    matches!(
        s,
        "-" | "–" | "—" | "*" | ".." | "x" | "N/A" | "n/a" | "NA" | "n/k" | "N/K" | "tbc" | "TBC"
    )
}

/// Byte offset `n` bytes back from `end`, moved forward to a char boundary.
pub fn back(s: &str, end: usize, n: usize) -> usize {
    let mut i = end.saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Byte offset `n` bytes on from `start`, moved back to a char boundary.
pub fn fwd(s: &str, start: usize, n: usize) -> usize {
    let mut i = (start + n).min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<f64> {
        let mut v = Vec::new();
        scan(s, &mut v);
        v.iter().map(|n| n.value).collect()
    }

    #[test]
    fn scale_markers_are_no_figures() {
        for c in ["(£000)", "£000s", "£'000", "£m", "(£k)"] {
            assert!(matches!(parse_cell(c), Cell::Text), "{c}");
        }
        assert!(matches!(parse_cell("(466)"), Cell::Figure(_)));
    }

    #[test]
    fn scan_reads_grouped_and_decimal_figures() {
        // coventry/2020-01-09 briefing, 6.4
        assert_eq!(
            values("West Midlands to 3,429 (3,199 FTE) and 9.3 in"),
            vec![3429.0, 3199.0, 9.3]
        );
    }

    #[test]
    fn scan_skips_codes_and_slashed_tokens() {
        // bristol-cc SRC-BCC-0005: ward codes and road numbers
        assert_eq!(
            values("Weston E01014499 A37/A4018 17/18 1.2.3 x"),
            Vec::<f64>::new()
        );
    }

    #[test]
    fn cells_read_money_marks() {
        match parse_cell("(1,120)") {
            Cell::Figure(f) => {
                assert_eq!(f.value, 1120.0);
                assert!(f.bracketed);
            }
            c => panic!("{c:?}"),
        }
        match parse_cell("£1.79m") {
            Cell::Figure(f) => assert_eq!(f.value * f.suffix_scale, 1790000.0),
            c => panic!("{c:?}"),
        }
        assert_eq!(parse_cell("N/A"), Cell::Blank);
        assert_eq!(parse_cell("Sheffield"), Cell::Text);
        assert!(matches!(parse_cell("668**"), Cell::Figure(f) if f.value == 668.0));
        assert_eq!(parse_cell("17+"), Cell::Text);
        for (cell, value) in [
            ("≥95%", 95.0),
            ("<10%", 10.0),
            ("<=80", 80.0),
            ("50%+", 50.0),
        ] {
            assert!(
                matches!(parse_cell(cell), Cell::Figure(f) if f.value == value),
                "{cell}"
            );
        }
    }
}
