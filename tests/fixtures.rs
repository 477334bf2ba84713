//! The glob-driven fixture runner: every folder under tests/fixtures/ is a
//! case, run through the real binary, with its rendered output snapshotted
//! next to its input (nickel style).
//!
//! - `check/<case>/`: `filing.yaml` (or `filing.json`), optional `rules.eip`
//!   (then only those rules are used), optional `args` (extra CLI args, one
//!   per line), and `exit` (the expected exit code). Snapshots: `human.snap`
//!   and `json.snap`; the JSON is also validated against the result schema.
//! - `rules/<case>/rules.eip`: `eipcheck lint`, snapshot `lint.snap`, exit 1.

#![expect(clippy::panic, reason = "test helpers fail loudly on a broken fixture")]

use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-03-20";

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eipcheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap_or_else(|e| panic!("cannot run eipcheck: {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn snapshot(dir: &Path, name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schemas/result-v1.schema.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("bad schema: {e}"))
}

fn expected_exit(dir: &Path) -> i32 {
    let text = std::fs::read_to_string(dir.join("exit"))
        .unwrap_or_else(|_| panic!("{}: missing `exit` file", dir.display()));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("{}: `exit` is not a number", dir.display()))
}

#[test]
fn check_fixtures() {
    let validator = schema();
    let cases = cases("check");
    assert!(!cases.is_empty(), "no check fixtures found");
    for dir in cases {
        let filing = if dir.join("filing.json").exists() {
            "filing.json"
        } else {
            "filing.yaml"
        };
        let mut args = vec![
            "check".to_string(),
            filing.to_string(),
            "--as-of".into(),
            AS_OF.into(),
        ];
        if dir.join("rules.eip").exists() {
            args.extend([
                "--no-default-rules".into(),
                "--rules".into(),
                "rules.eip".into(),
            ]);
        }
        if let Ok(extra) = std::fs::read_to_string(dir.join("args")) {
            args.extend(
                extra
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.trim().to_string()),
            );
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, human) = run(&dir, &args);
        snapshot(&dir, "human", &human);
        assert_eq!(
            code,
            expected_exit(&dir),
            "{}: exit code\n{human}",
            dir.display()
        );
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let (json_code, json) = run(&dir, &json_args);
        assert_eq!(json_code, code, "{}: json exit code", dir.display());
        let value: serde_json::Value = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: bad json {e}: {json}", dir.display()));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: schema errors: {errors:?}",
            dir.display()
        );
        snapshot(
            &dir,
            "json",
            &serde_json::to_string_pretty(&value).unwrap_or_default(),
        );
    }
}

#[test]
fn rule_file_error_fixtures() {
    for dir in cases("rules") {
        let (code, text) = run(&dir, &["lint", "rules.eip"]);
        snapshot(&dir, "lint", &text);
        assert_eq!(code, 1, "{}: lint exit code\n{text}", dir.display());
    }
}
