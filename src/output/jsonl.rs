//! `--format jsonl`: one JSON object a line (JSON Lines). The export format:
//! each line of `export` parses back to a [`Record`] unchanged.

use super::{write_hit, write_lines, write_record, Printer};
use crate::query::SearchResults;
use crate::record::Record;
use std::io::{self, Write};

pub struct JsonlPrinter;

impl Printer for JsonlPrinter {
    fn hits(&mut self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
        write_lines(out, &results.hits, write_hit)
    }

    fn records(&mut self, out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
        write_lines(out, records, write_record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{kpi_record, results};

    #[test]
    fn one_object_a_line() {
        let mut out = Vec::new();
        JsonlPrinter.hits(&mut out, &results()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        for line in lines {
            let _: serde_json::Value = serde_json::from_str(line).unwrap();
        }
    }

    #[test]
    fn records_round_trip() {
        let mut out = Vec::new();
        JsonlPrinter.records(&mut out, &[kpi_record()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let back: Record = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(back, kpi_record());
        assert_eq!(text.trim_end(), kpi_record().to_json_line());
    }
}
