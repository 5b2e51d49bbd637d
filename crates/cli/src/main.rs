//! `dpm`: the engine (and, with `dpm figure`, the charts) from the shell.
//!
//! For: computing any demo's numbers without a browser, e.g. to check them
//! against the original's reference outputs (`dpm eval`, the contract in
//! `tests/golden/README.md`).
//! Not for: mathematics of its own: every number comes from `dpm-engine`.
//!
//! One module per subcommand (`eval.rs`); `record.rs` reads typed inputs from a
//! JSON record and says what was wrong in one line.
mod eval;
mod figure;
mod record;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const LONG_ABOUT: &str = "\
The numbers of the article \"Understanding Diffusion Probability Model
Interactively\" from the command line: every demo's outputs for given inputs,
computed by the same engine as the page.";

const EXAMPLES: &str = "\
Examples:
  echo '{\"demo\":\"demo2\",\"seed\":100,\"alpha\":0.98,\"cond\":0.2}' | dpm eval
  dpm figure demo_2 --alpha 0.9 --format svg --out demo2.svg
  dpm eval --help";

/// The diffusion-probability-model article's engine from the command line.
#[derive(Parser)]
#[command(
    name = "dpm",
    version,
    arg_required_else_help = true,
    long_about = LONG_ABOUT,
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // No doc comment here: it would replace the help that `eval::Args` carries.
    Eval(eval::Args),
    /// Draw a demo's plots or one of the article's figures to an SVG or PNG file.
    // Boxed: its many options would make every `Command` that large.
    Figure(Box<figure::Args>),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Eval(args) => eval::run(&args),
        Command::Figure(args) => figure::run(&args),
    }
}
