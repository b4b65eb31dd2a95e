//! Batch-grade ingest with the real binary: worker processes that die, hang or
//! blow their memory cap; bad inputs generated here, each ending in its typed
//! state; `kill -9` in the middle of an ingest; two ingests on one index;
//! rule changes; the `failures` listing.

mod common;
use common::*;

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn pdftotext_installed() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn ingest_cmd(index: &Path, report: &Path, paths: &[&Path]) -> Command {
    let mut c = bin();
    c.arg("ingest").arg("-q");
    for p in paths {
        c.arg(p);
    }
    c.arg("--index").arg(index).arg("--report").arg(report);
    c
}

fn read_report(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("a report")).expect("JSON report")
}

/// Every file's final state from a report: "indexed", or the failure kind.
/// Indexed files are those discovered and not failed.
fn failure_kinds(report: &Value) -> BTreeMap<String, String> {
    report["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_counts_add_up(report: &Value, discovered: usize) {
    let n = |k: &str| report[k].as_u64().unwrap() as usize;
    assert_eq!(n("files"), discovered, "{report:#}");
    assert_eq!(
        n("indexed") + n("unchanged") + n("failed"),
        n("files"),
        "{report:#}"
    );
    assert_eq!(n("failed"), report["failures"].as_array().unwrap().len());
}

fn copy_seed_pdfs(to: &Path, copies: usize) -> usize {
    let mut n = 0;
    for c in 0..copies {
        let dir = to.join(format!("copy{c:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        for entry in walk(&corpus("seeds-pdf")) {
            let name = entry.file_name().unwrap();
            std::fs::copy(&entry, dir.join(name)).unwrap();
            n += 1;
        }
    }
    n
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn export_sorted(index: &Path) -> Vec<Value> {
    let mut records = export(index);
    records.sort_by_key(|r| r["id"].as_str().unwrap().to_string());
    records
}

fn assert_no_duplicate_ids(records: &[Value]) {
    let ids: HashSet<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), records.len(), "duplicate record ids");
}

// ------------------------------------------------------------ worker deaths

#[test]
fn a_worker_that_hangs_aborts_overflows_or_blows_its_memory_costs_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let seed = corpus("seeds-pdf/coventry/2017-06-29-scrutiny-board-2-minutes.pdf");
    for name in [
        "good.pdf",
        "hang-me.pdf",
        "abort-me.pdf",
        "overflow-me.pdf",
        "oom-me.pdf",
        "panic-me.pdf",
        "after.pdf",
    ] {
        std::fs::copy(&seed, docs.join(name)).unwrap();
    }
    let index = dir.path().join("index");
    let report = dir.path().join("run.json");
    let started = Instant::now();
    let out = ingest_cmd(&index, &report, &[&docs])
        .args(["--timeout", "5", "--max-memory", "768", "-j", "2"])
        .env(
            "BOARDPAPERS_TEST_WORKER_FAULT",
            "hang:hang-me,abort:abort-me,overflow:overflow-me,oom:oom-me,panic:panic-me",
        )
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the hang was not cut short"
    );
    let r = read_report(&report);
    assert_counts_add_up(&r, 7);
    let kinds = failure_kinds(&r);
    assert_eq!(kinds["hang-me.pdf"], "timeout", "{r:#}");
    assert_eq!(kinds["abort-me.pdf"], "crashed", "{r:#}");
    assert_eq!(kinds["overflow-me.pdf"], "crashed", "{r:#}");
    assert_eq!(kinds["oom-me.pdf"], "too_large", "{r:#}");
    assert_eq!(kinds["panic-me.pdf"], "crashed", "{r:#}");
    assert_eq!(r["indexed"], 2, "{r:#}");
    let overflow = r["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "overflow-me.pdf")
        .unwrap();
    assert!(
        overflow["reason"]
            .as_str()
            .unwrap()
            .contains("stack overflow"),
        "{overflow}"
    );
    // Dead workers were replaced, and every worker reported its memory.
    let workers = &r["workers"];
    assert!(
        workers["workers_replaced"].as_u64().unwrap() >= 5,
        "{workers}"
    );
    assert!(
        workers["worker_peak_rss_kb"].as_u64().unwrap() > 0,
        "{workers}"
    );

    // Both good copies are searchable.
    let records = export(&index);
    let paths: HashSet<&str> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, HashSet::from(["good.pdf", "after.pdf"]));

    // `failures` lists the five, exits 1, and filters by kind.
    let idx = index.display().to_string();
    let out = run(&["failures", "--index", &idx, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let failed: Vec<&Value> = rows.iter().filter(|r| r["state"] == "failed").collect();
    assert_eq!(failed.len(), 5, "{rows:?}");
    assert!(failed
        .iter()
        .all(|r| r["when"].as_str().unwrap().ends_with('Z')));
    let out = run(&[
        "failures", "--index", &idx, "--kind", "timeout", "--format", "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let csv = stdout(&out);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("hang-me.pdf,failed,timeout,"));
    let out = run(&["failures", "--index", &idx, "--kind", "bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown kind `bogus`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn failures_exits_0_when_nothing_failed() {
    let idx = seeds_index().display().to_string();
    let out = run(&["failures", "--index", &idx, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(rows.iter().all(|r| r["state"] == "indexed"), "{rows:?}");
    let out = run(&["failures", "--index", "/nonexistent/index"]);
    assert_eq!(out.status.code(), Some(2));
}

// ------------------------------------------------------------ crash safety

#[test]
fn kill_9_mid_ingest_then_a_rerun_equals_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let n = copy_seed_pdfs(&docs, 12);
    let index = dir.path().join("index");
    let report = dir.path().join("run.json");

    let mut child = ingest_cmd(&index, &report, &[&docs])
        .args(["-j", "2"])
        .env("BOARDPAPERS_TEST_WORKER_DELAY_MS", "250")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a first commit, so the kill lands between commits.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "no commit within two minutes");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before the kill"
        );
        if index.join("meta.json").exists() {
            let out = run(&["export", "--index", &index.display().to_string()]);
            if out.status.success() && !out.stdout.is_empty() {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());
    let partial = export(&index);
    assert!(!partial.is_empty());

    let out = ingest_cmd(&index, &report, &[&docs]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = read_report(&report);
    assert_counts_add_up(&r, n);
    assert!(r["unchanged"].as_u64().unwrap() > 0, "{r:#}");
    assert!(r["indexed"].as_u64().unwrap() > 0, "{r:#}");

    let clean_index = dir.path().join("clean");
    let out = ingest_cmd(&clean_index, &dir.path().join("clean.json"), &[&docs])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let resumed = export_sorted(&index);
    assert_no_duplicate_ids(&resumed);
    assert_eq!(resumed, export_sorted(&clean_index));
}

#[test]
fn a_second_ingest_on_a_busy_index_is_refused_and_the_index_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let n = copy_seed_pdfs(&docs, 2);
    let index = dir.path().join("index");
    let first = ingest_cmd(&index, &dir.path().join("first.json"), &[&docs])
        .env("BOARDPAPERS_TEST_WORKER_DELAY_MS", "400")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !index.join("meta.json").exists() {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let second: Output = ingest_cmd(&index, &dir.path().join("second.json"), &[&docs])
        .output()
        .unwrap();
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(err.contains("another ingest is running"), "{err}");
    assert!(!dir.path().join("second.json").exists());

    let first = first.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let r = read_report(&dir.path().join("first.json"));
    assert_counts_add_up(&r, n);
    assert_eq!(r["indexed"].as_u64().unwrap() as usize, n);
    let records = export(&index);
    assert_no_duplicate_ids(&records);
    assert!(!records.is_empty());
}

// ------------------------------------------------------------ rules

#[test]
fn a_changed_rule_reprocesses_files_and_an_unchanged_rerun_extracts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    for e in std::fs::read_dir(root().join("rules")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, rules.join(p.file_name().unwrap())).unwrap();
        }
    }
    let index = dir.path().join("index");
    let report = dir.path().join("run.json");
    let seeds = corpus("seeds");
    let go = || {
        let out = bin()
            .args(["ingest", "-q"])
            .arg(&seeds)
            .arg("--index")
            .arg(&index)
            .arg("--rules")
            .arg(&rules)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        read_report(&report)
    };
    let first = go();
    assert_eq!(first["indexed"], 5);
    let before = export(&index);

    // Rename the id of the first resolution rule that made records.
    let minutes = rules.join("minutes.toml");
    let text = std::fs::read_to_string(&minutes).unwrap();
    let used: HashSet<&str> = before.iter().map(|r| r["rule"].as_str().unwrap()).collect();
    let old_id = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("id = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .find(|id| used.contains(id))
        .expect("a rule of minutes.toml made records")
        .to_string();
    let new_id = format!("{old_id}-renamed");
    std::fs::write(
        &minutes,
        text.replace(&format!("id = \"{old_id}\""), &format!("id = \"{new_id}\"")),
    )
    .unwrap();

    let second = go();
    assert_eq!(second["indexed"], 5, "{second:#}");
    assert_eq!(second["unchanged"], 0);
    let after = export(&index);
    assert_eq!(after.len(), before.len());
    assert!(after.iter().any(|r| r["rule"] == new_id.as_str()));
    assert!(!after.iter().any(|r| r["rule"] == old_id.as_str()));

    let third = go();
    assert_eq!(third["indexed"], 0, "{third:#}");
    assert_eq!(third["unchanged"], 5);
    assert!(third["workers"]["workers_started"] == 0 || third["workers"].is_null());
    assert_eq!(export(&index), after);
}

// ------------------------------------------------------------ bad inputs

/// Deterministic noise, so a failure can be reproduced.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect()
}

#[test]
fn every_bad_input_ends_in_its_typed_state_and_good_files_beside_them_are_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(docs.join(name), bytes).unwrap();
    let seed_pdf = std::fs::read(corpus(
        "seeds-pdf/coventry/2017-06-29-scrutiny-board-2-minutes.pdf",
    ))
    .unwrap();
    let seed_txt = std::fs::read(corpus(
        "seeds/coventry/2017-06-29-scrutiny-board-2-minutes.txt",
    ))
    .unwrap();

    put("good.pdf", &seed_pdf);
    put("good.txt", &seed_txt);
    put("zero.pdf", b"");
    put("random.pdf", &noise(20_000, 7));
    put("truncated.pdf", &seed_pdf[..seed_pdf.len() / 2]);
    put("encrypted.pdf", &make::encrypted());
    let mut plain = make::pages(&["Minutes of the cross-reference committee".to_string()]);
    // A classic table, whose offsets poppler can rebuild by scanning.
    plain.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut badxref = make::bytes(&mut plain);
    let at = badxref.windows(9).rposition(|w| w == b"startxref").unwrap();
    badxref.truncate(at);
    badxref.extend(b"startxref\n123456\n%%EOF\n");
    put("badxref.pdf", &badxref);
    put("nested.pdf", &make::deeply_nested(100_000));
    put("bomb.pdf", &make::zip_bomb(1 << 30));
    let many: Vec<String> = (1..=10_000)
        .map(|n| format!("Page {n} of the long pack"))
        .collect();
    put("long.pdf", &make::bytes(&mut make::pages(&many)));
    put(
        "latin1.txt",
        b"Minutes of the Caf\xe9 Committee\nPresent: Councillor Ren\xe9e Smith (Chair)\n",
    );
    let mut binary = b"GIF89a".to_vec();
    binary.extend(noise(4_000, 11));
    binary.extend([0u8; 64]);
    put("binary.txt", &binary);
    std::fs::create_dir_all(docs.join("loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(docs.join("loop"), docs.join("loop/again")).unwrap();

    let index = dir.path().join("index");
    let report = dir.path().join("run.json");
    let out = ingest_cmd(&index, &report, &[&docs])
        .args(["--max-memory", "512", "--timeout", "60", "-j", "2"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let r = read_report(&report);
    eprintln!("{r:#}");
    let discovered = 12 + usize::from(cfg!(unix));
    assert_counts_add_up(&r, discovered);

    let kinds = failure_kinds(&r);
    let poppler = pdftotext_installed();
    assert_eq!(kinds["zero.pdf"], "damaged", "{r:#}");
    assert_eq!(kinds["random.pdf"], "damaged", "{r:#}");
    assert_eq!(kinds["truncated.pdf"], "damaged", "{r:#}");
    assert_eq!(kinds["encrypted.pdf"], "encrypted", "{r:#}");
    assert_eq!(kinds["bomb.pdf"], "too_large", "{r:#}");
    assert_eq!(kinds["binary.txt"], "unsupported", "{r:#}");
    #[cfg(unix)]
    assert_eq!(kinds["loop/again"], "io", "{r:#}");
    for indexed in ["good.pdf", "good.txt", "long.pdf", "latin1.txt"] {
        assert!(!kinds.contains_key(indexed), "{indexed}: {r:#}");
    }
    if poppler {
        // pdf-extract fails on both; pdftotext reads them, and the listing
        // says which reader failed where.
        assert!(!kinds.contains_key("badxref.pdf"), "{r:#}");
        assert!(!kinds.contains_key("nested.pdf"), "{r:#}");
        let idx = index.display().to_string();
        let out = run(&[
            "failures",
            "--index",
            &idx,
            "--kind",
            "reader_error",
            "--format",
            "json",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "page problems alone are not failures"
        );
        let rows: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
        let nested = rows
            .iter()
            .find(|r| r["path"] == "nested.pdf")
            .expect("nested.pdf row");
        assert_eq!(nested["page"], 1, "{nested}");
        assert_eq!(nested["state"], "indexed");
        assert!(rows.iter().any(|r| r["path"] == "badxref.pdf"), "{rows:?}");
    } else {
        assert_eq!(kinds["badxref.pdf"], "damaged", "{r:#}");
        assert_eq!(kinds["nested.pdf"], "crashed", "{r:#}");
    }

    let records = export(&index);
    let idx = index.display().to_string();
    let out = run(&["search", "--index", &idx, "Renée", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "latin1.txt is searchable");
    let out = run(&[
        "search",
        "--index",
        &idx,
        "\"Page 9999\"",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "page 9,999 of long.pdf is searchable"
    );
    assert!(records
        .iter()
        .any(|r| r["source"]["path"] == "good.pdf" && r["type"] == "attendee"));
    assert!(records
        .iter()
        .any(|r| r["source"]["path"] == "good.txt" && r["type"] == "attendee"));
}

mod make {
    //! PDFs built with lopdf for the bad-input corpus.
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

    /// A document with one page per text, Helvetica, the page tree flat.
    pub fn pages(texts: &[String]) -> Document {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let mut kids: Vec<Object> = Vec::new();
        for t in texts {
            let content = Content {
                operations: vec![
                    Operation::new("BT", vec![]),
                    Operation::new("Tf", vec!["F1".into(), 12.into()]),
                    Operation::new("Td", vec![72.into(), 720.into()]),
                    Operation::new("Tj", vec![Object::string_literal(t.as_str())]),
                    Operation::new("ET", vec![]),
                ],
            };
            let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
            let page_id = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            });
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count,
                "Resources" => resources_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        doc.trailer.set(
            "ID",
            vec![
                Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
                Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal),
            ],
        );
        doc
    }

    pub fn bytes(doc: &mut Document) -> Vec<u8> {
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    pub fn first_page(doc: &Document) -> ObjectId {
        *doc.get_pages().values().next().unwrap()
    }

    /// Opening needs the user password `secret`.
    pub fn encrypted() -> Vec<u8> {
        let mut doc = pages(&["Confidential minutes of the board".to_string()]);
        let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner-pw",
            user_password: "secret",
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
        bytes(&mut doc)
    }

    /// A first page whose content stream holds `depth` arrays nested in each
    /// other as a text operand, beside a second page of ordinary text.
    pub fn deeply_nested(depth: usize) -> Vec<u8> {
        let mut doc = pages(&[
            "Nested page".to_string(),
            "Minutes of the nested objects committee".to_string(),
        ]);
        let page = first_page(&doc);
        let mut content = b"BT /F1 12 Tf 72 720 Td ".to_vec();
        content.extend(std::iter::repeat_n(b'[', depth));
        content.extend(b"(deep)");
        content.extend(std::iter::repeat_n(b']', depth));
        content.extend(b" TJ ET");
        let stream_id = doc.add_object(Stream::new(dictionary! {}, content));
        doc.get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap()
            .set("Contents", stream_id);
        bytes(&mut doc)
    }

    /// A page whose content stream inflates to `inflated` bytes of zeros.
    pub fn zip_bomb(inflated: u64) -> Vec<u8> {
        let mut doc = pages(&[
            "Before the bomb".to_string(),
            "Minutes of the compression committee".to_string(),
        ]);
        let page = first_page(&doc);
        let mut dict = dictionary! { "Filter" => "FlateDecode" };
        let data = zlib_zeros(inflated);
        dict.set("Length", data.len() as i64);
        let stream_id = doc.add_object(Stream::new(dict, data).with_compression(false));
        doc.get_object_mut(page)
            .unwrap()
            .as_dict_mut()
            .unwrap()
            .set("Contents", stream_id);
        bytes(&mut doc)
    }

    /// A zlib stream of `n` zeros, written directly: one literal zero, then
    /// back-references of 258 bytes at distance 1 in fixed-Huffman blocks (13
    /// bits for every 258 bytes, so a gigabyte takes 6 MB).
    fn zlib_zeros(n: u64) -> Vec<u8> {
        let mut w = BitWriter::default();
        w.out.extend([0x78, 0x01]);
        w.bits(1, 1); // final block
        w.bits(1, 2); // fixed Huffman
                      // Literal 0: code 0x30 in 8 bits.
        w.huffman(0x30, 8);
        let mut left = n.saturating_sub(1);
        while left > 0 {
            let len = left.min(258);
            if len >= 3 {
                let (code, code_bits, extra, extra_bits) = length_code(len as u16);
                w.huffman(code, code_bits);
                w.bits(extra as u32, extra_bits);
                w.huffman(0, 5); // distance code 0: distance 1
                left -= len;
            } else {
                w.huffman(0x30, 8);
                left -= 1;
            }
        }
        w.huffman(0, 7); // end of block (256)
        w.flush();
        // Adler-32 of n zeros: a = 1, b = n mod 65521.
        let b = (n % 65521) as u32;
        w.out.extend(((b << 16) | 1).to_be_bytes());
        w.out
    }

    /// Fixed-Huffman code of a match length: (code, code bits, extra, extra bits).
    fn length_code(len: u16) -> (u32, u8, u16, u8) {
        const BASE: [u16; 29] = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
            115, 131, 163, 195, 227, 258,
        ];
        const EXTRA: [u8; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        let i = BASE.iter().rposition(|&b| b <= len).unwrap();
        let i = if len == 258 { 28 } else { i.min(27) };
        let symbol = 257 + i as u32;
        let (code, bits) = if symbol <= 279 {
            (symbol - 256, 7)
        } else {
            (symbol - 280 + 0xC0, 8)
        };
        (code, bits, len - BASE[i], EXTRA[i])
    }

    #[derive(Default)]
    struct BitWriter {
        out: Vec<u8>,
        acc: u64,
        n: u8,
    }

    impl BitWriter {
        /// Plain values go least significant bit first.
        fn bits(&mut self, value: u32, count: u8) {
            for i in 0..count {
                self.push((value >> i) & 1 == 1);
            }
        }

        /// Huffman codes go most significant bit first.
        fn huffman(&mut self, code: u32, count: u8) {
            for i in (0..count).rev() {
                self.push((code >> i) & 1 == 1);
            }
        }

        fn push(&mut self, bit: bool) {
            if bit {
                self.acc |= 1 << self.n;
            }
            self.n += 1;
            if self.n == 8 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.n = 0;
            }
        }

        fn flush(&mut self) {
            if self.n > 0 {
                self.out.push(self.acc as u8);
                self.acc = 0;
                self.n = 0;
            }
        }
    }

    #[test]
    fn zlib_zeros_inflate_back() {
        use std::io::Read;
        let data = zlib_zeros(100_000);
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&data[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out.len(), 100_000);
        assert!(out.iter().all(|&b| b == 0));
    }
}

#[test]
fn an_unchanged_file_that_failed_for_good_is_reported_but_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("empty.pdf"), b"").unwrap();
    std::fs::copy(
        corpus("seeds/coventry/2017-06-29-scrutiny-board-2-minutes.txt"),
        docs.join("minutes.txt"),
    )
    .unwrap();
    let index = dir.path().join("index");
    let report = dir.path().join("run.json");
    for run in 0..2 {
        let out = ingest_cmd(&index, &report, &[&docs]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let r = read_report(&report);
        assert_counts_add_up(&r, 2);
        assert_eq!(r["failures"][0]["kind"], "damaged");
        assert_eq!(r["failures"][0]["known"], run == 1, "{r:#}");
        let started = r["workers"]["workers_started"].as_u64().unwrap();
        assert_eq!(started, if run == 0 { 1 } else { 0 }, "{r:#}");
    }
    let out = ingest_cmd(&index, &report, &[&docs])
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read_report(&report)["failures"][0]["known"], false);
}
