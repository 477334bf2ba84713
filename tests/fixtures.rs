//! The glob-driven fixture runner: every folder under tests/fixtures/ is a
//! case, run through the real binary, with its rendered output snapshotted
//! next to its input (nickel style).
//!
//! - `check/<case>/`: `filing.yaml` (or `filing.json`), optional `rules.eip`
//!   (then only those rules are used), optional `args` (extra CLI args, one
//!   per line, relative to the folder; an `--as-of` there replaces the
//!   default 2026-03-20), and `exit` (the expected exit code). Snapshots: `human.snap`
//!   and `json.snap`; the JSON is also validated against the result schema.
//! - `filing/<case>/`: loader cases (bad values, YAML traps), run exactly
//!   like `check/` cases; `exit` is required.
//! - `rules/<case>/rules.eip`: `eipcheck lint`, snapshot `lint.snap`, exit 1.
//! - `cli/`: inputs of the command-line tests below (not a case).
//!
//! A `check/` or `filing/` case may also hold, to turn its `case.md` into
//! assertions:
//! - `errors`: the input errors of the JSON result, in order, one per line,
//!   as `LINE:COLUMN CODE FIELD` (`FIELD` left out when the error has none);
//! - `findings`: one finding per line as
//!   `rule | subject_id | pollutant | period | status | actual | expected`
//!   (trailing columns may be left out; `-` is "no pollutant"); each line
//!   must match a finding, or, when it starts with `!`, no finding at all.
//!
//! `EIPCHECK_FIXTURES=a,b` runs only the `check/` and `filing/` cases named
//! `a` and `b`.
//!
//! Then the command line (exit codes, several filings, `--rules`
//! replacement, `lint`, `rules`, `--lang`), a no-panic test over truncated
//! and mutated inputs through the library, and the example of
//! `docs/filing.md`.

#![expect(clippy::panic, reason = "test helpers fail loudly on a broken fixture")]

use eipcheck::check::ir::RuleSet;
use eipcheck::values::{Severity, Sources};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-03-20";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in `dir`: (exit code, stdout, stderr).
fn run_split(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eipcheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap_or_else(|e| panic!("cannot run eipcheck: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the binary in `dir`: (exit code, stdout followed by stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, stdout, stderr) = run_split(dir, args);
    (code, stdout + &stderr)
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let root = root().join("tests/fixtures").join(kind);
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
    let path = root().join("docs/schemas/result-v1.schema.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let value: Value = serde_json::from_str(&text).unwrap_or_default();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("bad schema: {e}"))
}

fn expected_exit(dir: &Path) -> i32 {
    let text = std::fs::read_to_string(dir.join("exit"))
        .unwrap_or_else(|_| panic!("{}: missing `exit` file", dir.display()));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("{}: `exit` is not a number", dir.display()))
}

/// The `check` arguments of a fixture folder (without `--format`): the
/// filing, `--as-of AS_OF` unless the `args` file gives its own `--as-of`,
/// `rules.eip` when present, then the `args` lines (paths in them are
/// relative to the fixture folder, where the binary runs).
fn case_args(dir: &Path) -> Vec<String> {
    let filing = if dir.join("filing.json").exists() {
        "filing.json"
    } else {
        "filing.yaml"
    };
    let extra: Vec<String> = std::fs::read_to_string(dir.join("args"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let mut args = vec!["check".to_string(), filing.to_string()];
    if !extra.iter().any(|a| a == "--as-of") {
        args.extend(["--as-of".into(), AS_OF.into()]);
    }
    if dir.join("rules.eip").exists() {
        args.extend([
            "--no-default-rules".into(),
            "--rules".into(),
            "rules.eip".into(),
        ]);
    }
    args.extend(extra);
    args
}

/// Runs a fixture folder with `--format json` and parses the result.
fn case_json(dir: &Path) -> (i32, Value) {
    let mut args = case_args(dir);
    args.extend(["--format".into(), "json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, json) = run(dir, &args);
    let value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{}: bad json {e}: {json}", dir.display()));
    (code, value)
}

/// Runs one `check/` or `filing/` case: exit code, snapshots, schema, and
/// the optional `errors` and `findings` expectations.
fn run_case(dir: &Path, validator: &jsonschema::Validator) {
    let args = case_args(dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, human) = run(dir, &args);
    snapshot(dir, "human", &human);
    assert_eq!(
        code,
        expected_exit(dir),
        "{}: exit code\n{human}",
        dir.display()
    );
    let (json_code, value) = case_json(dir);
    assert_eq!(json_code, code, "{}: json exit code", dir.display());
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
        dir,
        "json",
        &serde_json::to_string_pretty(&value).unwrap_or_default(),
    );
    check_errors(dir, &value);
    check_findings(dir, &value);
}

/// Non-empty lines of an optional expectation file.
fn expectation_lines(dir: &Path, name: &str) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(name)).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect(),
    )
}

fn text_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("-")
}

/// The JSON result's input errors as `LINE:COLUMN CODE FIELD`.
fn error_lines(value: &Value) -> Vec<String> {
    let none = Vec::new();
    let errors = value["errors"].as_array().unwrap_or(&none);
    errors
        .iter()
        .map(|e| {
            let at = &e["location"];
            let line = format!("{}:{} {}", at["line"], at["column"], text_of(e, "code"));
            match e.get("field").and_then(Value::as_str) {
                Some(f) => format!("{line} {f}"),
                None => line,
            }
        })
        .collect()
}

fn check_errors(dir: &Path, value: &Value) {
    let Some(expected) = expectation_lines(dir, "errors") else {
        return;
    };
    assert_eq!(
        error_lines(value),
        expected,
        "{}: input errors (file `errors`)",
        dir.display()
    );
    // Errors are in the filing, or in a monitoring CSV file of the case.
    let filing = text_of(&value["filing"], "path");
    for e in value["errors"].as_array().into_iter().flatten() {
        let file = text_of(&e["location"], "file");
        assert!(
            file == filing || (file.ends_with(".csv") && dir.join(file).is_file()),
            "{}: error not located in the filing or a CSV of the case: {e}",
            dir.display()
        );
    }
}

/// True when `finding` matches the `|`-separated columns of `pattern`.
fn finding_matches(finding: &Value, pattern: &str) -> bool {
    const KEYS: [&str; 7] = [
        "rule",
        "subject_id",
        "pollutant",
        "period",
        "status",
        "actual",
        "expected",
    ];
    pattern
        .split('|')
        .map(str::trim)
        .zip(KEYS)
        .all(|(want, key)| text_of(finding, key) == want)
}

fn check_findings(dir: &Path, value: &Value) {
    let Some(patterns) = expectation_lines(dir, "findings") else {
        return;
    };
    let none = Vec::new();
    let findings = value["findings"].as_array().unwrap_or(&none);
    for p in patterns {
        let (negated, pattern) = match p.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, p.as_str()),
        };
        let found = findings.iter().any(|f| finding_matches(f, pattern));
        assert!(
            found != negated,
            "{}: finding `{p}` {} (file `findings`)",
            dir.display(),
            if negated { "present" } else { "missing" }
        );
    }
}

/// Runs every case of `kind` (or those named in `EIPCHECK_FIXTURES`, a
/// comma-separated list of folder names), reporting every failing case, not
/// only the first.
fn run_cases(kind: &str) {
    let validator = schema();
    let mut cases = cases(kind);
    assert!(!cases.is_empty(), "no {kind} fixtures found");
    if let Ok(only) = std::env::var("EIPCHECK_FIXTURES") {
        let names: Vec<&str> = only.split(',').map(str::trim).collect();
        cases.retain(|d| {
            d.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| names.contains(&n))
        });
    }
    let failed: Vec<String> = cases
        .iter()
        .filter(|dir| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_case(dir, &validator);
            }))
            .is_err()
        })
        .map(|dir| dir.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "failing {kind} fixtures (each reported above):\n{}",
        failed.join("\n")
    );
}

#[test]
fn check_fixtures() {
    run_cases("check");
}

#[test]
fn filing_fixtures() {
    run_cases("filing");
}

#[test]
fn rule_file_error_fixtures() {
    for dir in cases("rules") {
        let (code, text) = run(&dir, &["lint", "rules.eip"]);
        snapshot(&dir, "lint", &text);
        assert_eq!(code, 1, "{}: lint exit code\n{text}", dir.display());
    }
}

// ---------------------------------------------------------------------------
// Cases whose claim is a comparison, not a snapshot.

/// N6: `sum <= cap` and `cap >= sum` give the same findings.
#[test]
fn either_way_round_gives_the_same_findings() {
    let (_, value) = case_json(&root().join("tests/fixtures/check/either_way"));
    let findings = value["findings"].as_array().cloned().unwrap_or_default();
    let of = |rule: &str| -> Vec<Value> {
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                let mut f = f.clone();
                if let Some(o) = f.as_object_mut() {
                    for key in ["rule", "message", "help", "cite", "rule_location"] {
                        o.remove(key);
                    }
                }
                f
            })
            .collect()
    };
    let left = of("eitherway.sum_left");
    assert_eq!(left.len(), 3, "{findings:?}");
    assert_eq!(left, of("eitherway.cap_left"));
    let statuses: Vec<&str> = left.iter().map(|f| text_of(f, "status")).collect();
    assert_eq!(statuses, ["pass", "fail", "unknown"]);
}

/// N5a: a filing with a leading BOM gives exactly the output of the same
/// bytes without it (the JSON differs only in the file's digest).
#[test]
fn a_leading_bom_changes_nothing() {
    let with = root().join("tests/fixtures/filing/bom");
    let bytes = std::fs::read(with.join("filing.yaml")).unwrap_or_default();
    let Some(stripped) = bytes.strip_prefix(b"\xEF\xBB\xBF") else {
        panic!("filing/bom/filing.yaml does not start with a BOM");
    };
    assert!(!stripped.starts_with(b"\xEF\xBB\xBF"));
    let without = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bom_stripped");
    std::fs::create_dir_all(&without).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(without.join("filing.yaml"), stripped).unwrap_or_else(|e| panic!("{e}"));
    let args = case_args(&with);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(run(&with, &args), run(&without, &args));
    let (code_with, mut json_with) = case_json(&with);
    let (code_without, mut json_without) = case_json(&without);
    assert_eq!(code_with, code_without);
    assert_ne!(
        json_with["filing"]["sha256"],
        json_without["filing"]["sha256"]
    );
    json_with["filing"]["sha256"] = Value::Null;
    json_without["filing"]["sha256"] = Value::Null;
    assert_eq!(json_with, json_without);
}

/// N12: the GB18030 fixtures hold the GB18030 bytes of their text (made
/// with Python's codec; checked here with encoding_rs), and are not UTF-8.
#[test]
fn gb18030_fixture_bytes_are_what_they_say() {
    let text = "time,pollutant,value,unit,flag\n\
                2025-04-22T08:00:00+08:00,化学需氧量,48.2,毫克/升,N\n\
                2025-04-22T08:00:00+08:00,氨氮,3.1,毫克/升,N\n\
                2025-04-22T09:00:00+08:00,化学需氧量,51.0,毫克/升,N\n\
                2025-04-22T09:00:00+08:00,氨氮,ND,,N\n\
                2025-04-22T10:00:00+08:00,化学需氧量,n/a,毫克/升,B\n";
    let (expected, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    for case in ["csv_gb18030_declared", "csv_gb18030_undeclared"] {
        let path = root()
            .join("tests/fixtures/filing")
            .join(case)
            .join("DW001-2025.csv");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(bytes, &*expected, "{}", path.display());
        assert!(std::str::from_utf8(&bytes).is_err());
    }
}

/// The `file:line:column` headers of the human output, in order.
fn human_locations(text: &str, file: &str) -> Vec<String> {
    let open = format!("[{file}:");
    text.lines()
        .filter_map(|l| {
            let i = l.find(&open)?;
            let rest = &l[i + open.len()..];
            Some(rest[..rest.find(']')?].to_string())
        })
        .collect()
}

/// DESIGN.md: columns are counted in Unicode characters, in every
/// rendering. The human header must agree with the JSON location on a line
/// with non-ASCII text before the value, and after a leading BOM.
#[test]
fn human_and_json_columns_agree() {
    let units = root().join("tests/fixtures/filing/units");
    let (_, value) = case_json(&units);
    let json: Vec<String> = value["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| format!("{}:{}", e["location"]["line"], e["location"]["column"]))
        .collect();
    let args = case_args(&units);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, human) = run(&units, &args);
    assert_eq!(human_locations(&human, "filing.yaml"), json);

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bom_line_one");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("filing.yaml"),
        "\u{FEFF}format: eipcheck/filing/v2\npark: {id: P1, name: Park, period: 2025}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (_, human) = run(&dir, &["check", "filing.yaml", "--as-of", AS_OF]);
    assert_eq!(human_locations(&human, "filing.yaml"), ["1:9"]);
}

// ---------------------------------------------------------------------------
// The command line.

const PASS: &str = "tests/fixtures/check/gb8978_pass/filing.yaml";
const FAIL: &str = "tests/fixtures/check/gb8978_fail/filing.yaml";
const INCOMPLETE: &str = "tests/fixtures/check/unknown_missing_class/filing.yaml";
const INVALID: &str = "tests/fixtures/filing/unknown_key/filing.yaml";

/// Runs the binary in the repository root.
fn eip(args: &[&str]) -> (i32, String) {
    run(&root(), args)
}

/// Exit code of `check FILINGS... --as-of AS_OF`.
fn exit_of(filings: &[&str]) -> i32 {
    let mut args = vec!["check"];
    args.extend(filings);
    args.extend(["--as-of", AS_OF]);
    eip(&args).0
}

#[test]
fn usage_errors_exit_2() {
    let (code, text) = eip(&["check"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("<FILINGS>"), "{text}");
    let (code, text) = eip(&["check", PASS, "--format", "bogus"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("'bogus'"), "{text}");
    let (code, text) = eip(&["check", PASS, "--as-of", "2025-02-29"]);
    assert_eq!(code, 2, "{text}");
}

#[test]
fn an_unreadable_filing_is_an_input_error_naming_it() {
    let missing = "tests/fixtures/no_such_dir/filing.yaml";
    let (code, text) = eip(&["check", missing, "--as-of", AS_OF]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains(&format!("cannot read `{missing}`")), "{text}");
    assert!(
        text.contains(&format!("{missing}: invalid (exit 2)")),
        "{text}"
    );
    // The readable filing beside it is still checked and reported.
    let (code, text) = eip(&["check", missing, FAIL, "--as-of", AS_OF]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains(&format!("{FAIL}: non_compliant (exit 1)")),
        "{text}"
    );
}

#[test]
fn over_several_filings_the_highest_ranking_code_wins() {
    assert_eq!(exit_of(&[PASS]), 0);
    assert_eq!(exit_of(&[FAIL]), 1);
    assert_eq!(exit_of(&[INVALID]), 2);
    assert_eq!(exit_of(&[INCOMPLETE]), 3);
    assert_eq!(exit_of(&[PASS, PASS]), 0);
    assert_eq!(exit_of(&[PASS, FAIL]), 1);
    assert_eq!(exit_of(&[PASS, FAIL, INCOMPLETE]), 1);
    assert_eq!(exit_of(&[INCOMPLETE, FAIL, PASS]), 1);
    assert_eq!(exit_of(&[PASS, FAIL, INCOMPLETE, INVALID]), 2);
    assert_eq!(exit_of(&[INVALID, INCOMPLETE, PASS]), 2);
    assert_eq!(exit_of(&[INCOMPLETE, PASS]), 3);
    assert_eq!(exit_of(&[PASS, INCOMPLETE]), 3);
}

#[test]
fn json_prints_one_object_per_filing_per_line() {
    let (code, stdout, stderr) = run_split(
        &root(),
        &["check", PASS, FAIL, "--as-of", AS_OF, "--format", "json"],
    );
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for (line, path) in lines.iter().zip([PASS, FAIL]) {
        let v: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not one JSON object: {e}"));
        assert!(v.is_object());
        assert_eq!(v["filing"]["path"], path);
        assert_eq!(v["format"], "eipcheck/result/v1");
    }
    let verdicts: Vec<Value> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| v["verdict"].clone())
        .collect();
    assert_eq!(verdicts, ["compliant", "non_compliant"]);
}

#[test]
fn a_given_pack_replaces_the_embedded_pack_with_its_id() {
    let filing = "tests/fixtures/check/cap_fail_partial/filing.yaml";
    let rules_of = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| text_of(f, "rule").to_string())
            .collect()
    };
    let (code, text) = eip(&["check", filing, "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(code, 1, "{text}");
    let before: Value = serde_json::from_str(&text).unwrap_or_default();
    assert!(rules_of(&before).contains(&"total.park_total".to_string()));

    let (code, text) = eip(&[
        "check",
        filing,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--rules",
        "tests/fixtures/cli/total_override.eip",
    ]);
    let after: Value = serde_json::from_str(&text).unwrap_or_default();
    let rules = rules_of(&after);
    assert!(!rules.iter().any(|r| r == "total.park_total"), "{rules:?}");
    assert!(rules.iter().any(|r| r == "total.cod_only"), "{rules:?}");
    assert!(rules.iter().any(|r| r == "permit.held"), "{rules:?}");
    let totals: Vec<&Value> = after["rulesets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["id"] == "total")
        .collect();
    assert_eq!(totals.len(), 1, "{totals:?}");
    assert_eq!(
        totals[0]["title"],
        "Fixture: a replacement for the embedded total pack"
    );
    // The replacement judges COD only; the known part 11.5 t still exceeds 10 t/a.
    assert_eq!(code, 1, "{text}");
}

/// The README quotes the example's exit code and counts; they must agree
/// with a run of the example (as the README's command gives it).
#[test]
fn the_readme_quotes_the_examples_counts() {
    let (code, text) = eip(&[
        "check",
        "examples/park-2025.yaml",
        "--as-of",
        AS_OF,
        "--quiet",
    ]);
    assert_eq!(code, 1, "{text}");
    let Some(counts) = text
        .split("(exit 1): ")
        .nth(1)
        .and_then(|rest| rest.split(", 0 waived").next())
    else {
        panic!("no summary line:\n{text}");
    };
    let readme = read(&root().join("README.md"));
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("({counts})")),
        "README.md does not quote `({counts})`"
    );
}

#[test]
fn lint_passes_the_embedded_packs() {
    let (code, text) = eip(&["lint"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains(" 0 errors"), "{text}");
}

#[test]
fn rules_lists_each_rule_with_its_citation() {
    let (code, text) = eip(&["rules"]);
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("gb8978.table4 "))
        .unwrap_or_else(|| panic!("gb8978.table4 not listed:\n{text}"));
    assert_eq!(lines.get(i + 1).copied(), Some("GB 8978-1996, Table 4"));
    for id in ["gb18918.table1", "permit.held", "total.park_total"] {
        assert!(lines.iter().any(|l| l.starts_with(id)), "{id}:\n{text}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("order24.interim  duty  ")),
        "{text}"
    );
    // A pack given with --rules is listed too, each rule with its kind.
    let (code, text) = eip(&["rules", "--rules", "rules/examples/park-entry.eip"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim().starts_with("park_entry.negative_list  entry  ")),
        "{text}"
    );
}

#[test]
fn lang_zh_cn_gives_the_same_exit_codes() {
    for (filing, code) in [(PASS, 0), (FAIL, 1), (INVALID, 2), (INCOMPLETE, 3)] {
        let (en, _) = eip(&["check", filing, "--as-of", AS_OF, "--lang", "en"]);
        let (zh, text) = eip(&["check", filing, "--as-of", AS_OF, "--lang", "zh-CN"]);
        assert_eq!((en, zh), (code, code), "{filing}:\n{text}");
        assert!(text.contains(filing), "{text}");
    }
}

// ---------------------------------------------------------------------------
// JSON Schemas: `eipcheck schema filing|result` and the filing schema itself.

/// The filing schema (docs/schemas/filing-v1.schema.json) as JSON.
fn filing_schema_value() -> Value {
    let text = read(&root().join("docs/schemas/filing-v1.schema.json"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("filing schema is not JSON: {e}"))
}

/// A YAML filing as the JSON an editor validates (serde-saphyr's data model).
fn yaml_value(path: &Path, text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()))
}

#[test]
fn the_filing_schema_is_valid_json_schema() {
    let schema = filing_schema_value();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("filing schema against the draft 2020-12 meta-schema: {e}");
    }
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

/// The example park, every `check/` fixture filing and the docs example
/// validate against the filing schema.
#[test]
fn example_fixture_and_docs_filings_validate_against_the_filing_schema() {
    let validator = jsonschema::validator_for(&filing_schema_value())
        .unwrap_or_else(|e| panic!("bad filing schema: {e}"));
    let mut filings: Vec<(PathBuf, String)> = vec![];
    let example = root().join("examples/park-2025.yaml");
    filings.push((example.clone(), read(&example)));
    for dir in cases("check") {
        let path = dir.join("filing.yaml");
        if path.exists() {
            filings.push((path.clone(), read(&path)));
        }
    }
    let doc = read(&root().join("docs/filing.md"));
    let start = doc
        .rfind("```yaml\n")
        .unwrap_or_else(|| panic!("no yaml block in docs/filing.md"));
    let body = &doc[start + "```yaml\n".len()..];
    let end = body.find("\n```").unwrap_or(body.len());
    filings.push((root().join("docs/filing.md"), body[..=end].to_string()));
    assert!(filings.len() > 20, "{} filings", filings.len());
    let failures: Vec<String> = filings
        .iter()
        .flat_map(|(path, text)| {
            let value = yaml_value(path, text);
            validator
                .iter_errors(&value)
                .map(|e| format!("{}: {e} at {}", path.display(), e.instance_path()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The schema refuses what the loader refuses, for the applicant fields and
/// the conditional rules (a `planned` project on an operating enterprise,
/// an annual disclosure without `covers`, an amount on a non-penalty).
#[test]
fn the_filing_schema_refuses_what_the_loader_refuses() {
    let validator = jsonschema::validator_for(&filing_schema_value())
        .unwrap_or_else(|e| panic!("bad filing schema: {e}"));
    let filing = |enterprise: &str| {
        let text = format!(
            "format: eipcheck/filing/v1\npark: {{id: P1, name: Park, period: 2025}}\nenterprises:\n  - {{id: \"91320505MA1BCD2E72\", name: E, {enterprise}}}\n"
        );
        yaml_value(Path::new("inline.yaml"), &text)
    };
    for good in [
        "status: applicant, cleaner_production: II, planned: {output: \"50000 t/a\", value_added: \"3.2 10^8 CNY/a\", discharges: {COD: \"12 t/a\"}}",
        // Date-times the loader takes on the park's local calendar date.
        "status: operating, disclosures: [{kind: interim, event: EV-1, published: \"2025-06-09T17:30:00Z\"}], events: [{id: EV-1, kind: penalty, received: \"2025-06-03T09:00:00+08:00\"}]",
        // Monitoring files, as a path and as a mapping.
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: m/DW001-2025.csv}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {file: m/x.csv, interval: 1 min, encoding: gb18030, delimiter: \"|\", range_max: {COD: \"1000 mg/L\"}}}]",
    ] {
        let good = filing(good);
        assert!(
            validator.is_valid(&good),
            "{:?}",
            validator
                .iter_errors(&good)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
    }
    for bad in [
        "status: operating, planned: {output: \"50000 t/a\"}",
        "status: applicant, cleaner_production: 2",
        "status: applicant, cleaner_production: \"二级\"",
        "status: applicant, planned: {output: \"50000 t\"}",
        "status: applicant, planned: {output: \"-5 t/a\"}",
        "status: applicant, planned: {value_added: \"3.2 10^8 CNY\"}",
        "status: applicant, planned: {discharges: {COD: \"12 t\"}}",
        "status: applicant, planned: {value_add: \"3.2 10^8 CNY/a\"}",
        "status: operating, disclosures: [{kind: annual, published: 2025-03-10}]",
        "status: operating, events: [{id: EV-1, kind: incident, amount: \"5 CNY\", received: 2025-03-10}]",
        "status: operational",
        "name2: x, status: operating",
        // Monitoring files: absolute paths, unknown settings, no `file`.
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: /data/x.csv}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {file: x.csv, encoding: gbk}}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {file: x.csv, delimiter: \";;\"}}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {file: x.csv, interval: 2 h}}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {file: x.csv, encding: gb18030}}]",
        "status: operating, outlets: [{id: DW001, medium: water, monitoring: {encoding: gb18030}}]",
    ] {
        assert!(!validator.is_valid(&filing(bad)), "schema accepts {bad}");
    }
}

#[test]
fn schema_prints_the_documented_schemas() {
    for (which, file) in [
        ("result", "docs/schemas/result-v1.schema.json"),
        ("filing", "docs/schemas/filing-v1.schema.json"),
    ] {
        let (code, stdout, stderr) = run_split(&root(), &["schema", which]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, read(&root().join(file)), "eipcheck schema {which}");
    }
    let (code, text) = eip(&["schema", "bogus"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("filing, result"), "{text}");
}

// ---------------------------------------------------------------------------
// No panic, ever: truncated and mutated filings and rule files.

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Byte strings that upset YAML readers.
const YAML_TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "&a ",
    "*a",
    "<<: *a\n",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "!!str ",
    "!!binary ",
    "~",
    "null",
    "on",
    "NO",
    ".nan",
    "-.inf",
    "0017",
    "3E10",
    "1e400",
    "ND",
    "<0.05 mg/L",
    "0.05L mg/L",
    "µg/L",
    "μg/L",
    "ton/a",
    "４８",
    "年",
    "\u{FEFF}",
    "\u{200B}",
    "\0",
    "\u{7F}",
    "2023-02-29",
    "0000-00-00",
    "9999-99",
    "99999999999999999999999999999",
];

/// Byte strings that upset the rule-language reader and checker.
const RULE_TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "|",
    "\"",
    "\n",
    " ",
    "#",
    "-",
    "..",
    "<=",
    ">=",
    "==",
    " and ",
    " or ",
    " not ",
    "for ",
    "where ",
    "require ",
    "sum(",
    "count(",
    " per year",
    "exists ",
    "first(",
    "provisional",
    "judge rounded",
    "mg/L",
    "t/a",
    "10^4 CNY",
    "µg",
    "/",
    "×",
    "1e999999",
    "99999999999999999999999999999",
    "0",
    "ruleset x \"t\"\n",
    "limits t \"t\"\n",
    "otherwise",
    "o.class",
    "park.caps[p]",
    "s[p]",
    "\u{FEFF}",
    "\t",
    "年",
];

fn mutate(rng: &mut Lcg, base: &[u8], tokens: &[&str]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..=rng.below(3) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(5) {
            0 if at < len => bytes[at] = rng.pick(tokens).as_bytes().first().copied().unwrap_or(0),
            1 => {
                let end = (at + 1 + rng.below(16)).min(len);
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + 1 + rng.below(64)).min(len);
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            3 => {
                let byte = u8::try_from(rng.below(256)).unwrap_or(0);
                bytes.insert(at, byte);
            }
            _ => {
                let token = rng.pick(tokens).as_bytes().to_vec();
                bytes.splice(at..at, token);
            }
        }
    }
    bytes
}

/// Cut points: every 53rd byte, each also moved on to the next character
/// boundary (so both invalid and valid UTF-8 prefixes are tried).
fn cuts(text: &str) -> Vec<usize> {
    let mut v = Vec::new();
    for at in (0..=text.len()).step_by(53) {
        v.push(at);
        let safe = (at..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        if safe != at {
            v.push(safe);
        }
    }
    v.push(text.len());
    v
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shipped packs, from rules/*.eip.
fn pack_texts() -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "eip"));
    paths.sort();
    assert!(!paths.is_empty(), "no rule packs under rules/");
    paths
        .iter()
        .map(|p| (p.display().to_string(), read(p)))
        .collect()
}

fn load_packs(sources: &mut Sources) -> Vec<RuleSet> {
    pack_texts()
        .iter()
        .filter_map(|(name, text)| {
            let (set, diags) = eipcheck::check::load_ruleset(sources, name, text);
            assert!(
                diags.iter().all(|d| d.severity != Severity::Error),
                "{name}: {diags:?}"
            );
            set
        })
        .collect()
}

/// Loads `bytes` as a filing and evaluates it; checks the loader's promises.
fn load_and_evaluate(packs: &[RuleSet], base: &Sources, bytes: &[u8], what: &str) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut sources = base.clone();
        let loaded = eipcheck::filing::load("f.yaml", bytes, &mut sources);
        let errors = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if std::str::from_utf8(bytes).is_err() || loaded.filing.is_none() {
            assert!(errors > 0, "invalid input without an error");
        }
        for d in &loaded.diagnostics {
            if let Some(span) = d.span {
                let len = sources.file(span.file).text.len();
                assert!(
                    span.start <= span.end && span.end as usize <= len,
                    "span out of its file: {d:?}"
                );
            }
        }
        if let Some(filing) = &loaded.filing {
            let _ = eipcheck::eval::evaluate(packs, filing, &[], jiff::civil::date(2026, 3, 20));
        }
    }));
    if let Err(e) = outcome {
        let why = panic_text(&*e);
        panic!("{what}: {why}\ninput: {:?}", String::from_utf8_lossy(bytes));
    }
}

/// The message a panic carried.
fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Loads a rule file and evaluates any rule set it yields on `filing`.
fn load_rules_and_evaluate(filing: &eipcheck::filing::Filing, text: &str, what: &str) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut sources = Sources::default();
        let (set, diags) = eipcheck::check::load_ruleset(&mut sources, "r.eip", text);
        match set {
            None => assert!(
                diags.iter().any(|d| d.severity == Severity::Error),
                "rule file refused without an error"
            ),
            Some(set) => {
                let _ =
                    eipcheck::eval::evaluate(&[set], filing, &[], jiff::civil::date(2026, 3, 20));
            }
        }
    }));
    if let Err(e) = outcome {
        let why = panic_text(&*e);
        panic!("{what}: {why}\ninput: {text:?}");
    }
}

/// Filings: every cut of the example, and 2000 mutations of it, loaded and
/// evaluated with the shipped packs. Rule files: every cut of each pack,
/// and 100 mutations of each, loaded and (when they load) evaluated on the
/// example. The two halves run on two threads (about 10 s in debug).
#[test]
fn truncated_and_mutated_inputs_never_panic() {
    let example = read(&root().join("examples/park-2025.yaml"));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut base = Sources::default();
            let packs = load_packs(&mut base);
            let mut rng = Lcg(0x5EED_E1C0_2025);
            for at in cuts(&example) {
                let bytes = &example.as_bytes()[..at];
                load_and_evaluate(&packs, &base, bytes, &format!("example cut at byte {at}"));
            }
            for i in 0..2000 {
                let bytes = mutate(&mut rng, example.as_bytes(), YAML_TOKENS);
                load_and_evaluate(&packs, &base, &bytes, &format!("example mutation {i}"));
            }
        });
        scope.spawn(|| {
            let mut sources = Sources::default();
            let loaded = eipcheck::filing::load("example.yaml", example.as_bytes(), &mut sources);
            let Some(filing) = loaded.filing else {
                panic!("the example does not load: {:?}", loaded.diagnostics);
            };
            let mut rng = Lcg(0x5EED_0E1F_2025);
            for (name, text) in pack_texts() {
                for at in cuts(&text) {
                    let prefix = String::from_utf8_lossy(&text.as_bytes()[..at]);
                    load_rules_and_evaluate(&filing, &prefix, &format!("{name} cut at byte {at}"));
                }
                for i in 0..100 {
                    let bytes = mutate(&mut rng, text.as_bytes(), RULE_TOKENS);
                    let mutated = String::from_utf8_lossy(&bytes);
                    load_rules_and_evaluate(&filing, &mutated, &format!("{name} mutation {i}"));
                }
            }
        });
    });
}

// ---------------------------------------------------------------------------
// Examples in docs are run by the test suite.

/// Every ```yaml block of docs/filing.md is a complete filing that loads
/// without a single diagnostic and is evaluated by the shipped packs.
#[test]
fn docs_filing_example_loads_clean() {
    let doc = read(&root().join("docs/filing.md"));
    let mut blocks = Vec::new();
    let mut rest = doc.as_str();
    while let Some(i) = rest.find("```yaml\n") {
        let body = &rest[i + "```yaml\n".len()..];
        let Some(end) = body.find("\n```") else {
            panic!("unclosed ```yaml block in docs/filing.md");
        };
        blocks.push(&body[..=end]);
        rest = &body[end..];
    }
    assert!(!blocks.is_empty(), "no ```yaml block in docs/filing.md");
    let mut base = Sources::default();
    let packs = load_packs(&mut base);
    for block in blocks {
        let mut sources = base.clone();
        let loaded = eipcheck::filing::load("docs/filing.md", block.as_bytes(), &mut sources);
        let messages: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| format!("{:?}: {}", d.field, d.message))
            .collect();
        assert_eq!(messages, Vec::<String>::new(), "docs/filing.md example");
        let Some(filing) = loaded.filing else {
            panic!("docs/filing.md example did not load");
        };
        assert!(!filing.enterprises.is_empty());
        let outcome =
            eipcheck::eval::evaluate(&packs, &filing, &[], jiff::civil::date(2026, 3, 20));
        assert!(!outcome.findings.is_empty(), "the packs judged nothing");
    }
}

/// The local packs shown in docs/packs/order24.md are the files of the two
/// fixtures that run them, so the page shows rule files that load and do
/// what it says.
#[test]
fn order24_docs_show_the_local_pack_fixtures() {
    let doc = read(&root().join("docs/packs/order24.md"));
    let blocks: Vec<&str> = doc
        .split("```eip\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect();
    let check = root().join("tests/fixtures/check");
    let files = [
        check.join("disclosure_local_deadline/rules.eip"),
        check.join("disclosure_local_pack_replaces_national/order24-shenzhen.eip"),
    ];
    assert_eq!(blocks.len(), files.len(), "```eip blocks in order24.md");
    for (block, file) in blocks.iter().zip(&files) {
        assert_eq!(
            *block,
            read(file),
            "{} differs from order24.md",
            file.display()
        );
    }
}
