//! The source text of one rule as written in its file, for `explain`: from
//! its `[[rule]]` header to the last of its own keys, examples left out.

use super::RuleInfo;

/// The lines of `info`'s rule in `file_text`: its `[[rule]]` header and keys,
/// up to its first example or the next rule, trailing blank and comment lines
/// dropped.
pub fn rule_text(info: &RuleInfo, file_text: &str) -> Option<String> {
    let lines: Vec<&str> = file_text.lines().collect();
    let start = info.line.checked_sub(1)?;
    if start >= lines.len() {
        return None;
    }
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.trim();
        if t == "[[rule]]" || t == "[[rule.example]]" {
            end = i;
            break;
        }
    }
    while end > start + 1 {
        let t = lines[end - 1].trim();
        if t.is_empty() || t.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    Some(lines[start..end].join("\n"))
}

/// Read the rule's file and cut its text out; `None` when the file cannot be
/// read any more or no longer holds the rule where it was.
pub fn read_rule_text(info: &RuleInfo) -> Option<String> {
    let text = std::fs::read_to_string(&info.file).ok()?;
    rule_text(info, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_one_rule_without_its_examples() {
        let text = "version = 1\n\n[[rule]]\nid = \"a\"\npattern = 'x'\n\n# next\n[[rule]]\nid = \"b\"\n[[rule.example]]\ntext = 'y'\n";
        let info = |id: &str, line| RuleInfo {
            id: id.into(),
            kind: "separator".into(),
            priority: 0,
            description: None,
            file: "x.toml".into(),
            line,
            slowest_pattern: std::time::Duration::ZERO,
        };
        assert_eq!(
            rule_text(&info("a", 3), text).unwrap(),
            "[[rule]]\nid = \"a\"\npattern = 'x'"
        );
        assert_eq!(
            rule_text(&info("b", 8), text).unwrap(),
            "[[rule]]\nid = \"b\""
        );
        assert!(rule_text(&info("c", 99), text).is_none());
    }
}
