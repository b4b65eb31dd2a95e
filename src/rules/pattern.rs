//! Compiling the regular expressions of rule files. Every pattern goes through
//! [`compile`], which does two things for speed:
//!
//! * Word boundaries become ASCII-only: the `regex` crate's Unicode `\b` cannot
//!   run in its fast engines once the text holds a non-ASCII byte (a curly
//!   quote, a `£`), and falls back to an engine ten times slower. Council papers
//!   are full of both, so `\b` in a rule always means `(?-u:\b)`.
//!   For the same reason `\d` is `[0-9]`, and `\w` is the Latin letters, digits
//!   and `_` (every letter of English and Welsh names): the Unicode `\w` has
//!   hundreds of ranges, and a bounded repeat of it (`[\w.’ -]{1,40}?`) took
//!   20 ms to compile and made the lazy DFA build far more states per line.
//! * Each pattern gets a literal prefilter: the strings one of which every match
//!   must contain ("recommended", "requested", "asked" or "invited" for a
//!   recommendation lead-in), found from the pattern's syntax tree. Rules try
//!   their patterns on every line of every paper and almost every line fails;
//!   one substring search rejects such a line far faster than a call into the
//!   regex engine, which has set-up costs per call. The prefilter is a
//!   necessary condition only (it ignores case and may pass lines the pattern
//!   then rejects), so results are exactly the pattern's own.
//! * A pattern anchored at the start of a line also knows the bytes a match
//!   can start with: a one-line haystack starting with any other byte is
//!   rejected by one table lookup, before the prefilter reads it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{CaptureMatches, CaptureNames, Captures, Match, Matches, Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::OnceLock;

use super::hints::LineHints;

/// Rewrite `\b` and `\B` outside character classes, and `\d` and `\D`, to
/// their ASCII forms (`[0-9]`: figures are read in ASCII digits only).
pub fn ascii_boundaries(pattern: &str) -> String {
    rewrite_escapes(pattern, false)
}

/// Compile a pattern written in the code (not in a rule file) with the
/// treatment [`compile`] gives rule patterns, [`ascii_boundaries`], and `\w`
/// as the Latin letters, digits and `_` (`[A-Za-z0-9_À-ÖØ-öø-ſ]`): the Unicode
/// `\w` has hundreds of ranges, and one inside a bounded repeat took tens of
/// milliseconds to compile, paid by every run.
pub fn builtin(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&rewrite_escapes(pattern, true))
}

/// The Latin letters, digits and `_`: what `\w` means in a built-in pattern.
const LATIN_WORD: &str = "A-Za-z0-9_À-ÖØ-öø-ſ";

/// [`ascii_boundaries`], and with `latin_words` also `\w` as
/// [`LATIN_WORD`], in a class or out of one.
fn rewrite_escapes(pattern: &str, latin_words: bool) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if in_class == 0 => out.push_str("(?-u:\\b)"),
                Some('B') if in_class == 0 => out.push_str("(?-u:\\B)"),
                Some('d') if in_class == 0 => out.push_str("[0-9]"),
                Some('d') => out.push_str("0-9"),
                Some('D') if in_class == 0 => out.push_str("[^0-9]"),
                Some('w') if latin_words && in_class == 0 => {
                    out.push('[');
                    out.push_str(LATIN_WORD);
                    out.push(']');
                }
                Some('w') if latin_words => out.push_str(LATIN_WORD),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Cache of each pattern's lazy DFA (per thread, grown only as needed). With
/// the regex crate's default (2 MB) a pattern with a bounded repeat of a
/// Unicode class (`[\w’]{2,120}?` in a lead-in) thrashes the cache, and the
/// crate falls back to its slowest engine.
pub const DFA_CACHE_BYTES: usize = 32 << 20;

/// Compile a rule pattern: ASCII word boundaries and digits, Latin `\w`, multi-line anchors, a size
/// limit so a rule cannot blow up memory, and its literal prefilter. The error
/// is the regex crate's message.
pub fn compile(pattern: &str) -> Result<Pattern, String> {
    compile_for(pattern, false)
}

/// [`compile`] for a pattern that runs on text spanning lines (a paragraph):
/// the multi-line form is the one built up front.
pub fn compile_multi_line(pattern: &str) -> Result<Pattern, String> {
    compile_for(pattern, true)
}

fn compile_for(pattern: &str, multi_line: bool) -> Result<Pattern, String> {
    let ascii = rewrite_escapes(pattern, true);
    let started = std::time::Instant::now();
    let re = build(&ascii, multi_line)?;
    let took = started.elapsed();
    SLOWEST.with(|s| s.set(s.get().max(took)));
    let hir = parse(&ascii);
    let first = hir.as_ref().and_then(line_start_bytes);
    let needles = hir.as_ref().and_then(required);
    let prefilter = needles.as_ref().and_then(|n| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(n.iter())
            .ok()
    });
    Ok(Pattern {
        re,
        re_multi_line: multi_line,
        multi_line: OnceLock::new(),
        prefilter,
        needles,
        first,
        slot: None,
    })
}

/// The syntax tree [`compile`] reads a pattern's prefilter and first bytes
/// from.
fn parse(ascii: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(ascii)
        .ok()
}

/// Whether [`compile`] would give `pattern` a literal prefilter, found from
/// its syntax alone (no regex is built).
pub fn has_literal_prefilter(pattern: &str) -> bool {
    parse(&rewrite_escapes(pattern, true))
        .as_ref()
        .and_then(required)
        .is_some()
}

thread_local! {
    /// The longest [`compile`] on this thread since [`take_slowest`].
    static SLOWEST: std::cell::Cell<std::time::Duration> = const { std::cell::Cell::new(std::time::Duration::ZERO) };
}

/// The longest time one pattern took to compile on this thread since the last
/// call (so `rules check` can name the rules whose patterns are costly).
pub fn take_slowest() -> std::time::Duration {
    SLOWEST.with(|s| s.replace(std::time::Duration::ZERO))
}

fn build(source: &str, multi_line: bool) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .multi_line(multi_line)
        .size_limit(1 << 24)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .map_err(|e| e.to_string())
}

/// A compiled rule pattern: the regex and, when its syntax allows one, the
/// literal prefilter that rejects most haystacks before the regex runs. Same
/// methods and results as [`Regex`].
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The regex built up front: for a line pattern, the single-line form,
    /// with `^` and `$` meaning the ends of the haystack, which on a single
    /// line is what the multi-line form means, but lets the engine give up on
    /// a `^...` pattern at the first byte that cannot start it instead of
    /// reading the whole line. For a paragraph pattern, the multi-line form.
    re: Regex,
    /// `re` is the multi-line form.
    re_multi_line: bool,
    /// The multi-line form of a line pattern, for the rare haystack that holds
    /// a line break; built on first use.
    multi_line: OnceLock<Regex>,
    prefilter: Option<AhoCorasick>,
    /// The prefilter's strings, ASCII lower case, for [`super::hints`].
    needles: Option<Vec<Vec<u8>>>,
    /// For a pattern anchored at the start of a line: the bytes a line it
    /// matches can start with.
    first: Option<Box<[bool; 256]>>,
    /// This pattern's column in the per-file [`LineHints`], once registered.
    slot: Option<usize>,
}

impl Pattern {
    /// Whether `s` may match: false only when it holds none of the strings
    /// every match contains.
    #[inline]
    pub fn may_match(&self, s: &str) -> bool {
        // A pattern anchored at the line start cannot match a one-line
        // haystack whose first byte cannot start it: one lookup, where the
        // prefilter would read the whole haystack.
        if self.first.is_some()
            && self.starts_with_fit(s) != Some(true)
            && !s.as_bytes().contains(&b'\n')
        {
            return false;
        }
        self.prefilter.as_ref().is_none_or(|p| p.is_match(s))
    }

    /// Whether file line `i`, whose text is `line`, may match: its hint bit
    /// (set when the line holds one of the needles) and its first byte. `line`
    /// must be the whole line, with no line break in it.
    #[inline]
    pub fn may_match_line(&self, hints: &LineHints, i: usize, line: &str) -> bool {
        // An anchored pattern that cannot match the empty string cannot match an empty line.
        if self.first.is_some() && self.starts_with_fit(line) != Some(true) {
            return false;
        }
        match self.slot {
            Some(slot) => hints.get(i, slot),
            None => self.may_match(line),
        }
    }

    /// Whether lines `from..=to` joined with spaces may match (a wrapped line
    /// read with the lines it runs on to), judged without joining them.
    #[inline]
    pub fn may_match_lines(&self, hints: &LineHints, from: usize, to: usize, first: &str) -> bool {
        // An empty first line puts the joining space first: no byte to judge.
        if self.starts_with_fit(first) == Some(false) {
            return false;
        }
        match self.slot {
            Some(slot) => (from..=to).any(|i| hints.get(i, slot)),
            None => true,
        }
    }

    /// Whether the first byte of `text` can start a match of a pattern
    /// anchored at the line start; `None` when not anchored or `text` is empty.
    #[inline]
    fn starts_with_fit(&self, text: &str) -> Option<bool> {
        let set = self.first.as_ref()?;
        text.as_bytes().first().map(|&b| set[b as usize])
    }

    /// [`Pattern::captures`] on the whole of file line `i`.
    pub fn captures_line<'h>(
        &self,
        hints: &LineHints,
        i: usize,
        line: &'h str,
    ) -> Option<Captures<'h>> {
        // Most lines fail: `is_match` tells so without the allocation of a
        // `Captures` that `captures` makes even when nothing matches.
        if self.may_match_line(hints, i, line) && self.re.is_match(line) {
            self.re.captures(line)
        } else {
            None
        }
    }

    /// [`Pattern::is_match`] on the whole of file line `i`.
    pub fn is_match_line(&self, hints: &LineHints, i: usize, line: &str) -> bool {
        self.may_match_line(hints, i, line) && self.re.is_match(line)
    }

    /// Take a column in the per-file line hints; the strings to look for in
    /// every line, when the pattern has them.
    pub(super) fn register(&mut self, slot: usize) -> Option<&[Vec<u8>]> {
        let needles = self.needles.as_deref()?;
        self.slot = Some(slot);
        Some(needles)
    }

    /// The regex for `s`: the single-line form unless `s` holds a line break.
    #[inline]
    fn re_for(&self, s: &str) -> &Regex {
        if self.re_multi_line || !s.as_bytes().contains(&b'\n') {
            return &self.re;
        }
        self.multi_line
            .get_or_init(|| build(self.re.as_str(), true).unwrap_or_else(|_| self.re.clone()))
    }

    /// The single-line regex, without the prefilter.
    pub fn regex(&self) -> &Regex {
        &self.re
    }

    /// The pattern as compiled (word boundaries rewritten).
    pub fn as_str(&self) -> &str {
        self.re.as_str()
    }

    /// Whether this pattern has a literal prefilter.
    pub fn has_prefilter(&self) -> bool {
        self.prefilter.is_some()
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.may_match(s) && self.re_for(s).is_match(s)
    }

    pub fn find<'h>(&self, s: &'h str) -> Option<Match<'h>> {
        if self.may_match(s) {
            self.re_for(s).find(s)
        } else {
            None
        }
    }

    pub fn captures<'h>(&self, s: &'h str) -> Option<Captures<'h>> {
        if self.may_match(s) && self.re_for(s).is_match(s) {
            self.re_for(s).captures(s)
        } else {
            None
        }
    }

    pub fn find_iter<'r, 'h>(
        &'r self,
        s: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>> {
        self.may_match(s)
            .then(|| self.re_for(s).find_iter(s))
            .into_iter()
            .flatten()
    }

    /// The spans of the matches that start in `s[from..to]` and end by `to`,
    /// overlapping ones too, appended to `out`. Look-around at both ends sees the rest of `s`, so
    /// `from` and `to` should fall between words. No prefilter: the caller
    /// asks about a part of `s` it already knows to be of interest.
    pub fn spans_within(&self, s: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
        let re = self.re_for(s);
        let hay = &s[..to];
        let mut at = from;
        // Each search resumes just after the start of the last match, not
        // after its end: a rule's exclusions are compiled into one
        // alternation, and one may start inside another's match ("4.1 Ta"
        // of a paragraph number, then "Table 1").
        while let Some(m) = re.find_at(hay, at) {
            if out.last() != Some(&(m.start(), m.end())) {
                out.push((m.start(), m.end()));
            }
            match hay[m.start()..].chars().next() {
                Some(c) => at = m.start() + c.len_utf8(),
                None => break,
            }
        }
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        s: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        self.may_match(s)
            .then(|| self.re_for(s).captures_iter(s))
            .into_iter()
            .flatten()
    }

    pub fn replace<'h>(&self, s: &'h str, rep: &str) -> std::borrow::Cow<'h, str> {
        if self.may_match(s) {
            self.re_for(s).replace(s, rep)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    pub fn replace_all<'h>(&self, s: &'h str, rep: &str) -> std::borrow::Cow<'h, str> {
        if self.may_match(s) {
            self.re_for(s).replace_all(s, rep)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    pub fn capture_names(&self) -> CaptureNames<'_> {
        self.re.capture_names()
    }
}

/// The bytes a match can start with when every match starts at the start of
/// a line (`^...`, each alternative so), and no match is empty.
fn line_start_bytes(hir: &Hir) -> Option<Box<[bool; 256]>> {
    let rest = after_line_start(hir)?;
    let mut set = Box::new([false; 256]);
    let mut nullable = true;
    for h in rest {
        nullable = first_bytes(h, &mut set);
        if !nullable {
            break;
        }
    }
    (!nullable).then_some(set)
}

/// The parts of a concatenation after its leading `^`, when it has one.
fn after_line_start(hir: &Hir) -> Option<&[Hir]> {
    use regex_syntax::hir::Look;
    match hir.kind() {
        HirKind::Capture(c) => after_line_start(&c.sub),
        HirKind::Concat(subs) => match subs.first()?.kind() {
            HirKind::Look(Look::Start | Look::StartLF | Look::StartCRLF) => Some(&subs[1..]),
            _ => None,
        },
        _ => None,
    }
}

/// Add the bytes a match of `hir` can start with to `set`; whether `hir` can
/// match the empty string (so what follows it may come first).
fn first_bytes(hir: &Hir, set: &mut [bool; 256]) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => match l.0.first() {
            Some(&b) => {
                set[b as usize] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                let (a, b) = (r.start() as u32, r.end() as u32);
                for x in a..=b.min(0x7f) {
                    set[x as usize] = true;
                }
                if b >= 0x80 {
                    // Any lead byte of a multi-byte character: coarse, but never too narrow.
                    set[0xc0..].fill(true);
                }
            }
            false
        }
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                set[r.start() as usize..=r.end() as usize].fill(true);
            }
            false
        }
        HirKind::Capture(c) => first_bytes(&c.sub, set),
        HirKind::Repetition(r) => first_bytes(&r.sub, set) || r.min == 0,
        HirKind::Concat(subs) => {
            for h in subs {
                if !first_bytes(h, set) {
                    return false;
                }
            }
            true
        }
        HirKind::Alternation(subs) => {
            let mut nullable = false;
            for h in subs {
                nullable |= first_bytes(h, set);
            }
            nullable
        }
    }
}

/// Most strings a prefilter may hold; past this a pattern is not worth one.
const MAX_NEEDLES: usize = 48;
/// Longest exact string followed through a concatenation.
const MAX_NEEDLE_LEN: usize = 40;

/// Lower-case the ASCII letters of a needle: the prefilter ignores ASCII case.
fn fold(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

fn dedup(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort();
    set.dedup();
    set
}

/// Every string `hir` can match, case-folded, when there are few and short
/// ones (a literal, a small class such as `[Rr]`, alternations and
/// concatenations of those). Zero-width assertions match the empty string.
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![fold(&l.0)]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    if out.len() >= 4 {
                        return None;
                    }
                    let mut buf = [0u8; 4];
                    out.push(fold(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
            Some(dedup(out))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    if out.len() >= 4 {
                        return None;
                    }
                    out.push(fold(&[b]));
                }
            }
            Some(dedup(out))
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) if r.max == Some(r.min) && r.min <= 3 => {
            let one = exact(&r.sub)?;
            (0..r.min).try_fold(vec![Vec::new()], |acc, _| product(&acc, &one))
        }
        HirKind::Repetition(_) => None,
        HirKind::Concat(subs) => subs
            .iter()
            .try_fold(vec![Vec::new()], |acc, h| product(&acc, &exact(h)?)),
        HirKind::Alternation(subs) => union(subs, exact),
    }
}

/// The strings of every alternative, by `of`, within the limits; `None` if an
/// alternative has none.
fn union(subs: &[Hir], of: fn(&Hir) -> Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for h in subs {
        out.extend(of(h)?);
        if out.len() > MAX_NEEDLES {
            return None;
        }
    }
    Some(dedup(out))
}

/// Every concatenation of a string of `a` and one of `b`, within the limits.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_NEEDLES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            if x.len() + y.len() > MAX_NEEDLE_LEN {
                return None;
            }
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(dedup(out))
}

/// How much a needle set narrows the search: its shortest string, then fewer strings.
fn strength(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter().map(Vec::len).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if strength(&b) > strength(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Strings one of which every match of `hir` contains, or `None` when the
/// syntax shows no such set. The choice among a concatenation's parts favours
/// the set whose shortest string is longest.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = exact(hir).and_then(nonempty) {
        return Some(set);
    }
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(subs) => union(subs, required),
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            // Runs of adjacent parts with exact strings join into longer needles.
            let mut run: Option<Vec<Vec<u8>>> = None;
            for h in subs {
                match exact(h) {
                    Some(e) => {
                        run = match run.take() {
                            None => Some(e),
                            Some(r) => match product(&r, &e) {
                                Some(p) => Some(p),
                                None => {
                                    best = better(best, nonempty(r));
                                    Some(e)
                                }
                            },
                        };
                    }
                    None => {
                        if let Some(r) = run.take() {
                            best = better(best, nonempty(r));
                        }
                        best = better(best, required(h));
                    }
                }
            }
            if let Some(r) = run {
                best = better(best, nonempty(r));
            }
            best
        }
        _ => None,
    }
}

fn nonempty(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    set.iter().all(|s| !s.is_empty()).then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_words_are_latin_letters() {
        assert_eq!(
            rewrite_escapes(r"\w+[\w’-]\\w", true),
            r"[A-Za-z0-9_À-ÖØ-öø-ſ]+[A-Za-z0-9_À-ÖØ-öø-ſ’-]\\w"
        );
        let re = builtin(r"^\w+\b").unwrap();
        assert_eq!(re.find("Siân’s report").map(|m| m.as_str()), Some("Siân"));
        assert!(!re.is_match("Ωmega"));
    }

    #[test]
    fn rule_words_are_latin_letters() {
        let p = compile(r"^Cllr\s+[\w’-]{1,20}$").unwrap();
        assert!(p.is_match("Cllr Gwenllïan-Ŵyn’s"));
        assert!(!p.is_match("Cllr Ωmega"));
        assert!(!p.as_str().contains("\\w"));
    }

    #[test]
    fn boundaries_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bfoo\b"), r"(?-u:\b)foo(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\\b[\b]"), r"\\b[\b]");
        // Digits are ASCII digits, in a class or out of one.
        assert_eq!(
            ascii_boundaries(r"\d+[\d.,]\D\\d"),
            r"[0-9]+[0-9.,][^0-9]\\d"
        );
        assert!(!compile(r"^\d$").unwrap().is_match("٣"));
        let re = compile(r"\bRESOLVED\b").unwrap();
        assert!(re.is_match("“RESOLVED” £5"));
    }

    /// A rule's `\b` on text with `£` and curly quotes runs in the lazy DFA:
    /// that engine cannot be built for a Unicode `\b` at all (`regex` then
    /// uses its slow engines), but runs the compiled form to the end.
    #[test]
    fn word_boundaries_run_in_the_fast_engine_on_non_ascii_text() {
        use regex_automata::hybrid::regex::Regex as LazyDfa;
        use regex_automata::Input;
        let rule = r"\bRESOLVED\b.*£\d+\b";
        let text = "“RESOLVED” that £5 is spent – ‘now’";
        assert!(
            LazyDfa::new(rule).is_err(),
            "the lazy DFA cannot take a Unicode \\b"
        );
        let compiled = compile(rule).unwrap();
        assert!(compiled.as_str().contains("(?-u:\\b)"));
        assert!(!ascii_boundaries(rule)
            .replace("(?-u:\\b)", "")
            .contains("\\b"));
        let ascii = LazyDfa::new(compiled.as_str()).unwrap();
        let mut cache = ascii.create_cache();
        let m = ascii
            .try_search(&mut cache, &Input::new(text))
            .expect("the lazy DFA runs to the end")
            .expect("and finds the match");
        assert_eq!(
            &text[m.start()..m.end()],
            compiled.find(text).unwrap().as_str()
        );
    }

    fn needles_of(p: &str) -> Option<Vec<String>> {
        let pat = compile(p).unwrap();
        pat.needles.map(|set| {
            set.into_iter()
                .map(|n| String::from_utf8(n).unwrap())
                .collect()
        })
    }

    #[test]
    fn needles_are_the_strings_every_match_contains() {
        // The longest exact run of a concatenation, case folded.
        assert_eq!(
            needles_of(
                r"^(?:The\s+)?(?P<who>[A-Z]\w+)\s+(?:is|are)\s+(?:recommended|requested|asked)\s+to"
            ),
            Some(vec![
                "asked".into(),
                "recommended".into(),
                "requested".into()
            ])
        );
        // (?i) folds `s` with the long s `ſ`: both spellings are needles.
        let set = needles_of(r"(?i)\bresolved\b").unwrap();
        assert_eq!(set, vec!["resolved".to_string(), "reſolved".to_string()]);
        // A small class is a set of one-character needles.
        assert_eq!(
            needles_of(r"^\(?(?P<number>\d{1,2})[).]\s+(?P<text>\S.*)$"),
            Some(vec![")".into(), ".".into()])
        );
        // Nothing but large classes: no needle, every line is tried.
        assert_eq!(needles_of(r"^\d{1,2}\s+\S"), None);
        // An optional part gives no needle; the alternation needs all of its branches.
        assert_eq!(needles_of(r"(?:Present)?\s*\d"), None);
        assert_eq!(
            needles_of(r"DECISION:|(?i:agreed)"),
            Some(vec!["agreed".into(), "decision:".into()])
        );
    }

    #[test]
    fn an_anchored_pattern_rejects_a_line_by_its_first_byte() {
        let p = compile(r"^\d{1,3}\.\s+Minutes\b").unwrap();
        assert!(!p.may_match("The Minutes were approved"));
        assert!(!p.may_match(""));
        assert!(p.may_match("4. Minutes"));
        // A haystack of several lines may match on a later one.
        assert!(p.may_match("Item\n4. Minutes"));
        assert!(p.is_match("Item\n4. Minutes"));
    }

    #[test]
    fn line_start_bytes_follow_optional_parts() {
        let p = compile(r"^(?:\d{1,2}\s+)?(?:The\s+)?Board\b").unwrap();
        let first = p.first.as_ref().expect("anchored at the line start");
        for b in b"0123456789TB" {
            assert!(first[*b as usize], "{}", *b as char);
        }
        assert!(!first[b'x' as usize] && !first[b' ' as usize]);
        // Not anchored, or able to match an empty line: no first-byte test.
        assert!(compile(r"Board").unwrap().first.is_none());
        assert!(compile(r"^\s*$").unwrap().first.is_none());
        // A Unicode class lets every multi-byte lead through.
        let p = compile(r"^\w").unwrap();
        assert!(p.first.as_ref().unwrap()[0xe2]);
    }

    /// The prefilter only ever says no to text the pattern does not match.
    #[test]
    fn prefilter_never_rejects_a_match() {
        let patterns = [
            r"(?i)^\s*resolved\b\s*[:,-]?\s*(?P<rest>.*)$",
            r"^(?:The\s+)?(?P<a>[A-Z][\w’ ]{2,40}?)\s+(?:is|are)\s+(?:recommended|asked)\s+to\s*:?(?P<rest>.*)$",
            r"(?i)\bkelvin|\bſtrike",
        ];
        let lines = [
            "RESOLVED that the report be noted.",
            "  Resolved: That",
            "The Scrutiny Board is recommended to:",
            "Members are asked to note",
            "KELVIN and \u{212A}elvin",
            "ſtrike STRIKE",
            "nothing here",
            "“RESOLVED” £5 – ‘now’",
        ];
        for p in patterns {
            let pat = compile(p).unwrap();
            assert!(pat.has_prefilter(), "{p}");
            for l in lines {
                if pat.re.is_match(l) {
                    assert!(pat.may_match(l), "{p} rejected {l:?}");
                }
                assert_eq!(pat.is_match(l), pat.re.is_match(l));
            }
        }
    }
}
