//! Reading the index back: searches ([`BoardIndex::search`]), every record in a
//! stable order for export ([`BoardIndex::records`]) and the file entries
//! ([`BoardIndex::files`]). Building the query from a request is
//! `crate::query`'s job; this module runs it and turns tantivy documents back
//! into [`Hit`]s, [`Record`]s and [`FileEntry`]s.

use super::schema::{record_search_text, BoardSchema, TYPE_FILE, TYPE_PAGE};
use super::writer::{BoardIndex, IndexError};
use super::FileEntry;
use crate::query::{
    build_query, build_query_on, Hit, PageMatch, QueryError, SearchRequest, SearchResults, Snippet,
    SortOrder,
};
use crate::record::{DocKind, Record, RECORD_TYPES};
use std::collections::HashSet;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, ReloadPolicy, Score, Searcher, SegmentReader, TantivyDocument};

/// Snippet length in characters, before whitespace is collapsed.
const SNIPPET_CHARS: usize = 240;

/// Most lines `record_with_context` marks as a record's evidence.
const MAX_EVIDENCE_LINES: u32 = 30;

/// A record with where it came from, as `show` prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordInContext {
    pub record: Record,
    /// The `document` record of the document the record was found in; `None`
    /// for a document record itself or when it cannot be told.
    pub document: Option<Record>,
    /// Stored text around the evidence, in line order.
    pub context: Vec<ContextLine>,
}

/// One line of stored page text.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextLine {
    /// 1-based line in the file's extracted text.
    pub line: u32,
    pub page: Option<u32>,
    pub page_label: Option<String>,
    pub text: String,
    /// True for the lines of the record's evidence.
    pub evidence: bool,
}

/// Largest window ranked in the same pass as the count; a deeper page of
/// results ranks again with its own window.
const MAX_FIRST_WINDOW: usize = 10_000;

/// How many matches to rank to fill `wanted` hits: grouping merges pages,
/// so some slack saves a second pass in the common case.
fn initial_window(request: &SearchRequest, wanted: usize) -> usize {
    if request.group_pages {
        wanted.saturating_mul(2).saturating_add(8)
    } else {
        wanted
    }
}

/// Pages shown under a grouped page hit besides its best one.
const MORE_PAGES: usize = 2;

/// The document a page hit belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct GroupKey {
    path: String,
    kind: Option<String>,
    date: Option<String>,
    title: Option<String>,
}

/// One hit in the making: a record, or a document's best page and the other
/// matching pages of that document seen so far.
struct Group {
    key: Option<GroupKey>,
    best: (f32, TantivyDocument),
    more: Vec<(f32, TantivyDocument)>,
}

/// Where a hit sits, for ordering hits that have no score to order by: path,
/// page, line, then page blocks before records, then record id.
type PlaceKey = (String, u64, u64, bool, String);

impl BoardIndex {
    /// A searcher on the latest commit. The reader is opened once per
    /// [`BoardIndex`] and reloaded only when a commit happened since the last
    /// search: opening segment readers costs more than a small query does.
    pub(crate) fn searcher(&self) -> Result<Searcher, IndexError> {
        use std::sync::atomic::Ordering;
        let reader = match self.reader.get() {
            Some(reader) => reader,
            None => {
                let reader = self
                    .index
                    .reader_builder()
                    .reload_policy(ReloadPolicy::Manual)
                    .try_into()
                    .map_err(|e| IndexError::tantivy(&self.dir, e))?;
                self.reader.get_or_init(|| reader)
            }
        };
        let opstamp = self
            .index
            .load_metas()
            .map_err(|e| self.tantivy_err(e))?
            .opstamp;
        if self.reader_opstamp.swap(opstamp, Ordering::AcqRel) != opstamp {
            reader.reload().map_err(|e| self.tantivy_err(e))?;
        }
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

    /// Every record matching `request` (its query, type and filters; limit and
    /// offset ignored), words without `field:` searching `default_fields`,
    /// in export order. For commands that tabulate records rather than rank
    /// them (`kpi`, `people`).
    pub fn matching_records(
        &self,
        request: &SearchRequest,
        default_fields: &[&str],
    ) -> Result<Vec<Record>, QueryError> {
        let mut fields = Vec::with_capacity(default_fields.len());
        for name in default_fields {
            let field = self
                .index
                .schema()
                .get_field(name)
                .map_err(|e| self.tantivy_err(e))?;
            fields.push(field);
        }
        let (query, _) = build_query_on(self, request, fields)?;
        let searcher = self.searcher()?;
        let addresses = searcher
            .search(&*query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?;
        let mut records = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            if self.stored_str(&doc, self.fields.doc_type).as_deref() != Some(TYPE_PAGE) {
                records.push(self.record_of(&doc)?);
            }
        }
        records.sort_by(|a, b| {
            (&a.source.path, a.source.line, &a.id).cmp(&(&b.source.path, b.source.line, &b.id))
        });
        Ok(records)
    }

    /// How many documents of each `type` (`page`, `file`, record types) the
    /// index holds.
    pub fn count_by_type(&self) -> Result<Vec<(&'static str, usize)>, IndexError> {
        let searcher = self.searcher()?;
        let mut out = Vec::new();
        for t in std::iter::once(TYPE_PAGE)
            .chain(RECORD_TYPES)
            .chain(std::iter::once(TYPE_FILE))
        {
            let query = TermQuery::new(
                Term::from_field_text(self.fields.doc_type, t),
                IndexRecordOption::Basic,
            );
            let n = searcher
                .search(&query, &Count)
                .map_err(|e| self.tantivy_err(e))?;
            out.push((t, n));
        }
        Ok(out)
    }

    /// The record with this id, exactly as extracted; `None` when the index
    /// has no such record.
    pub fn record_by_id(&self, id: &str) -> Result<Option<Record>, IndexError> {
        let searcher = self.searcher()?;
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&query, &TopDocs::with_limit(1))
            .map_err(|e| self.tantivy_err(e))?;
        match top.first() {
            Some((_, address)) => {
                let doc: TantivyDocument =
                    searcher.doc(*address).map_err(|e| self.tantivy_err(e))?;
                Ok(Some(self.record_of(&doc)?))
            }
            None => Ok(None),
        }
    }

    /// The record with this id together with its provenance: the `document`
    /// record of the document it sits in and `around` lines of stored page
    /// text either side of its evidence. `None` when there is no such record.
    pub fn record_with_context(
        &self,
        id: &str,
        around: usize,
    ) -> Result<Option<RecordInContext>, IndexError> {
        let Some(record) = self.record_by_id(id)? else {
            return Ok(None);
        };
        let searcher = self.searcher()?;
        let path_term = Term::from_field_text(self.fields.path, &record.source.path);
        let of_file = |t: &str| {
            BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(path_term.clone(), IndexRecordOption::Basic))
                        as Box<dyn Query>,
                ),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.doc_type, t),
                        IndexRecordOption::Basic,
                    )),
                ),
            ])
        };
        let read_all = |q: &BooleanQuery| -> Result<Vec<TantivyDocument>, IndexError> {
            let addresses = searcher
                .search(q, &DocSetCollector)
                .map_err(|e| self.tantivy_err(e))?;
            addresses
                .into_iter()
                .map(|a| searcher.doc(a).map_err(|e| self.tantivy_err(e)))
                .collect()
        };

        // The document: the last `document` record of the file starting at or
        // before the evidence, of the same kind.
        let document = if record.type_name() == "document" {
            None
        } else {
            let mut best: Option<Record> = None;
            for doc in read_all(&of_file("document"))? {
                let d = self.record_of(&doc)?;
                let starts_before = match (d.source.line, record.source.line) {
                    (Some(a), Some(b)) => a <= b,
                    _ => true,
                };
                if d.doc.kind != record.doc.kind || !starts_before {
                    continue;
                }
                if best.as_ref().is_none_or(|b| b.source.line < d.source.line) {
                    best = Some(d);
                }
            }
            best
        };

        let mut context = Vec::new();
        if let Some(first) = record.source.line {
            // Every stored line of the file by its number: page blocks hold
            // consecutive lines starting at their `line`.
            let mut lines: std::collections::BTreeMap<u32, ContextLine> =
                std::collections::BTreeMap::new();
            for block in read_all(&of_file(TYPE_PAGE))? {
                let start = self.stored_u32(&block, self.fields.line).unwrap_or(1);
                let page = self.stored_u32(&block, self.fields.page);
                let label = self.stored_str(&block, self.fields.page_label);
                let text = self
                    .stored_str(&block, self.fields.text)
                    .unwrap_or_default();
                for (i, line) in text.lines().enumerate() {
                    let number = start + i as u32;
                    lines.insert(
                        number,
                        ContextLine {
                            line: number,
                            page,
                            page_label: label.clone(),
                            text: line.to_string(),
                            evidence: false,
                        },
                    );
                }
            }
            // The evidence runs from its first line until the lines hold as
            // many letters as the evidence text does.
            let wanted: usize = record.text.chars().filter(|c| !c.is_whitespace()).count();
            let mut seen = 0;
            let mut last = first;
            for (number, line) in lines.range_mut(first..) {
                if seen >= wanted.max(1) || *number >= first + MAX_EVIDENCE_LINES {
                    break;
                }
                seen += line.text.chars().filter(|c| !c.is_whitespace()).count();
                line.evidence = true;
                last = *number;
            }
            let from = first.saturating_sub(around as u32);
            let to = last.saturating_add(around as u32);
            context = lines.range(from..=to).map(|(_, l)| l.clone()).collect();
        }
        Ok(Some(RecordInContext {
            record,
            document,
            context,
        }))
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

    /// Run a search. Scored queries come best first (or newest first with
    /// [`SortOrder::Date`]), page hits of one document gathered into one hit
    /// when [`SearchRequest::group_pages`] is set; an empty query (filters
    /// only) lists its matches by path, page and line, ungrouped.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, QueryError> {
        let (query, match_all) = build_query(self, request)?;
        let searcher = self.searcher()?;
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.text)
            .map_err(|e| self.tantivy_err(e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        if match_all {
            let (total, window) = self.place_ordered(&searcher, &*query, request)?;
            let mut hits = Vec::with_capacity(window.len());
            for (score, address) in window {
                let doc: TantivyDocument =
                    searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
                hits.push(self.hit_of(&doc, score, &snippets)?);
            }
            return Ok(SearchResults { total, hits });
        }
        // One pass over the matches counts them and ranks the first window:
        // counting and ranking separately would walk every posting twice.
        let wanted = request.offset.saturating_add(request.limit);
        let window = initial_window(request, wanted).clamp(1, MAX_FIRST_WINDOW);
        let (total, first) = match request.sort {
            SortOrder::Relevance => {
                let (total, top) = searcher
                    .search(&*query, &(Count, TopDocs::with_limit(window)))
                    .map_err(|e| self.tantivy_err(e))?;
                (total, Some(top))
            }
            SortOrder::Date => {
                let total = searcher
                    .search(&*query, &Count)
                    .map_err(|e| self.tantivy_err(e))?;
                (total, None)
            }
        };
        let wanted = wanted.min(total);
        if wanted == 0 || request.offset >= total {
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let groups = self.ranked_groups(&searcher, &*query, request, total, wanted, first)?;
        let mut hits = Vec::new();
        for group in groups.into_iter().skip(request.offset) {
            hits.push(self.group_hit(&searcher, &*query, request, group, &snippets)?);
        }
        Ok(SearchResults { total, hits })
    }

    /// The best `n` matches in the request's order, with their scores.
    fn ranked(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        sort: SortOrder,
        n: usize,
    ) -> Result<Vec<(f32, DocAddress)>, IndexError> {
        let err = |e| self.tantivy_err(e);
        match sort {
            SortOrder::Relevance => searcher.search(query, &TopDocs::with_limit(n)).map_err(err),
            SortOrder::Date => {
                // Newest first, then best first: the date key is a fast field,
                // so this costs no more than a scored search.
                let collector = TopDocs::with_limit(n).tweak_score(|segment: &SegmentReader| {
                    let dates = segment
                        .fast_fields()
                        .u64("date_key")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: DocId, score: Score| {
                        (dates.as_ref().map_or(0, |c| c.get_val(doc)), score)
                    }
                });
                let top = searcher.search(query, &collector).map_err(err)?;
                Ok(top.into_iter().map(|((_, s), a)| (s, a)).collect())
            }
        }
    }

    /// The first `wanted` hits, page matches of one document gathered under
    /// its best page. Grouping can merge many matches into one hit, so the
    /// window of matches read grows until it yields enough hits or holds
    /// every match.
    fn ranked_groups(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
        total: usize,
        wanted: usize,
        mut first: Option<Vec<(f32, DocAddress)>>,
    ) -> Result<Vec<Group>, IndexError> {
        let mut window = initial_window(request, wanted).min(total);
        loop {
            let ranked = match first.take() {
                // The first pass may have ranked fewer than the window when
                // the window was capped; only a full one can be reused.
                Some(top) if top.len() >= window => top,
                _ => self.ranked(searcher, query, request.sort, window)?,
            };
            let mut groups: Vec<Group> = Vec::new();
            let mut by_key: std::collections::HashMap<GroupKey, usize> =
                std::collections::HashMap::new();
            for (score, address) in ranked {
                let doc: TantivyDocument =
                    searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
                let key = if request.group_pages {
                    self.group_key(&doc)
                } else {
                    None
                };
                match key.as_ref().and_then(|k| by_key.get(k)) {
                    Some(&at) => groups[at].more.push((score, doc)),
                    None => {
                        if groups.len() == wanted {
                            // Only pages joining a group already listed are
                            // still of use; keep reading for them.
                            continue;
                        }
                        if let Some(k) = key {
                            by_key.insert(k.clone(), groups.len());
                            groups.push(Group {
                                key: Some(k),
                                best: (score, doc),
                                more: Vec::new(),
                            });
                        } else {
                            groups.push(Group {
                                key: None,
                                best: (score, doc),
                                more: Vec::new(),
                            });
                        }
                    }
                }
            }
            if groups.len() >= wanted || window >= total {
                return Ok(groups);
            }
            window = window.saturating_mul(4).min(total);
        }
    }

    /// What page hits are grouped by: the file and the document inside it.
    /// Records are never grouped.
    fn group_key(&self, doc: &TantivyDocument) -> Option<GroupKey> {
        let f = &self.fields;
        if self.stored_str(doc, f.doc_type).as_deref() != Some(TYPE_PAGE) {
            return None;
        }
        Some(GroupKey {
            path: self.stored_str(doc, f.path).unwrap_or_default(),
            kind: self.stored_str(doc, f.kind),
            date: self.stored_str(doc, f.date),
            title: self.stored_str(doc, f.title),
        })
    }

    /// A group as a hit: its best page with its snippet, how many pages of its
    /// document matched and the next best of them. The count is exact: it
    /// re-runs the query on the file's pages alone, not only on the window.
    fn group_hit(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
        group: Group,
        snippets: &SnippetGenerator,
    ) -> Result<Hit, IndexError> {
        let (score, doc) = &group.best;
        let mut hit = self.hit_of(doc, *score, snippets)?;
        let Some(key) = &group.key else {
            return Ok(hit);
        };
        let in_file: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, query.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.path, &key.path),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doc_type, TYPE_PAGE),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        let in_file = BooleanQuery::new(in_file);
        let count = searcher
            .search(&in_file, &Count)
            .map_err(|e| self.tantivy_err(e))?;
        let mut pages: Vec<(f32, TantivyDocument)> = if count > 1 + group.more.len() {
            let ranked = self.ranked(searcher, &in_file, request.sort, count)?;
            let mut pages = Vec::with_capacity(ranked.len());
            for (score, address) in ranked {
                let doc: TantivyDocument =
                    searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
                if self.group_key(&doc).as_ref() == Some(key) {
                    pages.push((score, doc));
                }
            }
            // The best page is already the hit.
            pages.retain(|(_, d)| {
                self.stored_u32(d, self.fields.line) != self.stored_u32(doc, self.fields.line)
            });
            pages
        } else {
            group.more
        };
        hit.pages_matched = 1 + pages.len();
        pages.truncate(MORE_PAGES);
        for (score, page) in pages {
            let text = self.stored_str(&page, self.fields.text).unwrap_or_default();
            hit.more_pages.push(PageMatch {
                page: self.stored_u32(&page, self.fields.page),
                page_label: self.stored_str(&page, self.fields.page_label),
                line: self.stored_u32(&page, self.fields.line),
                score,
                snippet: snippet_of(snippets, &[&text]),
            });
        }
        Ok(hit)
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
                pages_matched: 1,
                more_pages: Vec::new(),
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
            pages_matched: 1,
            more_pages: Vec::new(),
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
        assert!(text.starts_with(
            "unknown field `bdy` in the query (did you mean `body`?); fields are `type`, `path`"
        ));
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
