//! `boardpapers search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {}
pub fn run(_args: SearchArgs) -> anyhow::Result<u8> {
    todo!()
}
