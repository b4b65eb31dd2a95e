//! Line normalisation shared by segmentation and rules. Text exports carry
//! markup (Markdown bold and headings, list dashes, stray HTML) and PDFs carry
//! justified spacing; rules match the cleaned line so that one pattern serves
//! every producer. Raw lines stay untouched for tables, which need their spacing.

/// A cleaned line: markup removed, white space collapsed, typographic quotes and
/// dashes kept (rules match them with classes), list bullets dropped.
pub fn clean_line(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    let mut in_tag = false;
    while let Some(c) = chars.next() {
        match c {
            // Markdown emphasis markers: `**bold**`, `__bold__`.
            '*' | '_' if chars.peek() == Some(&c) => {
                chars.next();
            }
            '<' if looks_like_tag(chars.clone()) => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                s.push(' ');
            }
            _ if in_tag => {}
            '\u{a0}' | '\t' => s.push(' '),
            '\u{ad}' => {}
            _ => s.push(c),
        }
    }
    let mut t = s.trim();
    // Markdown headings and list bullets.
    t = t.trim_start_matches('#').trim_start();
    loop {
        let stripped = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("• "))
            .or_else(|| t.strip_prefix("● "))
            .or_else(|| t.strip_prefix("▪ "))
            .or_else(|| t.strip_prefix("· "))
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix(" "));
        match stripped {
            Some(rest) => t = rest,
            None => break,
        }
    }
    if t == "-" || t == "•" {
        return String::new();
    }
    let t = t.trim_end_matches('*').trim();
    crate::record::collapse_ws(t)
}

fn looks_like_tag(mut rest: std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    match rest.next() {
        Some('/') => rest.next().is_some_and(|c| c.is_ascii_alphabetic()),
        Some(c) if c.is_ascii_alphabetic() => {
            // Only a tag if it closes before the end of the line.
            rest.any(|c| c == '>')
        }
        _ => false,
    }
}

/// Clean every line of a text.
pub fn clean_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    lines.map(clean_line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_bullets_go() {
        assert_eq!(
            clean_line("- 1) **The report be noted.**"),
            "1) The report be noted."
        );
        assert_eq!(
            clean_line("## **Children and Young People's Services Select Committee**"),
            "Children and Young People's Services Select Committee"
        );
        assert_eq!(clean_line(" - a. Make it so**"), "a. Make it so");
        assert_eq!(
            clean_line("To:   Board   (2)    19 July 2018  "),
            "To: Board (2) 19 July 2018"
        );
        assert_eq!(
            clean_line("<li>Apologies</li> for <b>absence</b>"),
            "Apologies for absence"
        );
        assert_eq!(clean_line("a < b and c > d"), "a < b and c > d");
    }
}
