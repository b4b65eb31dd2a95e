//! The in-process reader: pdf-extract over a lopdf document, every page in one
//! pass, with its panics turned into [`ExtractError::Crashed`] and kept off the
//! terminal.

use super::labels;
use crate::extract::ExtractError;
use pdf_extract::{ConvertToFmt, MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::Once;

/// What pdf-extract gave for one file: each physical page's raw text (index 0 is
/// page 1) and the labels of the catalog's /PageLabels tree, when it has one.
#[derive(Debug)]
pub(super) struct InProcessText {
    pub pages: Vec<String>,
    pub labels: Option<Vec<Option<String>>>,
    /// No font anywhere in the document: no page can show text, so no other
    /// reader can find any (a scan). pdf-extract was not run.
    pub fontless: bool,
}

/// pdf-extract and lopdf recurse over nested content (form XObjects, nested
/// arrays); a stack overflow aborts the whole process rather than unwinding, so
/// the reader gets a thread with far more stack than a pool worker has.
const READER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Why pdf-extract gave no text, and the physical page it was reading when it
/// stopped (`None` while loading the document), so that a fallback reader's
/// success can say where the first one failed.
#[derive(Debug)]
pub(super) struct ReadFailure {
    pub error: ExtractError,
    pub page: Option<u32>,
}

/// Read every page's text. Never panics: a panic inside pdf-extract or lopdf
/// comes back as `Crashed`, with the page it happened on where known.
pub(super) fn read(bytes: &[u8]) -> Result<InProcessText, ReadFailure> {
    install_panic_hook();
    on_reader_thread(|| read_guarded(bytes))
        // read_guarded catches its own panics; this is only a panic in the
        // catching code itself.
        .unwrap_or_else(|| {
            Err(ReadFailure {
                error: ExtractError::Crashed("pdf reader thread panicked".into()),
                page: None,
            })
        })
}

/// Only the catalog's page labels, for text read by another reader. Any failure
/// (including a panic) just means no labels.
pub(super) fn catalog_labels(bytes: &[u8]) -> Option<Vec<Option<String>>> {
    install_panic_hook();
    on_reader_thread(|| {
        let _capture = CaptureGuard::start();
        panic::catch_unwind(|| {
            let doc = lopdf::Document::load_mem(bytes).ok()?;
            if doc.is_encrypted() {
                return None;
            }
            labels::from_catalog(&doc, doc.get_pages().len())
        })
        .ok()
        .flatten()
    })
    .flatten()
}

/// Runs `work` on a thread with [`READER_STACK_BYTES`] of stack; `None` if it
/// panicked. Where no thread can be had (resource limits) it runs on this one.
fn on_reader_thread<T: Send>(work: impl Fn() -> T + Sync) -> Option<T> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pdf-reader".into())
            .stack_size(READER_STACK_BYTES)
            .spawn_scoped(scope, &work);
        match spawned {
            Ok(handle) => handle.join().ok(),
            Err(_) => Some(work()),
        }
    })
}

fn read_guarded(bytes: &[u8]) -> Result<InProcessText, ReadFailure> {
    // Outside the unwinding closure so that the page being read survives a panic.
    let current_page = Cell::new(None);
    let outcome = {
        let _capture = CaptureGuard::start();
        panic::catch_unwind(AssertUnwindSafe(|| read_unguarded(bytes, &current_page)))
    };
    let page = current_page.get();
    match outcome {
        Ok(result) => result.map_err(|error| ReadFailure { error, page }),
        Err(payload) => {
            let message = CAPTURED
                .with(|c| c.borrow_mut().take())
                .unwrap_or_else(|| payload_text(payload.as_ref()));
            let at = match current_page.get() {
                Some(n) => format!("pdf-extract panicked on page {n}: "),
                None => "pdf-extract panicked while loading: ".to_string(),
            };
            Err(ReadFailure {
                error: ExtractError::Crashed(format!("{at}{message}")),
                page,
            })
        }
    }
}

fn read_unguarded(
    bytes: &[u8],
    current_page: &Cell<Option<u32>>,
) -> Result<InProcessText, ExtractError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    // lopdf already opens files whose user password is empty; a document still
    // encrypted after loading needs a real password.
    if doc.is_encrypted() {
        doc.decrypt("")
            .map_err(|e| ExtractError::Encrypted(format!("needs a password ({e})")))?;
    }
    let page_count = doc.get_pages().len();
    if page_count == 0 {
        return Err(ExtractError::Damaged("the page tree lists no pages".into()));
    }
    let labels = labels::from_catalog(&doc, page_count);
    // Scans are the slowest files to read (large image streams) and give no
    // text; a font dictionary is the one thing any text needs.
    if !may_have_fonts(&doc) {
        return Ok(InProcessText {
            pages: vec![String::new(); page_count],
            labels,
            fontless: true,
        });
    }

    let mut dev = PageSplitter::new(current_page);
    if let Err(e) = pdf_extract::output_doc(&doc, &mut dev) {
        let at = match current_page.get() {
            Some(n) => format!("page {n}: "),
            None => String::new(),
        };
        return Err(ExtractError::Damaged(format!("{at}{}", output_error(&e))));
    }
    let mut pages = dev.pages;
    // Pages pdf-extract never announced (it skips nothing today, but the count
    // must match the page tree for labels and page numbers to hold).
    pages.resize(page_count.max(pages.len()), String::new());
    Ok(InProcessText {
        pages,
        labels,
        fontless: false,
    })
}

/// Whether any object of `doc` is, holds or points to a font: a dictionary of
/// /Type /Font, or a non-empty /Font resource entry. A /Resources reference to
/// an object lopdf could not load counts as a possible font, so that a damaged
/// file is left to the readers that may repair it.
fn may_have_fonts(doc: &lopdf::Document) -> bool {
    doc.objects
        .values()
        .any(|object| object_may_have_fonts(doc, object, 0))
}

fn object_may_have_fonts(doc: &lopdf::Document, object: &lopdf::Object, depth: u32) -> bool {
    use lopdf::Object;
    // Direct objects nest only a few levels in real files; deeper nesting is
    // treated as a possible font rather than walked.
    if depth > 32 {
        return true;
    }
    let dict = match object {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        Object::Array(items) => {
            return items
                .iter()
                .any(|item| object_may_have_fonts(doc, item, depth + 1))
        }
        _ => return false,
    };
    if matches!(dict.get(b"Type"), Ok(Object::Name(n)) if n == b"Font") {
        return true;
    }
    for (key, value) in dict.iter() {
        match (key.as_slice(), value) {
            (b"Font", Object::Dictionary(fonts)) if fonts.is_empty() => {}
            (b"Font", _) => return true,
            (b"Resources", Object::Reference(id)) if !doc.objects.contains_key(id) => return true,
            (_, Object::Dictionary(_) | Object::Array(_))
                if object_may_have_fonts(doc, value, depth + 1) =>
            {
                return true
            }
            _ => {}
        }
    }
    false
}

fn load_error(e: &lopdf::Error) -> ExtractError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password") || matches!(e, lopdf::Error::Decryption(_)) {
        ExtractError::Encrypted(text)
    } else {
        ExtractError::Damaged(format!("cannot parse the PDF structure: {text}"))
    }
}

fn output_error(e: &OutputError) -> String {
    match e {
        OutputError::PdfError(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// The text sink shared by pdf-extract's [`PlainTextOutput`] (which writes into
/// it) and [`PageSplitter`] (which empties it at each page end). Sharing is the
/// only way in: `PlainTextOutput` owns its writer.
#[derive(Clone, Default)]
struct SharedText(Rc<RefCell<String>>);

impl std::fmt::Write for SharedText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

impl ConvertToFmt for SharedText {
    type Writer = SharedText;
    fn convert(self) -> SharedText {
        self
    }
}

/// A gap between two words of one line wider than this many times the font
/// size parts two table cells, not two words: a word space is about a
/// quarter of it, a justified line's stretched space rarely reaches one, and
/// a table cell's padding alone is about one on each side.
const CELL_GAP_EMS: f64 = 1.5;

/// pdf-extract's own plain-text layout, cut at page boundaries, with one
/// change: where pdf-extract writes a space for a gap as wide as a table
/// cell's, a tab is written instead (pdf-extract keeps no trace of it), so
/// tables read as their cells, as in a text export.
struct PageSplitter<'a> {
    inner: PlainTextOutput<SharedText>,
    buffer: SharedText,
    pages: Vec<String>,
    /// The page being read, shared with the caller so a panic can name it.
    current: &'a Cell<Option<u32>>,
    /// Where the last glyph ended across, and its baseline, as pdf-extract
    /// tracks them to place its spaces.
    last_end: f64,
    last_y: f64,
    /// The next glyph starts a word.
    first_char: bool,
    /// The size and baseline of the last glyph of the running text (not a
    /// footnote's mark).
    base_size: f64,
    base_y: f64,
    /// A footnote's mark was dropped just before the next glyph.
    after_mark: bool,
}

impl<'a> PageSplitter<'a> {
    fn new(current: &'a Cell<Option<u32>>) -> PageSplitter<'a> {
        let buffer = SharedText::default();
        PageSplitter {
            inner: PlainTextOutput::new(buffer.clone()),
            buffer,
            pages: Vec::new(),
            current,
            last_end: 0.0,
            last_y: 0.0,
            first_char: false,
            base_size: 0.0,
            base_y: 0.0,
            after_mark: false,
        }
    }
}

impl OutputDev for PageSplitter<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.current.set(Some(page_num));
        self.buffer.0.borrow_mut().clear();
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()?;
        let text = std::mem::take(&mut *self.buffer.0.borrow_mut());
        // Page numbers come from the page tree in order; place by number so a
        // gap could never shift later pages.
        let idx = self
            .current
            .get()
            .map(|n| n.saturating_sub(1) as usize)
            .unwrap_or(self.pages.len());
        if idx >= self.pages.len() {
            self.pages.resize(idx + 1, String::new());
        }
        self.pages[idx] = text;
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The same geometry as pdf-extract's: the glyph's origin (its y
        // flipped, which changes no distance) and the font size as drawn.
        let (x, y) = (trm.m31, trm.m32);
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        // A footnote's mark: a small figure raised off the line of the text
        // before it ("16.3³", "37 posts²"). Left in, it joins the figure
        // ("16.33"); it is dropped, and the text goes on as if it were not
        // there.
        let raised = (y - self.base_y).abs();
        if char.bytes().all(|b| b.is_ascii_digit())
            && !char.is_empty()
            && self.base_size > 0.0
            && size < self.base_size * 0.8
            && raised > self.base_size * 0.15
            && raised < self.base_size * 0.7
        {
            self.after_mark = true;
            return Ok(());
        }
        let after_mark = std::mem::take(&mut self.after_mark);
        self.base_size = size;
        self.base_y = y;
        let cell_gap = self.first_char
            && size > 0.0
            && (y - self.last_y).abs() <= size * 0.5
            && x > self.last_end + size * CELL_GAP_EMS;
        self.inner
            .output_character(trm, width, spacing, font_size, char)?;
        // What the space pdf-extract wrote before this glyph becomes: none
        // after a dropped footnote mark ("posts²." is "posts."), a tab in a
        // table cell's gap.
        let space_to = if after_mark && matches!(char, "." | "," | ";" | ":" | ")") {
            Some("")
        } else if cell_gap {
            Some("\t")
        } else {
            None
        };
        if let Some(to) = space_to {
            let mut text = self.buffer.0.borrow_mut();
            let at = text.len() - char.len();
            if at > 0 && text[..at].ends_with(' ') {
                text.replace_range(at - 1..at, to);
            }
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        self.inner.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}

thread_local! {
    /// Set while this thread runs pdf-extract: its panics are expected, and are
    /// reported as errors, so the hook keeps them off stderr.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    /// The message of the last captured panic on this thread.
    static CAPTURED: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// The hook is process-wide, so it is installed once and defers to whatever
/// hook was there before for every panic outside a capture.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let capturing = CAPTURING.try_with(Cell::get).unwrap_or(false);
            if !capturing {
                previous(info);
                return;
            }
            let mut message = payload_text(info.payload());
            if let Some(loc) = info.location() {
                message.push_str(&format!(
                    " ({}:{})",
                    short_source_path(loc.file()),
                    loc.line()
                ));
            }
            let _ = CAPTURED.try_with(|c| {
                if let Ok(mut slot) = c.try_borrow_mut() {
                    *slot = Some(message);
                }
            });
        }));
    });
}

/// Sets the capture flag for its lifetime and clears any stale message, so a
/// panic after the capture (or on another thread) is printed as usual.
struct CaptureGuard;

impl CaptureGuard {
    fn start() -> CaptureGuard {
        CAPTURED.with(|c| *c.borrow_mut() = None);
        CAPTURING.with(|c| c.set(true));
        CaptureGuard
    }
}

impl Drop for CaptureGuard {
    fn drop(&mut self) {
        CAPTURING.with(|c| c.set(false));
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

/// The registry path of a dependency's source is long and machine-specific; the
/// crate directory and file are what identify the failing code.
fn short_source_path(file: &str) -> &str {
    let parts: Vec<&str> = file.rsplitn(4, ['/', '\\']).collect();
    match parts.len() {
        4 => {
            let keep: usize = parts[..3].iter().map(|p| p.len() + 1).sum::<usize>() - 1;
            &file[file.len() - keep..]
        }
        _ => file,
    }
}
