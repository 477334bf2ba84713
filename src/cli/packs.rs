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
    (
        "<embedded>/rules/order24.eip",
        include_str!("../../rules/order24.eip"),
    ),
    (
        "<embedded>/rules/monitoring.eip",
        include_str!("../../rules/monitoring.eip"),
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

/// Where a rule file comes from: a path on disk, or an embedded pack.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    Disk(PathBuf),
    Embedded(&'static str),
}

impl Origin {
    fn name(&self) -> String {
        match self {
            Origin::Disk(p) => p.display().to_string(),
            Origin::Embedded(n) => (*n).to_string(),
        }
    }
    fn read(&self) -> Result<String, std::io::Error> {
        match self {
            Origin::Disk(p) => std::fs::read_to_string(p),
            Origin::Embedded(n) => EMBEDDED
                .iter()
                .find(|(name, _)| name == n)
                .map(|(_, text)| (*text).to_string())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
        }
    }
    /// The file an `import "PATH"` in this file names (relative to it).
    fn import(&self, path: &str) -> Origin {
        match self {
            Origin::Disk(p) => Origin::Disk(p.parent().unwrap_or(Path::new("")).join(path)),
            Origin::Embedded(_) => EMBEDDED
                .iter()
                .map(|(name, _)| *name)
                .find(|name| name.rsplit('/').next() == Some(path))
                .map_or_else(|| Origin::Disk(PathBuf::from(path)), Origin::Embedded),
        }
    }
}

/// Loads rule files with their imports (imports first, each file once,
/// cycles stopped); a loaded set replaces an earlier one with the same id.
struct Loader<'s> {
    sources: &'s mut Sources,
    sets: Vec<RuleSet>,
    diags: Vec<Diagnostic>,
    seen: Vec<Origin>,
}

impl Loader<'_> {
    fn file(&mut self, origin: Origin, import: Option<crate::values::Span>) {
        let key = match &origin {
            Origin::Disk(p) => Origin::Disk(p.canonicalize().unwrap_or_else(|_| p.clone())),
            o => o.clone(),
        };
        if self.seen.contains(&key) {
            return;
        }
        self.seen.push(key);
        let text = match origin.read() {
            Ok(text) => text,
            Err(e) => {
                let d = read_error(Path::new(&origin.name()), &e);
                self.diags.push(Diagnostic { span: import, ..d });
                return;
            }
        };
        let (set, d) = load_ruleset(self.sources, &origin.name(), &text);
        self.diags.extend(d);
        let Some(set) = set else { return };
        for imp in &set.imports {
            self.file(origin.import(&imp.value), Some(imp.span));
        }
        self.sets.retain(|s| s.id.value != set.id.value);
        self.sets.push(set);
    }
}

/// Loads the embedded packs (unless `no_default`) and the given rule
/// files; a given pack replaces an embedded one with the same id.
pub fn load(
    sources: &mut Sources,
    extra: &[PathBuf],
    no_default: bool,
) -> (Vec<RuleSet>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let paths: Vec<PathBuf> = extra.iter().flat_map(|p| files(p, &mut diags)).collect();
    let mut loader = Loader {
        sources,
        sets: Vec::new(),
        diags,
        seen: Vec::new(),
    };
    if !no_default {
        for (name, _) in EMBEDDED {
            loader.file(Origin::Embedded(name), None);
        }
    }
    for path in paths {
        loader.file(Origin::Disk(path), None);
    }
    let (sets, mut diags) = (loader.sets, loader.diags);
    diags.extend(link(&sets));
    (sets, diags)
}
