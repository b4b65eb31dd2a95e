//! `boardpapers __worker`: the hidden subcommand `ingest` starts its PDF
//! extraction workers with. The protocol and the work are the library's
//! (`boardpapers::worker`); this only parses the arguments.

use super::exit;
use anyhow::Context;

/// Serve extraction requests on stdin/stdout until stdin closes.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// Cap this process's address space at this many MB before any work.
    #[arg(long, value_name = "MB")]
    pub max_memory: Option<u64>,
}

pub fn run(args: WorkerArgs) -> anyhow::Result<u8> {
    boardpapers::worker::serve(args.max_memory).context("extraction worker")?;
    Ok(exit::OK)
}
