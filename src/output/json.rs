//! `--format json`: one JSON array, one element a line. Records in their
//! records.md shape; hits as described in the [`super`] module docs.

use super::{write_array, write_hit, write_record, Printer};
use crate::query::SearchResults;
use crate::record::Record;
use std::io::{self, Write};

pub struct JsonPrinter;

impl Printer for JsonPrinter {
    fn hits(&mut self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
        write_array(out, &results.hits, write_hit)
    }

    fn records(&mut self, out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
        write_array(out, records, write_record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{kpi_record, results};

    #[test]
    fn hits_are_one_array() {
        let mut out = Vec::new();
        JsonPrinter.hits(&mut out, &results()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    #[test]
    fn records_round_trip() {
        let mut out = Vec::new();
        JsonPrinter.records(&mut out, &[kpi_record()]).unwrap();
        let back: Vec<Record> = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, vec![kpi_record()]);
    }
}
