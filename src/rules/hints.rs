//! Line hints: for one file, which lines may match which rule patterns, found
//! in one pass over the file's text. Every line-by-line rule (document starts,
//! separators, resolution and recommendation lead-ins and items) asks its
//! pattern about every line; almost every answer is no. Each registered
//! pattern brings the strings one of which its every match contains (see
//! [`super::pattern`]); one multi-string search over the whole file marks the
//! lines holding any of them, and a pattern then skips, at the cost of a bit
//! test, every line not marked for it.
//!
//! The search runs over the lines joined with spaces, so a string a pattern
//! needs that runs over a line break (a lead-in wrapped after "is") marks both
//! lines: a window of joined lines may match only if one of its lines is marked.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

use super::pattern::Pattern;

/// The search for every registered pattern's strings, built once per rule set.
#[derive(Debug, Clone, Default)]
pub struct Hinter {
    searcher: Option<AhoCorasick>,
    /// Per search string: the pattern columns it is a needle of.
    columns: Vec<Vec<usize>>,
    /// Needle index by string, while registering.
    index: HashMap<Vec<u8>, usize>,
    needles: Vec<Vec<u8>>,
    slots: usize,
}

impl Hinter {
    /// Give `pattern` a column when it has needles.
    pub fn register(&mut self, pattern: &mut Pattern) {
        let slot = self.slots;
        let Some(needles) = pattern.register(slot) else {
            return;
        };
        self.slots += 1;
        for n in needles {
            let k = *self.index.entry(n.clone()).or_insert_with(|| {
                self.needles.push(n.clone());
                self.columns.push(Vec::new());
                self.needles.len() - 1
            });
            self.columns[k].push(slot);
        }
    }

    /// Build the search once every pattern is registered.
    pub fn finish(&mut self) {
        self.searcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // Left to choose, the crate builds a slower NFA past 100
            // needles, which a rule set passes; the DFA of its needles is
            // built once per rule set.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&self.needles)
            .ok();
        self.index = HashMap::new();
    }

    /// The hints of one file's clean lines.
    pub fn hints(&self, lines: &[String]) -> LineHints {
        let words = self.slots.div_ceil(64);
        let mut hints = LineHints {
            words,
            bits: vec![0; words * lines.len()],
            all: self.searcher.is_none() && self.slots > 0,
        };
        let Some(searcher) = &self.searcher else {
            return hints;
        };
        if words == 0 {
            return hints;
        }
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        let mut starts = Vec::with_capacity(lines.len());
        for l in lines {
            starts.push(text.len());
            text.push_str(l);
            text.push(' ');
        }
        let line_of = |pos: usize| starts.partition_point(|&s| s <= pos) - 1;
        for m in searcher.find_overlapping_iter(&text) {
            let first = line_of(m.start());
            let last = line_of(m.end() - 1);
            for line in first..=last {
                for &slot in &self.columns[m.pattern().as_usize()] {
                    hints.bits[line * words + slot / 64] |= 1 << (slot % 64);
                }
            }
        }
        hints
    }
}

/// Per line, per registered pattern: may the line match.
#[derive(Debug, Clone, Default)]
pub struct LineHints {
    words: usize,
    bits: Vec<u64>,
    /// The search could not be built: every line may match every pattern.
    all: bool,
}

impl LineHints {
    /// Whether line `line` holds a needle of the pattern in column `slot`.
    /// Lines past the file's end (never asked in practice) say yes.
    #[inline]
    pub fn get(&self, line: usize, slot: usize) -> bool {
        if self.all {
            return true;
        }
        self.bits
            .get(line * self.words + slot / 64)
            .is_none_or(|w| w & (1 << (slot % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize;
    use crate::rules::RuleSet;
    use std::path::Path;

    /// On the bundled text exports, with the default rules: a line (or a run of
    /// lines joined) that a line pattern matches is never ruled out by its hints.
    #[test]
    fn hints_never_rule_out_a_match() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut rules = RuleSet::load_dir(&root.join("rules")).unwrap();
        let mut patterns = Vec::new();
        rules.each_line_pattern(&mut |p| patterns.push(p.clone()));
        assert!(patterns.len() > 20);
        assert!(patterns.iter().filter(|p| p.has_prefilter()).count() > patterns.len() / 2);
        let files = crate::testdata::text_exports();
        let (mut matched, mut skipped) = (0usize, 0usize);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let clean = normalize::clean_lines(text.lines());
            let hints = rules.line_hints(&clean);
            for p in &patterns {
                for i in 0..clean.len() {
                    if p.regex().is_match(&clean[i]) {
                        matched += 1;
                        assert!(
                            p.may_match_line(&hints, i, &clean[i]),
                            "{}: {:?}",
                            p.as_str(),
                            clean[i]
                        );
                    } else if !p.may_match_line(&hints, i, &clean[i]) {
                        skipped += 1;
                    }
                    for end in i + 1..(i + 3).min(clean.len()) {
                        let joined = clean[i..=end].join(" ");
                        if p.regex().is_match(&joined) {
                            assert!(
                                p.may_match_lines(&hints, i, end, &clean[i]),
                                "{}: {joined:?}",
                                p.as_str()
                            );
                        }
                    }
                }
            }
        }
        assert!(matched > 100, "{matched}");
        // And they do rule out most lines.
        assert!(skipped > 10 * matched, "{skipped} vs {matched}");
    }
}
