//! Benchmark: a park of 200 enterprises (800 outlets, 9,600 samples, 12
//! monthly discharges each), about 1.5 MB of YAML, generated at bench time
//! (not committed), checked against the embedded packs.
//!
//! Run: `cargo bench --bench check`. It prints the filing size and, over
//! repeated runs, the median time of each stage in process, and the median
//! wall time of a whole `eipcheck check --format json` process (output to
//! /dev/null). DESIGN.md's target: at most 130 ms per process on 2 cores.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;
use common::{credit_code, median};

fn filing() -> String {
    let mut s = String::from(
        "# Synthetic benchmark park (generated).\nformat: eipcheck/filing/v1\npark:\n  id: \"P-BENCH\"\n  name: \"Benchmark park\"\n  period: 2025\n  caps: {COD: \"5000 t/a\", NH3-N: \"500 t/a\"}\nenterprises:\n",
    );
    for e in 0..200 {
        let _ = write!(
            s,
            "  - id: \"{}\"\n    name: \"Enterprise {e}\"\n    industry: \"C2661\"\n    status: operating\n    categories: [key_discharger]\n    permit:\n      number: \"PERMIT-{e}\"\n      valid_from: 2024-01-01\n      valid_until: 2028-12-31\n      annual_limits: {{COD: \"30 t/a\", NH3-N: \"3 t/a\"}}\n    outlets:\n",
            credit_code(e)
        );
        for o in 0..4 {
            let _ = write!(
                s,
                "      - id: \"DW{o:03}\"\n        medium: water\n        type: main\n        eia_approved: 2012-05-01\n        standard: \"GB 8978-1996\"\n        class: II\n        limits: {{COD: \"150 mg/L\", NH3-N: \"25 mg/L\", pH: \"6..9\"}}\n        receiving: surface_water\n        samples:\n"
            );
            for m in 1..=12 {
                let cod = 40 + (e * 7 + o * 3 + m) % 100;
                let _ = writeln!(
                    s,
                    "          - {{date: 2025-{m:02}-12, COD: \"{cod}.4 mg/L\", NH3-N: \"{}.1 mg/L\", pH: \"7.{}\"}}",
                    (e + m) % 20,
                    m % 10
                );
            }
        }
        // Disclosure duties (MEE Order No. 24): two annual reports, two
        // events with their interim reports.
        s.push_str("    disclosures:\n      - {kind: annual, covers: 2024, published: 2025-03-10, sections: [basic, management, pollutants, carbon, emergency, violations, interim]}\n      - {kind: annual, covers: 2025, published: 2026-03-13, sections: [basic, management, pollutants, carbon, emergency, violations, interim]}\n      - {kind: interim, event: EV-1, published: 2025-06-09}\n      - {kind: interim, event: EV-2, published: 2025-10-16}\n    events:\n      - {id: EV-1, kind: penalty, amount: \"120000 CNY\", received: 2025-06-03}\n      - {id: EV-2, kind: permit_changed, received: 2025-09-30}\n");
        s.push_str("    discharges:\n");
        for m in 1..=12 {
            let _ = writeln!(
                s,
                "      - {{month: 2025-{m:02}, COD: \"1.{m:02} t\", NH3-N: \"0.1{m:02} t\"}}"
            );
        }
    }
    s
}

fn main() {
    let text = filing();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-park.yaml");
    if let Err(e) = std::fs::write(&path, &text) {
        eprintln!("cannot write {}: {e}", path.display());
        return;
    }
    println!(
        "filing: {} ({:.2} MB)",
        path.display(),
        text.len() as f32 / 1e6
    );

    let runs = 15;
    let (mut load, mut eval, mut render) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let mut sources = eipcheck::values::Sources::default();
        let sets: Vec<_> = ["gb8978", "gb18918", "permit", "total", "order24"]
            .iter()
            .filter_map(|n| {
                let t = std::fs::read_to_string(format!("rules/{n}.eip")).ok()?;
                eipcheck::check::load_ruleset(&mut sources, n, &t).0
            })
            .collect();
        let t0 = Instant::now();
        let loaded = eipcheck::filing::load("bench-park.yaml", text.as_bytes(), &mut sources);
        let t1 = Instant::now();
        let Some(filing) = loaded.filing else {
            eprintln!(
                "benchmark filing did not load: {:?}",
                loaded.diagnostics.first()
            );
            return;
        };
        let outcome = eipcheck::eval::evaluate(&sets, &filing, &[], jiff::civil::date(2026, 3, 20));
        let t2 = Instant::now();
        let verdict = eipcheck::eval::verdict(&outcome.findings, 0);
        let result = eipcheck::report::CheckResult {
            sources: &sources,
            filing_path: "bench-park.yaml",
            filing_sha256: Some(&filing.sha256),
            as_of: jiff::civil::date(2026, 3, 20),
            rulesets: &sets,
            diagnostics: &loaded.diagnostics,
            series: &[],
            outcome: Some(&outcome),
            verdict,
        };
        let json = eipcheck::report::render_json(&result);
        let t3 = Instant::now();
        findings = outcome.findings.len();
        std::hint::black_box(json);
        load.push(t1 - t0);
        eval.push(t2 - t1);
        render.push(t3 - t2);
    }
    println!("findings: {findings}");
    println!(
        "in process (median of {runs}): load {:?}, evaluate {:?}, json {:?}",
        median(load),
        median(eval),
        median(render)
    );

    let bin = env!("CARGO_BIN_EXE_eipcheck");
    let mut wall = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let status = Command::new(bin)
            .args(["check", "--format", "json", "--as-of", "2026-03-20"])
            .arg(&path)
            .stdout(Stdio::null())
            .status();
        wall.push(t0.elapsed());
        if status.is_err() {
            eprintln!("cannot run {bin}");
            return;
        }
    }
    println!(
        "whole process `eipcheck check --format json` (median of {runs}): {:?}",
        median(wall)
    );
}
