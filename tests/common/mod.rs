//! Shared helpers of the integration tests: run the real binary, make temp dirs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_boardpapers"));
    c.current_dir(root());
    c.env("NO_COLOR", "1");
    c
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn corpus(rel: &str) -> PathBuf {
    root().join("corpus").join(rel)
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Ingest `paths` into a fresh index in `dir`; returns the index path.
pub fn ingest(dir: &Path, paths: &[&Path]) -> PathBuf {
    let index = dir.join("index");
    let mut args: Vec<String> = vec!["ingest".into(), "-q".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.push("--index".into());
    args.push(index.display().to_string());
    let out = bin().args(&args).output().expect("ingest runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "ingest failed: {}",
        stderr(&out)
    );
    index
}

/// Every exported record of an index, parsed.
pub fn export(index: &Path) -> Vec<serde_json::Value> {
    let out = run(&["export", "--index", &index.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "export failed: {}",
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn of_type<'a>(records: &'a [serde_json::Value], t: &str) -> Vec<&'a serde_json::Value> {
    records.iter().filter(|r| r["type"] == t).collect()
}

/// One index of `corpus/seeds`, built once per test binary and shared by its tests.
pub fn seeds_index() -> &'static Path {
    use std::sync::OnceLock;
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_dir, path) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("index");
        let out = bin()
            .arg("ingest")
            .arg(corpus("seeds"))
            .arg("--index")
            .arg(&path)
            .arg("--rules")
            .arg(root().join("rules"))
            .output()
            .expect("ingest runs");
        assert!(out.status.success(), "ingest failed: {}", stderr(&out));
        (dir, path)
    });
    path
}
