//! `boardpapers ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {}
pub fn run(_args: IngestArgs) -> anyhow::Result<u8> {
    todo!()
}
