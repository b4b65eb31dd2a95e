//! Reading the index back: searches ([`BoardIndex::search`]), every record in a
//! stable order for export ([`BoardIndex::records`]) and the file entries
//! ([`BoardIndex::files`]). Building the query from a request is
//! `crate::query`'s job; this module runs it and turns tantivy documents back
//! into [`Hit`]s, [`Record`]s and [`FileEntry`]s.

use super::schema::{record_search_text, BoardSchema, TYPE_FILE, TYPE_PAGE};
use super::writer::{BoardIndex, IndexError};
use super::FileEntry;
use crate::query::{build_query, Hit, QueryError, SearchRequest, SearchResults, Snippet};
use crate::record::{DocKind, Record, RECORD_TYPES};
use std::collections::HashSet;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{Query, TermSetQuery};
use tantivy::schema::{Field, Term, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, ReloadPolicy, Searcher, TantivyDocument};

/// Snippet length in characters, before whitespace is collapsed.
const SNIPPET_CHARS: usize = 240;

/// Where a hit sits, for ordering hits that have no score to order by: path,
/// page, line, then page blocks before records, then record id.
type PlaceKey = (String, u64, u64, bool, String);

impl BoardIndex {
    fn searcher(&self) -> Result<Searcher, IndexError> {
        // A fresh reader per call sees the latest commit; searches are
        // one-shot commands, so nothing is gained by keeping one.
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| IndexError::tantivy(&self.dir, e))?;
        Ok(reader.searcher())
    }

    fn tantivy_err(&self, e: tantivy::TantivyError) -> IndexError {
        IndexError::tantivy(&self.dir, e)
    }

    /// Every document of the given `type` values, unordered.
    fn docs_of_types(
        &self,
        searcher: &Searcher,
        types: &[&str],
    ) -> Result<Vec<TantivyDocument>, IndexError> {
        let terms = types
            .iter()
            .map(|t| Term::from_field_text(self.fields.doc_type, t));
        let query = TermSetQuery::new(terms);
        let addresses = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?;
        addresses
            .into_iter()
            .map(|a| searcher.doc(a).map_err(|e| self.tantivy_err(e)))
            .collect()
    }

    fn json_of<'a>(&self, doc: &'a TantivyDocument) -> Option<&'a str> {
        doc.get_first(self.fields.json).and_then(|v| v.as_str())
    }

    /// Every file the index knows, sorted by path.
    pub fn files(&self) -> Result<Vec<FileEntry>, IndexError> {
        let searcher = self.searcher()?;
        let mut files = Vec::new();
        for doc in self.docs_of_types(&searcher, &[TYPE_FILE])? {
            let json = self.json_of(&doc).unwrap_or_default();
            let entry: FileEntry = serde_json::from_str(json).map_err(|e| IndexError::Corrupt {
                dir: self.dir.clone(),
                what: "file entry",
                detail: e.to_string(),
            })?;
            files.push(entry);
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Every record of the given types (all types when `types` is empty),
    /// sorted by path, line and id: the order `export` writes.
    pub fn records(&self, types: &[String]) -> Result<Vec<Record>, IndexError> {
        let types: Vec<&str> = if types.is_empty() {
            RECORD_TYPES.to_vec()
        } else {
            types.iter().map(String::as_str).collect()
        };
        let searcher = self.searcher()?;
        let mut records = Vec::new();
        for doc in self.docs_of_types(&searcher, &types)? {
            records.push(self.record_of(&doc)?);
        }
        records.sort_by(|a, b| {
            (&a.source.path, a.source.line, &a.id).cmp(&(&b.source.path, b.source.line, &b.id))
        });
        Ok(records)
    }

    fn record_of(&self, doc: &TantivyDocument) -> Result<Record, IndexError> {
        let json = self.json_of(doc).unwrap_or_default();
        serde_json::from_str(json).map_err(|e| IndexError::Corrupt {
            dir: self.dir.clone(),
            what: "record",
            detail: e.to_string(),
        })
    }

    /// Run a search. Scored queries come best first; an empty query (filters
    /// only) lists its matches by path, page and line.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, QueryError> {
        let (query, match_all) = build_query(self, request)?;
        let searcher = self.searcher()?;
        let (total, scored) = if match_all {
            self.place_ordered(&searcher, &*query, request)?
        } else {
            let total = searcher
                .search(&*query, &Count)
                .map_err(|e| self.tantivy_err(e))?;
            // tantivy sizes its buffers by offset + limit: keep both within
            // what can match, so `--limit 1000000000` costs nothing.
            let limit = request.limit.min(total);
            let top = if limit == 0 || request.offset >= total {
                Vec::new()
            } else {
                let collector = TopDocs::with_limit(limit).and_offset(request.offset);
                searcher
                    .search(&*query, &collector)
                    .map_err(|e| self.tantivy_err(e))?
            };
            (total, top)
        };
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.text)
            .map_err(|e| self.tantivy_err(e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(scored.len());
        for (score, address) in scored {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            hits.push(self.hit_of(&doc, score, &snippets)?);
        }
        Ok(SearchResults { total, hits })
    }

    /// All matches sorted by where they sit, then cut to the requested window.
    /// Scores are all equal here, so tantivy's order would be the order of
    /// segments on disk, which changes with every merge.
    fn place_ordered(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
    ) -> Result<(usize, Vec<(f32, DocAddress)>), IndexError> {
        let addresses = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?;
        let total = addresses.len();
        let mut keyed = self.place_keys(searcher, addresses)?;
        keyed.sort();
        let window = keyed
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|(_, address)| (1.0, address))
            .collect();
        Ok((total, window))
    }

    fn place_keys(
        &self,
        searcher: &Searcher,
        addresses: HashSet<DocAddress>,
    ) -> Result<Vec<(PlaceKey, DocAddress)>, IndexError> {
        let mut by_segment: Vec<Vec<DocAddress>> =
            vec![Vec::new(); searcher.segment_readers().len()];
        for a in addresses {
            by_segment[a.segment_ord as usize].push(a);
        }
        let err = |e: tantivy::TantivyError| self.tantivy_err(e);
        let mut keyed = Vec::new();
        for (segment_ord, docs) in by_segment.into_iter().enumerate() {
            if docs.is_empty() {
                continue;
            }
            let fast = searcher.segment_reader(segment_ord as u32).fast_fields();
            let path = fast.str("path").map_err(err)?;
            let doc_type = fast.str("type").map_err(err)?;
            let id = fast.str("id").map_err(err)?;
            let page = fast.column_opt::<u64>("page").map_err(err)?;
            let line = fast.column_opt::<u64>("line").map_err(err)?;
            let string_of = |column: &Option<tantivy::columnar::StrColumn>, doc: u32| {
                let mut s = String::new();
                if let Some(c) = column {
                    if let Some(ord) = c.term_ords(doc).next() {
                        // An unreadable dictionary entry sorts as empty; the
                        // order is cosmetic, the hit itself is still read.
                        let _ = c.ord_to_str(ord, &mut s);
                    }
                }
                s
            };
            for a in docs {
                let key = (
                    string_of(&path, a.doc_id),
                    page.as_ref().and_then(|c| c.first(a.doc_id)).unwrap_or(0),
                    line.as_ref().and_then(|c| c.first(a.doc_id)).unwrap_or(0),
                    string_of(&doc_type, a.doc_id) != TYPE_PAGE,
                    string_of(&id, a.doc_id),
                );
                keyed.push((key, a));
            }
        }
        Ok(keyed)
    }

    fn stored_str(&self, doc: &TantivyDocument, field: Field) -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    }

    fn stored_u32(&self, doc: &TantivyDocument, field: Field) -> Option<u32> {
        doc.get_first(field)
            .and_then(|v| v.as_u64())
            .and_then(|n| u32::try_from(n).ok())
    }

    fn hit_of(
        &self,
        doc: &TantivyDocument,
        score: f32,
        snippets: &SnippetGenerator,
    ) -> Result<Hit, IndexError> {
        let f: &BoardSchema = &self.fields;
        let kind = self.stored_str(doc, f.doc_type).unwrap_or_default();
        if kind == TYPE_PAGE {
            let text = self.stored_str(doc, f.text).unwrap_or_default();
            return Ok(Hit {
                score,
                kind,
                path: self.stored_str(doc, f.path).unwrap_or_default(),
                page: self.stored_u32(doc, f.page),
                page_label: self.stored_str(doc, f.page_label),
                line: self.stored_u32(doc, f.line),
                doc_kind: self
                    .stored_str(doc, f.kind)
                    .and_then(|k| DocKind::parse(&k)),
                doc_title: self.stored_str(doc, f.title),
                doc_date: self.stored_str(doc, f.date),
                authority: self.stored_str(doc, f.authority),
                body: self.stored_str(doc, f.body),
                meeting_date: self.stored_str(doc, f.meeting_date),
                record: None,
                snippet: snippet_of(snippets, &[&text]),
            });
        }
        let record = self.record_of(doc)?;
        // The evidence first: it is what the reader wants to see. The fields
        // only when the match is in them (a name, an indicator).
        let snippet = snippet_of(snippets, &[&record.text, &record_search_text(&record)]);
        Ok(Hit {
            score,
            kind,
            path: record.source.path.clone(),
            page: record.source.page,
            page_label: record.source.page_label.clone(),
            line: record.source.line,
            doc_kind: Some(record.doc.kind),
            doc_title: record.doc.title.clone(),
            doc_date: record.doc.date.clone(),
            authority: record.authority.clone(),
            body: record.body.clone(),
            meeting_date: record.meeting_date.clone(),
            snippet,
            record: Some(record),
        })
    }
}

/// The first of `texts` with a highlighted match, else the start of the first.
fn snippet_of(generator: &SnippetGenerator, texts: &[&str]) -> Snippet {
    for text in texts {
        let s = generator.snippet(text);
        if s.highlighted().is_empty() {
            continue;
        }
        // tantivy's fragment runs from the first to the last token it keeps,
        // dropping a short text's closing punctuation; a text that fits is
        // shown whole.
        if text.chars().count() <= SNIPPET_CHARS {
            if let Some(offset) = text.find(s.fragment()) {
                let shifted: Vec<_> = s
                    .highlighted()
                    .iter()
                    .map(|r| r.start + offset..r.end + offset)
                    .collect();
                return Snippet::new(text, &shifted);
            }
        }
        return Snippet::new(s.fragment(), s.highlighted());
    }
    Snippet::plain(texts.first().copied().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use crate::index::writer::fixtures::{self, PACK, UPDATE};
    use crate::index::BoardIndex;
    use crate::query::{QueryError, SearchRequest, SearchResults};
    use crate::record::{DocKind, Record};

    fn index() -> (tempfile::TempDir, BoardIndex) {
        let dir = tempfile::tempdir().unwrap();
        let index = BoardIndex::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer.replace_file(&fixtures::pack()).unwrap();
        writer.replace_file(&fixtures::update()).unwrap();
        writer.replace_file(&fixtures::failed("bad.pdf")).unwrap();
        writer.commit().unwrap();
        (dir, index)
    }

    fn search(index: &BoardIndex, request: SearchRequest) -> SearchResults {
        index.search(&request).unwrap()
    }

    fn kinds(results: &SearchResults) -> Vec<&str> {
        results.hits.iter().map(|h| h.kind.as_str()).collect()
    }

    fn with_types(query: &str, types: &[&str]) -> SearchRequest {
        SearchRequest {
            types: types.iter().map(|t| t.to_string()).collect(),
            ..SearchRequest::new(query)
        }
    }

    #[test]
    fn phrase_finds_pages_and_records() {
        let (_dir, index) = index();
        let r = search(&index, SearchRequest::new("\"young carers\""));
        let mut found = kinds(&r);
        found.sort();
        // The minutes' page, the resolution, and the other council's text.
        assert_eq!(found, vec!["page", "page", "resolution"]);
        assert_eq!(r.total, 3);
        // A phrase is a phrase: the words apart do not match.
        let none = search(&index, SearchRequest::new("\"carers young\""));
        assert_eq!(none.total, 0);
    }

    #[test]
    fn stemming_and_case_fold_words() {
        let (_dir, index) = index();
        let r = search(&index, with_types("CARER", &["resolution"]));
        assert_eq!(kinds(&r), vec!["resolution"]);
    }

    #[test]
    fn words_are_and_ed() {
        let (_dir, index) = index();
        let r = search(&index, SearchRequest::new("carers vacancy"));
        assert_eq!(r.total, 0);
        let r = search(&index, SearchRequest::new("carers OR vacancy"));
        assert!(r.total > 4);
    }

    #[test]
    fn field_queries() {
        let (_dir, index) = index();
        let r = search(&index, SearchRequest::new("name:mutton"));
        assert_eq!(kinds(&r), vec!["attendee"]);
        let r = search(&index, SearchRequest::new("type:attendee AND chair:true"));
        assert_eq!(r.total, 1);
        let r = search(&index, SearchRequest::new("indicator:\"vacancy rate\""));
        assert_eq!(kinds(&r), vec!["kpi"]);
        let r = search(&index, SearchRequest::new("value:[9 TO 10]"));
        assert_eq!(kinds(&r), vec!["kpi"]);
        let r = search(&index, SearchRequest::new("item_title:ofsted"));
        assert_eq!(kinds(&r), vec!["resolution"]);
        let r = search(&index, SearchRequest::new("rule:test.rule AND mutton"));
        assert_eq!(kinds(&r), vec!["attendee"]);
        let r = search(&index, SearchRequest::new("kind:briefing_note"));
        assert_eq!(r.total, 2, "{:?}", kinds(&r));
        let r = search(&index, SearchRequest::new("meeting_date:2019-10-23"));
        assert_eq!(r.total, 2, "{:?}", kinds(&r));
        let r = search(
            &index,
            SearchRequest::new("body:scrutiny AND body:committee"),
        );
        assert!(r.hits.iter().all(|h| h.path == UPDATE));
        let r = search(
            &index,
            SearchRequest::new(format!("path:\"{PACK}\" AND mutton")),
        );
        assert!(r.total >= 2);
    }

    #[test]
    fn type_filter() {
        let (_dir, index) = index();
        let r = search(&index, with_types("carers", &["page"]));
        assert_eq!(kinds(&r), vec!["page", "page"]);
        let r = search(
            &index,
            with_types("carers OR vacancy", &["resolution", "kpi"]),
        );
        assert_eq!(kinds(&r).len(), 2);
        assert!(r.hits.iter().all(|h| h.kind != "page"));
    }

    #[test]
    fn unknown_type_is_an_error() {
        let (_dir, index) = index();
        let err = index.search(&with_types("x", &["kpis"])).unwrap_err();
        assert!(matches!(err, QueryError::UnknownType { .. }));
    }

    #[test]
    fn file_entries_are_never_hits() {
        let (_dir, index) = index();
        let r = search(&index, SearchRequest::new(""));
        assert!(r.hits.iter().all(|h| h.kind != "file"));
        assert!(search(&index, SearchRequest::new("path:bad.pdf"))
            .hits
            .is_empty());
    }

    #[test]
    fn date_filters_use_the_meeting_date() {
        let (_dir, index) = index();
        let since = |s: &str| SearchRequest {
            since: Some(s.into()),
            ..with_types("", &["kpi"])
        };
        // The 2017 KPI's document is dated 2017-09-01 but its meeting is 2017-09-14.
        assert_eq!(search(&index, since("2017-09-14")).total, 2);
        assert_eq!(search(&index, since("2017-09-15")).total, 1);
        let until = SearchRequest {
            until: Some("2017".into()),
            ..with_types("", &["kpi"])
        };
        let r = search(&index, until);
        assert_eq!(r.total, 1);
        assert_eq!(r.hits[0].path, PACK);
        let window = SearchRequest {
            since: Some("2017-06".into()),
            until: Some("2017-06".into()),
            ..SearchRequest::new("")
        };
        let r = search(&index, window);
        assert!(r.total > 0);
        assert!(r
            .hits
            .iter()
            .all(|h| h.meeting_date.as_deref() == Some("2017-06-29")));
    }

    #[test]
    fn bad_dates_are_errors() {
        let (_dir, index) = index();
        let request = SearchRequest {
            since: Some("last week".into()),
            ..SearchRequest::new("x")
        };
        let err = index.search(&request).unwrap_err().to_string();
        assert!(
            err.starts_with("invalid date `last week` for `--since`"),
            "{err}"
        );
    }

    #[test]
    fn body_and_authority_filters_match_words() {
        let (_dir, index) = index();
        let body = |b: &str| SearchRequest {
            body: Some(b.into()),
            ..SearchRequest::new("carers")
        };
        let r = search(&index, body("scrutiny board"));
        assert!(r.total >= 2);
        assert!(r.hits.iter().all(|h| h.path == PACK));
        let r = search(&index, body("Young People's"));
        assert!(r.hits.iter().all(|h| h.path == UPDATE));
        assert!(r.total >= 1);
        assert_eq!(search(&index, body("cabinet")).total, 0);
        let authority = SearchRequest {
            authority: Some("west sussex".into()),
            ..SearchRequest::new("")
        };
        let r = search(&index, authority);
        assert!(r.total >= 2);
        assert!(r.hits.iter().all(|h| h.path == UPDATE));
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let (_dir, index) = index();
        let r = search(&index, with_types("\"young carers\"", &["resolution"]));
        let snippet = &r.hits[0].snippet;
        assert_eq!(
            snippet.text,
            "that the concerns about support for young carers be passed on."
        );
        let marked: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|h| &snippet.text[h.clone()])
            .collect();
        assert_eq!(marked, vec!["young", "carers"]);
        // Page text snippets have their line breaks collapsed.
        let r = search(&index, with_types("mutton", &["page"]));
        assert!(!r.hits[0].snippet.text.contains('\n'));
        assert!(!r.hits[0].snippet.highlights.is_empty());
    }

    #[test]
    fn a_match_in_a_field_highlights_the_field() {
        let (_dir, index) = index();
        let r = search(&index, with_types("Ofsted", &["resolution"]));
        let s = &r.hits[0].snippet;
        assert_eq!(&s.text[s.highlights[0].clone()], "Ofsted");
    }

    #[test]
    fn page_hits_carry_their_document() {
        let (_dir, index) = index();
        let r = search(&index, with_types("vacancy", &["page"]));
        assert_eq!(r.total, 1);
        let hit = &r.hits[0];
        assert_eq!(hit.page, Some(3));
        assert_eq!(hit.line, Some(11));
        assert_eq!(hit.doc_kind, Some(DocKind::BriefingNote));
        assert_eq!(hit.doc_title.as_deref(), Some("Social Work Workforce"));
        assert_eq!(hit.meeting_date.as_deref(), Some("2017-09-14"));
        let r = search(&index, with_types("agenda", &["page"]));
        assert_eq!(r.hits[0].page_label.as_deref(), Some("i"));
        let r = search(&index, with_types("agency", &["page"]));
        assert_eq!(r.hits[0].page, None, "unpaged text has no page");
        assert_eq!(r.hits[0].line, Some(1));
    }

    #[test]
    fn unknown_field_lists_the_valid_ones() {
        let (_dir, index) = index();
        let err = index.search(&SearchRequest::new("bdy:carers")).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, QueryError::UnknownField { .. }));
        assert!(
            text.starts_with("unknown field `bdy` in the query; expected one of `type`, `path`")
        );
        assert!(text.contains("`body`") && text.contains("`indicator`"));
        assert!(!text.contains("`json`"));
    }

    #[test]
    fn syntax_errors_are_errors() {
        let (_dir, index) = index();
        let err = index.search(&SearchRequest::new("-carers")).unwrap_err();
        assert!(matches!(err, QueryError::Syntax { .. }), "{err}");
    }

    #[test]
    fn empty_query_lists_in_place_order_with_offset() {
        let (_dir, index) = index();
        let all = search(
            &index,
            SearchRequest {
                limit: 100,
                ..with_types("", &["attendee", "resolution", "kpi"])
            },
        );
        let ids: Vec<String> = all
            .hits
            .iter()
            .map(|h| h.record.as_ref().unwrap().id.clone())
            .collect();
        assert_eq!(
            ids,
            vec![
                format!("{PACK}:attendee:1"),
                format!("{PACK}:attendee:2"),
                format!("{PACK}:resolution:1"),
                format!("{PACK}:kpi:1"),
                format!("{UPDATE}:kpi:1"),
            ]
        );
        let window = search(
            &index,
            SearchRequest {
                limit: 2,
                offset: 1,
                ..with_types("", &["attendee", "resolution", "kpi"])
            },
        );
        assert_eq!(window.total, 5);
        let window_ids: Vec<&str> = window
            .hits
            .iter()
            .map(|h| h.record.as_ref().unwrap().id.as_str())
            .collect();
        assert_eq!(window_ids, vec![ids[1].as_str(), ids[2].as_str()]);
    }

    #[test]
    fn limit_and_offset_page_through_scored_hits() {
        let (_dir, index) = index();
        let all = search(&index, SearchRequest::new("carers"));
        let second = search(
            &index,
            SearchRequest {
                limit: 1,
                offset: 1,
                ..SearchRequest::new("carers")
            },
        );
        assert_eq!(second.total, all.total);
        assert_eq!(second.hits.len(), 1);
        assert_eq!(second.hits[0].snippet, all.hits[1].snippet);
        let none = search(
            &index,
            SearchRequest {
                limit: 0,
                ..SearchRequest::new("carers")
            },
        );
        assert!(none.hits.is_empty());
        assert_eq!(none.total, all.total);
        let huge = search(
            &index,
            SearchRequest {
                limit: usize::MAX,
                offset: usize::MAX - 1,
                ..SearchRequest::new("carers")
            },
        );
        assert!(huge.hits.is_empty());
        let huge = search(
            &index,
            SearchRequest {
                limit: usize::MAX,
                ..SearchRequest::new("carers")
            },
        );
        assert_eq!(huge.hits.len(), all.total);
    }

    #[test]
    fn records_come_back_exactly_and_in_order() {
        let (_dir, index) = index();
        let records = index.records(&[]).unwrap();
        let mut expected: Vec<Record> = fixtures::pack()
            .records
            .into_iter()
            .chain(fixtures::update().records)
            .collect();
        assert_eq!(records, expected);
        expected.retain(|r| r.type_name() == "kpi");
        assert_eq!(index.records(&["kpi".to_string()]).unwrap(), expected);
        // JSON Lines round trip, as `export` writes them.
        for r in &records {
            let back: Record = serde_json::from_str(&r.to_json_line()).unwrap();
            assert_eq!(&back, r);
        }
    }

    #[test]
    fn record_hits_carry_the_record() {
        let (_dir, index) = index();
        let r = search(&index, with_types("mutton", &["attendee"]));
        let hit = &r.hits[0];
        assert_eq!(hit.record.as_ref(), Some(&fixtures::pack().records[0]));
        assert_eq!(hit.path, PACK);
        assert_eq!(hit.page, Some(2));
        assert!(hit.score > 0.0);
    }
}
