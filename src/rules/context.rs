//! What a rule sees while it runs: one document of one file, and a way to make
//! records that carry the document's fields and their provenance.

use crate::extract::{ExtractedText, Line};
use crate::record::{collapse_ws, DocRef, Fields, Record, Source, SCHEMA};
use crate::segment::Document;
use crate::source::SourceFile;

/// One document being worked on.
pub struct DocContext<'a> {
    pub file: &'a SourceFile,
    pub sha256: &'a str,
    pub text: &'a ExtractedText,
    pub doc: &'a Document,
    /// Per file line: its text runs on to the next line ([`crate::normalize::soft_wraps`]).
    pub wraps: &'a [bool],
    /// The width of a full line of the file's prose ([`crate::normalize::measure`]).
    pub measure: Option<usize>,
    /// Which file lines may match which line patterns ([`crate::rules::hints`]).
    pub hints: &'a crate::rules::LineHints,
}

impl<'a> DocContext<'a> {
    /// The document's lines; index `i` here is file line `doc.start + i`.
    pub fn lines(&self) -> &'a [Line] {
        &self.text.lines[self.doc.start..self.doc.end]
    }

    /// Whether file line `idx` runs on to the next line.
    pub fn wraps(&self, idx: usize) -> bool {
        self.wraps.get(idx).copied().unwrap_or(false)
    }

    /// Whether `line` fills the file's measure and ends no clause, whatever
    /// follows it (a page break, say).
    pub fn fills_measure(&self, line: &str) -> bool {
        self.measure
            .is_some_and(|m| crate::normalize::fills_measure(line, m))
    }

    /// A record of this document whose evidence starts at file line index
    /// `line_idx` (0-based). `id` is assigned later, once per file.
    pub fn record(&self, mut fields: Fields, line_idx: usize, text: &str, rule: &str) -> Record {
        // A scaled figure is exact as printed: "(4.1)" in £m is -4100000,
        // not the float product -4099999.999999999.
        if let Fields::Kpi { value, .. } = &mut fields {
            let rounded = (*value * 1e6).round() / 1e6;
            if rounded.is_finite() {
                *value = rounded;
            }
        }
        Record {
            schema: SCHEMA.to_string(),
            fields,
            id: String::new(),
            source: Source {
                path: self.file.rel_path.clone(),
                sha256: self.sha256.to_string(),
                page: self.text.page_of_line(line_idx),
                line: Some(line_idx as u32 + 1),
                page_label: self.text.page_label_of_line(line_idx).map(str::to_string),
            },
            doc: DocRef {
                kind: self.doc.kind,
                title: self.doc.title.clone(),
                date: self.doc.date.clone(),
            },
            authority: self.doc.authority.clone(),
            body: self.doc.body.clone(),
            meeting_date: self.doc.meeting_date.clone(),
            rule: rule.to_string(),
            text: collapse_ws(text),
        }
    }
}
