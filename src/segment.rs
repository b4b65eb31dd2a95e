//! Segmentation: a file's lines in, the documents it holds out. One file is often
//! several documents (an agenda pack is an agenda, last meeting's minutes,
//! briefing notes, reports and appendices); each [`Document`] is a line range with
//! its kind, title, date, body and authority.

use crate::record::DocKind;
use serde::{Deserialize, Serialize};

/// One document inside a file: lines `start..end` of the file's extracted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    pub title: Option<String>,
    /// `YYYY-MM-DD`: the meeting's date for agendas and minutes, the printed date otherwise.
    pub date: Option<String>,
    pub authority: Option<String>,
    pub body: Option<String>,
    /// The meeting the document belongs to or is addressed to.
    pub meeting_date: Option<String>,
    /// Index of the first line (0-based) in the file's lines.
    pub start: usize,
    /// One past the last line.
    pub end: usize,
    /// Id of the rule that found the document's start.
    pub rule: String,
}
