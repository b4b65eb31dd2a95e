//! Temporary harness for the KPI rules: loads `rules/kpi.toml`, runs its
//! rules over text or PDF files (each file one report) and prints the records
//! as JSON Lines with paths relative to `--root`.
//!
//! cargo run --release --example kpi_dump -- --root DIR FILE...
//! cargo run --release --example kpi_dump -- --examples
//! cargo run --release --example kpi_dump -- --bench FILE...
use boardpapers::extract::{Backend, ExtractedText, PageInfo};
use boardpapers::record::{DocKind, Fields};
use boardpapers::rules::context::DocContext;
use boardpapers::rules::kpi::{KpiEngine, KpiSpec};
use boardpapers::segment::Document;
use boardpapers::source::SourceFile;

struct Rule {
    id: String,
    priority: i64,
    engine: KpiEngine,
    examples: Vec<toml::Value>,
}

fn load() -> Vec<Rule> {
    let src = std::fs::read_to_string("rules/kpi.toml").unwrap();
    let doc: toml::Table = toml::from_str(&src).unwrap();
    let mut rules = Vec::new();
    for r in doc["rule"].as_array().unwrap() {
        let mut t = r.as_table().unwrap().clone();
        if t.get("type").and_then(|v| v.as_str()) != Some("kpi") {
            continue;
        }
        let id = t.remove("id").unwrap().as_str().unwrap().to_string();
        let priority = t
            .remove("priority")
            .and_then(|v| v.as_integer())
            .unwrap_or(0);
        t.remove("type");
        t.remove("description");
        let examples = t
            .remove("example")
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        let spec: KpiSpec = toml::Value::Table(t)
            .try_into()
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let engine = KpiEngine::compile(spec).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        rules.push(Rule {
            id,
            priority,
            engine,
            examples,
        });
    }
    rules.sort_by_key(|r| -r.priority);
    rules
}

fn text_of(path: &str, bytes: &[u8]) -> ExtractedText {
    if path.ends_with(".pdf") {
        let pages = pdf_extract::extract_text_from_mem_by_pages(bytes).unwrap();
        ExtractedText::from_pages(
            pages
                .into_iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        PageInfo {
                            number: i as u32 + 1,
                            label: None,
                            backend: Backend::PdfExtract,
                        },
                        t,
                    )
                })
                .collect(),
        )
    } else {
        boardpapers::extract::text::extract_text(bytes).unwrap()
    }
}

fn run(
    rules: &[Rule],
    only: Option<&str>,
    rel: &str,
    text: &ExtractedText,
    authority: Option<&str>,
) -> Vec<boardpapers::record::Record> {
    let file = SourceFile {
        abs_path: rel.into(),
        rel_path: rel.to_string(),
        format: boardpapers::extract::Format::Text,
        size: 0,
    };
    let doc = Document {
        kind: DocKind::Report,
        title: None,
        date: None,
        authority: authority.map(str::to_string),
        body: None,
        meeting_date: None,
        start: 0,
        end: text.lines.len(),
        rule: "whole".into(),
    };
    let ctx = DocContext {
        file: &file,
        sha256: "0",
        text,
        doc: &doc,
    };
    let mut out = Vec::new();
    for r in rules {
        if only.is_some_and(|o| o != r.id) {
            continue;
        }
        r.engine.apply(&ctx, &r.id, &mut out);
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rules = load();
    if args.first().map(String::as_str) == Some("--examples") {
        let mut bad = 0;
        for r in &rules {
            for ex in &r.examples {
                let text = ex["text"].as_str().unwrap();
                let t = boardpapers::extract::text::extract_text(text.as_bytes()).unwrap();
                let got = run(&rules, Some(&r.id), "ex.txt", &t, None);
                let want = ex["expect"].as_array().unwrap();
                let mut ok = got.len() == want.len();
                for (g, w) in got.iter().zip(want) {
                    if let Fields::Kpi {
                        value,
                        unit,
                        period,
                        area,
                        ..
                    } = &g.fields
                    {
                        let w = w.as_table().unwrap();
                        let wv = w["value"]
                            .as_float()
                            .or(w["value"].as_integer().map(|i| i as f64))
                            .unwrap();
                        ok &=
                            (wv - value).abs() < 1e-9 && w["unit"].as_str() == Some(unit.as_str());
                        if let Some(p) = w.get("period") {
                            ok &= p.as_str() == period.as_deref();
                        }
                        if let Some(a) = w.get("area") {
                            ok &= a.as_str() == area.as_deref();
                        }
                    }
                }
                if !ok {
                    bad += 1;
                    println!("FAIL {}: {}", r.id, text.lines().next().unwrap_or(""));
                    for g in &got {
                        println!("   got {}", g.to_json_line());
                    }
                }
            }
        }
        println!("{} example failures", bad);
        return;
    }
    if args.first().map(String::as_str) == Some("--bench") {
        let texts: Vec<ExtractedText> = args[1..]
            .iter()
            .map(|p| text_of(p, &std::fs::read(p).unwrap()))
            .collect();
        let bytes: usize = texts
            .iter()
            .map(|t| t.lines.iter().map(|l| l.text.len() + 1).sum::<usize>())
            .sum();
        let start = std::time::Instant::now();
        let mut n = 0;
        let reps = 20;
        for _ in 0..reps {
            for t in &texts {
                n += run(
                    &rules,
                    std::env::var("KPI_ONLY").ok().as_deref(),
                    "x",
                    t,
                    Some("Test City Council"),
                )
                .len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{} MB in {:.3}s: {:.1} MB/s ({} records)",
            bytes * reps / 1_000_000,
            secs,
            (bytes * reps) as f64 / secs / 1e6,
            n / reps
        );
        return;
    }
    let root = &args[1];
    for p in &args[2..] {
        let rel = p
            .strip_prefix(root.as_str())
            .unwrap_or(p)
            .trim_start_matches('/');
        let text = text_of(p, &std::fs::read(p).unwrap());
        let authority = if rel.starts_with("coventry") {
            Some("Coventry City Council")
        } else {
            Some("West Sussex County Council")
        };
        for r in run(&rules, None, rel, &text, authority) {
            println!("{}", r.to_json_line());
        }
    }
}
