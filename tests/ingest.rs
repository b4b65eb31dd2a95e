//! Integration tests: the real binary on the bundled corpus.

mod common;
use common::*;

fn attendee_names(records: &[serde_json::Value], path_part: &str, date: &str) -> Vec<String> {
    of_type(records, "attendee")
        .into_iter()
        .filter(|r| {
            r["source"]["path"].as_str().unwrap().contains(path_part) && r["meeting_date"] == date
        })
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seeds_give_meetings_attendees_and_resolutions() {
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(dir.path(), &[&corpus("seeds")]);
    let records = export(&index);

    // Both 2017 meetings of the board, with their times.
    let meetings: Vec<(String, String)> = of_type(&records, "meeting")
        .iter()
        .map(|r| {
            (
                r["meeting_date"].as_str().unwrap().to_string(),
                r["time"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        meetings.contains(&("2017-06-29".into(), "14:00".into())),
        "{meetings:?}"
    );
    assert!(
        meetings.contains(&("2017-07-13".into(), "10:00".into())),
        "{meetings:?}"
    );
    assert!(
        meetings.contains(&("2017-09-14".into(), "14:00".into())),
        "{meetings:?}"
    );

    // Mutton chairs both meetings of minutes.
    for date in ["2017-06-29", "2017-07-13"] {
        let chair: Vec<_> = of_type(&records, "attendee")
            .into_iter()
            .filter(|r| r["meeting_date"] == date && r["chair"] == true)
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(chair, vec!["M Mutton".to_string()], "chair on {date}");
    }
    let june = attendee_names(&records, "2017-06-29", "2017-06-29");
    assert_eq!(june.len(), 19, "{june:?}");
    let officer = of_type(&records, "attendee")
        .into_iter()
        .find(|r| r["name"] == "J Gregg")
        .unwrap();
    assert_eq!(officer["role"], "officer");
    assert_eq!(officer["organisation"], "People Directorate");
    let apologies: Vec<_> = of_type(&records, "attendee")
        .into_iter()
        .filter(|r| r["role"] == "apology")
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        apologies,
        vec!["J Lepoidevin", "P Male", "K Jones", "R Potter"]
    );

    // Young carers: what the board resolved, when, where.
    let carers: Vec<_> = of_type(&records, "resolution")
        .into_iter()
        .filter(|r| r["item_title"] == "Support to Young Carers")
        .collect();
    assert_eq!(carers.len(), 4);
    assert_eq!(carers[0]["minute"], "7");
    assert_eq!(carers[0]["number"], "1");
    assert_eq!(carers[0]["meeting_date"], "2017-07-13");
    assert_eq!(carers[0]["source"]["line"], 140);
    assert_eq!(carers[0]["text"], "The Scrutiny Board note the report");

    // The committee's own recommendations inside that resolution, and the
    // same two again in the recommendations tracker of a later pack, put to
    // the Cabinet Members the tracker names.
    let committee: Vec<_> = of_type(&records, "recommendation")
        .into_iter()
        .filter(|r| r["origin"] == "committee")
        .collect();
    assert_eq!(committee.len(), 4);
    assert_eq!(committee[0]["number"], "a");
    assert_eq!(
        committee[0]["addressee"],
        "Cabinet Member for Children and Young People and Cabinet Member for Education and Skills"
    );
    let tracked: Vec<_> = committee
        .iter()
        .filter(|r| r["rule"] == "recommendation.committee.tracker")
        .collect();
    assert_eq!(tracked.len(), 2);
    assert_eq!(tracked[1]["number"], "b");
    assert_eq!(tracked[1]["addressee"], "Cllr Ruane/Cllr Maton");
    assert_eq!(tracked[1]["source"]["line"], 1769);

    // Ofsted's nine recommendations.
    let inspection = of_type(&records, "recommendation")
        .into_iter()
        .filter(|r| r["origin"] == "inspection")
        .count();
    assert_eq!(inspection, 9);

    // Every record carries the contract's common fields and a rule id.
    for r in &records {
        assert_eq!(r["schema"], "boardpapers.record/1");
        assert!(r["rule"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["source"]["sha256"].as_str().unwrap().len() == 64);
    }
}

#[test]
fn pack_is_split_into_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(
        dir.path(),
        &[&corpus(
            "seeds/coventry/2017-09-14-scrutiny-board-2-agenda-pack.txt",
        )],
    );
    let records = export(&index);
    let docs: Vec<(String, Option<String>)> = of_type(&records, "document")
        .iter()
        .map(|r| {
            (
                r["doc"]["kind"].as_str().unwrap().to_string(),
                r["doc"]["date"].as_str().map(str::to_string),
            )
        })
        .collect();
    let want = [
        ("agenda", Some("2017-09-14")),
        ("minutes", Some("2017-07-13")),
        ("briefing_note", Some("2017-08-17")),
        ("briefing_note", Some("2017-09-14")),
        ("appendix", Some("2017-09-14")),
        ("briefing_note", Some("2017-09-14")),
    ];
    for (kind, date) in want {
        assert!(
            docs.contains(&(kind.to_string(), date.map(str::to_string))),
            "missing {kind} {date:?} in {docs:?}"
        );
    }
    // A briefing note in the pack is addressed to the pack's meeting.
    let note = of_type(&records, "document")
        .into_iter()
        .find(|r| r["doc"]["date"] == "2017-08-17")
        .unwrap();
    assert_eq!(note["meeting_date"], "2017-09-14");
    assert_eq!(note["authority"], "Coventry City Council");
}

#[test]
fn kent_and_bristol_printed_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(dir.path(), &[&corpus("real")]);
    let records = export(&index);
    let meeting = |part: &str| {
        of_type(&records, "meeting")
            .into_iter()
            .find(|r| r["source"]["path"].as_str().unwrap().contains(part))
            .unwrap_or_else(|| panic!("no meeting in {part}"))
            .clone()
    };
    // Read from the PDFs: Kent Cabinet, 30 January 2025; Bristol's committee, 12 September 2024 at 5.00 pm.
    let kent = meeting("Printed minutes 30th-Jan-2025");
    assert_eq!(kent["meeting_date"], "2025-01-30");
    assert_eq!(kent["body"], "Cabinet");
    assert_eq!(kent["source"]["page"], 1);
    let bristol = meeting("src-bcc-0022");
    assert_eq!(bristol["meeting_date"], "2024-09-12");
    assert_eq!(bristol["time"], "17:00");
    assert_eq!(
        bristol["body"],
        "Transport and Connectivity Policy Committee"
    );
    assert_eq!(bristol["authority"], "Bristol City Council");

    let kent_people = attendee_names(&records, "Printed minutes 30th-Jan-2025", "2025-01-30");
    for name in ["R W Gough", "N Baker", "S Chandler"] {
        assert!(
            kent_people.contains(&name.to_string()),
            "{name} in {kent_people:?}"
        );
    }
    let gough = of_type(&records, "attendee")
        .into_iter()
        .find(|r| r["name"] == "R W Gough" && r["meeting_date"] == "2025-01-30")
        .unwrap();
    assert_eq!(gough["chair"], true);
    let bristol_people = attendee_names(&records, "src-bcc-0022", "2024-09-12");
    assert!(
        bristol_people.contains(&"Ed Plowden".to_string()),
        "{bristol_people:?}"
    );
    // Nine present, and "Apologies were received from Councillor Coombes.
    // Councillor Jos Clark attended as substitute.": one apology, the
    // sentence after it no one's.
    assert_eq!(bristol_people.len(), 10, "{bristol_people:?}");
    let coombes = of_type(&records, "attendee")
        .into_iter()
        .find(|r| r["name"] == "Coombes" && r["meeting_date"] == "2024-09-12")
        .unwrap();
    assert_eq!(coombes["role"], "apology");

    let kent_minutes = of_type(&records, "resolution")
        .into_iter()
        .find(|r| {
            r["source"]["path"]
                .as_str()
                .unwrap()
                .contains("30th-Jan-2025")
                && r["minute"] == "86"
        })
        .expect("minute 86 of the Kent Cabinet");
    assert!(kent_minutes["text"]
        .as_str()
        .unwrap()
        .contains("correct record"));
}

/// The records of the PDFs in `tests/fixtures/layout`, read once.
fn layout_records() -> &'static [serde_json::Value] {
    use std::sync::OnceLock;
    static RECORDS: OnceLock<Vec<serde_json::Value>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = ingest(dir.path(), &[&root().join("tests/fixtures/layout")]);
        export(&index)
    })
}

/// The layout fixtures' records of type `t` from the file whose path holds `name`.
fn in_layout_file(t: &str, name: &str) -> Vec<&'static serde_json::Value> {
    of_type(layout_records(), t)
        .into_iter()
        .filter(|r| r["source"]["path"].as_str().unwrap().contains(name))
        .collect()
}

#[test]
fn running_headers_and_single_spaced_tables_from_pdfs() {
    let in_file = in_layout_file;

    // "Appendix B" at the top of each of the 16 pages is one appendix.
    let docs = in_file("document", "kent-capital-investment");
    assert_eq!(docs.len(), 1, "{docs:#?}");
    assert_eq!(docs[0]["doc"]["kind"], "appendix");
    assert_eq!(docs[0]["pages"], serde_json::json!([1, 16]));

    // Months head the columns; a wrapped label is read whole.
    let kpis = in_file("kpi", "kpi_tables_1");
    let find = |value: f64| {
        kpis.iter()
            .find(|r| r["value"].as_f64() == Some(value))
            .unwrap_or_else(|| panic!("no figure {value}: {kpis:#?}"))
    };
    let first = find(18.9);
    assert_eq!(first["unit"], "percent");
    assert_eq!(first["period"], "Apr");
    assert_eq!(first["indicator"], "Social worker vacancy rate %");
    let wrapped = find(29.4);
    assert_eq!(wrapped["indicator"], "Re-referrals within 12 months %");
    let last = find(719.0);
    assert_eq!(
        (&last["unit"], &last["period"]),
        (&"count".into(), &"Mar".into())
    );
    assert_eq!(find(311.9)["unit"], "rate");
    // The second table's header wraps: its words name no column, and the
    // number of agency staff stays a count.
    let staff = find(30.0);
    assert_eq!(
        (&staff["unit"], &staff["period"]),
        (&"count".into(), &"Apr 2017".into())
    );
    assert_eq!(find(317671.0)["unit"], "gbp");
    assert!(!kpis
        .iter()
        .any(|r| r["indicator"].as_str().unwrap().ends_with(", rate")));
}

#[test]
fn word_tables_in_pdfs_read_as_their_cells() {
    // Word-style papers whose cover sheet and attendance list are tables with
    // no colons: pdf-extract prints the cells with one space between them.
    let in_file = in_layout_file;

    // "Subject | Home Care Recovery Plan" is the report's title, and the
    // "Agenda Item 7" the page header prints over each page starts no other
    // document.
    let report = in_file("document", "word-cover-table");
    assert_eq!(report.len(), 1, "{report:#?}");
    assert_eq!(report[0]["pages"], serde_json::json!([1, 2]));
    assert_eq!(report[0]["doc"]["kind"], "report");
    assert_eq!(report[0]["doc"]["title"], "Home Care Recovery Plan");
    assert_eq!(report[0]["doc"]["date"], "2024-03-12");
    assert_eq!(report[0]["body"], "Cabinet");

    // "Councillor R Ashdown | Chair": the role is not part of the name, and
    // officers printed as "J Whitcombe | Head of Democratic Services" are found.
    let people = in_file("attendee", "word-attendance-table");
    let person = |name: &str| {
        people
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("no attendee {name}: {people:#?}"))
    };
    assert_eq!(person("R Ashdown")["chair"], true);
    assert_eq!(person("S Okafor")["role"], "member");
    assert_eq!(person("D Fairclough")["role"], "co_opted");
    for officer in ["J Whitcombe", "P Castellano", "A Nwosu"] {
        assert_eq!(person(officer)["role"], "officer");
    }
    assert_eq!(person("M Iqbal")["role"], "apology");
    assert_eq!(people.len(), 11, "{people:#?}");

    // A header of two lines, "Cabinet" over "15 November 2023", on the
    // second page: the decision broken by the page goes on under it.
    let decisions = in_file("resolution", "word-two-line-header");
    let texts: Vec<&str> = decisions
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(
        texts[1].ends_with("to make any minor drafting amendments to the Plan before it is submitted to Council for adoption in February 2024; and"),
        "{texts:#?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("Cabinet 15 November")),
        "{texts:#?}"
    );

    // "Members Present | Apologies for Absence" head the columns: each
    // person takes the role of their column, row by row.
    let people = in_file("attendee", "word-attendance-columns");
    let roles: Vec<(&str, &str, bool)> = people
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["role"].as_str().unwrap(),
                r["chair"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("R Ashdown", "member", true),
            ("P Nunn", "apology", false),
            ("F Okafor", "member", false),
            ("H Bristow", "apology", false),
            ("D Lyle", "member", false),
        ]
    );

    // The decision at the foot of a page does not take in the page's footer.
    let decisions = in_file("resolution", "word-attendance-table");
    let last_on_page = decisions
        .iter()
        .find(|r| r["number"] == "3")
        .expect("decision 3");
    assert_eq!(
        last_on_page["text"],
        "the Committee recommends to Cabinet that the contract be extended by two years."
    );

    // A footnote's mark raised after a figure is not part of it: "16.3³"
    // is 16.3, "37 posts²" is 37 posts.
    let figures = in_file("kpi", "word-footnote-marks");
    let values: Vec<f64> = figures.iter().filter_map(|r| r["value"].as_f64()).collect();
    for v in [16.3, 37.0, 17.1, 14.6] {
        assert!(values.contains(&v), "no {v} in {values:?}");
    }
    assert!(!values.contains(&16.33), "{values:?}");

    // A recommendation broken by the page's end, under the next page's
    // header, goes on; the list does not end there.
    let recs = in_file("recommendation", "word-list-over-page-break");
    let numbers: Vec<&str> = recs.iter().map(|r| r["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["a", "b", "c", "d", "e"], "{recs:#?}");
    let first = recs[0]["text"].as_str().unwrap();
    assert!(
        first.ends_with("Tanner’s Green, as shown in Appendix 1") && !first.contains("Page"),
        "{first}"
    );
}

#[test]
fn a_pdf_that_crashes_the_reader_costs_only_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = run(&[
        "ingest",
        "-q",
        "--pdf-backend",
        "pdf-extract",
        "tests/fixtures/pdf",
        "corpus/seeds/coventry/2017-06-29-scrutiny-board-2-minutes.txt",
        "--index",
        &index.display().to_string(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("20180904.pdf: crashed"), "{err}");
    assert!(err.contains("v_imageonly.pdf: no_text_layer"), "{err}");
    assert!(err.contains("v_truncated70.pdf: damaged"), "{err}");
    let records = export(&index);
    assert!(of_type(&records, "attendee").len() >= 19);
}

#[test]
fn unchanged_files_are_not_processed_again() {
    let dir = tempfile::tempdir().unwrap();
    let index = ingest(dir.path(), &[&corpus("seeds")]);
    let first = export(&index);
    let out = run(&[
        "ingest",
        &corpus("seeds").display().to_string(),
        "--index",
        &index.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains("0 indexed, 5 unchanged"), "{err}");
    assert_eq!(export(&index), first);
}

#[test]
fn bad_rules_are_reported_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "version = 1\n[[rule]]\nid = \"x\"\ntype = \"separator\"\npattern = '(unclosed'\n[[rule]]\nid = \"y\"\ntype = \"nope\"\n",
    )
    .unwrap();
    let out = run(&[
        "ingest",
        "corpus/seeds",
        "--rules",
        &dir.path().display().to_string(),
        "--index",
        &dir.path().join("i").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml:5:1: rule `x`: bad pattern in `pattern`"),
        "{err}"
    );
    assert!(
        err.contains("bad.toml:8:8: rule `y`: unknown type `nope`"),
        "{err}"
    );
    // The rules compile while the first files are read: none of them is written.
    let index = dir.path().join("i");
    if index.exists() {
        assert!(export(&index).is_empty());
        let files = run(&["failures", "--index", &index.display().to_string()]);
        assert!(!stdout(&files).contains("seeds"), "{}", stdout(&files));
    }
}
