//! The shipped rule packs (rules/*.eip), embedded in the binary, and loading
//! of rule files given with --rules.

use crate::check::{ir::RuleSet, link, load_ruleset};
use crate::messages::t;
use crate::values::{Diagnostic, Sources};
use std::path::{Path, PathBuf};

/// The embedded packs: (name shown in diagnostics, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "<embedded>/rules/gb8978.eip",
        include_str!("../../rules/gb8978.eip"),
    ),
    (
        "<embedded>/rules/gb18918.eip",
        include_str!("../../rules/gb18918.eip"),
    ),
    (
        "<embedded>/rules/permit.eip",
        include_str!("../../rules/permit.eip"),
    ),
    (
        "<embedded>/rules/total.eip",
        include_str!("../../rules/total.eip"),
    ),
];

/// Rule files under `path` (a file, or every `.eip` in a folder, sorted).
fn files(path: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut v: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eip"))
                    .collect();
                v.sort();
                v
            }
            Err(e) => {
                diags.push(read_error(path, &e));
                vec![]
            }
        }
    } else {
        vec![path.to_path_buf()]
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let p = path.display().to_string();
    Diagnostic::error(
        "cli.read",
        t("cli.read", &[("path", &p), ("error", e)]),
        None,
    )
    .with_help(t("cli.read.help", &[]))
}

/// Loads the embedded packs (unless `no_default`) and the given rule
/// files; a given pack replaces an embedded one with the same id.
pub fn load(
    sources: &mut Sources,
    extra: &[PathBuf],
    no_default: bool,
) -> (Vec<RuleSet>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut sets: Vec<RuleSet> = Vec::new();
    if !no_default {
        for (name, text) in EMBEDDED {
            let (set, d) = load_ruleset(sources, name, text);
            diags.extend(d);
            sets.extend(set);
        }
    }
    let paths: Vec<PathBuf> = extra.iter().flat_map(|p| files(p, &mut diags)).collect();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (set, d) = load_ruleset(sources, &path.display().to_string(), &text);
                diags.extend(d);
                if let Some(set) = set {
                    sets.retain(|s| s.id.value != set.id.value);
                    sets.push(set);
                }
            }
            Err(e) => diags.push(read_error(&path, &e)),
        }
    }
    diags.extend(link(&sets));
    (sets, diags)
}
