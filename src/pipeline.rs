//! The ingest pipeline: discover, extract, segment, apply rules, index.
