//! The command line: `eipcheck check`, `lint`, `rules`, `schema`. Exit codes per
//! DESIGN.md: check 0 compliant, 1 non-compliant, 2 input or usage error,
//! 3 incomplete (over several filings: 2, then 1, then 3, then 0).

mod check;
mod packs;
pub mod schema;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// eipcheck: check eco-industrial park filings against Chinese environmental rules.
#[derive(Debug, Parser)]
#[command(name = "eipcheck", version, about)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette diagnostics and a summary.
    Human,
    /// One eipcheck/result/v1 object per filing, one per line.
    Json,
}

/// Message languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Simplified Chinese (falls back to English where not yet translated).
    #[value(name = "zh-CN")]
    ZhCn,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check filings against the embedded rule packs (and any --rules).
    Check {
        /// Filing files (YAML or JSON, eipcheck/filing/v1).
        #[arg(required = true)]
        filings: Vec<PathBuf>,
        /// Extra rule file or folder of `.eip` files; a pack whose id equals an
        /// embedded pack's replaces it.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
        /// Do not use the embedded rule packs.
        #[arg(long)]
        no_default_rules: bool,
        /// The date the check is made (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<jiff::civil::Date>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Message language.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// Print only the summary of each filing: verdict and counts, provisional and coverage lines.
        #[arg(long)]
        quiet: bool,
    },
    /// Parse and check rule files (no filing), with the embedded packs as context.
    Lint {
        /// Rule files or folders.
        rules: Vec<PathBuf>,
    },
    /// List the rule packs (embedded, and any given with --rules) and their rules with kinds and citations.
    Rules {
        /// Rule files or folders to list as well (replacing an embedded pack of the same id).
        #[arg(long)]
        rules: Vec<PathBuf>,
    },
    /// Print a JSON Schema (draft 2020-12) for editors and integrators.
    Schema {
        /// `filing` (eipcheck/filing/v1) or `result` (eipcheck/result/v1).
        #[arg(value_enum)]
        which: schema::Which,
    },
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check {
            filings,
            rules,
            no_default_rules,
            as_of,
            format,
            lang,
            quiet,
        } => {
            crate::messages::set_lang(match lang {
                LangArg::En => crate::messages::Lang::En,
                LangArg::ZhCn => crate::messages::Lang::ZhCn,
            });
            let opts = check::Options {
                rules,
                no_default_rules,
                as_of,
                format,
                quiet,
            };
            check::run(&filings, &opts)
        }
        Command::Lint { rules } => check::lint(&rules),
        Command::Rules { rules } => check::list_rules(&rules),
        Command::Schema { which } => schema::run(which),
    }
}
