//! PDF reading: one PDF's bytes in, its text page by page out. Owns the choice
//! between the in-process reader (pdf-extract, [`inprocess`]) and poppler's
//! `pdftotext` ([`pdftotext`]), the judgement that a reader's text is too broken
//! to keep, the clean-up that makes either reader's lines friendly to line rules,
//! and printed page labels ([`labels`]).

mod inprocess;
mod labels;
mod pdftotext;

use super::{
    Backend, ExtractError, ExtractOptions, ExtractedText, PageInfo, PageProblem, PageProblemKind,
    PdfBackendChoice,
};
use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

/// Read a PDF's text. `path` names the file in messages and, when it is the file
/// `bytes` came from, is handed to `pdftotext`.
pub fn extract_pdf(
    path: &Path,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<ExtractedText, ExtractError> {
    extract_with_timeout(path, bytes, opts.pdf_backend, opts.pdftotext_timeout)
}

fn extract_with_timeout(
    path: &Path,
    bytes: &[u8],
    choice: PdfBackendChoice,
    timeout: Duration,
) -> Result<ExtractedText, ExtractError> {
    match choice {
        PdfBackendChoice::PdfExtract => {
            let read = inprocess::read(bytes).map_err(|f| f.error)?;
            finish_in_process(read)
        }
        PdfBackendChoice::Pdftotext => match pdftotext::run(path, bytes, timeout) {
            Ok(pages) => {
                let catalog = inprocess::catalog_labels(bytes);
                finish_pdftotext(pages, catalog)
            }
            Err(pdftotext::RunError::NotInstalled) => Err(not_installed()),
            Err(pdftotext::RunError::Failed(e)) => Err(e),
        },
        PdfBackendChoice::Auto => extract_auto(path, bytes, timeout),
    }
}

fn not_installed() -> ExtractError {
    ExtractError::Unsupported(
        "pdftotext is not installed (install poppler-utils, or use the pdf-extract backend)".into(),
    )
}

/// pdf-extract first; `pdftotext` (when installed) where pdf-extract fails, finds
/// no text, or gives text that looks broken. A fallback that does no better
/// leaves pdf-extract's outcome standing.
fn extract_auto(
    path: &Path,
    bytes: &[u8],
    timeout: Duration,
) -> Result<ExtractedText, ExtractError> {
    let first = inprocess::read(bytes);
    match first {
        Ok(read) => {
            if read.fontless {
                return Err(ExtractError::NoTextLayer {
                    pages: read.pages.len() as u32,
                });
            }
            let cleaned: Vec<String> = read
                .pages
                .iter()
                .map(|p| clean_pdf_extract_page(p))
                .collect();
            if all_blank(&cleaned) {
                return match pdftotext::run(path, bytes, timeout) {
                    Ok(pages) if !all_blank(&pages) => finish_pdftotext(pages, read.labels),
                    _ => Err(ExtractError::NoTextLayer {
                        pages: cleaned.len() as u32,
                    }),
                };
            }
            let quality = TextQuality::measure(&cleaned);
            if !quality.looks_broken() {
                return Ok(build(cleaned, read.labels, Backend::PdfExtract));
            }
            match pdftotext::run(path, bytes, timeout) {
                Ok(pages) if !all_blank(&pages) => {
                    let other: Vec<String> =
                        pages.iter().map(|p| clean_pdftotext_page(p)).collect();
                    if TextQuality::measure(&other).badness() < quality.badness() {
                        return finish_pdftotext(pages, read.labels).map(|mut text| {
                            text.problems.push(PageProblem {
                                page: None,
                                kind: PageProblemKind::ReaderGarbled,
                                detail: format!(
                                    "pdf-extract's text looked broken ({}); pdftotext's was used",
                                    quality.describe()
                                ),
                            });
                            text
                        });
                    }
                    Ok(build(cleaned, read.labels, Backend::PdfExtract))
                }
                _ => Ok(build(cleaned, read.labels, Backend::PdfExtract)),
            }
        }
        Err(inprocess::ReadFailure { error: e, page }) => {
            match pdftotext::run(path, bytes, timeout) {
                Ok(pages) if !all_blank(&pages) => finish_pdftotext(pages, None).map(|mut text| {
                    text.problems.push(PageProblem {
                        page,
                        kind: PageProblemKind::ReaderError,
                        detail: format!("pdf-extract failed ({e}); pdftotext supplied the text"),
                    });
                    text
                }),
                Ok(pages) if !pages.is_empty() => Err(ExtractError::NoTextLayer {
                    pages: pages.len() as u32,
                }),
                Ok(_) => Err(e),
                Err(pdftotext::RunError::NotInstalled) => Err(e),
                Err(pdftotext::RunError::Failed(second)) => Err(with_fallback_reason(e, &second)),
            }
        }
    }
}

/// The pdf-extract failure is the one reported; the fallback's reason is added
/// so that the message says both readers were tried.
fn with_fallback_reason(first: ExtractError, second: &ExtractError) -> ExtractError {
    // pdftotext's own reasons already start with "pdftotext:".
    let also = match second {
        ExtractError::Timeout(s) => format!("pdftotext timed out after {s} s"),
        ExtractError::Damaged(m) | ExtractError::Crashed(m) | ExtractError::Encrypted(m) => {
            m.clone()
        }
        other => format!("pdftotext: {other}"),
    };
    match first {
        ExtractError::Damaged(m) => ExtractError::Damaged(format!("{m}; also {also}")),
        ExtractError::Crashed(m) => ExtractError::Crashed(format!("{m}; also {also}")),
        ExtractError::Encrypted(m) => ExtractError::Encrypted(format!("{m}; also {also}")),
        other => other,
    }
}

fn finish_in_process(read: inprocess::InProcessText) -> Result<ExtractedText, ExtractError> {
    let cleaned: Vec<String> = read
        .pages
        .iter()
        .map(|p| clean_pdf_extract_page(p))
        .collect();
    if all_blank(&cleaned) {
        return Err(ExtractError::NoTextLayer {
            pages: cleaned.len() as u32,
        });
    }
    Ok(build(cleaned, read.labels, Backend::PdfExtract))
}

/// `catalog` labels are used only when they describe the same number of pages:
/// poppler may have rebuilt a damaged page tree differently from lopdf.
fn finish_pdftotext(
    pages: Vec<String>,
    catalog: Option<Vec<Option<String>>>,
) -> Result<ExtractedText, ExtractError> {
    let cleaned: Vec<String> = pages.iter().map(|p| clean_pdftotext_page(p)).collect();
    if all_blank(&cleaned) {
        return Err(ExtractError::NoTextLayer {
            pages: cleaned.len() as u32,
        });
    }
    let catalog = catalog.filter(|l| l.len() == cleaned.len());
    Ok(build(cleaned, catalog, Backend::Pdftotext))
}

fn build(
    pages: Vec<String>,
    catalog: Option<Vec<Option<String>>>,
    backend: Backend,
) -> ExtractedText {
    let labels = catalog.unwrap_or_else(|| labels::from_printed_numbers(&pages));
    let pages = pages
        .into_iter()
        .enumerate()
        .map(|(idx, text)| {
            let info = PageInfo {
                number: idx as u32 + 1,
                label: labels.get(idx).cloned().flatten(),
                backend,
            };
            (info, text)
        })
        .collect();
    ExtractedText::from_pages(pages)
}

fn all_blank(pages: &[String]) -> bool {
    pages.iter().all(|p| p.trim().is_empty())
}

/// pdf-extract marks any gap between glyphs with one space and a line change
/// with a newline; a longer run of spaces only comes from justified text (a
/// space glyph plus a stretched gap), so runs become one space, and leading and
/// trailing spaces, which carry no layout, go.
///
/// It adds a blank line wherever the next line is further down than 1.5 times
/// the font size, which on widely spaced pages (LibreOffice exports, for one) is
/// after every line. On a page where most lines are followed by a blank line the
/// blank lines say nothing, and they would part "RESOLVED that" from the
/// resolution below it, so they go; elsewhere they mark paragraphs and stay.
fn clean_pdf_extract_page(raw: &str) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(|l| collapse_spaces(&cells_as_text(normalise_chars(l).trim())))
        .collect();
    let (mut gaps, mut blank_gaps) = (0usize, 0usize);
    let mut seen_text = false;
    let mut blank_since = false;
    for line in &lines {
        if line.is_empty() {
            blank_since = true;
            continue;
        }
        if seen_text {
            gaps += 1;
            if blank_since {
                blank_gaps += 1;
            }
        }
        seen_text = true;
        blank_since = false;
    }
    if gaps >= 4 && blank_gaps * 10 >= gaps * 6 {
        tidy_lines(lines.into_iter().filter(|l| !l.is_empty()))
    } else {
        tidy_lines(lines.into_iter())
    }
}

/// The reader marks a gap as wide as a table cell's with a tab. A line of two
/// cells whose first is a label ("Subject", "Report to", "Date of meeting":
/// a capitalised word and lower-case ones) is a form's row, printed as a text
/// export prints it, "Subject: Home Care Recovery Plan". Any other line of
/// two cells of words keeps its tab ("Councillor R Ashdown" / "Chair"), where
/// nothing else tells a name from its role. Elsewhere the tabs would mislead:
/// a figure that fills its cell leaves a gap no wider than a word space, so a
/// table's rows and its header of many columns would have tabs between some
/// cells and spaces between others, and its figures tell its cells apart
/// already.
fn cells_as_text(line: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let mut cells = line.split('\t');
    let (Some(first), Some(second), None) = (cells.next(), cells.next(), cells.next()) else {
        return if line.contains('\t') {
            Cow::Owned(line.replace('\t', " "))
        } else {
            Cow::Borrowed(line)
        };
    };
    let (first, second) = (first.trim(), second.trim());
    if is_form_label(first) && !second.is_empty() {
        return Cow::Owned(format!("{first}: {second}"));
    }
    if line.bytes().any(|b| b.is_ascii_digit()) {
        return Cow::Owned(format!("{first} {second}"));
    }
    Cow::Borrowed(line)
}

/// "Subject", "Report to", "Date of meeting", "Wards affected": up to four
/// words, the first capitalised and the rest lower case, no figures.
fn is_form_label(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && cell.len() <= 30
        && !cell.ends_with(':')
        && words[0].starts_with(|c: char| c.is_uppercase())
        && words[0].chars().skip(1).all(|c| c.is_lowercase())
        && words[1..]
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '’'))
}

/// `pdftotext -layout` indents by position; the page's common indentation is
/// removed (a landscape table page is often indented as a whole) while the
/// relative indentation and the runs of spaces between table cells are kept.
fn clean_pdftotext_page(raw: &str) -> String {
    let lines: Vec<String> = raw
        .lines()
        .map(|l| normalise_chars(l).trim_end().to_string())
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().take_while(|c| *c == ' ').count())
        .min()
        .unwrap_or(0);
    tidy_lines(lines.into_iter().map(|l| l.chars().skip(indent).collect()))
}

fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut prev_space = false;
    for c in line.chars() {
        if c == ' ' && prev_space {
            continue;
        }
        prev_space = c == ' ';
        out.push(c);
    }
    out
}

/// Drops blank lines at the ends of the page and keeps at most one blank line in
/// a row: vertical white space says "new block" and nothing more.
fn tidy_lines(lines: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    let mut pending_blank = false;
    for line in lines {
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Ligatures become their letters so that words match; no-break spaces become
/// spaces so that splitting on spaces works; control characters (fonts without
/// a usable mapping emit them) are dropped, except tabs.
fn normalise_chars(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Signs that a reader's spacing went wrong, counted over the whole file on
/// words taken as runs of letters (so "16.PavingImprovements" yields
/// "PavingImprovements").
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct TextQuality {
    pages: usize,
    /// Words of two letters or more.
    words: usize,
    /// Words of 20 letters or more: English rarely has them, text whose spaces
    /// were all lost ("Onthecounciltonight") is full of them.
    long_words: usize,
    /// Distinct words with a capital after three lower-case letters and before
    /// another ("ApprovingSupplemental"): two words run together where spacing
    /// came from glyph positions. Names like "McKay" or "DfE" do not match;
    /// product names ("MetroWest") do, but repeat, hence distinct words.
    glued_words: usize,
    /// Pages with a word that is one shorter word written twice ("WPLWPL"): what
    /// a reader that follows glyph order makes of text printed over itself.
    doubled_pages: usize,
}

/// Below this many words the shares are noise and nothing is judged broken.
const MIN_WORDS: usize = 200;

impl TextQuality {
    fn measure(pages: &[String]) -> TextQuality {
        let mut q = TextQuality {
            pages: pages.len(),
            ..TextQuality::default()
        };
        let mut letters: Vec<char> = Vec::new();
        let mut glued: HashSet<String> = HashSet::new();
        for page in pages {
            let mut doubled = false;
            let mut chars = page.chars().peekable();
            while chars.peek().is_some() {
                letters.clear();
                letters.extend(chars.by_ref().take_while(|c| c.is_alphabetic()));
                if letters.len() < 2 {
                    continue;
                }
                q.words += 1;
                if letters.len() >= 20 {
                    q.long_words += 1;
                }
                if is_glued(&letters) {
                    glued.insert(letters.iter().collect());
                }
                doubled |= is_doubled(&letters);
            }
            if doubled {
                q.doubled_pages += 1;
            }
        }
        q.glued_words = glued.len();
        q
    }

    fn share(count: usize, of: usize) -> f64 {
        count as f64 / of.max(1) as f64
    }

    /// Thresholds from the corpus, pdf-extract text of whole files. Long words:
    /// at most 0.08% of words in any file, so 1% means spacing is gone. Glued
    /// words: at most 2 distinct (0.03% of words) in normal papers, 15 (0.54%)
    /// in the Des Moines agenda. Doubled words: on no page of any normal paper,
    /// on 66 of the 74 pages of the Bristol feasibility appendix.
    fn looks_broken(&self) -> bool {
        let glued = self.words >= MIN_WORDS
            && (Self::share(self.long_words, self.words) > 0.01
                || (self.glued_words >= 5 && Self::share(self.glued_words, self.words) > 0.002));
        let doubled = self.doubled_pages >= 2 && self.doubled_pages * 5 >= self.pages;
        glued || doubled
    }

    /// The signs counted, for a message.
    fn describe(&self) -> String {
        format!(
            "{} of {} words over 20 letters, {} glued, {} of {} pages with doubled words",
            self.long_words, self.words, self.glued_words, self.doubled_pages, self.pages
        )
    }

    /// One number to compare two readers' text of the same file; lower is better.
    fn badness(&self) -> f64 {
        Self::share(self.long_words, self.words)
            + Self::share(self.glued_words, self.words)
            + Self::share(self.doubled_pages, self.pages)
    }
}

fn is_glued(word: &[char]) -> bool {
    word.windows(5).any(|w| {
        w[0].is_lowercase()
            && w[1].is_lowercase()
            && w[2].is_lowercase()
            && w[3].is_uppercase()
            && w[4].is_lowercase()
    })
}

/// "XXXX" (a redaction placeholder) is one letter repeated, not a word doubled.
fn is_doubled(word: &[char]) -> bool {
    let half = word.len() / 2;
    half >= 2
        && half * 2 == word.len()
        && word[..half] == word[half..]
        && word.iter().any(|c| *c != word[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Object, Stream};
    use std::path::PathBuf;

    fn repo_file(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    fn fixture(name: &str) -> PathBuf {
        repo_file(&format!("tests/fixtures/pdf/{name}"))
    }

    fn read(path: &Path, choice: PdfBackendChoice) -> Result<ExtractedText, ExtractError> {
        let bytes = std::fs::read(path).expect("test file");
        extract_pdf(
            path,
            &bytes,
            &ExtractOptions {
                pdf_backend: choice,
                ..ExtractOptions::default()
            },
        )
    }

    fn text_of(t: &ExtractedText) -> String {
        (0..t.pages.len()).map(|i| t.page_text(i)).collect()
    }

    fn has_pdftotext() -> bool {
        let ok = pdftotext::is_installed();
        if !ok {
            eprintln!("pdftotext is not installed: skipping");
        }
        ok
    }

    /// A PDF of Helvetica text lines, one list per page; `overprint` draws each
    /// line twice at the same place, as some producers do for bold.
    fn synthetic_pdf(
        pages: &[Vec<String>],
        labels: Option<lopdf::Dictionary>,
        overprint: bool,
    ) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let mut kids: Vec<Object> = Vec::new();
        for lines in pages {
            let mut ops = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let y = 750 - 14 * i as i64;
                for _ in 0..if overprint { 2 } else { 1 } {
                    ops.push(Operation::new("BT", vec![]));
                    ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
                    ops.push(Operation::new("Td", vec![60.into(), y.into()]));
                    ops.push(Operation::new(
                        "Tj",
                        vec![Object::string_literal(line.as_str())],
                    ));
                    ops.push(Operation::new("ET", vec![]));
                }
            }
            let content = Content { operations: ops }.encode().expect("content");
            let content_id = doc.add_object(Stream::new(dictionary! {}, content));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if let Some(l) = labels {
            catalog.set("PageLabels", l);
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    }

    fn prose_pages(n: usize) -> Vec<Vec<String>> {
        (1..=n)
            .map(|p| {
                vec![
                    format!("Report of the committee, part {p}"),
                    "The committee considered the report of the director.".to_string(),
                    "RESOLVED that the report be noted.".to_string(),
                ]
            })
            .collect()
    }

    #[test]
    fn seed_minutes_read_in_process_with_line_structure() {
        let path = repo_file("corpus/seeds-pdf/coventry/2017-06-29-scrutiny-board-2-minutes.pdf");
        for choice in [PdfBackendChoice::PdfExtract, PdfBackendChoice::Auto] {
            let t = read(&path, choice).expect("readable");
            assert_eq!(t.pages.len(), 3);
            assert!(t.pages.iter().all(|p| p.backend == Backend::PdfExtract));
            assert!(t.pages.iter().all(|p| p.label.is_none()));
            assert!(t.empty_pages.is_empty());
            let lines: Vec<&str> = t.lines.iter().map(|l| l.text.as_str()).collect();
            // One line per printed line: no blank line between "Present:" and the members.
            let present = lines
                .iter()
                .position(|l| *l == "Present:")
                .expect("Present:");
            assert_eq!(lines[present + 1], "Members: Councillor M Mutton (Chair)");
            assert_eq!(lines[present + 2], "Councillor S Bains");
            assert!(lines.contains(&"RESOLVED that"));
            assert!(lines.iter().all(|l| l.trim_end() == *l));
        }
    }

    #[test]
    fn kent_minutes_stay_on_pdf_extract() {
        let path = repo_file("corpus/real/kent-cc/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf");
        let t = read(&path, PdfBackendChoice::Auto).expect("readable");
        assert_eq!(t.pages.len(), 17);
        assert_eq!(t.pages[0].backend, Backend::PdfExtract);
        let text = text_of(&t);
        assert!(text.contains("RESOLVED that the minutes of the meeting on 9 January 2025"));
        // Justified text comes without its doubled spaces.
        assert!(!t.lines.iter().any(|l| l.text.contains("  ")));
    }

    #[test]
    fn panicking_file_is_crashed_in_process_and_read_by_pdftotext() {
        let path = fixture("tintern-minutes-20180904.pdf");
        match read(&path, PdfBackendChoice::PdfExtract) {
            Err(ExtractError::Crashed(m)) => {
                assert!(m.contains("pdf-extract panicked on page 1"), "{m}")
            }
            other => panic!("expected Crashed, got {other:?}"),
        }
        if !has_pdftotext() {
            match read(&path, PdfBackendChoice::Auto) {
                Err(ExtractError::Crashed(_)) => {}
                other => panic!("expected Crashed without pdftotext, got {other:?}"),
            }
            return;
        }
        let t = read(&path, PdfBackendChoice::Auto).expect("pdftotext reads it");
        assert_eq!(t.pages.len(), 5);
        assert!(t.pages.iter().all(|p| p.backend == Backend::Pdftotext));
        assert!(t.visible_chars() > 5000);
    }

    #[test]
    fn image_only_pdf_has_no_text_layer() {
        let path = fixture("v_imageonly.pdf");
        for choice in [PdfBackendChoice::PdfExtract, PdfBackendChoice::Auto] {
            match read(&path, choice) {
                Err(ExtractError::NoTextLayer { pages }) => assert_eq!(pages, 3),
                other => panic!("expected NoTextLayer, got {other:?}"),
            }
        }
        if has_pdftotext() {
            match read(&path, PdfBackendChoice::Pdftotext) {
                Err(ExtractError::NoTextLayer { pages }) => assert_eq!(pages, 3),
                other => panic!("expected NoTextLayer, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_scan_is_known_fontless_without_reading_its_pages() {
        let scan = std::fs::read(fixture("v_imageonly.pdf")).expect("fixture");
        let read = inprocess::read(&scan).expect("loads");
        assert!(read.fontless);
        assert_eq!(read.pages.len(), 3);
        let text = std::fs::read(fixture("tintern-minutes-20180904.pdf")).expect("fixture");
        assert!(!inprocess::read(&text).map(|r| r.fontless).unwrap_or(false));
        let made = synthetic_pdf(&prose_pages(2), None, false);
        let read = inprocess::read(&made).expect("loads");
        assert!(!read.fontless);
        assert!(read.pages[0].contains("RESOLVED"));
    }

    #[test]
    fn fonts_only_inline_in_a_page_still_count() {
        // The font dictionary sits directly in the page's /Resources, not as an
        // object of its own.
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![60.into(), 700.into()]),
                Operation::new("Tj", vec![Object::string_literal("Inline font text")]),
                Operation::new("ET", vec![]),
            ],
        }
        .encode()
        .expect("content");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => dictionary! {
                "Font" => dictionary! {
                    "F1" => dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica" },
                },
            },
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
            ),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("save");
        let read = inprocess::read(&bytes).expect("loads");
        assert!(!read.fontless);
        assert!(
            read.pages[0].contains("Inline font text"),
            "{:?}",
            read.pages
        );
    }

    #[test]
    fn truncated_pdf_is_damaged_everywhere() {
        let path = fixture("v_truncated70.pdf");
        for choice in [PdfBackendChoice::PdfExtract, PdfBackendChoice::Auto] {
            match read(&path, choice) {
                Err(ExtractError::Damaged(m)) => assert!(m.contains("cannot parse"), "{m}"),
                other => panic!("expected Damaged, got {other:?}"),
            }
        }
        if has_pdftotext() {
            match read(&path, PdfBackendChoice::Auto) {
                Err(ExtractError::Damaged(m)) => assert!(m.contains("also pdftotext"), "{m}"),
                other => panic!("expected Damaged, got {other:?}"),
            }
        }
    }

    #[test]
    fn bad_xref_is_repaired_by_pdftotext() {
        let path = fixture("v_badxref.pdf");
        assert!(matches!(
            read(&path, PdfBackendChoice::PdfExtract),
            Err(ExtractError::Damaged(_))
        ));
        if !has_pdftotext() {
            return;
        }
        let t = read(&path, PdfBackendChoice::Auto).expect("poppler repairs it");
        assert_eq!(t.pages.len(), 3);
        assert_eq!(t.pages[0].backend, Backend::Pdftotext);
        assert!(t.lines.iter().any(|l| l.text == "Present:"));
        assert!(t.lines.iter().any(|l| l.text.starts_with("RESOLVED that")));
    }

    #[test]
    fn encrypted_with_empty_password_reads() {
        let t = read(
            &fixture("v_aes256_emptypw.pdf"),
            PdfBackendChoice::PdfExtract,
        )
        .expect("readable");
        assert_eq!(t.pages.len(), 3);
        assert!(text_of(&t).contains("Children's Services"));
        assert!(t.visible_chars() > 8000);
    }

    #[test]
    fn glued_words_send_des_moines_agenda_to_pdftotext() {
        let path = fixture("des-moines-agenda-2021-10-18.pdf");
        let t = read(&path, PdfBackendChoice::PdfExtract).expect("readable");
        let pages: Vec<String> = (0..t.pages.len()).map(|i| t.page_text(i)).collect();
        let q = TextQuality::measure(&pages);
        assert!(q.looks_broken(), "{q:?}");
        if !has_pdftotext() {
            return;
        }
        let t = read(&path, PdfBackendChoice::Auto).expect("readable");
        assert_eq!(t.pages.len(), 13);
        assert_eq!(t.pages[0].backend, Backend::Pdftotext);
        assert!(text_of(&t).contains("addressing the council at the"));
    }

    #[test]
    fn overprinted_text_is_judged_broken() {
        let mut pages = prose_pages(4);
        for p in &mut pages {
            p.insert(0, "Levy".to_string());
        }
        let bytes = synthetic_pdf(&pages, None, true);
        let path = Path::new("overprint.pdf");
        let t = extract_with_timeout(
            path,
            &bytes,
            PdfBackendChoice::PdfExtract,
            ExtractOptions::default().pdftotext_timeout,
        )
        .expect("readable");
        assert_eq!(t.lines[0].text, "LevyLevy");
        let pages: Vec<String> = (0..t.pages.len()).map(|i| t.page_text(i)).collect();
        assert!(TextQuality::measure(&pages).looks_broken());
    }

    #[test]
    fn normal_prose_is_not_judged_broken() {
        let pages: Vec<String> = (0..20)
            .map(|_| {
                "The Committee considered the report of the Director of Finance on the \
                 MetroWest programme and the McKay review; £XXXX was noted. "
                    .repeat(5)
            })
            .collect();
        let q = TextQuality::measure(&pages);
        assert!(q.words >= MIN_WORDS);
        assert!(!q.looks_broken(), "{q:?}");
        let glued: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.replacen(
                    "report of",
                    &format!("report{}Of", "abcdefghij".repeat(i + 1)),
                    1,
                )
            })
            .collect();
        assert!(TextQuality::measure(&glued).looks_broken());
    }

    #[test]
    fn page_labels_from_the_catalog() {
        let labels = dictionary! {
            "Nums" => vec![
                0.into(),
                Object::Dictionary(dictionary! { "S" => "r" }),
                2.into(),
                Object::Dictionary(dictionary! { "S" => "D" }),
                4.into(),
                Object::Dictionary(dictionary! {
                    "S" => "D", "P" => Object::string_literal("A-"), "St" => 1,
                }),
            ],
        };
        let bytes = synthetic_pdf(&prose_pages(5), Some(labels), false);
        let t = extract_with_timeout(
            Path::new("labels.pdf"),
            &bytes,
            PdfBackendChoice::PdfExtract,
            ExtractOptions::default().pdftotext_timeout,
        )
        .expect("readable");
        let got: Vec<Option<&str>> = t.pages.iter().map(|p| p.label.as_deref()).collect();
        // Pages 3 and 4 are labelled "1" and "2": different from their numbers.
        assert_eq!(
            got,
            vec![Some("i"), Some("ii"), Some("1"), Some("2"), Some("A-1")]
        );
        assert!(text_of(&t).contains("RESOLVED that the report be noted."));
    }

    #[test]
    fn printed_page_numbers_become_labels_without_a_label_tree() {
        let pages: Vec<Vec<String>> = (1..=4)
            .map(|p| {
                let mut lines = prose_pages(1).remove(0);
                if p > 1 {
                    lines.push(format!("Page {}", p - 1));
                }
                lines
            })
            .collect();
        let bytes = synthetic_pdf(&pages, None, false);
        let t = extract_with_timeout(
            Path::new("pack.pdf"),
            &bytes,
            PdfBackendChoice::PdfExtract,
            ExtractOptions::default().pdftotext_timeout,
        )
        .expect("readable");
        let got: Vec<Option<&str>> = t.pages.iter().map(|p| p.label.as_deref()).collect();
        assert_eq!(got, vec![None, Some("1"), Some("2"), Some("3")]);
    }

    #[test]
    fn bad_input_never_panics() {
        let mut inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"%PDF-1.4\n".to_vec(),
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
            (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(),
        ];
        let good = synthetic_pdf(&prose_pages(2), None, false);
        for cut in [10, good.len() / 3, good.len() / 2, good.len() - 20] {
            inputs.push(good[..cut].to_vec());
        }
        let mut flipped = good.clone();
        for i in (0..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5a;
        }
        inputs.push(flipped);
        for (i, bytes) in inputs.iter().enumerate() {
            for choice in [PdfBackendChoice::PdfExtract, PdfBackendChoice::Auto] {
                let path = PathBuf::from(format!("bad-{i}.pdf"));
                if let Err(e) = extract_with_timeout(
                    &path,
                    bytes,
                    choice,
                    ExtractOptions::default().pdftotext_timeout,
                ) {
                    assert!(!e.to_string().is_empty());
                }
            }
        }
        match extract_pdf(Path::new("empty.pdf"), &[], &ExtractOptions::default()) {
            Err(ExtractError::Damaged(_)) => {}
            other => panic!("expected Damaged, got {other:?}"),
        }
    }

    #[test]
    fn pdftotext_backend_reads_tables_as_rows() {
        if !has_pdftotext() {
            return;
        }
        let path =
            repo_file("corpus/seeds-pdf/coventry/2017-09-14-scrutiny-board-2-agenda-pack.pdf");
        let t = read(&path, PdfBackendChoice::Pdftotext).expect("readable");
        assert_eq!(t.pages.len(), 40);
        assert!(t.pages.iter().all(|p| p.backend == Backend::Pdftotext));
        let row = t
            .lines
            .iter()
            .find(|l| l.text.starts_with("Unborn"))
            .expect("table row");
        let cells: Vec<&str> = row.text.split_whitespace().collect();
        assert_eq!(cells, vec!["Unborn", "21", "4.1", "2.6", "4.5", "4.7"]);
    }

    #[test]
    fn missing_or_slow_pdftotext() {
        let bytes = synthetic_pdf(&prose_pages(1), None, false);
        assert!(matches!(
            pdftotext::run_program(
                "pdftotext-is-not-here",
                Path::new("x.pdf"),
                &bytes,
                ExtractOptions::default().pdftotext_timeout
            ),
            Err(pdftotext::RunError::NotInstalled)
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let dir = std::env::temp_dir().join(format!("boardpapers-slow-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let script = dir.join("slow-pdftotext");
            std::fs::write(&script, "#!/bin/sh\nsleep 30\n").expect("script");
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            let started = std::time::Instant::now();
            let got = pdftotext::run_program(
                script.to_str().expect("utf-8 path"),
                Path::new("x.pdf"),
                &bytes,
                Duration::from_millis(300),
            );
            assert!(matches!(
                got,
                Err(pdftotext::RunError::Failed(ExtractError::Timeout(0)))
            ));
            assert!(started.elapsed() < Duration::from_secs(10));
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[test]
    fn cleaning_keeps_lines_and_cells() {
        assert_eq!(
            clean_pdftotext_page(
                "    Title\n\n\n\n      Budget    586.1   621.6   \n    ﬁnance\u{a0}team\n"
            ),
            "Title\n\n  Budget    586.1   621.6\nfinance team\n"
        );
        assert_eq!(clean_pdf_extract_page("\n  a  b \n\nc\n"), "a b\n\nc\n");
        assert_eq!(
            clean_pdf_extract_page("l1\n\nl2\n\nl3\n\nl4\n\nl5\n"),
            "l1\nl2\nl3\nl4\nl5\n"
        );
    }
}
