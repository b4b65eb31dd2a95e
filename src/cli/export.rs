//! `boardpapers export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {}
pub fn run(_args: ExportArgs) -> anyhow::Result<u8> {
    todo!()
}
