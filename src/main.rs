//! The `eipcheck` binary: see `eipcheck --help`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = eipcheck::cli::Cli::parse();
    std::process::ExitCode::from(eipcheck::cli::run(cli))
}
