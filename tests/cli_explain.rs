//! `explain` on the seeded index: a record, its rule and its context.

mod common;

use common::{root, run, seeds_index, stderr, stdout};

const ID: &str = "coventry/2017-06-29-scrutiny-board-2-minutes.txt:resolution:1";

fn explain(extra: &[&str]) -> std::process::Output {
    let index = seeds_index().display().to_string();
    let rules = root().join("rules").display().to_string();
    let mut args = vec!["explain", "--index", &index, "--rules", &rules];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn shows_record_rule_and_context() {
    let out = explain(&[ID]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.starts_with(&format!("record {ID}\n")), "{s}");
    assert!(s.contains("  item_title     Ofsted Report\n"), "{s}");
    assert!(s.contains("  number         1\n"), "{s}");
    let rules_file = root().join("rules").join("minutes.toml");
    assert!(
        s.contains(&format!(
            "rule resolution.resolved (resolution), defined at {}:",
            rules_file.display()
        )),
        "{s}"
    );
    assert!(
        s.contains("  id = \"resolution.resolved\"\n  type = \"resolution\""),
        "{s}"
    );
    assert!(
        !s.contains("[[rule.example]]"),
        "examples are not part of the rule's source: {s}"
    );
    assert!(
        s.contains("evidence coventry/2017-06-29-scrutiny-board-2-minutes.txt, line 98"),
        "{s}"
    );
    assert!(s.contains("     96 | RESOLVED that\n"), "{s}");
    assert!(
        s.contains("  >  98 | - 1) **The report be noted and a report back"),
        "{s}"
    );
}

#[test]
fn json_has_record_rule_and_context() {
    let out = explain(&[ID, "--format", "json", "-C", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["record"]["id"], ID);
    assert_eq!(v["record"]["minute"], "3");
    assert_eq!(v["rule"]["id"], "resolution.resolved");
    assert!(v["rule"]["source"].as_str().unwrap().contains("start = "));
    let lines: Vec<u64> = v["context"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![97, 98, 99]);
}

#[test]
fn unknown_id_exits_1_with_a_message() {
    let out = explain(&["coventry/none.txt:kpi:1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("no record with id `coventry/none.txt:kpi:1`"),
        "{}",
        stderr(&out)
    );
}
