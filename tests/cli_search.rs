//! `boardpapers search` driven as a user drives it: the real binary, the
//! bundled Coventry and West Sussex seed papers, a fresh index in a temp dir.

mod common;
use boardpapers::record::Record;
use std::process::Output;

use common::{bin, seeds_index as index};

fn search(args: &[&str]) -> Output {
    bin()
        .arg("search")
        .arg("--index")
        .arg(index())
        .args(args)
        .output()
        .expect("search runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A record hit without its search extras is a record.
fn record_of(mut hit: serde_json::Value) -> Record {
    let object = hit.as_object_mut().expect("a hit is an object");
    assert!(object.remove("score").is_some());
    assert!(object.remove("snippet").is_some());
    serde_json::from_value(hit).expect("a record hit parses as a record")
}

#[test]
fn young_carers_finds_a_resolution_of_the_september_pack() {
    let out = search(&["young carers", "--type", "resolution", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: Vec<Record> = json_lines(&out).into_iter().map(record_of).collect();
    assert!(records.iter().any(|r| r.type_name() == "resolution"
        && r.source.path == "coventry/2017-09-14-scrutiny-board-2-agenda-pack.txt"));
    assert!(records.iter().all(|r| r.type_name() == "resolution"));
}

#[test]
fn phrase_hits_highlight_the_phrase() {
    let out = search(&["\"young carers\"", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hits: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!hits.is_empty());
    for hit in &hits {
        let text = hit["snippet"]["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for range in hit["snippet"]["highlights"].as_array().unwrap() {
            let (a, b) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            let word: String = chars[a as usize..b as usize].iter().collect();
            let word = word.to_lowercase();
            assert!(
                word.starts_with("young") || word.starts_with("carer"),
                "{word}"
            );
        }
    }
}

#[test]
fn attendee_search_by_surname() {
    let out = search(&["--type", "attendee", "Mutton", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: Vec<Record> = json_lines(&out).into_iter().map(record_of).collect();
    assert!(!records.is_empty());
    for r in &records {
        assert_eq!(r.type_name(), "attendee");
        assert!(r.text.contains("Mutton"), "{}", r.text);
    }
}

#[test]
fn the_table_shows_where_each_hit_is() {
    let out = search(&["young carers", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("SCORE"));
    assert!(text.contains("coventry/2017-09-14-scrutiny-board-2-agenda-pack.txt"));
    assert!(!text.contains('\x1b'), "no colour into a pipe");
    assert!(stderr(&out).contains("showing 1-3 of"));
}

#[test]
fn nothing_found_exits_1() {
    let out = search(&["xylophonist"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
}

#[test]
fn unknown_field_exits_2_and_lists_the_fields() {
    let out = search(&["bdy:carers"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown field `bdy`"), "{err}");
    assert!(
        err.contains("`body`") && err.contains("`indicator`"),
        "{err}"
    );
}

#[test]
fn unknown_type_exits_2_and_lists_the_types() {
    let out = search(&["--type", "kpis", "carers"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown type `kpis`"), "{err}");
    assert!(err.contains("`page`") && err.contains("`kpi`"), "{err}");
}

#[test]
fn a_missing_index_exits_2_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["search", "carers", "--index"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("run `boardpapers ingest` first"));
}

#[test]
fn filters_without_a_query_list_in_file_order() {
    let args = [
        "--type",
        "meeting",
        "--since",
        "2017-06-01",
        "--until",
        "2017",
        "--limit",
        "100",
        "--format",
        "jsonl",
    ];
    let first = search(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let records: Vec<Record> = json_lines(&first).into_iter().map(record_of).collect();
    assert!(!records.is_empty());
    for r in &records {
        let date = r.meeting_date.as_deref().or(r.doc.date.as_deref()).unwrap();
        assert!(("2017-06-01"..="2017-12-31").contains(&date), "{date}");
    }
    let keys: Vec<(String, Option<u32>)> = records
        .iter()
        .map(|r| (r.source.path.clone(), r.source.line))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(stdout(&search(&args)), stdout(&first), "stable order");
}

#[test]
fn body_filter_matches_words_of_the_name() {
    let out = search(&["carers", "--body", "scrutiny board", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for hit in json_lines(&out) {
        let body = hit["body"].as_str().unwrap().to_lowercase();
        assert!(
            body.contains("scrutiny") && body.contains("board"),
            "{body}"
        );
    }
    let out = search(&["carers", "--body", "planning committee"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn csv_has_a_header_and_one_row_per_hit() {
    let out = search(&["Mutton", "--type", "attendee", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("type,id,path,page,page_label,line,doc_kind"));
    assert!(lines.all(|l| l.starts_with("attendee,")));
}
