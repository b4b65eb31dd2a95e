//! Opening the index directory and writing to it: [`BoardIndex`] (an opened
//! index, for reading or writing), [`BoardWriter`] (the one tantivy writer,
//! which replaces a file's pages, records and entry as a unit) and
//! [`IndexError`], the index layer's typed error. Searching lives in
//! `reader.rs` and `crate::query`.

use super::schema::{
    date_key_of, record_search_text, register_tokenizers, BoardSchema, TYPE_FILE, TYPE_PAGE,
    UNPAGED_BLOCK_LINES,
};
use super::{FileBatch, FileEntry};
use crate::record::{Fields, Record};
use crate::segment::Document;
use std::path::{Path, PathBuf};
use tantivy::directory::error::LockError;
use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError};

/// Memory the writer may buffer before it flushes a segment. Board papers are
/// small; 64 MB keeps memory flat on a laptop and segments few.
const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;

/// What can go wrong opening, reading or writing the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at `{}`; run `boardpapers ingest` first", dir.display())]
    NotFound { dir: PathBuf },
    #[error("cannot create the index directory `{}`: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "another ingest is running on the index at `{}` (its writer lock is held); \
         wait for it to finish and try again",
        dir.display()
    )]
    Locked { dir: PathBuf },
    #[error(
        "the index at `{}` was built by a different version of boardpapers; \
         delete it and run `boardpapers ingest` again",
        dir.display()
    )]
    Incompatible { dir: PathBuf },
    #[error("the index at `{}` holds an unreadable {what}: {detail}", dir.display())]
    Corrupt {
        dir: PathBuf,
        what: &'static str,
        detail: String,
    },
    #[error("index at `{}`: {source}", dir.display())]
    Tantivy { dir: PathBuf, source: TantivyError },
}

impl IndexError {
    pub(crate) fn tantivy(dir: &Path, source: TantivyError) -> IndexError {
        match source {
            TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
                dir: dir.to_path_buf(),
            },
            source => IndexError::Tantivy {
                dir: dir.to_path_buf(),
                source,
            },
        }
    }
}

/// An opened index directory.
pub struct BoardIndex {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) fields: BoardSchema,
    /// One reader for every search of this handle (see `reader.rs`).
    pub(crate) reader: std::sync::OnceLock<tantivy::IndexReader>,
    /// The commit the reader last loaded; `u64::MAX` before the first search.
    pub(crate) reader_opstamp: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for BoardIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BoardIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

fn has_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

impl BoardIndex {
    /// Open the index in `dir`, creating the directory and an empty index when
    /// there is none yet.
    pub fn create_or_open(dir: &Path) -> Result<BoardIndex, IndexError> {
        if has_index(dir) {
            return BoardIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| IndexError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        })?;
        let fields = BoardSchema::build();
        let index = Index::create_in_dir(dir, fields.schema.clone())
            .map_err(|e| IndexError::tantivy(dir, e))?;
        register_tokenizers(&index);
        Ok(BoardIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader: std::sync::OnceLock::new(),
            reader_opstamp: std::sync::atomic::AtomicU64::new(u64::MAX),
        })
    }

    /// Open an existing index. Opening takes no lock: searches may run while an
    /// ingest writes, and see the last commit.
    pub fn open(dir: &Path) -> Result<BoardIndex, IndexError> {
        if !has_index(dir) {
            return Err(IndexError::NotFound {
                dir: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| IndexError::tantivy(dir, e))?;
        let fields = BoardSchema::build();
        if index.schema() != fields.schema {
            return Err(IndexError::Incompatible {
                dir: dir.to_path_buf(),
            });
        }
        register_tokenizers(&index);
        Ok(BoardIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader: std::sync::OnceLock::new(),
            reader_opstamp: std::sync::atomic::AtomicU64::new(u64::MAX),
        })
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The field handles.
    pub fn schema(&self) -> &BoardSchema {
        &self.fields
    }

    /// The index's one writer. Fails with [`IndexError::Locked`] while another
    /// process holds it.
    pub fn writer(&self) -> Result<BoardWriter, IndexError> {
        // One indexing thread: extraction is the slow part and runs in
        // parallel upstream; a single thread keeps memory predictable.
        let writer = self
            .index
            .writer_with_num_threads(1, WRITER_MEMORY_BYTES)
            .map_err(|e| IndexError::tantivy(&self.dir, e))?;
        Ok(BoardWriter {
            dir: self.dir.clone(),
            fields: self.fields.clone(),
            writer,
        })
    }
}

/// Adds, replaces and removes files. Nothing is visible to readers before
/// [`BoardWriter::commit`]; dropping the writer without committing discards
/// the changes since the last commit.
pub struct BoardWriter {
    dir: PathBuf,
    fields: BoardSchema,
    writer: IndexWriter<TantivyDocument>,
}

impl BoardWriter {
    /// Replace everything the index holds for `batch.entry.path` with the
    /// batch's pages, records and file entry. Re-ingesting a changed file
    /// therefore never leaves duplicates behind.
    pub fn replace_file(&mut self, batch: &FileBatch) -> Result<(), IndexError> {
        self.remove_file(&batch.entry.path);
        let path = batch.entry.path.as_str();
        if let Some(text) = &batch.text {
            for doc in page_documents(&self.fields, path, text, &batch.documents) {
                self.add(doc)?;
            }
        }
        for record in &batch.records {
            let doc = record_document(&self.fields, path, record);
            self.add(doc)?;
        }
        self.add(file_document(&self.fields, &batch.entry))?;
        Ok(())
    }

    /// Remove every page, record and the entry of one file.
    pub fn remove_file(&mut self, path: &str) {
        // Deletes apply to documents added before them, so a delete followed
        // by adds in the same commit keeps the adds.
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Make every change since the last commit durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer
            .commit()
            .map(|_| ())
            .map_err(|e| IndexError::tantivy(&self.dir, e))
    }

    /// Commit, then wait for background segment merges, so that the process can
    /// exit leaving a compact index.
    pub fn finish(mut self) -> Result<(), IndexError> {
        self.commit()?;
        let dir = self.dir;
        self.writer
            .wait_merging_threads()
            .map_err(|e| IndexError::tantivy(&dir, e))
    }

    fn add(&mut self, doc: TantivyDocument) -> Result<(), IndexError> {
        self.writer
            .add_document(doc)
            .map(|_| ())
            .map_err(|e| IndexError::tantivy(&self.dir, e))
    }
}

fn add_opt(doc: &mut TantivyDocument, field: tantivy::schema::Field, value: Option<&str>) {
    if let Some(v) = value {
        doc.add_text(field, v);
    }
}

/// The document a page block or a record sits in.
struct DocContext<'a> {
    kind: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    authority: Option<&'a str>,
    body: Option<&'a str>,
    meeting_date: Option<&'a str>,
}

impl DocContext<'_> {
    fn add_to(&self, fields: &BoardSchema, doc: &mut TantivyDocument) {
        doc.add_text(fields.kind, self.kind);
        add_opt(doc, fields.title, self.title);
        add_opt(doc, fields.date, self.date);
        add_opt(doc, fields.authority, self.authority);
        add_opt(doc, fields.body, self.body);
        add_opt(doc, fields.meeting_date, self.meeting_date);
        if let Some(key) = self.meeting_date.or(self.date).and_then(date_key_of) {
            doc.add_u64(fields.date_key, key);
        }
    }
}

/// A stretch of consecutive lines on one page inside one document.
struct PageBlock {
    page_idx: usize,
    doc_idx: Option<usize>,
    first_line: usize,
    text: String,
    num_lines: usize,
}

/// Cut a file's lines into page blocks: a new block starts at each page break,
/// each document boundary and, for unpaged text, every
/// [`UNPAGED_BLOCK_LINES`] lines.
fn page_blocks(text: &crate::extract::ExtractedText, documents: &[Document]) -> Vec<PageBlock> {
    let mut doc_of_line: Vec<Option<usize>> = vec![None; text.lines.len()];
    // Earlier documents win where ranges overlap: a segmenter never should
    // overlap them, and the first claim is as good as any.
    for (doc_idx, d) in documents.iter().enumerate().rev() {
        let end = d.end.min(text.lines.len());
        for slot in doc_of_line.iter_mut().take(end).skip(d.start) {
            *slot = Some(doc_idx);
        }
    }
    let mut blocks: Vec<PageBlock> = Vec::new();
    for (line_idx, line) in text.lines.iter().enumerate() {
        let page_idx = line.page as usize;
        let doc_idx = doc_of_line[line_idx];
        let start_new = match blocks.last() {
            None => true,
            Some(b) => {
                b.page_idx != page_idx
                    || b.doc_idx != doc_idx
                    || (!text.paged && b.num_lines >= UNPAGED_BLOCK_LINES)
            }
        };
        if start_new {
            blocks.push(PageBlock {
                page_idx,
                doc_idx,
                first_line: line_idx,
                text: String::new(),
                num_lines: 0,
            });
        }
        let block = blocks.last_mut().expect("a block was just pushed");
        block.text.push_str(&line.text);
        block.text.push('\n');
        block.num_lines += 1;
    }
    blocks.retain(|b| !b.text.trim().is_empty());
    blocks
}

fn page_documents(
    fields: &BoardSchema,
    path: &str,
    text: &crate::extract::ExtractedText,
    documents: &[Document],
) -> Vec<TantivyDocument> {
    page_blocks(text, documents)
        .into_iter()
        .map(|block| {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.doc_type, TYPE_PAGE);
            doc.add_text(fields.path, path);
            doc.add_text(fields.text, &block.text);
            doc.add_u64(fields.line, block.first_line as u64 + 1);
            if text.paged {
                if let Some(info) = text.pages.get(block.page_idx) {
                    doc.add_u64(fields.page, u64::from(info.number));
                    add_opt(&mut doc, fields.page_label, info.label.as_deref());
                }
            }
            if let Some(d) = block.doc_idx.and_then(|i| documents.get(i)) {
                DocContext {
                    kind: d.kind.as_str(),
                    title: d.title.as_deref(),
                    date: d.date.as_deref(),
                    authority: d.authority.as_deref(),
                    body: d.body.as_deref(),
                    meeting_date: d.meeting_date.as_deref(),
                }
                .add_to(fields, &mut doc);
            }
            doc
        })
        .collect()
}

fn record_document(fields: &BoardSchema, path: &str, record: &Record) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.doc_type, record.type_name());
    // The file's key, not the record's own copy of it: deletes go by the key.
    doc.add_text(fields.path, path);
    doc.add_text(fields.id, &record.id);
    doc.add_text(fields.text, record_search_text(record));
    doc.add_text(fields.rule, &record.rule);
    DocContext {
        kind: record.doc.kind.as_str(),
        title: record.doc.title.as_deref(),
        date: record.doc.date.as_deref(),
        authority: record.authority.as_deref(),
        body: record.body.as_deref(),
        meeting_date: record.meeting_date.as_deref(),
    }
    .add_to(fields, &mut doc);
    if let Some(page) = record.source.page {
        doc.add_u64(fields.page, u64::from(page));
    }
    add_opt(
        &mut doc,
        fields.page_label,
        record.source.page_label.as_deref(),
    );
    if let Some(line) = record.source.line {
        doc.add_u64(fields.line, u64::from(line));
    }
    match &record.fields {
        Fields::Document { .. } => {}
        Fields::Meeting { time, place } => {
            add_opt(&mut doc, fields.time, time.as_deref());
            add_opt(&mut doc, fields.place, place.as_deref());
        }
        Fields::Attendee {
            name,
            honorific,
            role,
            chair,
            organisation,
        } => {
            doc.add_text(fields.name, name);
            add_opt(&mut doc, fields.honorific, honorific.as_deref());
            doc.add_text(fields.role, role.as_str());
            doc.add_bool(fields.chair, *chair);
            add_opt(&mut doc, fields.organisation, organisation.as_deref());
        }
        Fields::Resolution {
            minute,
            item_title,
            number,
        } => {
            add_opt(&mut doc, fields.minute, minute.as_deref());
            add_opt(&mut doc, fields.item_title, item_title.as_deref());
            add_opt(&mut doc, fields.number, number.as_deref());
        }
        Fields::Recommendation {
            number,
            addressee,
            origin,
        } => {
            add_opt(&mut doc, fields.number, number.as_deref());
            add_opt(&mut doc, fields.addressee, addressee.as_deref());
            doc.add_text(fields.origin, origin.as_str());
        }
        Fields::Kpi {
            indicator,
            value,
            unit,
            period,
            area,
        } => {
            doc.add_text(fields.indicator, indicator);
            doc.add_f64(fields.value, *value);
            doc.add_text(fields.unit, unit.as_str());
            add_opt(&mut doc, fields.period, period.as_deref());
            add_opt(&mut doc, fields.area, area.as_deref());
        }
    }
    doc.add_text(fields.json, record.to_json_line());
    doc
}

fn file_document(fields: &BoardSchema, entry: &FileEntry) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.doc_type, TYPE_FILE);
    doc.add_text(fields.path, &entry.path);
    doc.add_text(
        fields.json,
        serde_json::to_string(entry).expect("a file entry always serialises"),
    );
    doc
}

/// Hand-built batches for the index's and the query layer's tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::extract::{Backend, ExtractedText, Format, PageInfo};
    use crate::index::{FileBatch, FileEntry, FileStatus};
    use crate::record::{DocKind, DocRef, Fields, Record, Role, Source, Unit, SCHEMA};
    use crate::segment::Document;

    pub const PACK: &str = "coventry/2017-09-14-pack.txt";
    pub const UPDATE: &str = "west-sussex/2019-10-23-update.txt";
    pub const SCRUTINY: &str = "Education and Children's Services Scrutiny Board (2)";

    fn entry(path: &str, num_pages: u32, num_records: u32) -> FileEntry {
        FileEntry {
            path: path.into(),
            sha256: format!("sha-of-{path}"),
            rules_hash: "rules-1".into(),
            size: 1000,
            format: Format::Text,
            status: FileStatus::Indexed,
            num_pages,
            backends: vec![Backend::Text],
            empty_pages: Vec::new(),
            problems: Vec::new(),
            processed_at: None,
            num_records,
        }
    }

    fn page(number: u32, label: Option<&str>, text: &str) -> (PageInfo, String) {
        (
            PageInfo {
                number,
                label: label.map(str::to_string),
                backend: Backend::Text,
            },
            text.to_string(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn document(
        kind: DocKind,
        title: &str,
        date: &str,
        meeting_date: &str,
        start: usize,
        end: usize,
    ) -> Document {
        Document {
            kind,
            title: Some(title.into()),
            date: Some(date.into()),
            authority: Some("Coventry City Council".into()),
            body: Some(SCRUTINY.into()),
            meeting_date: Some(meeting_date.into()),
            of_meeting: true,
            start,
            end,
            rule: "test.document".into(),
        }
    }

    pub fn record(path: &str, id: &str, line: u32, fields: Fields, text: &str) -> Record {
        Record {
            schema: SCHEMA.into(),
            fields,
            id: format!("{path}:{id}"),
            source: Source {
                path: path.into(),
                sha256: format!("sha-of-{path}"),
                page: Some(if line <= 4 {
                    1
                } else if line <= 8 {
                    2
                } else {
                    3
                }),
                line: Some(line),
                page_label: None,
            },
            doc: DocRef {
                kind: DocKind::Minutes,
                title: Some("Minutes".into()),
                date: Some("2017-06-29".into()),
            },
            authority: Some("Coventry City Council".into()),
            body: Some(SCRUTINY.into()),
            meeting_date: Some("2017-06-29".into()),
            rule: "test.rule".into(),
            text: text.into(),
        }
    }

    /// An agenda pack: the agenda (page 1), last meeting's minutes (pages 2
    /// and 3) and a briefing note that starts half way down page 3.
    pub fn pack() -> FileBatch {
        let text = ExtractedText::from_pages(vec![
            page(
                1,
                Some("i"),
                "Agenda\nScrutiny Board 2\n14 September 2017\nItem 4 Ofsted",
            ),
            page(
                2,
                None,
                "Minutes of 29 June 2017\nPresent: Councillor M Mutton (Chair)\n\
                 Councillor S Hanson\nApologies: Councillor J Gregg",
            ),
            page(
                3,
                None,
                "RESOLVED that the concerns about support for young carers be passed on.\n\
                 End of minutes\nBriefing Note\nThe vacancy rate was 9.3 in September 2017.",
            ),
        ]);
        let documents = vec![
            document(DocKind::Agenda, "Agenda", "2017-09-14", "2017-09-14", 0, 4),
            document(
                DocKind::Minutes,
                "Minutes",
                "2017-06-29",
                "2017-06-29",
                4,
                10,
            ),
            document(
                DocKind::BriefingNote,
                "Social Work Workforce",
                "2017-09-01",
                "2017-09-14",
                10,
                12,
            ),
        ];
        let records = vec![
            record(
                PACK,
                "attendee:1",
                6,
                Fields::Attendee {
                    name: "M Mutton".into(),
                    honorific: Some("Councillor".into()),
                    role: Role::Member,
                    chair: true,
                    organisation: None,
                },
                "Councillor M Mutton (Chair)",
            ),
            record(
                PACK,
                "attendee:2",
                7,
                Fields::Attendee {
                    name: "S Hanson".into(),
                    honorific: Some("Councillor".into()),
                    role: Role::Member,
                    chair: false,
                    organisation: None,
                },
                "Councillor S Hanson",
            ),
            record(
                PACK,
                "resolution:1",
                9,
                Fields::Resolution {
                    minute: Some("3".into()),
                    item_title: Some("Ofsted Report".into()),
                    number: None,
                },
                "that the concerns about support for young carers be passed on.",
            ),
            {
                let mut r = record(
                    PACK,
                    "kpi:1",
                    12,
                    Fields::Kpi {
                        indicator: "vacancy rate".into(),
                        value: 9.3,
                        unit: Unit::Rate,
                        period: Some("September 2017".into()),
                        area: None,
                    },
                    "The vacancy rate was 9.3 in September 2017.",
                );
                r.doc = DocRef {
                    kind: DocKind::BriefingNote,
                    title: Some("Social Work Workforce".into()),
                    date: Some("2017-09-01".into()),
                };
                r.meeting_date = Some("2017-09-14".into());
                r
            },
        ];
        FileBatch {
            entry: entry(PACK, 3, records.len() as u32),
            text: Some(text),
            documents,
            records,
        }
    }

    /// A text export without page breaks from another council.
    pub fn update() -> FileBatch {
        let mut text = crate::extract::text::extract_text(
            b"Children First Update\nWest Sussex County Council\n\
              Children and Young People's Services Scrutiny Committee\n\
              23 October 2019\nAgency worker rate 10.8 for young carers services\n",
        )
        .expect("plain text extracts");
        text.paged = false;
        let mut kpi = record(
            UPDATE,
            "kpi:1",
            5,
            Fields::Kpi {
                indicator: "agency worker rate".into(),
                value: 10.8,
                unit: Unit::Rate,
                period: None,
                area: None,
            },
            "Agency worker rate 10.8",
        );
        kpi.source.page = None;
        kpi.doc = DocRef {
            kind: DocKind::Report,
            title: Some("Children First Update".into()),
            date: Some("2019-10-23".into()),
        };
        kpi.authority = Some("West Sussex County Council".into());
        kpi.body = Some("Children and Young People's Services Scrutiny Committee".into());
        kpi.meeting_date = Some("2019-10-23".into());
        let documents = vec![Document {
            kind: DocKind::Report,
            title: Some("Children First Update".into()),
            date: Some("2019-10-23".into()),
            authority: kpi.authority.clone(),
            body: kpi.body.clone(),
            meeting_date: Some("2019-10-23".into()),
            of_meeting: true,
            start: 0,
            end: 5,
            rule: "test.document".into(),
        }];
        FileBatch {
            entry: entry(UPDATE, 1, 1),
            text: Some(text),
            documents,
            records: vec![kpi],
        }
    }

    /// A file that could not be read: an entry and nothing else.
    pub fn failed(path: &str) -> FileBatch {
        let mut e = entry(path, 0, 0);
        e.format = Format::Pdf;
        e.status = FileStatus::Failed {
            kind: "encrypted".into(),
            reason: "encrypted: a password is needed".into(),
        };
        FileBatch {
            entry: e,
            text: None,
            documents: Vec::new(),
            records: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{self, PACK, UPDATE};
    use super::*;
    use crate::index::FileStatus;

    fn count_path(index: &BoardIndex, path: &str) -> u64 {
        let searcher = index.index.reader().expect("a reader opens").searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(index.fields.path, path),
            tantivy::schema::IndexRecordOption::Basic,
        );
        searcher
            .search(&query, &tantivy::collector::Count)
            .expect("count runs") as u64
    }

    fn written(dir: &Path) -> BoardIndex {
        let index = BoardIndex::create_or_open(dir).unwrap();
        let mut writer = index.writer().unwrap();
        writer.replace_file(&fixtures::pack()).unwrap();
        writer.replace_file(&fixtures::update()).unwrap();
        writer.commit().unwrap();
        index
    }

    #[test]
    fn page_blocks_split_at_document_boundaries() {
        let batch = fixtures::pack();
        let blocks = page_blocks(batch.text.as_ref().unwrap(), &batch.documents);
        let shape: Vec<(usize, Option<usize>, usize)> = blocks
            .iter()
            .map(|b| (b.page_idx, b.doc_idx, b.first_line))
            .collect();
        // Page 3 holds the end of the minutes and the start of the briefing note.
        assert_eq!(
            shape,
            vec![
                (0, Some(0), 0),
                (1, Some(1), 4),
                (2, Some(1), 8),
                (2, Some(2), 10)
            ]
        );
    }

    #[test]
    fn unpaged_text_is_cut_into_blocks() {
        let mut batch = fixtures::update();
        let text = batch.text.as_mut().unwrap();
        let line = text.lines[0].clone();
        text.lines = vec![line; UNPAGED_BLOCK_LINES * 2 + 1];
        batch.documents[0].end = text.lines.len();
        let blocks = page_blocks(text, &batch.documents);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].first_line, UNPAGED_BLOCK_LINES);
    }

    #[test]
    fn replacing_a_file_twice_leaves_no_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let index = written(dir.path());
        let once = count_path(&index, PACK);
        // 4 page blocks + 4 records + 1 file entry.
        assert_eq!(once, 9);
        let mut writer = index.writer().unwrap();
        writer.replace_file(&fixtures::pack()).unwrap();
        writer.replace_file(&fixtures::pack()).unwrap();
        writer.commit().unwrap();
        assert_eq!(count_path(&index, PACK), once);
        assert_eq!(index.records(&[]).unwrap().len(), 5);
        assert_eq!(index.files().unwrap().len(), 2);
    }

    #[test]
    fn a_changed_file_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let index = written(dir.path());
        let mut changed = fixtures::pack();
        changed.records.truncate(1);
        changed.entry.sha256 = "new".into();
        let mut writer = index.writer().unwrap();
        writer.replace_file(&changed).unwrap();
        writer.commit().unwrap();
        let records = index.records(&[]).unwrap();
        assert_eq!(records.iter().filter(|r| r.source.path == PACK).count(), 1);
        let files = index.files().unwrap();
        assert_eq!(files[0].path, PACK);
        assert_eq!(files[0].sha256, "new");
    }

    #[test]
    fn remove_file_removes_everything_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let index = written(dir.path());
        let mut writer = index.writer().unwrap();
        writer.remove_file(PACK);
        writer.commit().unwrap();
        assert_eq!(count_path(&index, PACK), 0);
        assert!(count_path(&index, UPDATE) > 0);
        let files = index.files().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, UPDATE);
    }

    #[test]
    fn failed_files_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let index = written(dir.path());
        let mut writer = index.writer().unwrap();
        writer.replace_file(&fixtures::failed("bad.pdf")).unwrap();
        writer.finish().unwrap();
        let files = BoardIndex::open(dir.path()).unwrap().files().unwrap();
        assert_eq!(files.len(), 3);
        assert_eq!(files[0], fixtures::failed("bad.pdf").entry);
        assert!(matches!(files[0].status, FileStatus::Failed { .. }));
    }

    #[test]
    fn nothing_is_visible_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let index = BoardIndex::create_or_open(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer.replace_file(&fixtures::pack()).unwrap();
        assert!(index.files().unwrap().is_empty());
        writer.commit().unwrap();
        assert_eq!(index.files().unwrap().len(), 1);
    }

    #[test]
    fn a_missing_index_says_how_to_make_one() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere");
        let err = BoardIndex::open(&missing).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "no index at `{}`; run `boardpapers ingest` first",
                missing.display()
            )
        );
        assert!(!missing.exists(), "open must not create the directory");
    }

    #[test]
    fn create_or_open_creates_the_directory_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b/index");
        drop(written(&nested));
        let again = BoardIndex::create_or_open(&nested).unwrap();
        assert_eq!(again.files().unwrap().len(), 2);
    }

    #[test]
    fn a_second_writer_is_told_another_ingest_runs() {
        let dir = tempfile::tempdir().unwrap();
        let index = BoardIndex::create_or_open(dir.path()).unwrap();
        let _first = index.writer().unwrap();
        let other = BoardIndex::open(dir.path()).unwrap();
        let err = other.writer().err().expect("the lock is held");
        assert!(matches!(err, IndexError::Locked { .. }), "{err}");
        assert!(err.to_string().contains("another ingest is running"));
    }
}
