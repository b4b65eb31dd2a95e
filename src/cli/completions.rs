//! `boardpapers completions SHELL` and `boardpapers man`: shell completion
//! scripts and a roff man page, both generated from the clap definition so
//! they never fall behind the commands.

use super::common;
use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

/// Print a completion script for a shell.
///
/// Examples:
///   boardpapers completions bash > ~/.local/share/bash-completion/completions/boardpapers
///   boardpapers completions zsh > ~/.zfunc/_boardpapers
///   boardpapers completions fish > ~/.config/fish/completions/boardpapers.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the man page (roff) to stdout.
///
/// Example:
///   boardpapers man > boardpapers.1 && man ./boardpapers.1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = super::Cli::command();
    common::print_stdout(|out| {
        clap_complete::generate(args.shell, &mut cmd, "boardpapers", out);
        Ok(())
    })
    .context("cannot write the completion script")?;
    Ok(super::exit::OK)
}

pub fn man(_args: ManArgs) -> anyhow::Result<u8> {
    let cmd = super::Cli::command();
    let page = clap_mangen::Man::new(cmd);
    common::print_stdout(|out| page.render(out)).context("cannot write the man page")?;
    Ok(super::exit::OK)
}
