//! Poppler's `pdftotext` as a child process: run with a time limit, its output
//! cut into pages at form feeds, its failures mapped to [`ExtractError`].
//!
//! It is run with `-layout`, because rules read tables as rows of cells and
//! minutes line by line. Without it, table cells come out one to a line: lines
//! holding three or more figures drop from 135 to 5 in the Kent finance
//! monitoring report and from 67 to 0 in the Kent performance report, and
//! numbered minute headings split from their titles ("84." / "Apologies"). With
//! it, rows stay rows with cells apart by runs of spaces; against the seed text
//! exports it keeps 240 of 283 table rows as single lines (228 without) and
//! the same short lines of minutes. The price is two-column pages, whose columns
//! it sets side by side on one line; committee papers are rarely set that way.

use crate::extract::ExtractError;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub(super) enum RunError {
    /// No `pdftotext` on PATH.
    NotInstalled,
    Failed(ExtractError),
}

impl From<std::io::Error> for RunError {
    fn from(e: std::io::Error) -> Self {
        RunError::Failed(ExtractError::Io(e))
    }
}

/// Whether `pdftotext` can be started.
#[cfg(test)]
pub(super) fn is_installed() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The text of each page, in order. `path` is read when it is the file `bytes`
/// came from; otherwise the bytes go through a temporary file.
pub(super) fn run(path: &Path, bytes: &[u8], timeout: Duration) -> Result<Vec<String>, RunError> {
    run_program("pdftotext", path, bytes, timeout)
}

pub(super) fn run_program(
    program: &str,
    path: &Path,
    bytes: &[u8],
    timeout: Duration,
) -> Result<Vec<String>, RunError> {
    let temp;
    let input: PathBuf = if is_same_file(path, bytes) {
        // A relative name starting with '-' would be taken for an option.
        if path.is_relative() && path.to_string_lossy().starts_with('-') {
            Path::new(".").join(path)
        } else {
            path.to_path_buf()
        }
    } else {
        temp = TempPdf::write(bytes)?;
        temp.path.clone()
    };

    let child = Command::new(program)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&input)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(RunError::NotInstalled),
        Err(e) => return Err(e.into()),
    };
    let output = wait_with_timeout(child, timeout)?;
    if !output.success {
        return Err(RunError::Failed(failure(&output)));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(split_pages(&text))
}

/// `pdftotext` ends every page, the last included, with a form feed.
pub(super) fn split_pages(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix('\u{c}').unwrap_or(text);
    body.split('\u{c}').map(str::to_string).collect()
}

fn is_same_file(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.len() == bytes.len() as u64)
        .unwrap_or(false)
}

struct Finished {
    success: bool,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Output is drained on threads of its own so a full pipe can never stall the
/// child while it is being timed.
fn wait_with_timeout(mut child: Child, timeout: Duration) -> Result<Finished, RunError> {
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(2);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let now = Instant::now();
        if now >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(RunError::Failed(ExtractError::Timeout(timeout.as_secs())));
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    };
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
        h.and_then(|h| h.join().ok()).unwrap_or_default()
    };
    Ok(Finished {
        success: status.success(),
        code: status.code(),
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// Exit code 3 is poppler's "permission" failure; a wrong or missing password is
/// code 1 with a message naming it.
fn failure(out: &Finished) -> ExtractError {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reason = stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(200).collect::<String>())
        .unwrap_or_else(|| match out.code {
            Some(c) => format!("exit status {c}"),
            None => "killed by a signal".to_string(),
        });
    if out.code == Some(3) || stderr.to_ascii_lowercase().contains("password") {
        ExtractError::Encrypted(format!("pdftotext: {reason}"))
    } else {
        ExtractError::Damaged(format!("pdftotext: {reason}"))
    }
}

/// A private copy of the bytes for the child to read, removed when dropped.
struct TempPdf {
    path: PathBuf,
}

impl TempPdf {
    fn write(bytes: &[u8]) -> std::io::Result<TempPdf> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("boardpapers-{}-{n}.pdf", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let temp = TempPdf { path };
                    f.write_all(bytes)?;
                    return Ok(temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempPdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_pages_on_form_feeds() {
        assert_eq!(split_pages("a\n\u{c}b\n\u{c}"), vec!["a\n", "b\n"]);
        assert_eq!(split_pages("\u{c}\u{c}"), vec!["", ""]);
        assert!(split_pages("").is_empty());
    }
}
