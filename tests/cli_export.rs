//! `boardpapers export` driven as a user drives it: the real binary on a
//! fresh index of the bundled seed papers.

mod common;
use boardpapers::record::{Record, RECORD_TYPES};
use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};

use common::{bin, seeds_index as index};

fn export(args: &[&str]) -> Output {
    bin()
        .arg("export")
        .arg("--index")
        .arg(index())
        .args(args)
        .output()
        .expect("export runs")
}

fn records_of(out: &Output) -> Vec<Record> {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a record"))
        .collect()
}

#[test]
fn jsonl_parses_back_to_records_in_a_stable_order() {
    let first = export(&[]);
    let records = records_of(&first);
    assert!(records.len() > 100, "{} records", records.len());
    for r in &records {
        assert_eq!(r.schema, "boardpapers.record/1");
        assert!(RECORD_TYPES.contains(&r.type_name()));
    }
    // Each line is exactly the record's own serialisation.
    let text = String::from_utf8(first.stdout.clone()).unwrap();
    for (line, r) in text.lines().zip(&records) {
        assert_eq!(line, r.to_json_line());
    }
    let keys: Vec<_> = records
        .iter()
        .map(|r| (r.source.path.clone(), r.source.line, r.id.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(export(&[]).stdout, first.stdout, "same index, same bytes");
}

#[test]
fn type_filter() {
    let records = records_of(&export(&["--type", "attendee,meeting"]));
    assert!(!records.is_empty());
    assert!(records
        .iter()
        .all(|r| matches!(r.type_name(), "attendee" | "meeting")));
}

#[test]
fn unknown_record_type_exits_2() {
    let out = export(&["--type", "page"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown record type `page`"), "{err}");
}

#[test]
fn json_is_one_array_of_the_same_records() {
    let out = export(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<Record> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records, records_of(&export(&[])));
}

#[test]
fn csv_has_one_row_per_record() {
    let out = export(&["--format", "csv", "--type", "kpi"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("type,id,path,page,"));
    let kpis = records_of(&export(&["--type", "kpi"])).len();
    // Rows end in CRLF; quoted fields may hold bare line feeds.
    assert_eq!(text.matches("\r\n").count(), kpis + 1);
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("records.jsonl");
    let out = export(&["-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), export(&[]).stdout);
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let mut child = bin()
        .arg("export")
        .arg("--index")
        .arg(index())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone now, as with `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(serde_json::from_str::<Record>(&first).is_ok());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
