//! boardpapers turns public committee papers (PDFs and text exports) into
//! structured, searchable records.
//!
//! The pipeline, one module a stage: [`discover`] finds files under the ingest
//! roots ([`source::SourceFile`]); [`extract`] reads each file's text page by page
//! ([`extract::ExtractedText`]); [`segment`] splits it into the documents it holds
//! ([`segment::Document`]); [`rules`] applies the rule files to each document and
//! makes [`record::Record`]s; [`index`] stores pages and records in tantivy;
//! [`query`] searches them. [`pipeline`] wires the stages together for `ingest`,
//! reading PDFs in worker processes ([`worker`]) so that a file that breaks its
//! reader costs that file only. On top of search: [`series`] (KPI figures over time), [`people`]
//! (attendance across meetings) and [`stats`] (what an index holds).

pub mod dates;
pub mod discover;
pub mod eval;
pub mod extract;
pub mod failures;
pub mod index;
pub mod normalize;
pub mod output;
pub mod people;
pub mod pipeline;
pub mod query;
pub mod record;
pub mod rules;
pub mod segment;
pub mod series;
pub mod source;
pub mod stats;
pub mod synth;
pub mod worker;

/// What the unit tests share: the bundled corpus's files.
#[cfg(test)]
pub(crate) mod testdata {
    use std::path::PathBuf;

    /// Every text export (`*.txt`) of the bundled corpus.
    pub fn text_exports() -> Vec<PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let files: Vec<PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| e.into_path())
            .collect();
        assert!(
            files.len() >= 6,
            "the bundled corpus holds the seeds' text exports"
        );
        files
    }
}
