//! The `boardpapers` command line: parses arguments and hands each subcommand to
//! its module in `cli/`. Exit codes live in [`cli::exit`].

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
