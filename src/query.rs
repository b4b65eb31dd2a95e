//! The query layer: what a search asks for ([`SearchRequest`]), what it gets
//! back ([`SearchResults`], [`Hit`], [`Snippet`]) and how a request becomes a
//! tantivy query (the user's query string in tantivy's syntax, AND-ed with the
//! filters). Running the query against the index is `index::reader`'s job;
//! printing hits is `output`'s.
//!
//! Query syntax is tantivy's: words, `"phrases"`, `field:value`, `AND`/`OR`/`-`,
//! ranges such as `value:[10 TO 20]`. Words without a field search page text,
//! record text and document titles, and all of them must match (the default
//! operator is AND, as in most search boxes: adding a word narrows the search).

use crate::index::schema::{BoardSchema, TYPE_PAGE};
use crate::index::{BoardIndex, IndexError};
use crate::record::{DocKind, Origin, Record, Role, RECORD_TYPES};
use std::ops::{Bound, Range};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, QueryParserError,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};

/// Default number of hits a search returns.
pub const DEFAULT_LIMIT: usize = 20;

/// Longest snippet, in characters, before whitespace is collapsed.
const SNIPPET_MAX_CHARS: usize = 240;

/// What a search asks for. Filters are AND-ed with the query; an empty query
/// matches everything the filters let through.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// tantivy query syntax; empty or blank for "everything".
    pub query: String,
    /// `page` and/or record types; empty for all of them.
    pub types: Vec<String>,
    /// Words that must all occur in the authority's name.
    pub authority: Option<String>,
    /// Words that must all occur in the committee's name.
    pub body: Option<String>,
    /// Earliest meeting date (else document date): `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub since: Option<String>,
    /// Latest meeting date (else document date), same forms; `2017` means up to 2017-12-31.
    pub until: Option<String>,
    /// Words that must all occur in a KPI's area (`--area england`).
    pub area: Option<String>,
    /// Only recommendations of this origin (`report`, `inspection`, ...).
    pub origin: Option<String>,
    /// Only attendees of this role (`member`, `apology`, ...).
    pub role: Option<String>,
    pub sort: SortOrder,
    /// Gather the page hits of one document into one hit (the best page, the
    /// next best and how many matched), so a long pack does not fill the list.
    pub group_pages: bool,
    pub limit: usize,
    pub offset: usize,
}

/// The order of scored hits. A query without words always lists by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest meeting (else document) date first; undated hits last.
    Date,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            types: Vec::new(),
            authority: None,
            body: None,
            since: None,
            until: None,
            area: None,
            origin: None,
            role: None,
            sort: SortOrder::Relevance,
            group_pages: true,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with no filters.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Every match, not only those returned.
    pub total: usize,
    /// Best first; in (path, page, line) order when the query is empty.
    pub hits: Vec<Hit>,
}

/// One search result: a page block or a record, with where it came from.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: f32,
    /// `page` or the record's type.
    pub kind: String,
    pub path: String,
    /// 1-based physical page; `None` for text without page breaks.
    pub page: Option<u32>,
    /// The printed page label where it differs from the number.
    pub page_label: Option<String>,
    /// 1-based line where the page block or the record's evidence starts.
    pub line: Option<u32>,
    /// The document the hit sits in; `None` for text outside any document.
    pub doc_kind: Option<DocKind>,
    pub doc_title: Option<String>,
    pub doc_date: Option<String>,
    pub authority: Option<String>,
    pub body: Option<String>,
    pub meeting_date: Option<String>,
    /// The record, for record hits.
    pub record: Option<Record>,
    pub snippet: Snippet,
    /// For a grouped page hit: how many pages of its document matched
    /// (1 for an ungrouped hit).
    pub pages_matched: usize,
    /// For a grouped page hit: the next best pages of the same document, best
    /// first, each with its own snippet.
    pub more_pages: Vec<PageMatch>,
}

/// One more matching page of a grouped page hit.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMatch {
    pub page: Option<u32>,
    pub page_label: Option<String>,
    pub line: Option<u32>,
    pub score: f32,
    pub snippet: Snippet,
}

/// A stretch of matched text, whitespace collapsed, with the matched words
/// marked as byte ranges into `text`. Rendering decides how to show them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text`, sorted, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// Build from a fragment and its highlighted byte ranges, collapsing every
    /// run of whitespace (line breaks included) to one space.
    pub fn new(fragment: &str, highlights: &[Range<usize>]) -> Snippet {
        // new_offset[i] is where byte i of the fragment lands in the output.
        let mut new_offset = vec![0usize; fragment.len() + 1];
        let mut text = String::with_capacity(fragment.len());
        let mut pending_space = false;
        for (i, c) in fragment.char_indices() {
            if c.is_whitespace() {
                pending_space = !text.is_empty();
                for slot in &mut new_offset[i..i + c.len_utf8()] {
                    *slot = text.len();
                }
                continue;
            }
            if pending_space {
                text.push(' ');
                pending_space = false;
            }
            for slot in &mut new_offset[i..i + c.len_utf8()] {
                *slot = text.len();
            }
            text.push(c);
        }
        new_offset[fragment.len()] = text.len();
        let mut ranges: Vec<Range<usize>> = highlights
            .iter()
            .filter(|r| r.start < r.end && r.end <= fragment.len())
            .map(|r| new_offset[r.start]..new_offset[r.end].min(text.len()))
            .filter(|r| r.start < r.end)
            .collect();
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        Snippet {
            text,
            highlights: merged,
        }
    }

    /// The start of `text` without highlights, for hits whose match is not in
    /// their text (a filter-only search, a match on the title).
    pub fn plain(text: &str) -> Snippet {
        let end = text
            .char_indices()
            .nth(SNIPPET_MAX_CHARS)
            .map_or(text.len(), |(i, _)| i);
        Snippet::new(&text[..end], &[])
    }

    /// The text cut into pieces, each marked as highlighted or not.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for r in &self.highlights {
            if r.start > at {
                out.push((&self.text[at..r.start], false));
            }
            out.push((&self.text[r.clone()], true));
            at = r.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }

    /// The highlights as `[start, end)` offsets in characters (Unicode scalar
    /// values), the unit JSON consumers in most languages index strings by.
    pub fn char_highlights(&self) -> Vec<[usize; 2]> {
        let to_chars = |byte: usize| self.text[..byte].chars().count();
        self.highlights
            .iter()
            .map(|r| [to_chars(r.start), to_chars(r.end)])
            .collect()
    }
}

/// What can be wrong with a search.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(
        "unknown field `{field}` in the query{}; fields are {valid}",
        suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default()
    )]
    UnknownField {
        field: String,
        /// The valid field closest to the typo, when one is close.
        suggestion: Option<String>,
        valid: String,
    },
    #[error("cannot parse the query `{query}`: {detail}")]
    Syntax { query: String, detail: String },
    #[error("unknown type `{value}`; expected one of {valid}")]
    UnknownType { value: String, valid: String },
    #[error("unknown record type `{value}`; expected one of {valid}")]
    UnknownRecordType { value: String, valid: String },
    #[error("unknown {what} `{value}`; expected one of {valid}")]
    UnknownValue {
        what: &'static str,
        value: String,
        valid: String,
    },
    #[error("invalid date `{value}` for `{flag}`; expected `YYYY-MM-DD`, `YYYY-MM` or `YYYY`")]
    BadDate { flag: &'static str, value: String },
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// `a`, `b`, `c` as the house style lists choices.
pub fn list_choices<'a>(choices: impl IntoIterator<Item = &'a str>) -> String {
    choices
        .into_iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The kinds of hit a search can be limited to: `page` and the record types.
pub fn hit_types() -> Vec<&'static str> {
    std::iter::once(TYPE_PAGE).chain(RECORD_TYPES).collect()
}

/// Check a `--type` value.
pub fn check_hit_type(value: &str) -> Result<String, QueryError> {
    let types = hit_types();
    if types.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(QueryError::UnknownType {
            value: value.to_string(),
            valid: list_choices(types),
        })
    }
}

/// Check a record type (`export --type`).
pub fn check_record_type(value: &str) -> Result<String, QueryError> {
    if RECORD_TYPES.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(QueryError::UnknownRecordType {
            value: value.to_string(),
            valid: list_choices(RECORD_TYPES),
        })
    }
}

/// Check a `--role` value against the attendance roles of the spec.
pub fn check_role(value: &str) -> Result<String, QueryError> {
    let v = value.trim().to_lowercase();
    if Role::parse(&v).is_some() {
        Ok(v)
    } else {
        Err(QueryError::UnknownValue {
            what: "role",
            value: value.to_string(),
            valid: list_choices(Role::ALL.iter().map(|r| r.as_str())),
        })
    }
}

/// Check an `--origin` value against the recommendation origins of the spec.
pub fn check_origin(value: &str) -> Result<String, QueryError> {
    let v = value.trim().to_lowercase();
    if Origin::parse(&v).is_some() {
        Ok(v)
    } else {
        Err(QueryError::UnknownValue {
            what: "origin",
            value: value.to_string(),
            valid: list_choices(Origin::ALL.iter().map(|o| o.as_str())),
        })
    }
}

/// Edit distance (insertions, deletions, substitutions) between two short
/// strings, for suggesting the field a typo meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate closest to `typo`, when it is close enough to be what was
/// meant: at most a third of the word's letters wrong (at least one).
pub fn closest<'a>(typo: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typo = typo.to_lowercase();
    let allowed = (typo.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&typo, c), *c))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Which end of a date range a bound is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateEnd {
    Since,
    Until,
}

impl DateEnd {
    fn flag(self) -> &'static str {
        match self {
            DateEnd::Since => "--since",
            DateEnd::Until => "--until",
        }
    }
}

/// Parse `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the integer `YYYYMMDD` of the
/// first (`Since`) or last (`Until`) day it covers.
pub fn parse_date_bound(value: &str, end: DateEnd) -> Result<u64, QueryError> {
    let bad = || QueryError::BadDate {
        flag: end.flag(),
        value: value.to_string(),
    };
    let parts: Vec<&str> = value.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Option<u64> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let year = parts.first().and_then(|y| number(y, 4)).ok_or_else(bad)?;
    let month = match parts.get(1) {
        Some(m) => Some(
            number(m, 2)
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(bad)?,
        ),
        None => None,
    };
    let day = match parts.get(2) {
        Some(d) => Some(
            number(d, 2)
                .filter(|d| (1..=31).contains(d))
                .ok_or_else(bad)?,
        ),
        None => None,
    };
    if parts.len() > 3 {
        return Err(bad());
    }
    let (month, day) = match (end, month, day) {
        (_, Some(m), Some(d)) => (m, d),
        (DateEnd::Since, Some(m), None) => (m, 1),
        (DateEnd::Since, None, _) => (1, 1),
        // The last day of a month need not exist: 31 sorts after every real
        // day of the month, which is all a range bound needs.
        (DateEnd::Until, Some(m), None) => (m, 31),
        (DateEnd::Until, None, _) => (12, 31),
    };
    Ok(year * 10_000 + month * 100 + day)
}

/// A filter: restricts the matches, adds nothing to the score.
fn filter(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

/// Every word of `value`, as the field's tokeniser cuts it, must occur.
fn words_filter(
    index: &BoardIndex,
    field: Field,
    value: &str,
) -> Result<Option<Box<dyn Query>>, QueryError> {
    let mut analyzer = index
        .index
        .tokenizer_for_field(field)
        .map_err(|e| IndexError::tantivy(&index.dir, e))?;
    let mut stream = analyzer.token_stream(value);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    while let Some(token) = stream.next() {
        let term = Term::from_field_text(field, &token.text);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if clauses.is_empty() {
        return Ok(None);
    }
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}

fn parse_user_query(
    index: &BoardIndex,
    fields: &BoardSchema,
    default_fields: Vec<Field>,
    query: &str,
) -> Result<Box<dyn Query>, QueryError> {
    let mut parser = QueryParser::for_index(&index.index, default_fields);
    parser.set_conjunction_by_default();
    // A word in a document's title says more about it than one in its text.
    parser.set_field_boost(fields.title, 2.0);
    parser.parse_query(query).map_err(|e| match e {
        QueryParserError::FieldDoesNotExist(field) => {
            let names = fields.query_field_names();
            QueryError::UnknownField {
                suggestion: closest(&field, &names).map(str::to_string),
                field,
                valid: list_choices(names),
            }
        }
        QueryParserError::AllButQueryForbidden => QueryError::Syntax {
            query: query.to_string(),
            detail: "a query cannot only exclude (`-word`); add a word or a filter to search for"
                .to_string(),
        },
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let detail = match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            };
            QueryError::Syntax {
                query: query.to_string(),
                detail,
            }
        }
    })
}

/// The tantivy query for a request, and whether the user's query was empty
/// (then every score is equal and the reader orders hits by place instead).
pub(crate) fn build_query(
    index: &BoardIndex,
    request: &SearchRequest,
) -> Result<(Box<dyn Query>, bool), QueryError> {
    build_query_on(index, request, index.fields.default_query_fields())
}

/// [`build_query`] with the fields that words without `field:` search.
pub(crate) fn build_query_on(
    index: &BoardIndex,
    request: &SearchRequest,
    default_fields: Vec<Field>,
) -> Result<(Box<dyn Query>, bool), QueryError> {
    let fields = &index.fields;
    let match_all = request.query.trim().is_empty();
    let main: Box<dyn Query> = if match_all {
        Box::new(AllQuery)
    } else {
        parse_user_query(index, fields, default_fields, &request.query)?
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, main)];

    // Always restrict to page and record documents: file entries are
    // bookkeeping, never hits.
    let types: Vec<String> = if request.types.is_empty() {
        hit_types().into_iter().map(str::to_string).collect()
    } else {
        request
            .types
            .iter()
            .map(|t| check_hit_type(t))
            .collect::<Result<_, _>>()?
    };
    let type_terms = types
        .iter()
        .map(|t| Term::from_field_text(fields.doc_type, t));
    clauses.push(filter(Box::new(TermSetQuery::new(type_terms))));

    for (field, value, check) in [
        (
            fields.role,
            &request.role,
            check_role as fn(&str) -> Result<String, QueryError>,
        ),
        (fields.origin, &request.origin, check_origin),
    ] {
        if let Some(value) = value {
            let term = Term::from_field_text(field, &check(value)?);
            clauses.push(filter(Box::new(TermQuery::new(
                term,
                IndexRecordOption::Basic,
            ))));
        }
    }

    for (field, value) in [
        (fields.authority, &request.authority),
        (fields.body, &request.body),
        (fields.area, &request.area),
    ] {
        if let Some(value) = value {
            if let Some(q) = words_filter(index, field, value)? {
                clauses.push(filter(q));
            }
        }
    }

    let since = request
        .since
        .as_deref()
        .map(|s| parse_date_bound(s, DateEnd::Since))
        .transpose()?;
    let until = request
        .until
        .as_deref()
        .map(|s| parse_date_bound(s, DateEnd::Until))
        .transpose()?;
    if since.is_some() || until.is_some() {
        let bound = |key: Option<u64>| match key {
            Some(k) => Bound::Included(Term::from_field_u64(fields.date_key, k)),
            None => Bound::Unbounded,
        };
        clauses.push(filter(Box::new(RangeQuery::new(
            bound(since),
            bound(until),
        ))));
    }
    Ok((Box::new(BooleanQuery::new(clauses)), match_all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds() {
        assert_eq!(parse_date_bound("2017", DateEnd::Since).unwrap(), 20170101);
        assert_eq!(parse_date_bound("2017", DateEnd::Until).unwrap(), 20171231);
        assert_eq!(
            parse_date_bound("2017-09", DateEnd::Until).unwrap(),
            20170931
        );
        assert_eq!(
            parse_date_bound("2017-09-14", DateEnd::Since).unwrap(),
            20170914
        );
        for bad in ["17", "2017-9", "2017-13", "2017-09-14-1", "yesterday", ""] {
            let err = parse_date_bound(bad, DateEnd::Since).unwrap_err();
            assert!(err.to_string().contains("--since"), "{bad}: {err}");
        }
    }

    #[test]
    fn snippet_collapses_whitespace_and_keeps_highlights() {
        let fragment = "the  young\ncarers\n\n service";
        let young = fragment.find("young").unwrap();
        let carers = fragment.find("carers").unwrap();
        let s = Snippet::new(fragment, &[young..young + 5, carers..carers + 6]);
        assert_eq!(s.text, "the young carers service");
        assert_eq!(
            s.segments(),
            vec![
                ("the ", false),
                ("young", true),
                (" ", false),
                ("carers", true),
                (" service", false)
            ]
        );
        assert_eq!(s.char_highlights(), vec![[4, 9], [10, 16]]);
    }

    #[test]
    fn snippet_char_offsets_count_characters() {
        let s = Snippet::new("café carers", std::slice::from_ref(&(6..12)));
        assert_eq!(&s.text[s.highlights[0].clone()], "carers");
        assert_eq!(s.char_highlights(), vec![[5, 11]]);
    }

    #[test]
    fn typos_suggest_the_closest_field() {
        let names = ["title", "type", "text", "body", "indicator", "meeting_date"];
        assert_eq!(closest("ttle", &names), Some("title"));
        assert_eq!(closest("indicater", &names), Some("indicator"));
        assert_eq!(closest("Bdy", &names), Some("body"));
        assert_eq!(closest("xyzzy", &names), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn roles_and_origins_are_checked() {
        assert_eq!(check_role("Apology").unwrap(), "apology");
        let err = check_role("chairman").unwrap_err().to_string();
        assert!(
            err.contains("`member`") && err.contains("`absent`"),
            "{err}"
        );
        assert_eq!(check_origin("inspection").unwrap(), "inspection");
        assert!(check_origin("ofsted").is_err());
    }

    #[test]
    fn unknown_type_lists_choices() {
        let err = check_hit_type("kpis").unwrap_err().to_string();
        assert!(err.starts_with("unknown type `kpis`; expected one of `page`, `document`"));
    }
}
