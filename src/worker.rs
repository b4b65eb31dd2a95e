//! PDF extraction in worker processes. A PDF reader that panics, aborts,
//! overflows its stack, loops for ever or eats all memory takes its process
//! down with it; run in a child of its own, it costs the one file it was
//! reading and the child is replaced.
//!
//! This module owns both ends:
//!
//! - [`serve`], the worker: the same binary started with a hidden subcommand,
//!   which caps its own address space, reads requests on stdin and answers on
//!   stdout until stdin closes.
//! - [`WorkerPool`], the parent's side: one long-lived worker per job slot
//!   (started on first use, so a run with nothing to extract starts none), a
//!   per-file deadline after which the worker's process group is killed, and
//!   the mapping of a worker's death to a failure kind (`timeout`, `crashed`,
//!   `too_large`).
//!
//! The protocol is one JSON line per message. A request is a [`Request`] line
//! followed by exactly `len` raw bytes of the file (the parent has read and
//! hashed the file already, so the worker reads exactly the bytes that were
//! hashed); the answer is one [`Response`] line.

use crate::extract::{self, ExtractOptions, ExtractedText, Format, PdfBackendChoice};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Test hook: `ACTION:NAME[,ACTION:NAME...]` makes the worker misbehave on
/// files whose path contains NAME (`hang`, `abort`, `overflow`, `oom`, `panic`),
/// so that the parent's handling of each death can be tested with real
/// processes. Not for users.
pub const FAULT_ENV: &str = "BOARDPAPERS_TEST_WORKER_FAULT";
/// Test hook: milliseconds the worker sleeps before each file, to make an
/// ingest slow enough to interrupt. Not for users.
pub const DELAY_ENV: &str = "BOARDPAPERS_TEST_WORKER_DELAY_MS";

/// How the parent starts and limits workers.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The executable to start (normally this binary) and its arguments up to
    /// and including the worker subcommand.
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Longest one file may take; then the worker is killed and the file is a
    /// `timeout`.
    pub timeout: Duration,
    /// Address-space cap of each worker in MB (`None`: no cap).
    pub max_memory_mb: Option<u64>,
}

/// One file to extract.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Names the file in messages; handed to pdftotext when it is the file the
    /// bytes came from.
    pub path: PathBuf,
    pub format: Format,
    pub backend: PdfBackendChoice,
    pub pdftotext_timeout_secs: u64,
    /// Length of the raw bytes that follow the line.
    pub len: u64,
}

/// A worker's answer to one request.
#[derive(Debug, Serialize, Deserialize)]
pub struct Response {
    pub result: Result<ExtractedText, WorkFailure>,
    /// The worker's peak resident set so far, in KB.
    pub peak_rss_kb: u64,
}

/// Why a file was not read: its failure kind (see
/// [`crate::extract::FAILURE_KINDS`]) and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkFailure {
    pub kind: String,
    pub reason: String,
}

impl WorkFailure {
    fn new(kind: &str, reason: impl Into<String>) -> WorkFailure {
        WorkFailure {
            kind: kind.to_string(),
            reason: reason.into(),
        }
    }
}

/// Problems of the worker protocol or of starting a worker.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("cannot start a worker process `{}`: {source}", program.display())]
    Spawn { program: PathBuf, source: io::Error },
    #[error("worker protocol: {0}")]
    Protocol(String),
    #[error("worker i/o: {0}")]
    Io(#[from] io::Error),
}

// ---------------------------------------------------------------- worker side

/// Run as a worker: cap memory, then answer requests until stdin closes.
pub fn serve(max_memory_mb: Option<u64>) -> Result<(), WorkerError> {
    die_with_parent();
    if let Some(mb) = max_memory_mb {
        limit_address_space(mb.saturating_mul(1024 * 1024))?;
    }
    // pdf-extract or a dependency printing to stdout would corrupt the
    // protocol, so the protocol gets its own descriptor and fd 1 becomes stderr.
    let mut out = protocol_stdout()?;
    let mut input = BufReader::new(io::stdin().lock());
    let faults = std::env::var(FAULT_ENV).unwrap_or_default();
    let delay = std::env::var(DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    let mut header = String::new();
    loop {
        header.clear();
        if input.read_line(&mut header)? == 0 {
            return Ok(());
        }
        let request: Request = serde_json::from_str(header.trim_end())
            .map_err(|e| WorkerError::Protocol(format!("bad request line: {e}")))?;
        let mut bytes = Vec::new();
        (&mut input).take(request.len).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != request.len {
            return Err(WorkerError::Protocol("request cut short".into()));
        }
        if let Some(ms) = delay {
            std::thread::sleep(Duration::from_millis(ms));
        }
        inject_fault(&faults, &request.path);
        let opts = ExtractOptions {
            pdf_backend: request.backend,
            pdftotext_timeout: Duration::from_secs(request.pdftotext_timeout_secs),
        };
        let result = extract::extract_bytes(&request.path, &bytes, request.format, &opts)
            .map_err(|e| WorkFailure::new(e.kind(), e.to_string()));
        drop(bytes);
        let response = Response {
            result,
            peak_rss_kb: peak_rss_kb(),
        };
        let line = serde_json::to_string(&response)
            .map_err(|e| WorkerError::Protocol(format!("cannot encode an answer: {e}")))?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
}

#[cfg(unix)]
fn protocol_stdout() -> io::Result<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup and dup2 on the process's own standard descriptors; the
    // duplicate is owned by the returned File alone.
    unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(std::fs::File::from_raw_fd(fd))
    }
}

#[cfg(not(unix))]
fn protocol_stdout() -> io::Result<io::Stdout> {
    Ok(io::stdout())
}

/// RLIMIT_AS caps the address space, not the resident set: reservations count
/// too (thread stacks, allocator arenas), so the cap must leave room above what
/// the worker actually touches. An allocation beyond it fails, and Rust aborts
/// with "memory allocation of N bytes failed", which the parent reads as
/// `too_large`. Children (pdftotext) inherit the cap.
#[cfg(unix)]
fn limit_address_space(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and nothing else.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) -> io::Result<()> {
    // No portable cap: the per-file timeout still applies.
    Ok(())
}

/// A worker whose parent was killed (kill -9 of an ingest) must not linger
/// on a long file: Linux can deliver SIGKILL when the parent goes.
fn die_with_parent() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number only.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() == 1 {
            // The parent is gone already.
            std::process::exit(0);
        }
    }
}

/// Peak resident set size of this process in KB.
pub fn peak_rss_kb() -> u64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the zeroed struct we own.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            // Linux reports KB.
            return usage.ru_maxrss.max(0) as u64;
        }
    }
    0
}

fn inject_fault(faults: &str, path: &Path) {
    let path = path.to_string_lossy();
    for spec in faults.split(',') {
        let Some((action, name)) = spec.split_once(':') else {
            continue;
        };
        if name.is_empty() || !path.contains(name) {
            continue;
        }
        match action {
            "hang" => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            "abort" => std::process::abort(),
            "panic" => panic!("injected panic"),
            "overflow" => {
                fn deeper(n: u64) -> u64 {
                    if n == u64::MAX {
                        return 0;
                    }
                    let pad = std::hint::black_box([n; 64]);
                    deeper(n + 1) + pad[3]
                }
                std::hint::black_box(deeper(0));
            }
            "oom" => {
                // Only meaningful under a memory cap; grows until it fails.
                // Zeroed blocks take address space without touching pages, so
                // the cap is hit at once even on a loaded machine.
                let mut hog: Vec<Vec<u8>> = Vec::new();
                loop {
                    hog.push(vec![0u8; 64 * 1024 * 1024]);
                    std::hint::black_box(&hog);
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- parent side

/// A pool of workers shared by the ingest's job slots.
pub struct WorkerPool {
    config: WorkerConfig,
    idle: Mutex<Vec<Worker>>,
    started: AtomicUsize,
    replaced: AtomicUsize,
    peak_rss_kb: AtomicU64,
}

/// What the pool did, for the run report.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PoolStats {
    pub workers_started: usize,
    /// Workers killed or dead after a file (timeout, crash, memory cap).
    pub workers_replaced: usize,
    /// Largest peak resident set any worker reported, in KB.
    pub worker_peak_rss_kb: u64,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    answers: crossbeam_channel::Receiver<io::Result<String>>,
    stderr_tail: Arc<Mutex<String>>,
}

/// How much of a worker's stderr is kept to explain its death.
const STDERR_TAIL_BYTES: usize = 4096;

impl WorkerPool {
    pub fn new(config: WorkerConfig) -> WorkerPool {
        WorkerPool {
            config,
            idle: Mutex::new(Vec::new()),
            started: AtomicUsize::new(0),
            replaced: AtomicUsize::new(0),
            peak_rss_kb: AtomicU64::new(0),
        }
    }

    pub fn stats(&self) -> PoolStats {
        PoolStats {
            workers_started: self.started.load(Ordering::Relaxed),
            workers_replaced: self.replaced.load(Ordering::Relaxed),
            worker_peak_rss_kb: self.peak_rss_kb.load(Ordering::Relaxed),
        }
    }

    /// Start one worker now and keep it, so that a worker that cannot start at
    /// all is one clear error instead of every file failing.
    pub fn warm_up(&self) -> Result<(), WorkerError> {
        let worker = self.spawn()?;
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(worker);
        Ok(())
    }

    /// Extract one file in a worker. Never panics; every way a worker can fail
    /// comes back as a [`WorkFailure`].
    pub fn extract(
        &self,
        path: &Path,
        bytes: &[u8],
        format: Format,
        opts: &ExtractOptions,
    ) -> Result<ExtractedText, WorkFailure> {
        let taken = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut worker = match taken {
            Some(w) => w,
            None => self
                .spawn()
                .map_err(|e| WorkFailure::new("crashed", e.to_string()))?,
        };
        let request = Request {
            path: path.to_path_buf(),
            format,
            backend: opts.pdf_backend,
            pdftotext_timeout_secs: opts.pdftotext_timeout.as_secs().max(1),
            len: bytes.len() as u64,
        };
        if let Err(e) = send(&mut worker.stdin, &request, bytes) {
            // A worker that cannot take a request is dead; what killed it is
            // more telling than the broken pipe.
            return Err(self.bury(worker, &format!("the worker stopped taking requests ({e})")));
        }
        match worker.answers.recv_timeout(self.config.timeout) {
            Ok(Ok(line)) => match serde_json::from_str::<Response>(&line) {
                Ok(response) => {
                    self.peak_rss_kb
                        .fetch_max(response.peak_rss_kb, Ordering::Relaxed);
                    self.idle
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(worker);
                    response.result
                }
                Err(e) => {
                    Err(self.bury(worker, &format!("unreadable answer from the worker: {e}")))
                }
            },
            Ok(Err(e)) => Err(self.bury(worker, &format!("cannot read the worker's answer: {e}"))),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                kill(&mut worker.child);
                let _ = worker.child.wait();
                self.replaced.fetch_add(1, Ordering::Relaxed);
                Err(WorkFailure::new(
                    "timeout",
                    format!(
                        "no result after {} s; the worker reading it was stopped",
                        self.config.timeout.as_secs_f64()
                    ),
                ))
            }
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                Err(self.bury(worker, "the worker exited without an answer"))
            }
        }
    }

    /// A worker that died (or must die): reap it and name what happened.
    fn bury(&self, mut worker: Worker, what: &str) -> WorkFailure {
        kill(&mut worker.child);
        let status = worker.child.wait().ok();
        self.replaced.fetch_add(1, Ordering::Relaxed);
        // The stderr reader ends when the pipe closes; give it a moment.
        std::thread::sleep(Duration::from_millis(20));
        let tail = worker
            .stderr_tail
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        classify_death(what, status, &tail, self.config.max_memory_mb)
    }

    fn spawn(&self) -> Result<Worker, WorkerError> {
        let mut cmd = Command::new(&self.config.program);
        cmd.args(&self.config.args);
        if let Some(mb) = self.config.max_memory_mb {
            cmd.arg("--max-memory").arg(mb.to_string());
        }
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A backtrace would push the reason for a death ("memory
            // allocation of N bytes failed") out of the stderr tail it is read from.
            .env("RUST_BACKTRACE", "0");
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own process group, so that killing it also kills a pdftotext
            // it started.
            cmd.process_group(0);
        }
        let mut child = cmd.spawn().map_err(|source| WorkerError::Spawn {
            program: self.config.program.clone(),
            source,
        })?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, answers) = crossbeam_channel::bounded(1);
        std::thread::Builder::new()
            .name("worker-answers".into())
            .spawn(move || {
                let mut reader = BufReader::new(stdout);
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) => return,
                        Ok(_) => {
                            if tx.send(Ok(line)).is_err() {
                                return;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            })?;
        let stderr_tail = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::Builder::new()
            .name("worker-stderr".into())
            .spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut buf = Vec::new();
                while let Ok(n) = reader.read_until(b'\n', &mut buf) {
                    if n == 0 {
                        return;
                    }
                    if let Ok(mut t) = tail.lock() {
                        t.push_str(&String::from_utf8_lossy(&buf));
                        if t.len() > STDERR_TAIL_BYTES {
                            let mut cut = t.len() - STDERR_TAIL_BYTES;
                            while !t.is_char_boundary(cut) {
                                cut += 1;
                            }
                            t.drain(..cut);
                        }
                    }
                    buf.clear();
                }
            })?;
        self.started.fetch_add(1, Ordering::Relaxed);
        Ok(Worker {
            child,
            stdin,
            answers,
            stderr_tail,
        })
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        let workers = std::mem::take(self.idle.get_mut().unwrap_or_else(|e| e.into_inner()));
        for mut w in workers {
            // Closing stdin asks an idle worker to exit; it has nothing to finish.
            drop(w.stdin);
            if !matches!(w.child.try_wait(), Ok(Some(_))) {
                std::thread::sleep(Duration::from_millis(5));
                if !matches!(w.child.try_wait(), Ok(Some(_))) {
                    kill(&mut w.child);
                }
            }
            let _ = w.child.wait();
        }
    }
}

fn send(stdin: &mut ChildStdin, request: &Request, bytes: &[u8]) -> io::Result<()> {
    let mut line = serde_json::to_vec(request).map_err(io::Error::other)?;
    line.push(b'\n');
    stdin.write_all(&line)?;
    stdin.write_all(bytes)?;
    stdin.flush()
}

fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        // SAFETY: a signal to the process group the worker leads; its id is
        // still ours because the child has not been reaped.
        unsafe {
            libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

/// Name a worker's death from its exit status and the end of its stderr.
fn classify_death(
    what: &str,
    status: Option<std::process::ExitStatus>,
    stderr_tail: &str,
    max_memory_mb: Option<u64>,
) -> WorkFailure {
    let how = match status {
        Some(s) => describe_status(s),
        None => "an unknown status".to_string(),
    };
    if stderr_tail.contains("memory allocation of") || stderr_tail.contains("out of memory") {
        let cap = max_memory_mb.map_or_else(String::new, |mb| format!(" of {mb} MB"));
        return WorkFailure::new(
            "too_large",
            format!("reading it needs more memory than the worker's cap{cap} ({how})"),
        );
    }
    let detail = if stderr_tail.contains("has overflowed its stack") {
        "stack overflow (deeply nested content?)".to_string()
    } else {
        stderr_tail
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| l.chars().take(200).collect())
            .unwrap_or_else(|| what.to_string())
    };
    WorkFailure::new(
        "crashed",
        format!("the PDF reader's worker died with {how}: {detail}"),
    )
}

fn describe_status(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let name = match sig {
                libc::SIGABRT => "SIGABRT",
                libc::SIGSEGV => "SIGSEGV",
                libc::SIGKILL => "SIGKILL",
                libc::SIGBUS => "SIGBUS",
                libc::SIGILL => "SIGILL",
                _ => "",
            };
            return if name.is_empty() {
                format!("signal {sig}")
            } else {
                format!("signal {sig} ({name})")
            };
        }
    }
    match status.code() {
        Some(c) => format!("exit status {c}"),
        None => "an unknown status".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_messages_mean_too_large() {
        let f = classify_death(
            "gone",
            None,
            "memory allocation of 1073741824 bytes failed\n",
            Some(256),
        );
        assert_eq!(f.kind, "too_large");
        assert!(f.reason.contains("256 MB"), "{}", f.reason);
    }

    #[test]
    fn stack_overflow_is_named() {
        let f = classify_death(
            "gone",
            None,
            "\nthread 'pdf-reader' has overflowed its stack\nfatal runtime error: stack overflow\n",
            None,
        );
        assert_eq!(f.kind, "crashed");
        assert!(f.reason.contains("stack overflow"), "{}", f.reason);
    }

    #[test]
    fn requests_round_trip() {
        let r = Request {
            path: "a b.pdf".into(),
            format: Format::Pdf,
            backend: PdfBackendChoice::Auto,
            pdftotext_timeout_secs: 60,
            len: 3,
        };
        let line = serde_json::to_string(&r).unwrap();
        assert!(!line.contains('\n'));
        let back: Request = serde_json::from_str(&line).unwrap();
        assert_eq!(back.len, 3);
        assert_eq!(back.path, PathBuf::from("a b.pdf"));
    }
}
