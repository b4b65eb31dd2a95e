//! `rules check` and `rules test` on the bundled rules and on broken rule
//! files written to a temp dir.

mod common;

use common::{root, run, stderr, stdout};
use std::path::Path;

fn write_rules(dir: &Path, text: &str) -> String {
    std::fs::write(dir.join("x.toml"), text).unwrap();
    dir.display().to_string()
}

const RESOLUTION_RULE: &str = r#"version = 1

[[rule]]
id = "t.resolved"
type = "resolution"
start = '^RESOLVED\s+that\s*(?P<rest>.*)$'
item = '^(?P<minute>\d+)\.\s+(?P<title>.+)$'
number = '^\((?P<number>\d)\)\s+(?P<text>.*)$'
sub = '^[a-h]\)\s+'
end = '^Signed'

[[rule.example]]
doc_kind = "minutes"
text = '''
RESOLVED that
(1) the report be noted.
(2) a working group be set up.
'''
expect = [
  { number = "1", text = "the report be noted." },
  { number = "3", text = "a working group be set up." },
]
"#;

#[test]
fn check_accepts_the_bundled_rules() {
    let rules = root().join("rules");
    let out = run(&["rules", "check", "--rules", &rules.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains(" rules in 4 files ("), "{s}");
    for t in [
        "document",
        "field",
        "separator",
        "attendance",
        "resolution",
        "recommendation",
        "kpi",
    ] {
        assert!(s.contains(&format!("{t} ")), "no count for {t}: {s}");
    }
}

#[test]
fn check_reports_every_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write_rules(
        dir.path(),
        "version = 1\n[[rule]]\nid = \"a\"\ntype = \"resolution\"\nstart = '(?P<rest>'\nitem = 'x'\nnumber = 'x'\nsub = 'x'\nend = 'x'\n\n[[rule]]\nid = \"b\"\ntype = \"nope\"\n",
    );
    let out = run(&["rules", "check", "--rules", &rules]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let file = format!("{rules}/x.toml");
    assert!(err.contains(&format!("{file}:5:1: rule `a`")), "{err}");
    assert!(
        err.contains(&format!("{file}:13:8: rule `b`: unknown type `nope`")),
        "{err}"
    );
    assert!(err.contains("2 errors in the rules"), "{err}");
    assert!(stdout(&out).is_empty());
}

/// A pattern that is costly to compile (a bounded repeat of a Unicode class,
/// `\p{L}`; a rule's `\w` is the Latin letters, cheap) is valid, but `rules check` names it: every ingest pays for it.
#[test]
fn check_warns_about_a_pattern_slow_to_compile() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write_rules(
        dir.path(),
        "version = 1\n[[rule]]\nid = \"fast\"\ntype = \"separator\"\npattern = '^Blank page$'\n\n[[rule]]\nid = \"slow\"\ntype = \"separator\"\npattern = '^(?:[\\p{L}&’-]{2,300}?\\s+)+page$'\n",
    );
    let out = run(&["rules", "check", "--rules", &rules]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    let file = format!("{rules}/x.toml");
    assert!(
        err.contains(&format!(
            "{file}:7: warning: a pattern of rule `slow` takes"
        )),
        "{err}"
    );
    assert!(!err.contains("`fast`"), "{err}");
    let json = run(&["rules", "check", "--rules", &rules, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let slow = v["slow_to_compile"].as_array().unwrap();
    assert_eq!(slow.len(), 1);
    assert_eq!(slow[0]["rule"], "slow");
    assert!(slow[0]["ms"].as_u64().unwrap() >= 25);
}

#[test]
fn test_passes_on_the_bundled_rules() {
    let rules = root().join("rules");
    let out = run(&["rules", "test", "--rules", &rules.display().to_string()]);
    let s = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{s}");
    assert!(s.contains(" failed; 0 rules without examples"), "{s}");
    assert!(s.contains(", 0 failed"), "{s}");
    // Every rule type has at least one example that ran.
    let json = run(&[
        "rules",
        "test",
        "--rules",
        &rules.display().to_string(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let types: std::collections::BTreeSet<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule_type"].as_str().unwrap())
        .collect();
    assert_eq!(types.len(), 7, "{types:?}");
}

#[test]
fn test_reports_a_wrong_example_with_expected_and_got() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write_rules(dir.path(), RESOLUTION_RULE);
    let out = run(&["rules", "test", "--rules", &rules]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let s = stdout(&out);
    let file = format!("{rules}/x.toml");
    assert!(
        s.contains(&format!(
            "FAIL t.resolved (resolution), example 1 at {file}:12"
        )),
        "{s}"
    );
    assert!(
        s.contains("record 2 of 2: `number`: expected \"3\", got \"2\""),
        "{s}"
    );
    assert!(
        s.contains("expected: { number = \"3\", text = \"a working group be set up.\" }"),
        "{s}"
    );
    assert!(
        s.contains(
            r#"got:      {"number":"2","text":"a working group be set up.","type":"resolution"}"#
        ),
        "{s}"
    );
    assert!(
        s.contains("1 examples of 1 rules: 0 passed, 1 failed"),
        "{s}"
    );
}

#[test]
fn test_counts_extra_records_as_a_failure_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let one = RESOLUTION_RULE.replace(
        "  { number = \"3\", text = \"a working group be set up.\" },\n",
        "",
    );
    let rules = write_rules(dir.path(), &one);
    let out = run(&["rules", "test", "--rules", &rules]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("expected 1 record, got 2"),
        "{}",
        stdout(&out)
    );

    let relaxed = one.replace("expect = [", "exhaustive = false\nexpect = [");
    let rules = write_rules(dir.path(), &relaxed);
    let out = run(&["rules", "test", "--rules", &rules]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// A recommendations tracker takes its own keys and no lead-in pattern; each
/// mistake is named with its place.
#[test]
fn check_reports_a_tracker_given_the_wrong_keys() {
    let (code, err, file, _dir) = check_rules(
        "version = 1\n[[rule]]\nid = \"t\"\ntype = \"recommendation\"\norigin = \"committee\"\ncolumn = '^Recommendations'\ntrigger = 'x'\n\n[[rule]]\nid = \"u\"\ntype = \"recommendation\"\norigin = \"report\"\ncell_item = '(?P<number>[a-h])\\)'\n",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!(
            "{file}:6:1: rule `t`: a tracker (`column`) takes no `trigger` or `item`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:6:1: rule `t`: a tracker (`column`) needs `cell_item`"
        )),
        "{err}"
    );
    assert!(err.contains("rule `u`: missing `trigger`"), "{err}");
    assert!(
        err.contains(
            "rule `u`: `addressee_column` and `cell_item` apply to a tracker (`column`) only"
        ),
        "{err}"
    );
}

/// An attendance section's `outside` pattern needs the role it gives: the
/// mistake is named at the section.
#[test]
fn check_reports_an_outside_pattern_without_its_role() {
    let (code, err, file, _dir) = check_rules(
        "version = 1\n[[rule]]\nid = \"t.present\"\ntype = \"attendance\"\nstart = '^Present:'\nend = '^\\d+\\.'\ndefault_role = \"member\"\nchair = '(?i)chair'\nhonorific = '(?i)councillor|mr|mrs'\n[[rule.section]]\nlabel = '(?i)in\\s+attendance:'\nrole = \"officer\"\noutside = '(?i)\\bnhs\\b'\n",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!(
            "{file}:10:8: rule `t.present`: `outside` and `outside_role` go together"
        )),
        "{err}"
    );
}

/// `rules check` on one rule file written to a temp dir: the exit code, the
/// standard error, the file's path as printed, and the dir (kept alive).
fn check_rules(text: &str) -> (Option<i32>, String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let rules = write_rules(dir.path(), text);
    let out = run(&["rules", "check", "--rules", &rules]);
    (
        out.status.code(),
        stderr(&out),
        format!("{rules}/x.toml"),
        dir,
    )
}
