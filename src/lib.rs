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
