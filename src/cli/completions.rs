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

/// Print the man page (roff) to stdout: the command's, or one subcommand's.
///
/// Examples:
///   boardpapers man > boardpapers.1 && man ./boardpapers.1
///   boardpapers man kpi > boardpapers-kpi.1
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// A subcommand whose page to print (`search`, `kpi`, ...).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = super::Cli::command();
    common::print_stdout(|out| {
        clap_complete::generate(args.shell, &mut cmd, "boardpapers", out);
        Ok(())
    })
    .context("cannot write the completion script")?;
    Ok(super::exit::OK)
}

pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    let mut cmd = super::Cli::command();
    if let Some(name) = &args.command {
        cmd.build();
        let names: Vec<String> = cmd
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        let Some(sub) = cmd.find_subcommand(name).filter(|c| !c.is_hide_set()) else {
            anyhow::bail!(
                "no subcommand `{name}`; expected one of {}",
                boardpapers::query::list_choices(names.iter().map(String::as_str))
            );
        };
        // Named as man pages of git-style subcommands are: boardpapers-kpi.
        let sub = sub
            .clone()
            .display_name(format!("boardpapers-{name}"))
            .bin_name(format!("boardpapers {name}"));
        let page = clap_mangen::Man::new(sub);
        common::print_stdout(|out| page.render(out)).context("cannot write the man page")?;
        return Ok(super::exit::OK);
    }
    let page = clap_mangen::Man::new(cmd);
    common::print_stdout(|out| page.render(out)).context("cannot write the man page")?;
    Ok(super::exit::OK)
}
