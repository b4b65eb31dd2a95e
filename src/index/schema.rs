//! Every tantivy field of the index, in one place, with the tokenisers they use.
//!
//! The index holds three kinds of tantivy document, told apart by the `type`
//! field:
//!
//! - `page`: the text of one physical page *inside one document*. A page where
//!   the minutes end and a briefing note starts becomes two page documents, so
//!   every page hit carries the right document kind, title, date, body and
//!   meeting date, and the `--since`/`--body` filters are exact. A text export
//!   without page breaks has no pages to speak of; its text is cut into blocks
//!   of at most [`UNPAGED_BLOCK_LINES`] lines so that a hit still points near
//!   its line.
//! - a record type (`document`, `meeting`, `attendee`, ...): one per
//!   [`Record`](crate::record::Record), with searchable text made of the
//!   evidence plus the type's own fields, the filter fields, and the record's
//!   JSON stored for an exact round trip.
//! - `file`: one per [`FileEntry`](super::FileEntry), its JSON stored; it keeps
//!   what incremental ingest and failure listings need.
//!
//! Every tantivy document carries `path`, so replacing a file is one delete by
//! term. This module names fields and builds documents' field sets; it does not
//! open indexes (`writer.rs`) or search them (`reader.rs`, `query.rs`).

use super::stem::MemoStemmer;
use crate::record::{Fields, Record};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Tokeniser of running text: lower-cased, accents folded, English-stemmed so
/// that `carer` finds `carers`. Stop words are kept: removing them would break
/// phrases such as "children in care".
pub const TOKENIZER_TEXT: &str = "bp_text";
/// Tokeniser of names (people, committees, councils, places): lower-cased and
/// folded but not stemmed, since stemming `Mutton` or `Hanson` only adds noise.
pub const TOKENIZER_NAME: &str = "bp_name";
/// Tokeniser of closed vocabularies (`type`, `kind`, `role`, ...): the whole
/// value as one term, lower-cased so `type:Resolution` still matches.
pub const TOKENIZER_KEYWORD: &str = "bp_keyword";

/// The `type` value of a page document.
pub const TYPE_PAGE: &str = "page";
/// The `type` value of a file entry.
pub const TYPE_FILE: &str = "file";

/// Size of the line blocks an unpaged text export is cut into.
pub const UNPAGED_BLOCK_LINES: usize = 80;

/// Tokens longer than this are dropped: they are base64 blobs or runs of
/// table rules, never words anyone searches for.
const MAX_TOKEN_LEN: usize = 60;

/// Handles to every field of the index.
#[derive(Debug, Clone)]
pub struct BoardSchema {
    pub schema: Schema,
    /// `page`, `file` or a record type. Keyword.
    pub doc_type: Field,
    /// The file's path relative to the ingest root. Exact, stored, fast (sorting).
    pub path: Field,
    /// Record id. Exact.
    pub id: Field,
    /// Page text, or a record's evidence plus its type fields. Stemmed, positions, stored.
    pub text: Field,
    /// The document's title. Stemmed, stored.
    pub title: Field,
    /// The document's kind (`minutes`, `report`, ...). Keyword, stored.
    pub kind: Field,
    /// The document's date `YYYY-MM-DD`. Exact, stored.
    pub date: Field,
    /// The meeting's date `YYYY-MM-DD`. Exact, stored.
    pub meeting_date: Field,
    /// `meeting_date`, else the document's date, as the integer `YYYYMMDD`:
    /// what `--since`/`--until` filter on.
    pub date_key: Field,
    pub authority: Field,
    pub body: Field,
    /// 1-based physical page. Indexed, stored, fast.
    pub page: Field,
    pub page_label: Field,
    /// 1-based line where a page block or a record's evidence starts.
    pub line: Field,
    pub rule: Field,
    pub name: Field,
    pub honorific: Field,
    pub role: Field,
    pub chair: Field,
    pub organisation: Field,
    pub minute: Field,
    pub item_title: Field,
    pub number: Field,
    pub addressee: Field,
    pub origin: Field,
    pub indicator: Field,
    pub value: Field,
    pub unit: Field,
    pub period: Field,
    pub area: Field,
    pub place: Field,
    pub time: Field,
    /// A record's or file entry's JSON, stored only.
    pub json: Field,
}

/// Fields that exist for the index's own use and are not offered to users in
/// error messages (they still parse, for whoever knows them).
const INTERNAL_FIELDS: [&str; 2] = ["date_key", "json"];

fn text_options(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Running text: phrase queries need positions, snippets need the stored text.
fn running_text(stored: bool) -> TextOptions {
    text_options(TOKENIZER_TEXT, true, stored)
}

/// Names: positions too, so `body:"scrutiny board"` is a phrase.
fn name_text(stored: bool) -> TextOptions {
    text_options(TOKENIZER_NAME, true, stored)
}

fn keyword(stored: bool) -> TextOptions {
    text_options(TOKENIZER_KEYWORD, false, stored)
}

/// Case-sensitive exact values (paths, ids, dates), like tantivy's `STRING`.
fn exact(stored: bool) -> TextOptions {
    text_options("raw", false, stored)
}

impl BoardSchema {
    /// The schema of a new index.
    pub fn build() -> BoardSchema {
        let mut b = Schema::builder();
        // Record-only values live in the stored JSON; storing them again as
        // fields would only grow the doc store.
        // `type`, `path` and `id` are fast: hits without a score sort by them.
        let doc_type = b.add_text_field("type", keyword(true).set_fast(Some("raw")));
        let path = b.add_text_field("path", exact(true).set_fast(Some("raw")));
        let id = b.add_text_field("id", exact(false).set_fast(Some("raw")));
        let text = b.add_text_field("text", running_text(true));
        let title = b.add_text_field("title", running_text(true));
        let kind = b.add_text_field("kind", keyword(true));
        let date = b.add_text_field("date", exact(true));
        let meeting_date = b.add_text_field("meeting_date", exact(true));
        let date_key = b.add_u64_field("date_key", INDEXED | FAST);
        let authority = b.add_text_field("authority", name_text(true));
        let body = b.add_text_field("body", name_text(true));
        let page = b.add_u64_field("page", INDEXED | STORED | FAST);
        let page_label = b.add_text_field("page_label", exact(true));
        let line = b.add_u64_field("line", INDEXED | STORED | FAST);
        let rule = b.add_text_field("rule", keyword(false));
        let name = b.add_text_field("name", name_text(false));
        let honorific = b.add_text_field("honorific", keyword(false));
        let role = b.add_text_field("role", keyword(false));
        let chair = b.add_bool_field("chair", NumericOptions::default().set_indexed());
        let organisation = b.add_text_field("organisation", name_text(false));
        let minute = b.add_text_field("minute", keyword(false));
        let item_title = b.add_text_field("item_title", running_text(false));
        let number = b.add_text_field("number", keyword(false));
        let addressee = b.add_text_field("addressee", name_text(false));
        let origin = b.add_text_field("origin", keyword(false));
        let indicator = b.add_text_field("indicator", running_text(false));
        let value = b.add_f64_field("value", INDEXED | FAST);
        let unit = b.add_text_field("unit", keyword(false));
        let period = b.add_text_field("period", name_text(false));
        let area = b.add_text_field("area", name_text(false));
        let place = b.add_text_field("place", name_text(false));
        let time = b.add_text_field("time", keyword(false));
        let json = b.add_text_field("json", TextOptions::default().set_stored());
        BoardSchema {
            schema: b.build(),
            doc_type,
            path,
            id,
            text,
            title,
            kind,
            date,
            meeting_date,
            date_key,
            authority,
            body,
            page,
            page_label,
            line,
            rule,
            name,
            honorific,
            role,
            chair,
            organisation,
            minute,
            item_title,
            number,
            addressee,
            origin,
            indicator,
            value,
            unit,
            period,
            area,
            place,
            time,
            json,
        }
    }

    /// Field names a query may use, in schema order.
    pub fn query_field_names(&self) -> Vec<&str> {
        self.schema
            .fields()
            .map(|(_, entry)| entry.name())
            .filter(|name| !INTERNAL_FIELDS.contains(name))
            .collect()
    }

    /// The fields a query term without `field:` searches.
    pub fn default_query_fields(&self) -> Vec<Field> {
        vec![self.text, self.title]
    }
}

/// Register the tokenisers the schema names. Tokenisers are not stored in the
/// index, so every opened [`Index`] needs this before reading or writing.
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(
        TOKENIZER_TEXT,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(MemoStemmer)
            .build(),
    );
    manager.register(
        TOKENIZER_NAME,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    manager.register(
        TOKENIZER_KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// `YYYY-MM-DD` as the integer `YYYYMMDD`; `None` for anything else.
pub fn date_key_of(date: &str) -> Option<u64> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits: String = date.chars().filter(|c| *c != '-').collect();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// What the `text` field of a record holds: its evidence followed by the
/// values of its type fields, so that a plain query for a person's name, an
/// item's heading or an indicator finds the record even where the evidence
/// does not repeat them.
pub fn record_search_text(record: &Record) -> String {
    let mut parts: Vec<&str> = vec![record.text.as_str()];
    match &record.fields {
        Fields::Document { .. } => {}
        Fields::Meeting { place, .. } => parts.extend(place.as_deref()),
        Fields::Attendee {
            name,
            honorific,
            organisation,
            ..
        } => {
            parts.extend(honorific.as_deref());
            parts.push(name);
            parts.extend(organisation.as_deref());
        }
        Fields::Resolution { item_title, .. } => parts.extend(item_title.as_deref()),
        Fields::Recommendation { addressee, .. } => parts.extend(addressee.as_deref()),
        Fields::Kpi {
            indicator,
            period,
            area,
            ..
        } => {
            parts.push(indicator);
            parts.extend(period.as_deref());
            parts.extend(area.as_deref());
        }
    }
    let mut out = String::new();
    for part in parts {
        // The evidence often contains the field already; repeating it would
        // only inflate term frequencies.
        if !out.is_empty() && out.contains(part) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" | ");
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_keys() {
        assert_eq!(date_key_of("2017-09-14"), Some(20170914));
        assert_eq!(date_key_of("2017-9-14"), None);
        assert_eq!(date_key_of("abcd-ef-gh"), None);
    }

    #[test]
    fn internal_fields_are_not_offered() {
        let s = BoardSchema::build();
        let names = s.query_field_names();
        assert!(names.contains(&"body"));
        assert!(names.contains(&"indicator"));
        assert!(!names.contains(&"json"));
    }
}
