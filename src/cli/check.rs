//! `eipcheck check`, `lint` and `rules`.

use super::{Format, packs};
use crate::eval::{Verdict, evaluate, verdict};
use crate::messages::t;
use crate::report::{CheckResult, HumanOptions, render_diagnostics, render_human, write_json};
use crate::values::{Diagnostic, Severity, Sources};
use sha2::{Digest, Sha256};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Options of `check`.
pub struct Options {
    /// Extra rule files or folders.
    pub rules: Vec<PathBuf>,
    /// Skip the embedded packs.
    pub no_default_rules: bool,
    /// Date of the check.
    pub as_of: Option<jiff::civil::Date>,
    /// Output format.
    pub format: Format,
    /// Summary only.
    pub quiet: bool,
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Invalid => 3,
        Verdict::NonCompliant => 2,
        Verdict::Incomplete => 1,
        Verdict::Compliant => 0,
    }
}

fn human_options(quiet: bool) -> HumanOptions {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // On a terminal its width; otherwise COLUMNS, else 100 columns.
    let terminal = stdout
        .is_terminal()
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    let width = terminal
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .unwrap_or(100);
    HumanOptions {
        width,
        color,
        quiet,
    }
}

/// Checks each filing; returns the exit code of the worst verdict.
pub fn run(filings: &[PathBuf], opts: &Options) -> u8 {
    let as_of = opts
        .as_of
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut rule_sources = Sources::default();
    let (rulesets, rule_diags) = packs::load(&mut rule_sources, &opts.rules, opts.no_default_rules);
    let keep_hours = crate::check::uses(
        &rulesets,
        crate::check::ir::Builtin::Windows(crate::series::Scale::Hour),
    );
    let mut worst = Verdict::Compliant;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout());
    for path in filings {
        let mut sources = rule_sources.clone();
        let mut diags = rule_diags.clone();
        let name = path.display().to_string();
        let (filing, sha) = match std::fs::read(path) {
            Ok(bytes) => {
                let sha = hex(&Sha256::digest(&bytes));
                let loaded = crate::filing::load(&name, &bytes, &mut sources);
                diags.extend(loaded.diagnostics);
                (loaded.filing, Some(sha))
            }
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "cli.read",
                        t("cli.read", &[("path", &name), ("error", &e)]),
                        None,
                    )
                    .with_help(t("cli.read.help", &[])),
                );
                (None, None)
            }
        };
        let (series, monitored) = match &filing {
            Some(f) => {
                let bar = progress_bar();
                let started = std::time::Instant::now();
                let shown = std::sync::atomic::AtomicBool::new(false);
                let progress = |done: usize, total: usize, rows: u64| {
                    if let Some(bar) = &bar {
                        // Drawn only once the work has taken a moment.
                        if started.elapsed() > std::time::Duration::from_millis(500)
                            && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
                        {
                            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
                        }
                        bar.set_length(total as u64);
                        bar.set_position(done as u64);
                        bar.set_message(t("cli.progress.rows", &[("rows", &rows)]));
                    }
                };
                let (files, monitored, d) =
                    crate::series::fold_filing(f, &mut sources, keep_hours, &progress);
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
                diags.extend(d);
                (files, monitored)
            }
            None => (Vec::new(), Vec::new()),
        };
        let outcome = filing
            .as_ref()
            .map(|f| evaluate(&rulesets, f, &monitored, as_of));
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let v = if filing.is_none() {
            Verdict::Invalid
        } else {
            verdict(outcome.as_ref().map_or(&[], |o| &o.findings), errors)
        };
        if rank(v) > rank(worst) {
            worst = v;
        }
        let result = CheckResult {
            sources: &sources,
            filing_path: &name,
            filing_sha256: sha.as_deref(),
            as_of,
            rulesets: &rulesets,
            diagnostics: &diags,
            series: &series,
            outcome: outcome.as_ref(),
            verdict: v,
        };
        let written = match opts.format {
            Format::Human => {
                out.write_all(render_human(&result, human_options(opts.quiet)).as_bytes())
            }
            Format::Json => write_json(&result, &mut out),
        };
        if written.is_err() {
            return 2;
        }
    }
    if out.flush().is_err() {
        return 2;
    }
    worst.exit_code()
}

/// Standard output for a large result: on Unix its file descriptor
/// itself, so writes skip the line buffer's search for the last newline
/// in every block (the JSON of a park runs to hundreds of megabytes).
fn stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout().lock())
}

/// A progress bar over monitoring files on a terminal (stderr), hidden
/// until shown; `None` when stderr is not a terminal, so redirected output
/// gets nothing extra.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} monitoring files {pos}/{len} {msg} [{elapsed}]",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `lint`: 0 clean (warnings allowed), 1 errors.
pub fn lint(rules: &[PathBuf]) -> u8 {
    let mut sources = Sources::default();
    // The embedded packs are always loaded too, as context: a named file may
    // refer to their tables (`standard_limit`) or replace one of them.
    let (sets, diags) = packs::load(&mut sources, rules, false);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut text = render_diagnostics(&sources, &diags, human_options(false));
    text.push_str(&t(
        "cli.lint.summary",
        &[("sets", &sets.len()), ("errors", &errors)],
    ));
    text.push('\n');
    let _ = std::io::stdout().write_all(text.as_bytes());
    u8::from(errors > 0)
}

/// `rules`: the embedded packs (and those of `extra`) and their rules with
/// kinds and citations.
pub fn list_rules(extra: &[PathBuf]) -> u8 {
    let mut sources = Sources::default();
    let (sets, diags) = packs::load(&mut sources, extra, false);
    let mut text = String::new();
    for s in &sets {
        text.push_str(&format!("{}  {}  ({})\n", s.id.value, s.title, s.source));
        for r in &s.rules {
            let prov = if r.provisional { " [provisional]" } else { "" };
            text.push_str(&format!(
                "  {}  {}  {}{prov}\n    {}\n",
                r.id,
                r.kind.as_str(),
                r.title,
                r.cite
            ));
        }
    }
    let calendar = crate::values::calendar::Calendar::china();
    text.push_str(&t("cli.rules.calendar", &[]));
    text.push('\n');
    for (year, y) in calendar.years() {
        text.push_str(&format!("  {year}  {}\n", y.notice));
    }
    let _ = std::io::stdout().write_all(text.as_bytes());
    u8::from(!diags.is_empty())
}
