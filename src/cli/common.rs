//! What the data-printing subcommands share: the `--format` and `--color`
//! choices, the terminal style they resolve to, and writing to stdout so that
//! a closed pipe ends the command quietly (see `exit.rs`).

use anyhow::Context;
use boardpapers::output::{OutputFormat, Style};
use std::io::{self, BufWriter, IsTerminal, Write};

/// `--format` of every command that prints data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns, for reading.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Flat columns with a header row.
    Csv,
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> OutputFormat {
        match f {
            Format::Table => OutputFormat::Table,
            Format::Json => OutputFormat::Json,
            Format::Jsonl => OutputFormat::Jsonl,
            Format::Csv => OutputFormat::Csv,
        }
    }
}

/// `--color`: when the table may use ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Only when stdout is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always, also into a pipe or with `NO_COLOR` set.
    Always,
    /// Never.
    Never,
}

/// Colour and width for tables. `auto` follows no-color.org: a non-empty
/// `NO_COLOR` turns colour off; an explicit `always` wins over it.
pub fn style(choice: ColorChoice) -> Style {
    let terminal = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let width = if terminal {
        terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
    } else {
        None
    };
    Style {
        color: match choice {
            ColorChoice::Auto => terminal && !no_color,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        },
        width: width.unwrap_or(Style::default().width),
    }
}

/// Run `print` on a buffered stdout and flush it; a closed pipe comes back as
/// an error that `main` recognises and turns into a quiet exit.
pub fn print_stdout(print: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print(&mut out)
        .and_then(|()| out.flush())
        .context("cannot write to stdout")
}
