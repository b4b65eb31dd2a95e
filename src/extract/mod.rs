//! Text extraction: a file's bytes in, its text out as numbered lines on
//! numbered pages ([`ExtractedText`]). Owns the choice of reader per format and
//! the typed reasons a file cannot be read ([`ExtractError`]); it knows nothing
//! of documents, rules or the index.

pub mod pdf;
pub mod text;

use serde::{Deserialize, Serialize};
use std::path::Path;

/// Which reader produced a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// A text export read as it is.
    Text,
    /// The `pdf-extract` crate, in process.
    PdfExtract,
    /// Poppler's `pdftotext`, run as a child process.
    Pdftotext,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Text => "text",
            Backend::PdfExtract => "pdf-extract",
            Backend::Pdftotext => "pdftotext",
        }
    }
}

/// One physical page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// 1-based physical page number.
    pub number: u32,
    /// The printed label (`"iv"`, `"A-3"`) where the PDF defines one that differs from `number`.
    pub label: Option<String>,
    pub backend: Backend,
}

/// One line of extracted text. Its 1-based line number is its index in
/// [`ExtractedText::lines`] plus one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Index into [`ExtractedText::pages`].
    pub page: u32,
    pub text: String,
}

/// A whole file's text: every line, each pointing at its page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractedText {
    pub pages: Vec<PageInfo>,
    pub lines: Vec<Line>,
    /// False for a text export without form feeds: its records carry no page.
    pub paged: bool,
    /// Pages of a text PDF that gave no text at all (a scanned page inside a text document).
    #[serde(default)]
    pub empty_pages: Vec<u32>,
    /// What went wrong on the way to this text without losing the file.
    #[serde(default)]
    pub problems: Vec<PageProblem>,
}

/// A problem on one page (or in one reader) of a file that was still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageProblem {
    /// Physical page number; `None` when the problem concerns the whole file.
    pub page: Option<u32>,
    pub kind: PageProblemKind,
    pub detail: String,
}

/// The kinds of [`PageProblem`]; their snake_case names are what users see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageProblemKind {
    /// A page without any text inside a document that has text (a scanned
    /// page, or a page of images only): its content is not searchable.
    EmptyPage,
    /// pdf-extract failed (on the page given, where known); pdftotext supplied
    /// the text of every page.
    ReaderError,
    /// pdf-extract crashed the worker process reading the file; pdftotext
    /// supplied the text of every page.
    ReaderCrashed,
    /// pdf-extract's text looked broken (words run together or doubled);
    /// pdftotext's read better and was used.
    ReaderGarbled,
}

impl PageProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PageProblemKind::EmptyPage => "empty_page",
            PageProblemKind::ReaderError => "reader_error",
            PageProblemKind::ReaderCrashed => "reader_crashed",
            PageProblemKind::ReaderGarbled => "reader_garbled",
        }
    }

    /// Every kind, for validating `--kind` values.
    pub const ALL: [PageProblemKind; 4] = [
        PageProblemKind::EmptyPage,
        PageProblemKind::ReaderError,
        PageProblemKind::ReaderCrashed,
        PageProblemKind::ReaderGarbled,
    ];
}

impl std::fmt::Display for PageProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Typographic ligatures ("ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ", "ﬅ", "ﬆ") as the letters
/// they join: PDFs and text copied from them print "ﬁnance" and "oﬃcer",
/// which no rule and no search for "finance" would match.
pub(crate) fn plain_ligatures(lines: &mut [Line]) {
    for line in lines {
        // (all seven sit at U+FB00 to U+FB06: UTF-8 EF AC 80 to EF AC 86)
        if !line.text.as_bytes().windows(2).any(|w| w == [0xEF, 0xAC]) {
            continue;
        }
        let mut plain = String::with_capacity(line.text.len() + 8);
        for c in line.text.chars() {
            match c {
                '\u{FB00}' => plain.push_str("ff"),
                '\u{FB01}' => plain.push_str("fi"),
                '\u{FB02}' => plain.push_str("fl"),
                '\u{FB03}' => plain.push_str("ffi"),
                '\u{FB04}' => plain.push_str("ffl"),
                '\u{FB05}' | '\u{FB06}' => plain.push_str("st"),
                _ => plain.push(c),
            }
        }
        line.text = plain;
    }
}

impl ExtractedText {
    /// Build from whole-page strings, as PDF readers give them. Lines are split on
    /// `\n`; a page always starts on a new line.
    pub fn from_pages(pages: Vec<(PageInfo, String)>) -> ExtractedText {
        let mut out = ExtractedText {
            paged: true,
            ..Default::default()
        };
        for (idx, (info, text)) in pages.into_iter().enumerate() {
            if text.trim().is_empty() {
                out.empty_pages.push(info.number);
                out.problems.push(PageProblem {
                    page: Some(info.number),
                    kind: PageProblemKind::EmptyPage,
                    detail: "no text on this page (images only?)".into(),
                });
            }
            let text = text.strip_suffix('\n').unwrap_or(&text);
            for l in text.split('\n') {
                out.lines.push(Line {
                    page: idx as u32,
                    text: l.trim_end_matches('\r').to_string(),
                });
            }
            out.pages.push(info);
        }
        plain_ligatures(&mut out.lines);
        out
    }

    /// Whether the text is laid out in pages: a PDF, a text export with form
    /// feeds, or one whose pages only its printed footers mark ("Page 2 of
    /// 8"; see [`text::extract_text`]). Segmentation reads page tops from
    /// these; records carry a page only where [`ExtractedText::paged`].
    pub fn has_layout_pages(&self) -> bool {
        self.paged || self.pages.len() > 1
    }

    /// The page (1-based) a line is laid out on, as
    /// [`ExtractedText::has_layout_pages`] counts pages.
    pub fn layout_page_of_line(&self, line_idx: usize) -> Option<u32> {
        if !self.has_layout_pages() {
            return None;
        }
        self.lines
            .get(line_idx)
            .and_then(|l| self.pages.get(l.page as usize))
            .map(|p| p.number)
    }

    /// Physical page number (1-based) of a line, or `None` when the text is not paged.
    pub fn page_of_line(&self, line_idx: usize) -> Option<u32> {
        if !self.paged {
            return None;
        }
        self.lines
            .get(line_idx)
            .and_then(|l| self.pages.get(l.page as usize))
            .map(|p| p.number)
    }

    /// Printed page label of a line, where it differs from the physical number.
    pub fn page_label_of_line(&self, line_idx: usize) -> Option<&str> {
        if !self.paged {
            return None;
        }
        self.lines
            .get(line_idx)
            .and_then(|l| self.pages.get(l.page as usize))
            .and_then(|p| p.label.as_deref())
    }

    /// The text of page `idx` (index into `pages`), lines joined by `\n`.
    pub fn page_text(&self, idx: usize) -> String {
        let mut s = String::new();
        for l in self.lines.iter().filter(|l| l.page as usize == idx) {
            s.push_str(&l.text);
            s.push('\n');
        }
        s
    }

    /// Count of non-white-space characters in the whole text.
    pub fn visible_chars(&self) -> usize {
        self.lines
            .iter()
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }
}

/// Why a file could not be read. The variant names are the failure states users
/// see (`boardpapers failures`, the run report).
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("encrypted: {0}")]
    Encrypted(String),
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("no text layer: the PDF has {pages} page(s) of images only (a scan: needs OCR)")]
    NoTextLayer { pages: u32 },
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("crashed: {0}")]
    Crashed(String),
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("unsupported: {0}")]
    Unsupported(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// Every failure kind a file can end in, as [`ExtractError::kind`] names them.
pub const FAILURE_KINDS: [&str; 8] = [
    "encrypted",
    "damaged",
    "no_text_layer",
    "timeout",
    "crashed",
    "too_large",
    "unsupported",
    "io",
];

impl ExtractError {
    /// The failure's stable name (`encrypted`, `damaged`, `no_text_layer`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Encrypted(_) => "encrypted",
            ExtractError::Damaged(_) => "damaged",
            ExtractError::NoTextLayer { .. } => "no_text_layer",
            ExtractError::Timeout(_) => "timeout",
            ExtractError::Crashed(_) => "crashed",
            ExtractError::TooLarge(_) => "too_large",
            ExtractError::Unsupported(_) => "unsupported",
            ExtractError::Io(_) => "io",
        }
    }
}

/// Which PDF reader to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PdfBackendChoice {
    /// pdf-extract, falling back to pdftotext (when installed) where it fails or its text looks broken.
    #[default]
    Auto,
    /// pdf-extract only.
    PdfExtract,
    /// pdftotext only (poppler-utils must be installed).
    Pdftotext,
}

/// Options of one extraction.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    pub pdf_backend: PdfBackendChoice,
    /// Longest a `pdftotext` run may take before it is killed.
    pub pdftotext_timeout: std::time::Duration,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            pdf_backend: PdfBackendChoice::Auto,
            pdftotext_timeout: std::time::Duration::from_secs(60),
        }
    }
}

/// The formats discovery accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Text,
}

impl Format {
    /// The format a path's extension names, if it is one boardpapers reads.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "txt" | "md" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Extract a file's text from its bytes. `path` is used in messages only.
pub fn extract_bytes(
    path: &Path,
    bytes: &[u8],
    format: Format,
    opts: &ExtractOptions,
) -> Result<ExtractedText, ExtractError> {
    match format {
        Format::Pdf => pdf::extract_pdf(path, bytes, opts),
        Format::Text => text::extract_text(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_become_their_letters() {
        let page = PageInfo {
            number: 1,
            label: None,
            backend: Backend::PdfExtract,
        };
        let t = ExtractedText::from_pages(vec![(
            page,
            "The Chief Executive’s oﬃce: ﬁnance ﬂows".into(),
        )]);
        assert_eq!(
            t.lines[0].text,
            "The Chief Executive’s office: finance flows"
        );
    }

    #[test]
    fn from_pages_numbers_lines_across_pages() {
        let p = |n| PageInfo {
            number: n,
            label: None,
            backend: Backend::PdfExtract,
        };
        let t = ExtractedText::from_pages(vec![(p(1), "a\nb\n".into()), (p(2), "c".into())]);
        assert_eq!(t.lines.len(), 3);
        assert_eq!(t.page_of_line(2), Some(2));
        assert_eq!(t.page_text(0), "a\nb\n");
        assert!(t.empty_pages.is_empty());
    }
}
