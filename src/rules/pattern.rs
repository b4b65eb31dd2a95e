//! Compiling the regular expressions of rule files. Every pattern goes through
//! [`compile`], which makes word boundaries ASCII-only: the `regex` crate's
//! Unicode `\b` cannot run in its fast engines once the text holds a non-ASCII
//! byte (a curly quote, a `£`), and falls back to an engine ten times slower.
//! Council papers are full of both, so `\b` in a rule always means `(?-u:\b)`.

use regex::{Regex, RegexBuilder};

/// Rewrite `\b` and `\B` outside character classes to their ASCII forms.
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if in_class == 0 => out.push_str("(?-u:\\b)"),
                Some('B') if in_class == 0 => out.push_str("(?-u:\\B)"),
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

/// Compile a rule pattern: ASCII word boundaries, multi-line anchors, a size
/// limit so a rule cannot blow up memory. The error is the regex crate's message.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .multi_line(true)
        .size_limit(1 << 24)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bfoo\b"), r"(?-u:\b)foo(?-u:\b)");
        assert_eq!(ascii_boundaries(r"\\b[\b]"), r"\\b[\b]");
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
}
