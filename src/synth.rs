//! A large synthetic index made from a real one, and a latency benchmark of
//! searches on it. The records and page texts of the real papers are reused
//! with their councils, dates, names and figures varied, so the synthetic
//! index has the vocabulary, field shapes and term statistics of real board
//! papers at a size no bundled corpus reaches. `boardpapers synth` (hidden)
//! and `scripts/bench-query` drive it; nothing here is used by ingest or search.

use crate::extract::{Backend, ExtractedText, Format, PageInfo};
use crate::index::schema::TYPE_PAGE;
use crate::index::{BoardIndex, FileBatch, FileEntry, FileStatus, IndexError};
use crate::query::{QueryError, SearchRequest};
use crate::record::{Fields, Record};
use crate::segment::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::TantivyDocument;

/// What can go wrong building a synthetic index.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("the source index at `{}` has no records or pages to vary; ingest the corpus into it first", .0.display())]
    EmptySource(PathBuf),
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How big a synthetic index to make.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Records in all (at least this many; whole files are written).
    pub records: usize,
    /// Records per synthetic file.
    pub records_per_file: usize,
    /// Pages per synthetic file.
    pub pages_per_file: usize,
    /// Seed of the generator: the same seed gives the same index.
    pub seed: u64,
    /// Also write each file's page text here as `.txt`, for comparing with
    /// text search tools over the same text.
    pub text_dump: Option<PathBuf>,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct SynthReport {
    pub files: usize,
    pub pages: usize,
    pub records: usize,
    pub elapsed: Duration,
}

/// SplitMix64: small, fast, and reproducible across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PLACES: [&str; 24] = [
    "Coventry",
    "West Sussex",
    "Kent",
    "Bristol",
    "Northshire",
    "Eastmoor",
    "Southdale",
    "Westbrook",
    "Ashford Vale",
    "Redcliffe",
    "Lowfield",
    "Highcross",
    "Marlow Downs",
    "Thornbury",
    "Kingsmere",
    "Oakhampton",
    "Fairhaven",
    "Stonebridge",
    "Brackenfield",
    "Elmstead",
    "Harrowgate",
    "Millbrook",
    "Rosewood",
    "Silverdale",
];
const COUNCIL_KINDS: [&str; 3] = ["City Council", "County Council", "Borough Council"];
const INITIALS: [&str; 12] = ["A", "B", "C", "D", "J", "K", "L", "M", "P", "R", "S", "T"];

/// Read every record and page text of the source index.
fn source_material(source: &BoardIndex) -> Result<(Vec<Record>, Vec<String>), SynthError> {
    let records = source.records(&[])?;
    let searcher = source.searcher()?;
    let query = TermQuery::new(
        Term::from_field_text(source.fields.doc_type, TYPE_PAGE),
        IndexRecordOption::Basic,
    );
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .map_err(|e| IndexError::tantivy(source.dir(), e))?;
    let mut pages: Vec<(String, String)> = Vec::new();
    for a in addresses {
        let doc: TantivyDocument = searcher
            .doc(a)
            .map_err(|e| IndexError::tantivy(source.dir(), e))?;
        let text = doc
            .get_first(source.fields.text)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let path = doc
            .get_first(source.fields.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        if text.trim().len() > 200 {
            pages.push((path, text));
        }
    }
    // Segment order is not stable; the generator's output must be.
    pages.sort();
    let pages = pages.into_iter().map(|(_, t)| t).collect::<Vec<_>>();
    if records.is_empty() || pages.is_empty() {
        return Err(SynthError::EmptySource(source.dir().to_path_buf()));
    }
    Ok((records, pages))
}

/// Build a synthetic index of at least `opts.records` records in `out` (a
/// new or empty directory) from the records and pages of `source`.
pub fn build(
    source: &BoardIndex,
    out: &Path,
    opts: &SynthOptions,
) -> Result<SynthReport, SynthError> {
    let started = Instant::now();
    let (records, pages) = source_material(source)?;
    let surnames: Vec<String> = records
        .iter()
        .filter_map(|r| match &r.fields {
            Fields::Attendee { name, .. } => name.split_whitespace().last().map(str::to_string),
            _ => None,
        })
        .collect();
    let surnames = if surnames.is_empty() {
        vec!["Smith".to_string()]
    } else {
        surnames
    };
    let bodies: Vec<String> = {
        let mut b: Vec<String> = records.iter().filter_map(|r| r.body.clone()).collect();
        b.sort();
        b.dedup();
        if b.is_empty() {
            vec!["Scrutiny Board".to_string()]
        } else {
            b
        }
    };
    if let Some(dir) = &opts.text_dump {
        std::fs::create_dir_all(dir).map_err(|source| SynthError::Write {
            path: dir.clone(),
            source,
        })?;
    }
    let index = BoardIndex::create_or_open(out)?;
    let mut writer = index.writer()?;
    let mut rng = Rng(opts.seed);
    let per_file = opts.records_per_file.max(1);
    let files = opts.records.div_ceil(per_file);
    let mut report = SynthReport::default();
    for f in 0..files {
        let place = *rng.pick(&PLACES);
        let authority = format!("{place} {}", rng.pick(&COUNCIL_KINDS));
        let body = rng.pick(&bodies).clone();
        let year = 2010 + rng.below(15);
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let path = format!(
            "synth/{}/{date}-pack-{f:06}.txt",
            place.to_lowercase().replace(' ', "-")
        );
        let sha256 = format!(
            "{:064x}",
            u128::from(rng.next()) << 64 | u128::from(rng.next())
        );

        let mut page_texts = Vec::with_capacity(opts.pages_per_file);
        for _ in 0..opts.pages_per_file.max(1) {
            page_texts.push(rng.pick(&pages).clone());
        }
        let text = ExtractedText::from_pages(
            page_texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        PageInfo {
                            number: i as u32 + 1,
                            label: None,
                            backend: Backend::Text,
                        },
                        t.clone(),
                    )
                })
                .collect(),
        );
        let num_lines = text.lines.len().max(1);
        let kind = rng.pick(&records).doc.kind;
        let title = rng.pick(&records).doc.title.clone();
        let documents = vec![Document {
            kind,
            title: title.clone(),
            date: Some(date.clone()),
            authority: Some(authority.clone()),
            body: Some(body.clone()),
            meeting_date: Some(date.clone()),
            of_meeting: true,
            start: 0,
            end: text.lines.len(),
            rule: "synth.document".to_string(),
        }];

        let mut file_records = Vec::with_capacity(per_file);
        for k in 0..per_file {
            let mut r = rng.pick(&records).clone();
            let line = 1 + rng.below(num_lines);
            r.id = format!("{path}:{}:{}", r.type_name(), k + 1);
            r.source.path = path.clone();
            r.source.sha256 = sha256.clone();
            r.source.line = Some(line as u32);
            r.source.page = text
                .lines
                .get(line - 1)
                .map(|l| text.pages[l.page as usize].number);
            r.source.page_label = None;
            r.doc.kind = kind;
            r.doc.title = title.clone();
            r.doc.date = Some(date.clone());
            r.authority = Some(authority.clone());
            r.body = Some(body.clone());
            r.meeting_date = Some(date.clone());
            match &mut r.fields {
                Fields::Attendee { name, .. } => {
                    let new = format!("{} {}", rng.pick(&INITIALS), rng.pick(&surnames));
                    r.text = r.text.replace(name.as_str(), &new);
                    *name = new;
                }
                Fields::Kpi { value, .. } => {
                    // Vary by up to ±50%, keeping the figure's precision.
                    let factor = 0.5 + rng.below(1001) as f64 / 1000.0;
                    *value = (*value * factor * 10.0).round() / 10.0;
                }
                _ => {}
            }
            file_records.push(r);
        }
        if let Some(dir) = &opts.text_dump {
            let dump = dir.join(format!("{f:06}.txt"));
            std::fs::write(&dump, page_texts.join("\n\x0c")).map_err(|source| {
                SynthError::Write {
                    path: dump.clone(),
                    source,
                }
            })?;
        }
        report.files += 1;
        report.pages += page_texts.len();
        report.records += file_records.len();
        let batch = FileBatch {
            entry: FileEntry {
                path: path.clone(),
                sha256,
                rules_hash: "synth".to_string(),
                size: page_texts.iter().map(|t| t.len() as u64).sum(),
                format: Format::Text,
                status: FileStatus::Indexed,
                num_pages: page_texts.len() as u32,
                backends: vec![Backend::Text],
                empty_pages: Vec::new(),
                num_records: file_records.len() as u32,
                problems: Vec::new(),
                processed_at: None,
            },
            text: Some(text),
            documents,
            records: file_records,
        };
        writer.replace_file(&batch)?;
    }
    writer.finish()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// A class of query the benchmark times.
#[derive(Debug, Clone)]
pub struct QueryClass {
    pub name: &'static str,
    pub requests: Vec<SearchRequest>,
}

/// The queries the benchmark runs: single words, words with filters, phrases.
pub fn bench_queries() -> Vec<QueryClass> {
    let plain = |q: &str| SearchRequest::new(q);
    let filtered = |q: &str, t: &str, authority: &str, since: &str| SearchRequest {
        types: vec![t.to_string()],
        authority: Some(authority.to_string()),
        since: Some(since.to_string()),
        ..SearchRequest::new(q)
    };
    vec![
        QueryClass {
            name: "term",
            requests: [
                "carers",
                "ofsted",
                "vacancy",
                "budget",
                "mutton",
                "apprenticeships",
            ]
            .iter()
            .map(|q| plain(q))
            .collect(),
        },
        QueryClass {
            name: "filtered",
            requests: vec![
                filtered("vacancy", "kpi", "coventry", "2018"),
                filtered("carers", "resolution", "kent", "2015"),
                filtered("ofsted", "recommendation", "west sussex", "2012"),
                filtered("mutton", "attendee", "northshire", "2010"),
                filtered("social", "kpi", "bristol", "2020"),
            ],
        },
        QueryClass {
            name: "phrase",
            requests: [
                "\"young carers\"",
                "\"vacancy rate\"",
                "\"looked after children\"",
                "\"social workers\"",
                "\"scrutiny board\"",
            ]
            .iter()
            .map(|q| plain(q))
            .collect(),
        },
    ]
}

/// Latencies of one query class.
#[derive(Debug, Clone)]
pub struct Latency {
    pub name: &'static str,
    pub runs: usize,
    pub median: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// Run every query of every class `rounds` times on one opened index, as a
/// long-running service would (the reader is reused), and report median and
/// 99th percentile per class. Each run is a full [`BoardIndex::search`]:
/// query parsing, filters, top hits, page grouping and snippets.
pub fn bench(index: &BoardIndex, rounds: usize) -> Result<Vec<Latency>, QueryError> {
    let classes = bench_queries();
    // One warm-up pass: the first search opens the reader and pages in the
    // index files, a cost a service pays once.
    for class in &classes {
        for r in &class.requests {
            index.search(r)?;
        }
    }
    let mut out = Vec::new();
    for class in classes {
        let mut times = Vec::with_capacity(rounds * class.requests.len());
        for _ in 0..rounds {
            for r in &class.requests {
                let t = Instant::now();
                let results = index.search(r)?;
                times.push(t.elapsed());
                std::hint::black_box(results);
            }
        }
        times.sort();
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        out.push(Latency {
            name: class.name,
            runs: times.len(),
            median: at(0.5),
            p99: at(0.99),
            max: *times.last().unwrap_or(&Duration::ZERO),
        });
    }
    Ok(out)
}
