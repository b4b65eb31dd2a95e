//! Exit codes, in one place. Search-like commands follow grep: 0 found,
//! 1 nothing found, 2 error. `ingest` uses 1 for "finished, but some files
//! failed", so a batch job can alert on it.

/// Success: something found, or every file indexed.
pub const OK: u8 = 0;
/// Nothing found (search), or some files failed (ingest).
pub const NOT_FOUND_OR_PARTIAL: u8 = 1;
/// A fatal error: bad arguments, unreadable index, bad rules.
pub const ERROR: u8 = 2;

/// True when the error chain holds a broken pipe: the reader of our output went
/// away (`| head`), which is not an error worth a message.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
