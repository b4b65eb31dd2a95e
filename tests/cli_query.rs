//! The query commands (`search` filters and grouping, `show`, `kpi`,
//! `people`, `stats`, `completions`, `man`) driven as users drive them: the
//! real binary on an index of the bundled seed papers.
//!
//! Golden files: outputs worth reading whole are compared with files in
//! `tests/golden/`. When extraction changes on purpose (new rules, better
//! segmentation), regenerate them and review the diff:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --release --test cli_query
//! git diff tests/golden/
//! ```

mod common;
use common::{bin, seeds_index as index, stderr, stdout};
use std::path::PathBuf;
use std::process::Output;

fn run(cmd: &str, args: &[&str]) -> Output {
    bin()
        .arg(cmd)
        .arg("--index")
        .arg(index())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Compare `actual` with `tests/golden/NAME`, or write it there when
/// `UPDATE_GOLDEN` is set.
fn golden(name: &str, actual: &str) {
    let path: PathBuf = common::root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty()) {
        std::fs::write(&path, actual).expect("the golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file `{}`; run `UPDATE_GOLDEN=1 cargo test --release --test cli_query`",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "output differs from `{}` (if the change is intended, regenerate with \
         UPDATE_GOLDEN=1 and review the diff):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn a_typo_in_a_field_name_suggests_the_field() {
    let out = run("search", &["ttle:foo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("unknown field `ttle`"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(
        err.contains("`indicator`") && err.contains("`role`"),
        "{err}"
    );
    golden("search-typo.stderr", &err);
}

#[test]
fn nothing_found_exits_1_with_empty_stdout() {
    for (cmd, args) in [
        ("search", vec!["xylophonist"]),
        ("kpi", vec!["xylophonist"]),
        ("people", vec!["Xylophonist"]),
        ("show", vec!["no/such/file.txt:kpi:1"]),
    ] {
        let out = run(cmd, &args);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{cmd}");
        assert!(!stderr(&out).is_empty(), "{cmd} says why");
    }
}

#[test]
fn kpi_vacancy_rate_shows_both_councils_by_period() {
    let out = run("kpi", &["vacancy rate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // Both councils' papers: the authority's name as extracted may vary, the
    // files do not.
    assert!(text.contains("Coventry City Council"), "{text}");
    assert!(text.contains("west-sussex/"), "{text}");
    assert!(text.contains("September 2019"), "{text}");
    assert!(text.contains("SERIES"), "{text}");
    golden("kpi-vacancy-rate.txt", &text);

    let out = run("kpi", &["vacancy rate", "--format", "jsonl"]);
    let records = json_lines(&out);
    assert!(!records.is_empty());
    for r in &records {
        assert_eq!(r["type"], "kpi");
        let said = format!("{} {}", r["indicator"], r["text"]).to_lowercase();
        assert!(said.contains("vacanc"), "{said}");
    }
    // Period order: the month column of the table is sorted.
    let months: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let mut sorted = months.clone();
    sorted.sort_by_key(|m| (*m == "-", m.to_string()));
    assert_eq!(months, sorted);
}

#[test]
fn kpi_plot_writes_an_svg_line_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("vacancy.svg");
    let out = run("kpi", &["vacancy rate", "--plot", svg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("<polyline"));
    assert!(text.contains("vacancy rate"));
}

#[test]
fn people_mutton_lists_both_2017_meetings_as_chair() {
    let out = run("people", &["Mutton"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    golden("people-mutton.txt", &text);
    let out = run("people", &["Mutton", "--format", "jsonl"]);
    let rows = json_lines(&out);
    let chaired: Vec<&str> = rows
        .iter()
        .filter(|r| r["chair"] == true && r["status"] == "present")
        .map(|r| r["meeting_date"].as_str().unwrap())
        .collect();
    assert!(chaired.len() >= 2, "{rows:?}");
    assert!(chaired.iter().all(|d| d.starts_with("2017")), "{chaired:?}");
}

#[test]
fn show_prints_the_record_in_its_context() {
    let out = run("people", &["Mutton", "--format", "jsonl"]);
    let id = json_lines(&out)[0]["id"].as_str().unwrap().to_string();
    let out = run("show", &[&id]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with(&id));
    assert!(text.contains("rule"));
    assert!(
        text.lines()
            .any(|l| l.starts_with('>') && l.contains("Mutton")),
        "{text}"
    );
    golden("show-mutton.txt", &text);

    let out = run("show", &[&id, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["record"]["id"], id.as_str());
    assert_eq!(v["record"]["schema"], "boardpapers.record/1");
    assert_eq!(v["document"]["type"], "document");
    let evidence: Vec<&serde_json::Value> = v["context"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["evidence"] == true)
        .collect();
    assert!(!evidence.is_empty());
}

#[test]
fn stats_counts_what_the_index_holds() {
    let out = run("stats", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["files"].as_u64().unwrap() > 0);
    assert!(v["records"]["kpi"].as_u64().unwrap() > 0);
    assert!(v["authorities"]["Coventry City Council"].as_u64().unwrap() > 0);
    let out = run("stats", &[]);
    golden("stats.txt", &stdout(&out));
}

#[test]
fn role_and_origin_filter_records() {
    let out = run(
        "search",
        &["--role", "apology", "--format", "jsonl", "--limit", "500"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hits = json_lines(&out);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["role"] == "apology"));

    let out = run(
        "search",
        &[
            "--origin",
            "inspection",
            "--format",
            "jsonl",
            "--limit",
            "500",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(json_lines(&out).iter().all(|h| h["origin"] == "inspection"));

    let out = run("search", &["--role", "chairman", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`apology`"));
}

#[test]
fn sort_by_date_lists_newest_first() {
    let out = run(
        "search",
        &[
            "carers", "--sort", "date", "--format", "jsonl", "--limit", "50",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dates: Vec<String> = json_lines(&out)
        .iter()
        .map(|h| {
            h["meeting_date"]
                .as_str()
                .or(h["doc"]["date"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn page_hits_of_one_document_are_grouped() {
    let grouped = run(
        "search",
        &[
            "social", "--type", "page", "--format", "jsonl", "--limit", "500",
        ],
    );
    let all = run(
        "search",
        &[
            "social",
            "--type",
            "page",
            "--all-pages",
            "--format",
            "jsonl",
            "--limit",
            "500",
        ],
    );
    let grouped = json_lines(&grouped);
    let all = json_lines(&all);
    assert!(
        grouped.len() < all.len(),
        "{} vs {}",
        grouped.len(),
        all.len()
    );
    let counted: u64 = grouped
        .iter()
        .map(|h| h["pages_matched"].as_u64().unwrap())
        .sum();
    assert_eq!(
        counted as usize,
        all.len(),
        "every matching page is counted once"
    );
    let many = grouped
        .iter()
        .find(|h| h["pages_matched"].as_u64().unwrap() > 1)
        .expect("a document with several matching pages");
    assert!(!many["more_pages"].as_array().unwrap().is_empty());
    let out = run("search", &["social", "--type", "page", "--limit", "3"]);
    assert!(stdout(&out).contains("pages of this document matched"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let always = run("search", &["carers", "--limit", "2", "--color", "always"]);
    assert!(stdout(&always).contains("\x1b["));
    // The helper sets NO_COLOR; `auto` into a pipe is plain anyway.
    let auto = run("search", &["carers", "--limit", "2"]);
    assert!(!stdout(&auto).contains('\x1b'));
}

#[test]
fn every_data_command_speaks_every_format() {
    for (cmd, args) in [
        ("kpi", vec!["vacancy rate"]),
        ("people", vec!["Mutton"]),
        ("stats", vec![]),
        ("search", vec!["carers"]),
    ] {
        for format in ["table", "json", "jsonl", "csv"] {
            let mut a = args.clone();
            a.extend(["--format", format]);
            let out = run(cmd, &a);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{cmd} {format}: {}",
                stderr(&out)
            );
            let text = stdout(&out);
            match format {
                "json" => {
                    serde_json::from_str::<serde_json::Value>(&text)
                        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
                }
                "jsonl" => {
                    json_lines(&out);
                }
                "csv" => assert!(text.contains("\r\n"), "{cmd}"),
                _ => assert!(!text.is_empty()),
            }
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let script = format!(
        "'{}' search --index '{}' '' --limit 100000 --format jsonl | head -n 1 >/dev/null",
        env!("CARGO_BIN_EXE_boardpapers"),
        index().display()
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn completions_and_man_page_come_from_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(
            text.contains("boardpapers") && text.contains("people"),
            "{shell}"
        );
    }
    let out = bin().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie") || text.contains(".TH boardpapers"),
        "{text}"
    );
    assert!(text.contains("kpi"));
    let out = bin().args(["man", "kpi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("boardpapers\\-kpi") || stdout(&out).contains("boardpapers-kpi"));
    assert!(stdout(&out).contains("plot"));
    let out = bin().args(["man", "kpis"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`kpi`"), "{}", stderr(&out));
    let out = bin().args(["completions", "tcsh-ish"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_synthetic_index_is_built_from_the_real_one_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("synth");
    let text = dir.path().join("text");
    let out = bin()
        .args(["synth", "build", "--records", "2000", "--from"])
        .arg(index())
        .arg("--out")
        .arg(&out_dir)
        .arg("--text-dump")
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("2000 records"), "{}", stdout(&out));
    assert_eq!(std::fs::read_dir(&text).unwrap().count(), 10);

    let s = bin()
        .args(["stats", "--format", "json", "--index"])
        .arg(&out_dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&s)).unwrap();
    assert_eq!(v["records_total"], 2000);
    assert_eq!(v["files"], 10);

    let bench = bin()
        .args(["synth", "bench", "--rounds", "1", "--index"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(bench.status.code(), Some(0), "{}", stderr(&bench));
    let report = stdout(&bench);
    for class in ["term", "filtered", "phrase"] {
        assert!(report.contains(class), "{report}");
    }
    // Building into an existing index is refused rather than mixed in.
    let again = bin()
        .args(["synth", "build", "--records", "10", "--from"])
        .arg(index())
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
