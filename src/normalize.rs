//! Line normalisation shared by segmentation and rules. Text exports carry
//! markup (Markdown bold and headings, list dashes, stray HTML) and PDFs carry
//! justified spacing; rules match the cleaned line so that one pattern serves
//! every producer. Raw lines stay untouched for tables, which need their spacing.

/// The clean lines of a file's text: [`clean_lines`], then, on a paged text,
/// [`blank_page_furniture`].
pub fn clean_text(text: &crate::extract::ExtractedText) -> Vec<String> {
    clean_text_with(text, |_| false)
}

/// [`clean_text`], keeping a page's header that `heads_paper` says starts a
/// paper ("Agenda Item 6") where it differs from the one on the page before
/// ("Agenda Item 5"), even though the two differ only in their figures.
pub fn clean_text_with(
    text: &crate::extract::ExtractedText,
    heads_paper: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut clean = clean_lines(text.lines.iter().map(|l| l.text.as_str()));
    if text.has_layout_pages() {
        blank_page_furniture(&mut clean, text, heads_paper);
    }
    clean
}

/// How many non-blank lines at each end of a page may be its header or footer.
const FURNITURE_LINES: usize = 2;

/// Blank the page headers and footers a paper prints on every page ("Page
/// 24", "Overview and Scrutiny Committee – 6 February 2024"); a header's
/// first appearance stays, as it may be a heading the segmenter needs
/// ("Agenda Item 7", "Appendix 1"). Left in, the footer of one page and the header of
/// the next sit inside the sentence, list or decision that runs on across the
/// break. A header or footer is one of the first or last two non-blank lines
/// of a page that, its figures aside, is the same as the line in the same
/// place on the page before (or, for a footer, the page after), and, unless
/// it has figures or the paper has two pages, on a third page in the row.
/// A header under another ("Version January 2024" over "OFFICIAL", under
/// the page's number) comes within reach once the one above is blank: a
/// second round reads the pages again.
pub fn blank_page_furniture(
    clean: &mut [String],
    text: &crate::extract::ExtractedText,
    heads_paper: impl Fn(&str) -> bool,
) {
    for _ in 0..2 {
        if !furniture_round(clean, text, &heads_paper) {
            break;
        }
    }
}

/// One round of [`blank_page_furniture`]: whether it blanked any line.
fn furniture_round(
    clean: &mut [String],
    text: &crate::extract::ExtractedText,
    heads_paper: &impl Fn(&str) -> bool,
) -> bool {
    // Per page, in order: the line indices of its top and bottom lines.
    let mut pages: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut current: Option<u32> = None;
    let mut on_page: Vec<usize> = Vec::new();
    let flush = |on_page: &mut Vec<usize>, pages: &mut Vec<(Vec<usize>, Vec<usize>)>| {
        let top = on_page.iter().take(FURNITURE_LINES).copied().collect();
        let bottom = on_page
            .iter()
            .rev()
            .take(FURNITURE_LINES)
            .copied()
            .collect();
        pages.push((top, bottom));
        on_page.clear();
    };
    for (i, line) in text.lines.iter().enumerate() {
        if current != Some(line.page) {
            if current.is_some() {
                flush(&mut on_page, &mut pages);
            }
            current = Some(line.page);
        }
        if clean.get(i).is_some_and(|l| !l.is_empty()) {
            on_page.push(i);
        }
    }
    if current.is_some() {
        flush(&mut on_page, &mut pages);
    }
    // "Page 3", "Page 1 of 1", "- 3 -" at the foot or head of a page is its
    // number, also on a paper of one page, where no other page shows it
    // repeats.
    let mut changed = false;
    for (top, bottom) in &pages {
        for &i in top.iter().take(1).chain(bottom.iter().take(1)) {
            if is_page_label(&clean[i])
                || is_numbered_header(&clean[i])
                || is_labelled_page_number(&clean[i])
            {
                clean[i].clear();
                changed = true;
            }
        }
    }
    if pages.len() < 2 {
        return changed;
    }
    // Each key with its line and its rank from the page's edge: a header or
    // footer keeps its place ("Page 24" is the last line of every page).
    let keys = |lines: &[usize], clean: &[String]| -> Vec<(usize, String)> {
        lines
            .iter()
            .enumerate()
            .filter_map(|(rank, &i)| furniture_key(&clean[i]).map(|k| (i, format!("{rank}{k}"))))
            .collect()
    };
    // Per page: the keys of its top lines and of its bottom lines.
    let regions: Vec<[Vec<(usize, String)>; 2]> = pages
        .iter()
        .map(|(top, bottom)| [keys(top, clean), keys(bottom, clean)])
        .collect();
    let has = |p: usize, r: usize, key: &str| {
        regions
            .get(p)
            .is_some_and(|page| page[r].iter().any(|(_, k)| k == key))
    };
    let mut blank = Vec::new();
    for p in 0..regions.len() {
        for r in 0..2 {
            for (i, key) in &regions[p][r] {
                // The same words at the same end of two pages in a row may be
                // the minutes' own ("It was APPROVED"): three pages in a row,
                // or a figure that runs on ("Page 24"), or a paper of two
                // pages make it the page's furniture. A header's first
                // appearance stays; a footer is never a heading.
                let before = p >= 1 && has(p - 1, r, key);
                let after = has(p + 1, r, key);
                let furniture = (before || (r == 1 && after))
                    && (key.contains('#')
                        || regions.len() == 2
                        || (before && after)
                        || (p >= 2 && before && has(p - 2, r, key))
                        || (after && has(p + 2, r, key)));
                // A name over a date heads a paper ("Children's Committee" /
                // "17 January 2024" / "Minutes"), even where each paper of a
                // pack starts a page with the same name.
                // But where the text under the name and date runs on from
                // the page before ("drafting amendments to ...", "3. delegate
                // authority ..."), they are a two-line running header.
                // So does a name over the heading of minutes or an agenda
                // ("JOINT BURIAL COMMITTEE" / "Minutes of the meeting held on
                // ...") on the page where a pack's next paper starts.
                let mut below = clean[*i + 1..].iter().filter(|l| !l.is_empty());
                let next = below.next();
                let heads_paper_here = r == 0
                    && !key.contains('#')
                    && (next.is_some_and(|l| is_date_line(l))
                        && !below.next().is_some_and(|l| runs_on_from_before(l))
                        || next.is_some_and(|l| opens_minutes_or_agenda(l)));
                // A stamp on the first page of each paper of a pack
                // ("Agenda Item 5", "Agenda Item 6" on the next page) changes
                // its figure where a new paper starts; so does an appendix's
                // heading ("APPENDIX 1", then "APPENDIX 2").
                let new_stamp = r == 0
                    && key.contains('#')
                    && p >= 1
                    && regions[p - 1][r]
                        .iter()
                        .find(|(_, k)| k == key)
                        .is_some_and(|(j, _)| clean[*j] != clean[*i])
                    && (heads_paper(&clean[*i]) || is_numbered_appendix(&clean[*i]));
                // A cover's labelled date ("Date: 2 July 2025") at the top
                // of each report of a pack is each one's own.
                let cover_date = r == 0 && is_date_label(&clean[*i]);
                if furniture && !heads_paper_here && !new_stamp && !cover_date {
                    blank.push(*i);
                }
            }
        }
    }
    changed |= !blank.is_empty();
    for i in blank {
        clean[i].clear();
    }
    changed
}

/// The heading line of minutes or an agenda: "Minutes of the meeting held on
/// ...", "MINUTES OF A MEETING OF ...", "AGENDA".
fn opens_minutes_or_agenda(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    lower.starts_with("minutes of ")
        || lower == "minutes"
        || lower == "agenda"
        || lower.starts_with("notice of meeting")
}

/// An appendix's heading and nothing else: "APPENDIX 2", "Annex 3".
fn is_numbered_appendix(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(kind), Some(n), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    ["appendix", "annex", "annexe"]
        .iter()
        .any(|k| kind.eq_ignore_ascii_case(k))
        && n.len() <= 2
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// A labelled date: "Date: 2 July 2025", "Date of meeting: ...".
fn is_date_label(line: &str) -> bool {
    let lower = line.trim_start().to_ascii_lowercase();
    [
        "date:",
        "date of meeting:",
        "meeting date:",
        "date of meeting ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// What parts a running header's names and date: "Cabinet | 18 March 2025",
/// "Pendlebrook Council – Cabinet – 18 March 2025".
pub(crate) const HEADER_SEPARATORS: [&str; 4] = [" | ", " – ", " — ", " - "];

/// A running header or footer that names its meeting and ends in the page's
/// number: "NHS Calder and Lune ICB - Board in Public - 25 January 2024 2",
/// "Cabinet | 18 March 2025 | Page 4". Printed once (a paper's second page),
/// it repeats nowhere, but no text of a paper ends so.
fn is_numbered_header(line: &str) -> bool {
    let t = line.trim();
    let Some(head) = t
        .rsplit_once(' ')
        .filter(|(_, n)| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
        .map(|(head, _)| head.trim_end())
    else {
        return false;
    };
    let head = head
        .strip_suffix("Page")
        .or_else(|| head.strip_suffix("page"))
        .unwrap_or(head)
        .trim_end()
        .trim_end_matches(['|', '-', '–'])
        .trim_end();
    let parts = HEADER_SEPARATORS
        .iter()
        .find(|sep| head.contains(*sep))
        .map(|sep| head.split(*sep).count())
        .unwrap_or(1);
    // (the date last, or before the paper's kind: "... – 17 March 2025 –
    // Minutes")
    parts >= 2
        && t.len() <= 160
        && crate::dates::find_date(head).is_some_and(|(_, r)| {
            let after = head[r.end..].trim_start();
            after.is_empty()
                || HEADER_SEPARATORS.iter().any(|sep| {
                    after.starts_with(sep.trim_start()) && {
                        let kind = after[sep.trim_start().len()..].trim();
                        (1..=3).contains(&kind.split_whitespace().count())
                            && !kind.bytes().any(|b| b.is_ascii_digit())
                    }
                })
        })
}

/// A page's number after a short label of the paper it is in: "Appendix 1 –
/// Page 1 of 1", "Cabinet report | Page 3".
fn is_labelled_page_number(line: &str) -> bool {
    HEADER_SEPARATORS.iter().any(|sep| {
        line.trim().rsplit_once(sep).is_some_and(|(label, page)| {
            (1..=6).contains(&label.split_whitespace().count())
                && page.trim_start().starts_with(['P', 'p'])
                && is_page_label(page)
        })
    })
}

/// A page's number with its word or dashes: "Page 3", "Page 1 of 12",
/// "- 3 -". (A bare "3" may be a table's last figure.)
fn is_page_label(line: &str) -> bool {
    let t = line.trim();
    let inner = if let Some(rest) = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .or_else(|| t.strip_prefix("PAGE "))
    {
        rest.split_once(" of ").map_or(rest, |(n, m)| {
            if m.trim().bytes().all(|b| b.is_ascii_digit()) {
                n
            } else {
                ""
            }
        })
    } else if let Some(rest) = t
        .strip_prefix(['-', '–'])
        .and_then(|r| r.strip_suffix(['-', '–']))
    {
        rest.trim()
    } else {
        return false;
    };
    (1..=4).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a page's first line of text carries on the page before: it
/// starts in lower case, or with an item of a list past its first ("3.",
/// "(b)", "ii)").
fn runs_on_from_before(line: &str) -> bool {
    if line.starts_with(|c: char| c.is_lowercase()) {
        return true;
    }
    let t = line.trim_start_matches('(');
    let marker: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let closed = t[marker.len()..].starts_with(['.', ')']);
    let later = match marker.parse::<u32>() {
        Ok(n) => (2..=99).contains(&n),
        Err(_) => {
            marker.len() == 1 && marker.as_bytes()[0].is_ascii_lowercase() && marker != "a"
                || matches!(marker.as_str(), "ii" | "iii" | "iv" | "v" | "vi" | "vii")
        }
    };
    closed && later
}

/// Whether `line` is a date and nothing much else ("Wednesday 17 January
/// 2024", "6 March 2024").
fn is_date_line(line: &str) -> bool {
    crate::dates::find_date(line).is_some_and(|(_, at)| {
        let rest = line[..at.start].len() + line[at.end..].trim().len();
        rest <= 12
    })
}

/// A line as a page header or footer is compared with the one on the page
/// before: lower case, each run of figures one `#`. `None` for a line that
/// cannot be one: a line of several figures (a table's row, which a table
/// running over pages may repeat in shape) or of no letters.
fn furniture_key(line: &str) -> Option<String> {
    let mut key = String::with_capacity(line.len());
    let mut numbers = 0;
    let mut in_number = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                numbers += 1;
                key.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        key.extend(c.to_lowercase());
    }
    // A footer naming its meeting's date and the page ("Scrutiny Committee
    // – 3 December 2024 Page 1 of 2") holds four figures, no table's row.
    // So does one naming the meeting's date, its item and the page number
    // ("Cabinet | 24 June 2025 | Item 9    1").
    let page_label = numbers > 3 && (key.ends_with("page #") || key.ends_with("page # of #"));
    let dated = numbers > 3
        && crate::dates::MONTH_NAMES.iter().any(|m| {
            key.match_indices(m)
                .any(|(k, _)| key[..k].ends_with("# ") && key[k + m.len()..].starts_with(" #"))
        });
    let most = if page_label || dated { 5 } else { 3 };
    (numbers <= most && key.chars().any(char::is_alphabetic)).then_some(key)
}

/// A cleaned line: markup removed, white space collapsed, typographic quotes and
/// dashes kept (rules match them with classes), list bullets dropped.
pub fn clean_line(raw: &str) -> String {
    // One pass over the bytes: markup dropped and white space collapsed as the
    // line is copied. Every byte that needs a decision is ASCII except the
    // soft hyphen and Unicode spaces, so runs of other bytes are copied whole.
    let b = raw.as_bytes();
    let mut s = String::with_capacity(raw.len());
    let mut in_tag = false;
    // A space is owed before the next character written.
    let mut space = false;
    // Start of the run of ordinary bytes not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if !in_tag && !SPECIAL[usize::from(b[i])] {
            i += 1;
            continue;
        }
        let c = b[i];
        if in_tag {
            i += 1;
            if c == b'>' {
                in_tag = false;
                run = i;
                space = !s.is_empty();
            }
            continue;
        }
        let skip = match c {
            // Markdown emphasis markers: `**bold**`, `__bold__`.
            b'*' | b'_' if b.get(i + 1) == Some(&c) => 2,
            b'<' if looks_like_tag(&b[i + 1..]) => {
                in_tag = true;
                1
            }
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                flush(&mut s, &raw[run..i], &mut space);
                space = !s.is_empty();
                run = i + 1;
                i += 1;
                continue;
            }
            0x80.. => {
                let ch = raw[i..].chars().next().unwrap_or(' ');
                let len = ch.len_utf8();
                if ch == '\u{ad}' {
                    len
                } else if ch.is_whitespace() {
                    flush(&mut s, &raw[run..i], &mut space);
                    space = !s.is_empty();
                    run = i + len;
                    i += len;
                    continue;
                } else {
                    i += len;
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        flush(&mut s, &raw[run..i], &mut space);
        i += skip;
        run = i;
    }
    if !in_tag {
        flush(&mut s, &raw[run..], &mut space);
    }
    // Markdown headings and list bullets.
    let mut t = s.trim_start_matches('#').trim_start();
    loop {
        if let Some(rest) = [
            "- ", "– ", "• ", "● ", "▪ ", "◦ ", "■ ", "➢ ", "➤ ", "► ", "· ", "* ", "Ø ", "ï‚§ ",
            "ï‚· ",
        ]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        {
            t = rest;
            continue;
        }
        // A bullet from a symbol font (Wingdings, Symbol) kept as a
        // private-use character: U+F0A7, U+F0B7.
        match t.chars().next() {
            Some(c) if ('\u{E000}'..='\u{F8FF}').contains(&c) => {
                t = t[c.len_utf8()..].trim_start();
            }
            _ => break,
        }
    }
    if t == "-" || t == "•" {
        return String::new();
    }
    let t = t.trim_end_matches('*').trim_end();
    if let Some(english) = english_of_bilingual(t) {
        return english;
    }
    if t.len() == s.len() {
        s
    } else {
        t.to_string()
    }
}

/// Words found only in Welsh, of the labels and values a bilingual paper
/// prints before their English ("Adroddiad i / Report to:", "16 Ionawr 2025
/// / 16 January 2025").
const WELSH_WORDS: [&str; 67] = [
    "iechyd",
    "prifysgol",
    "cyngor",
    "gwasanaethau",
    "presennol",
    "mynychu",
    "amser",
    "lleoliad",
    "cyhoeddus",
    "bwrdd",
    "cadarnhau",
    "cadeirydd",
    "absennol",
    "datganiad",
    "datganiadau",
    "buddiant",
    "buddiannau",
    "cyfrifon",
    "archwilio",
    "gweithredol",
    "materion",
    "cynllun",
    "atodiad",
    "adroddiad",
    "adroddiadau",
    "dyddiad",
    "cyfarfod",
    "teitl",
    "gofynnir",
    "argymhellion",
    "argymhelliad",
    "pwyllgor",
    "penderfynwyd",
    "penderfyniad",
    "penderfyniadau",
    "eitem",
    "cofnodion",
    "ymddiheuriadau",
    "bresennol",
    "swyddog",
    "swyddogion",
    "pwrpas",
    "diben",
    "cefndir",
    "crynodeb",
    "awdur",
    "cyswllt",
    "aelod",
    "aelodau",
    "cynghorydd",
    "cynghorwyr",
    "cytunwyd",
    "ionawr",
    "chwefror",
    "mawrth",
    "ebrill",
    "mehefin",
    "gorffennaf",
    "awst",
    "medi",
    "hydref",
    "tachwedd",
    "rhagfyr",
    "craffu",
    "cabinet'r",
    "blynyddol",
    "strategol",
];

/// Whether `part` (a few words) is Welsh: it holds a word only Welsh has.
pub(crate) fn is_welsh(part: &str) -> bool {
    part.split_whitespace().count() <= 8
        && part
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| WELSH_WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// A bilingual line with its Welsh dropped: the Welsh before " / " at the
/// line's start (after a section number) and at the start of a label's
/// value. "2. Argymhellion / Recommendations" gives "2. Recommendations";
/// "Dyddiad y Cyfarfod / Date of Meeting: 16 Ionawr 2025 / 16 January 2025"
/// gives "Date of Meeting: 16 January 2025". `None` when there is none.
fn english_of_bilingual(line: &str) -> Option<String> {
    if !line.contains(" / ") {
        return None;
    }
    // (a minute's reference, "PB(24)42", as well as a section number)
    let number = line
        .find(char::is_whitespace)
        .filter(|&k| k > 0 && k <= 12 && line[..k].bytes().any(|b| b.is_ascii_digit()))
        .map_or(0, |k| k + 1);
    let (num, rest) = line.split_at(number);
    let mut changed = false;
    let mut rest = rest;
    if let Some((welsh, english)) = rest.split_once(" / ") {
        // (not inside brackets: "Mr D Prys (Cadeirydd / Chair)")
        let in_brackets = welsh.matches('(').count() > welsh.matches(')').count();
        if is_welsh(welsh) && !in_brackets && !english.trim().is_empty() {
            rest = english.trim_start();
            changed = true;
        }
    }
    let mut out = format!("{num}{rest}");
    if let Some(colon) = out.find(": ") {
        let value = &out[colon + 2..];
        if let Some((welsh, english)) = value.split_once(" / ") {
            if is_welsh(welsh) && !english.trim().is_empty() {
                out = format!("{}{}", &out[..colon + 2], english.trim_start());
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// Bytes [`clean_line`] must look at: white space, markup, non-ASCII.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(
            i as u8,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'*' | b'_' | b'<'
        ) || i >= 0x80;
        i += 1;
    }
    t
};

/// Copy a run of ordinary text, after the space owed before it.
fn flush(s: &mut String, run: &str, space: &mut bool) {
    if run.is_empty() {
        return;
    }
    if *space {
        s.push(' ');
        *space = false;
    }
    s.push_str(run);
}

/// Whether the bytes after a `<` open or close an HTML tag.
fn looks_like_tag(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'/') => rest.get(1).is_some_and(|c| c.is_ascii_alphabetic()),
        // Only a tag if it closes before the end of the line.
        Some(c) if c.is_ascii_alphabetic() => rest[1..].contains(&b'>'),
        _ => false,
    }
}

/// Clean every line of a text.
pub fn clean_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    lines.map(clean_line).collect()
}

/// For each line, whether its text runs on to the next line: a soft wrap of a
/// PDF's column or a hard-wrapped export. A line wraps when it is nearly as
/// long as the file's usual full line, does not end a sentence or a clause,
/// and the next line is not blank. Files whose lines are whole paragraphs (no
/// measure to wrap at) have no wraps.
pub fn soft_wraps(clean: &[String]) -> Vec<bool> {
    let mut wraps = vec![false; clean.len()];
    let Some(measure) = measure(clean) else {
        return wraps;
    };
    for (i, w) in wraps.iter_mut().enumerate() {
        let next_blank = clean.get(i + 1).is_none_or(|n| n.is_empty());
        *w = !next_blank && fills_measure(&clean[i], measure);
    }
    wraps
}

/// The width, in characters, of a full line of the text's running prose (a
/// long line, not the longest), where there are lines enough to tell and the
/// text is wrapped at all (an export with a paragraph a line has no measure).
pub fn measure(clean: &[String]) -> Option<usize> {
    let mut lens: Vec<usize> = clean
        .iter()
        .map(|l| l.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 20 {
        return None;
    }
    lens.sort_unstable();
    let measure = lens[lens.len() * 9 / 10];
    (measure <= 180).then_some(measure)
}

/// Whether `line` fills a text's `measure` and ends no clause: its text was
/// wrapped, and goes on in the next line of text.
pub fn fills_measure(line: &str, measure: usize) -> bool {
    line.chars().count() >= measure * 3 / 4
        && !line.ends_with(['.', ':', ';', '!', '?'])
        // a list's clause: "... reliance on agency social workers; and"
        && !line.ends_with("; and")
        && !line.ends_with("; or")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_with_the_meetings_date_and_the_page_is_furniture() {
        let key = furniture_key("Scrutiny Committee – 3 December 2024 Page 1 of 2");
        assert_eq!(
            key.as_deref(),
            Some("scrutiny committee – # december # page # of #")
        );
        assert!(furniture_key("Cabinet | 24 June 2025 | Item 9     1").is_some());
        // a table's row of four figures is no footer
        assert_eq!(furniture_key("Households placed 12 34 56 78"), None);
    }

    #[test]
    fn a_bilingual_line_keeps_its_english() {
        assert_eq!(
            clean_line("2. Argymhellion / Recommendations"),
            "2. Recommendations"
        );
        // a minute's reference before the heading
        assert_eq!(
            clean_line("PB(24)42  Cofnodion / Minutes of the meeting"),
            "PB(24)42 Minutes of the meeting"
        );
        assert_eq!(clean_line("Presennol / Present:"), "Present:");
        assert_eq!(
            clean_line("Atodiad A / Appendix A – Attendance by Phase"),
            "Appendix A – Attendance by Phase"
        );
        assert_eq!(
            clean_line("Gofynnir i\'r Pwyllgor / The Committee is asked to:"),
            "The Committee is asked to:"
        );
        assert_eq!(
            clean_line("Dyddiad y Cyfarfod / Date of Meeting: 16 Ionawr 2025 / 16 January 2025"),
            "Date of Meeting: 16 January 2025"
        );
        assert_eq!(
            clean_line(
                "Adroddiad i / Report to: Pwyllgor Craffu Addysg / Education Scrutiny Committee"
            ),
            "Report to: Education Scrutiny Committee"
        );
        // English with a slash is left alone
        assert_eq!(
            clean_line("Data / Evidence Source"),
            "Data / Evidence Source"
        );
        assert_eq!(
            clean_line("Report to: Cabinet / Council"),
            "Report to: Cabinet / Council"
        );
    }

    #[test]
    fn bullets_of_symbol_fonts_are_dropped() {
        assert_eq!(
            clean_line("\u{F0A7} Councillor T Ashdown (Chair)"),
            "Councillor T Ashdown (Chair)"
        );
        assert_eq!(clean_line("\u{F0B7}\tClaire Whitmore"), "Claire Whitmore");
        assert_eq!(clean_line("ï‚§ Councillor M Begum"), "Councillor M Begum");
        assert_eq!(clean_line("Ø Mr K Lund"), "Mr K Lund");
    }

    #[test]
    fn page_labels() {
        for l in ["Page 3", "Page 1 of 1", "PAGE 12", "- 3 -", "– 14 –"] {
            assert!(is_page_label(l), "{l}");
        }
        assert!(is_labelled_page_number("Appendix 1 – Page 1 of 1"));
        assert!(!is_labelled_page_number("Appendix 1 – Executive response"));
        for l in ["3", "Page of the report", "Page 3 of the plan", "-3.2"] {
            assert!(!is_page_label(l), "{l}");
        }
    }

    #[test]
    fn numbered_running_headers() {
        for l in [
            "NHS Calder and Lune ICB - Board in Public - 25 January 2024 2",
            "Cabinet | 18 March 2025 | Page 4",
            "Children's Scrutiny Committee – 3 June 2024 – 12",
            "Housing Scrutiny Sub-Committee – 17 March 2025 – Minutes                    2",
        ] {
            assert!(is_numbered_header(l), "{l}");
        }
        for l in [
            "The Board met on 25 January 2024 2",
            "Cabinet - 18 March 2025",
            "Budget - 2024 - 12",
            "Admissions rose - by 14 March 2025 to 12",
            "Admissions - 14 March 2025 - rose from 3 to 12",
        ] {
            assert!(!is_numbered_header(l), "{l}");
        }
    }

    #[test]
    fn text_running_on_from_the_page_before() {
        for l in [
            "drafting amendments to the Plan",
            "3. delegate authority",
            "(b) note the",
        ] {
            assert!(runs_on_from_before(l), "{l}");
        }
        for l in [
            "Minutes",
            "1. Introduction",
            "(a) note the",
            "Report of the Director",
        ] {
            assert!(!runs_on_from_before(l), "{l}");
        }
    }

    #[test]
    fn wraps_only_where_a_line_fills_the_measure() {
        let mut lines: Vec<String> = (0..30)
            .map(|i| {
                format!("line {i:02} of a paragraph that fills the whole measure of the column")
            })
            .collect();
        lines[5] = "A short heading".into();
        lines[9] = "a full line that ends its sentence and the measure of the column too.".into();
        lines[12] = String::new();
        let w = soft_wraps(&lines);
        assert!(w[0] && w[4]);
        assert!(!w[5], "short line");
        assert!(!w[9], "ends a sentence");
        assert!(!w[11], "next line is blank");
        assert!(!w[29], "last line");
        let paragraphs: Vec<String> = (0..30)
            .map(|i| format!("{i} {}", "word ".repeat(60)))
            .collect();
        assert!(
            soft_wraps(&paragraphs).iter().all(|w| !w),
            "paragraph lines have no measure"
        );
    }

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
        // Unicode spaces collapse, soft hyphens go, other non-ASCII stays.
        assert_eq!(
            clean_line("\u{a0}Chil\u{ad}dren\u{2003} \u{2019}s\tcare\u{a0}£5 **"),
            "Children ’s care £5"
        );
        assert_eq!(clean_line("<b>unclosed <i"), "unclosed <i");
        assert_eq!(clean_line("</b>"), "");
    }
}
