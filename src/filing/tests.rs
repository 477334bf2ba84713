//! Loader tests: every known failure kind (N1-N7, N9, N11: YAML/JSON parts),
//! budgets, and a realistic filing with its values and spans.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests fail loudly on purpose"
)]

use super::model::{AnnualLimit, Filing, Medium, OutletType, ParkKind, Status, YearMonth};
use super::{Limits, Loaded, load, load_with};
use crate::values::{Measurement, Quantity, Sources, Span};
use std::cmp::Ordering;

/// Loads `text` as `t.yaml`.
fn run(text: impl AsRef<[u8]>) -> (Loaded, Sources) {
    let mut sources = Sources::default();
    let loaded = load("t.yaml", text.as_ref(), &mut sources);
    (loaded, sources)
}

/// Each diagnostic as `LINE:COL FIELD: MESSAGE`.
fn render(loaded: &Loaded, sources: &Sources) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.span.unwrap();
            let lc = sources.line_col(span.file, span.start as usize);
            match &d.field {
                Some(f) => format!("{}:{} {f}: {}", lc.line, lc.column, d.message),
                None => format!("{}:{} {}", lc.line, lc.column, d.message),
            }
        })
        .collect()
}

fn errs(text: impl AsRef<[u8]>) -> Vec<String> {
    let (loaded, sources) = run(text);
    render(&loaded, &sources)
}

/// The model of a filing that must load without errors.
fn model(text: &str) -> (Filing, Sources) {
    let (loaded, sources) = run(text);
    assert_eq!(render(&loaded, &sources), Vec::<String>::new());
    (loaded.filing.unwrap(), sources)
}

/// The model of a filing with errors (which must still load).
fn model_with_errors(text: &str) -> (Filing, Vec<String>) {
    let (loaded, sources) = run(text);
    (loaded.filing.clone().unwrap(), render(&loaded, &sources))
}

fn snip(sources: &Sources, span: Span) -> &str {
    sources.snippet(span)
}

const HEAD: &str = "format: eipcheck/filing/v1\npark: {id: P1, name: Park, period: 2025}\n";

/// A filing whose line 3 is `enterprises:` and line 4 starts the first
/// enterprise with a valid credit code; `rest` follows from line 7.
fn ent(rest: &str) -> String {
    format!(
        "{HEAD}enterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n    status: operating\n{rest}"
    )
}

#[test]
fn realistic_filing_loads_with_values_and_spans() {
    let text = r#"format: eipcheck/filing/v1
park:
  id: "P-320500-001"
  name: "Suzhou Eco Park"
  kind: comprehensive
  region: "320500"
  period: 2025
  caps: {COD: "850 t/a", NH3-N: "85 t/a"}
  stats:
    2025: {industrial_value_added: "356.2 10^8 CNY", industrial_land_area: "31.5 km2"}
    2024: {industrial_value_added: "331.0 10^8 CNY"}
enterprises:
  - id: "91320594MA1TE0001T"
    name: "Dongfang Chemical"
    industry: "C2614"
    status: operating
    categories: [key_discharger, listed]
    permit:
      number: "91320594MA1TE0001T001P"
      valid_from: 2023-01-01
      valid_until: 2027-12-31
      annual_limits: {COD: "35 t/a", NH3-N: {2024: "3.5 t/a", 2025: "3.3 t/a"}}
    outlets:
      - id: DW001
        medium: water
        type: main
        eia_approved: 2012-05-01
        standard: "GB 8978-1996"
        class: I
        limits: {COD: "100 mg/L", pH: "6..9", NH3-N: {daily: "15 mg/L", committed: "10 mg/L"}}
        receiving: surface_water
        online_monitoring: true
        monitoring: monitoring/DW001-2025.csv
        samples:
          - {date: 2025-04-12, COD: "48 mg/L", NH3-N: "3.1 mg/L", pH: "7.4", temperature: "14 °C"}
          - {date: 2025-05-10, COD: "52.0 mg/L", TP: ND}
      - id: DA001
        medium: air
        limits: {SO2: {hourly: "50 mg/Nm3", rate: "0.9 kg/h"}, ringelmann: "level 1"}
    discharges:
      - {month: 2025-01, COD: "2.9 t", NH3-N: "0.21 t"}
      - {month: 2025-02, COD: "2.6 t"}
    to_plant:
      - {month: 2025-01, COD: "12 t"}
    disclosures:
      - {kind: annual, covers: 2024, published: 2025-03-10}
  - id: "91320594MA1TE0002X"
    name: "Xinghua Textiles"
    status: applicant
    extra: {note: anything, yes: on}
"#;
    let (f, s) = model(text);
    assert_eq!(f.path, "t.yaml");
    assert_eq!(f.sha256.len(), 64);
    let p = &f.park;
    assert_eq!(p.id.value, "P-320500-001");
    assert_eq!(snip(&s, p.id.span), "\"P-320500-001\"");
    assert_eq!(
        p.kind.as_ref().map(|k| k.value),
        Some(ParkKind::Comprehensive)
    );
    assert_eq!(p.region.as_ref().unwrap().value, "320500");
    assert_eq!(p.period.as_ref().map(|y| y.value), Some(2025));
    assert_eq!(p.timezone.value, "Asia/Shanghai");
    assert_eq!(p.caps.len(), 2);
    assert_eq!(p.caps[1].0.value.name(), "NH3-N");
    assert_eq!(p.caps[1].1.value.to_string(), "85 t/a");
    assert_eq!(snip(&s, p.caps[0].1.span), "\"850 t/a\"");
    assert_eq!(p.stats[0].0.value, 2025);
    assert_eq!(p.stats[0].1[1].0.value, "industrial_land_area");
    assert_eq!(p.stats[0].1[1].1.value.to_string(), "31.5 km2");
    assert_eq!(p.stats[1].1[0].1.value.value.to_string(), "331.0");

    assert_eq!(f.enterprises.len(), 2);
    let e = &f.enterprises[0];
    assert_eq!(e.id.value, "91320594MA1TE0001T");
    assert_eq!(e.industry.as_ref().unwrap().value, "C2614");
    assert_eq!(e.status.value, Status::Operating);
    assert_eq!(
        e.categories
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>(),
        ["key_discharger", "listed"]
    );
    let permit = e.permit.as_ref().unwrap();
    assert_eq!(
        permit.valid_until.as_ref().unwrap().value.to_string(),
        "2027-12-31"
    );
    match &permit.annual_limits[0].1 {
        AnnualLimit::Every(q) => assert_eq!(q.value.to_string(), "35 t/a"),
        other => panic!("{other:?}"),
    }
    match &permit.annual_limits[1].1 {
        AnnualLimit::PerYear(y) => {
            assert_eq!(
                y.iter()
                    .map(|(y, q)| (y.value, q.value.to_string()))
                    .collect::<Vec<_>>(),
                [(2024, "3.5 t/a".to_string()), (2025, "3.3 t/a".to_string())]
            );
        }
        other => panic!("{other:?}"),
    }

    let o = &e.outlets[0];
    assert_eq!(o.id.value, "DW001");
    assert_eq!(o.medium.value, Medium::Water);
    assert_eq!(o.outlet_type.as_ref().unwrap().value, OutletType::Main);
    assert_eq!(
        o.eia_approved.as_ref().unwrap().value.to_string(),
        "2012-05-01"
    );
    assert_eq!(o.class.as_ref().unwrap().value, "I");
    assert_eq!(o.receiving.as_ref().unwrap().value, "surface_water");
    assert_eq!(o.online_monitoring.as_ref().map(|b| b.value), Some(true));
    assert_eq!(
        o.limits[0]
            .1
            .concentration
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "100 mg/L"
    );
    let ph = o.limits[1].1.range.as_ref().unwrap();
    assert_eq!(
        (ph.value.0.to_string(), ph.value.1.to_string()),
        ("6".into(), "9".into())
    );
    assert_eq!(snip(&s, ph.span), "\"6..9\"");
    assert_eq!(
        o.limits[2].1.committed.as_ref().unwrap().value.to_string(),
        "10 mg/L"
    );
    assert_eq!(
        o.limits[2].1.daily.as_ref().unwrap().value.to_string(),
        "15 mg/L"
    );
    assert_eq!(
        snip(&s, o.limits[2].1.span),
        "{daily: \"15 mg/L\", committed: \"10 mg/L\"}"
    );

    let sample = &o.samples[0];
    assert_eq!(sample.date.value.to_string(), "2025-04-12");
    assert_eq!(snip(&s, sample.date.span), "2025-04-12");
    let names: Vec<&str> = sample.values.iter().map(|(p, _)| p.value.name()).collect();
    assert_eq!(names, ["COD", "NH3-N", "pH", "temperature"]);
    assert_eq!(sample.values[0].1.value.to_string(), "48 mg/L");
    assert_eq!(snip(&s, sample.values[0].1.span), "\"48 mg/L\"");
    assert_eq!(snip(&s, sample.values[0].0.span), "COD");
    assert_eq!(sample.values[2].1.value.to_string(), "7.4");
    assert_eq!(sample.values[3].1.value.to_string(), "14 °C");
    assert_eq!(o.samples[1].values[0].1.value.to_string(), "52.0 mg/L");
    assert_eq!(
        o.samples[1].values[1].1.value,
        Measurement::NotDetected(None)
    );

    let air = &e.outlets[1];
    assert_eq!(air.medium.value, Medium::Air);
    assert_eq!(
        air.limits[0].1.hourly.as_ref().unwrap().value.to_string(),
        "50 mg/Nm3"
    );
    assert_eq!(
        air.limits[0].1.rate.as_ref().unwrap().value.to_string(),
        "0.9 kg/h"
    );
    assert_eq!(air.limits[1].0.value.name(), "ringelmann");
    assert_eq!(
        air.limits[1].1.grade.as_ref().unwrap().value.to_string(),
        "1"
    );

    assert_eq!(e.discharges.len(), 2);
    assert_eq!(
        e.discharges[0].month.value,
        YearMonth {
            year: 2025,
            month: 1
        }
    );
    assert_eq!(e.discharges[0].values[1].1.value.to_string(), "0.21 t");
    assert_eq!(
        snip(&s, e.discharges[1].span),
        "{month: 2025-02, COD: \"2.6 t\"}"
    );
    assert_eq!(e.to_plant[0].values[0].1.value.to_string(), "12 t");

    let e2 = &f.enterprises[1];
    assert_eq!(e2.status.value, Status::Applicant);
    assert!(e2.permit.is_none() && e2.outlets.is_empty());
    assert_eq!(snip(&s, e2.name.span), "\"Xinghua Textiles\"");
}

#[test]
fn n01_yaml_1_1_booleans_are_not_coerced() {
    let text = ent(
        "    outlets:\n      - id: DA001\n        medium: air\n        online_monitoring: on\n        limits: {SO2: \"50 mg/Nm3\", NO: \"100 mg/Nm3\", NOx: \"150 mg/Nm3\"}\n",
    );
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        ["10:28 enterprises[0].outlets[0].online_monitoring: expected true or false, found `on`"]
    );
    let o = &f.enterprises[0].outlets[0];
    assert_eq!(o.online_monitoring, None);
    let names: Vec<&str> = o.limits.iter().map(|(p, _)| p.value.name()).collect();
    assert_eq!(
        names,
        ["SO2", "NO", "NOx"],
        "`NO` is nitric oxide, never false"
    );
    for word in ["yes", "no", "off", "y", "n", "\"true\""] {
        let text = ent(&format!(
            "    outlets:\n      - id: DA001\n        medium: air\n        online_monitoring: {word}\n"
        ));
        assert_eq!(
            errs(&text),
            [if word.starts_with('"') {
                "10:28 enterprises[0].outlets[0].online_monitoring: expected true or false, found the quoted text `\"true\"`".to_string()
            } else {
                format!(
                    "10:28 enterprises[0].outlets[0].online_monitoring: expected true or false, found `{word}`"
                )
            }]
        );
    }
    let (f, _) = model(&ent(
        "    outlets:\n      - {id: DA001, medium: air, online_monitoring: false}\n",
    ));
    assert_eq!(
        f.enterprises[0].outlets[0]
            .online_monitoring
            .as_ref()
            .map(|b| b.value),
        Some(false)
    );
}

#[test]
fn n02_identifiers_keep_their_literal_text() {
    let text = ent(concat!(
        "    outlets:\n",
        "      - id: 0017\n        medium: water\n        class: 1\n",
        "      - id: 0089\n        medium: water\n        class: 3E10\n",
        "    extra: {lab_sample_id: 3E10}\n",
    ));
    let (f, s) = model(&text);
    let o = &f.enterprises[0].outlets;
    assert_eq!(o[0].id.value, "0017");
    assert_eq!(o[1].id.value, "0089");
    assert_eq!(snip(&s, o[0].id.span), "0017");
    assert_eq!(o[0].class.as_ref().unwrap().value, "1");
    assert_eq!(o[1].class.as_ref().unwrap().value, "3E10");
    let (f, _) = model(
        "format: eipcheck/filing/v1\npark: {id: 007, name: 40.000000000000001, period: 2025, region: 320500}\n",
    );
    assert_eq!(f.park.id.value, "007");
    assert_eq!(f.park.name.value, "40.000000000000001");
    assert_eq!(f.park.region.as_ref().unwrap().value, "320500");
}

#[test]
fn n03_duplicate_keys_and_merge_keys_are_located_errors() {
    let text = ent(
        "    discharges:\n      - month: 2025-01\n        COD: 8.4 t\n        NH3N: 0.9 t\n        COD: 4.1 t\n",
    );
    let (loaded, s) = run(&text);
    assert_eq!(
        render(&loaded, &s),
        ["11:9 enterprises[0].discharges[0]: duplicate key `COD` (first at line 9)"]
    );
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, "filing.duplicate_key");
    assert_eq!(snip(&s, d.related[0].span), "COD");
    assert_eq!(
        s.line_col(d.related[0].span.file, d.related[0].span.start as usize)
            .line,
        9
    );
    assert_eq!(d.related[0].text, "first defined here");
    // The first value stays; 4.1 t is never used silently.
    let row = &loaded.filing.as_ref().unwrap().enterprises[0].discharges[0];
    assert_eq!(
        row.values
            .iter()
            .map(|(p, q)| format!("{} {}", p.value, q.value))
            .collect::<Vec<_>>(),
        ["COD 8.4 t", "NH3-N 0.9 t"]
    );

    let merge = format!(
        "{HEAD}defaults: &std\n  standard: TEST-STD-A\n  class: 1\nenterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n    status: operating\n    outlets:\n      - id: DW001\n        medium: water\n        <<: *std\n        class: 2\n"
    );
    let (f, e) = model_with_errors(&merge);
    assert_eq!(
        e,
        [
            "3:1 unknown field `defaults`",
            "13:9 enterprises[0].outlets[0]: merge key `<<` is not supported; write the fields out",
        ]
    );
    let o = &f.enterprises[0].outlets[0];
    assert_eq!(
        (
            o.class.as_ref().unwrap().value.as_str(),
            o.standard.as_ref()
        ),
        ("2", None)
    );
}

#[test]
fn n04_budgets_turn_hostile_input_into_located_errors() {
    // a: alias bomb, 10 levels x 10 aliases (10^10 leaves once expanded).
    let mut bomb = format!("{HEAD}l0: &l0 [{}]\n", ["lol"; 10].join(", "));
    for k in 1..10 {
        bomb.push_str(&format!(
            "l{k}: &l{k} [{}]\n",
            vec![format!("*l{}", k - 1); 10].join(", ")
        ));
    }
    bomb.push_str("enterprises: [{id: E01, notes: *l9}]\n");
    assert!(bomb.len() < 1024);
    let (loaded, s) = run(&bomb);
    assert!(loaded.filing.is_none());
    assert_eq!(
        render(&loaded, &s),
        ["8:45 l5[7]: alias expansion budget exceeded (> 1000000 nodes)"]
    );

    // b: 1,000 levels of block mapping.
    let deep: String = (0..1000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect::<String>()
        + &"  ".repeat(1000)
        + "1\n";
    let e = errs(&deep);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("129:257 a.a.a."), "{}", e[0]);
    assert!(
        e[0].ends_with(": nesting deeper than 128 levels"),
        "{}",
        e[0]
    );

    // c: 100,000 `[`.
    let flow = format!("x: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let e = errs(&flow);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("1:131 x"), "{}", e[0]);
    assert!(e[0].ends_with("nesting deeper than 128 levels"), "{}", e[0]);

    // e: larger than the size budget.
    let big = vec![b'#'; Limits::default().max_bytes + 1];
    assert_eq!(
        errs(&big),
        ["1:1 file is 16777217 bytes, more than the limit of 16777216 bytes"]
    );
    let mut sources = Sources::default();
    let small = Limits {
        max_nodes: 10,
        ..Limits::default()
    };
    let loaded = load_with("t.yaml", HEAD.as_bytes(), &mut sources, &small);
    assert_eq!(
        render(&loaded, &sources),
        ["2:36 park.period: document has more than 10 values"]
    );

    // d: control with 3 anchors and 5 aliases loads normally.
    let control = format!(
        "{HEAD}enterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n    status: &op operating\n    outlets:\n      - id: DW001\n        medium: &w water\n        limits: &lim {{COD: \"100 mg/L\"}}\n      - {{id: DW002, medium: *w, limits: *lim}}\n  - {{id: \"91320594MA1TE0002X\", name: E02, status: *op, outlets: [{{id: DW003, medium: *w, limits: *lim}}]}}\n"
    );
    let (f, _) = model(&control);
    assert_eq!(f.enterprises[1].status.value, Status::Operating);
    assert_eq!(
        f.enterprises[1].outlets[0].limits[0]
            .1
            .concentration
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "100 mg/L"
    );
    assert_eq!(f.enterprises[0].outlets[1].medium.value, Medium::Water);
}

#[test]
fn n05_bom_tab_and_crlf() {
    let plain = format!("{HEAD}enterprises: []\nextra: {{a: 1}}\nreport_year: 2024\n");
    let with_bom = format!("\u{FEFF}{plain}");
    let (a, sa) = run(&plain);
    let (b, sb) = run(&with_bom);
    assert_eq!(
        a.filing.as_ref().map(|f| &f.park),
        b.filing.as_ref().map(|f| &f.park)
    );
    assert_eq!(render(&a, &sa), ["5:1 unknown field `report_year`"]);
    assert_eq!(render(&a, &sa), render(&b, &sb));
    assert_eq!(snip(&sb, b.filing.as_ref().unwrap().park.id.span), "P1");

    let twice = errs(format!("\u{FEFF}\u{FEFF}{plain}"));
    assert_eq!(
        twice[0],
        "1:1 second byte-order mark (U+FEFF) at the start of the file"
    );

    let tab = format!(
        "{HEAD}enterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n\tstatus: operating\n"
    );
    let (loaded, s) = run(&tab);
    assert_eq!(
        render(&loaded, &s),
        ["6:1 tab character used for indentation; indent with spaces"]
    );
    assert_eq!(
        loaded.diagnostics[0].help.as_deref(),
        Some("replace the tab with spaces")
    );

    let crlf = ent("    outlets:\r\n      - {id: DW001, medium: water}\r\n")
        .replace('\n', "\r\n")
        .replace("\r\r", "\r");
    let (f, _) = model(&crlf);
    assert_eq!(f.enterprises[0].outlets[0].id.value, "DW001");
    assert_eq!(f.enterprises[0].name.value, "E01");
}

#[test]
fn n06_a_quantity_needs_a_unit() {
    let text = ent(
        "    outlets:\n      - id: DW001\n        medium: water\n        samples:\n          - date: 2025-04-12\n            COD: 1.2e2\n            NH3N: \"9\"\n          - {date: 2025-04-13, COD: \"120 mg/L\", NH3N: \"1.2e2 mg/L\"}\n",
    );
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "12:18 enterprises[0].outlets[0].samples[0].COD: quantity `1.2e2` has no unit",
            "13:19 enterprises[0].outlets[0].samples[0].NH3N: quantity `9` has no unit",
        ]
    );
    let samples = &f.enterprises[0].outlets[0].samples;
    assert!(
        samples[0].values.is_empty(),
        "bad values are dropped, never zero"
    );
    let Measurement::Value(q) = &samples[1].values[1].1.value else {
        panic!()
    };
    assert_eq!(
        q.cmp_exact(&Quantity::parse("120 mg/L", false).unwrap()),
        Ok(Ordering::Equal)
    );
    assert_eq!(samples[1].values[0].1.value.to_string(), "120 mg/L");
}

#[test]
fn n07_impossible_dates_all_reported_in_one_run() {
    let text = ent(
        "    permit:\n      number: P-1\n      valid_from: 2023-01-01\n      valid_until: 2023-02-29\n    outlets:\n      - {id: DW001, medium: water, eia_approved: 0000-00-00}\n      - {id: DW002, medium: water, eia_approved: 2024-02-29, samples: [{date: 2025-04-31, COD: \"1 mg/L\"}, {date: 2025-13-01}, {date: 12/04/2025}]}\n",
    );
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "10:20 enterprises[0].permit.valid_until: `2023-02-29` is not a valid date (2023 is not a leap year)",
            "12:50 enterprises[0].outlets[0].eia_approved: `0000-00-00` is not a valid date (use null if unknown)",
            "13:79 enterprises[0].outlets[1].samples[0].date: `2025-04-31` is not a valid date (month 4 has 30 days)",
            "13:114 enterprises[0].outlets[1].samples[1].date: `2025-13-01` is not a valid date (there is no month 13)",
            "13:134 enterprises[0].outlets[1].samples[2].date: `12/04/2025` is not a date",
        ]
    );
    let e0 = &f.enterprises[0];
    assert_eq!(
        e0.permit
            .as_ref()
            .unwrap()
            .valid_from
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "2023-01-01"
    );
    assert!(e0.permit.as_ref().unwrap().valid_until.is_none());
    assert_eq!(
        e0.outlets[1]
            .eia_approved
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "2024-02-29"
    );
    assert!(
        e0.outlets[1].samples.is_empty(),
        "samples without a valid date are dropped"
    );
}

#[test]
fn n09_non_finite_values_are_errors_and_below_detection_loads() {
    let text = ent(
        "    outlets:\n      - id: DW001\n        medium: water\n        samples:\n          - {date: 2025-04-12, COD: .nan, NH3N: .inf, TP: -.Inf}\n          - {date: 2025-04-13, TP: ND, TN: \"<0.05 mg/L\", NH3N: \"0.05L mg/L\", COD: 未检出}\n",
    );
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "11:37 enterprises[0].outlets[0].samples[0].COD: value is not a finite number (`.nan`)",
            "11:49 enterprises[0].outlets[0].samples[0].NH3N: value is not a finite number (`.inf`)",
            "11:59 enterprises[0].outlets[0].samples[0].TP: value is not a finite number (`-.Inf`)",
        ]
    );
    let s = &f.enterprises[0].outlets[0].samples;
    assert!(s[0].values.is_empty());
    let v: Vec<String> = s[1]
        .values
        .iter()
        .map(|(p, m)| format!("{} {}", p.value, m.value))
        .collect();
    assert_eq!(v, ["TP ND", "TN <0.05 mg/L", "NH3-N <0.05 mg/L", "COD ND"]);
    assert!(matches!(
        s[1].values[1].1.value,
        Measurement::NotDetected(Some(_))
    ));
}

#[test]
fn n11_unit_spellings() {
    let text = ent(concat!(
        "    permit: {number: P-1, annual_limits: {COD: 12500 kg/a, NH3N: 3.2 ton/a}}\n",
        "    outlets:\n      - id: DW001\n        medium: water\n        samples:\n",
        "          - {date: 2025-05-01, Hg: \"0.8 \u{00B5}g/L\", Cd: \"0.9 \u{03BC}g/L\", COD: \"\u{FF14}\u{FF18}.2 mg/L\"}\n",
    ));
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "7:66 enterprises[0].permit.annual_limits.NH3N: `ton/a` is ambiguous (metric tonne or short/long ton); use `t/a`",
            "12:69 enterprises[0].outlets[0].samples[0].COD: `４８.2 mg/L` has full-width digits",
        ]
    );
    let cod = &f.enterprises[0].permit.as_ref().unwrap().annual_limits;
    assert_eq!(cod.len(), 1);
    let AnnualLimit::Every(q) = &cod[0].1 else {
        panic!()
    };
    assert_eq!(q.value.to_string(), "12500 kg/a");
    assert_eq!(
        q.value
            .cmp_exact(&Quantity::parse("12.5 t/a", false).unwrap()),
        Ok(Ordering::Equal)
    );
    let mg = Quantity::parse("1 mg/L", false).unwrap().unit;
    let v: Vec<String> = f.enterprises[0].outlets[0].samples[0]
        .values
        .iter()
        .map(|(_, m)| match &m.value {
            Measurement::Value(q) => q.convert_to(&mg).unwrap().to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(v, ["0.0008 mg/L", "0.0009 mg/L"]);
}

#[test]
fn unknown_keys_suggest_the_closest_field() {
    let text = ent("    outlets:\n      - {id: DW001, medum: water}\n    discharge: []\n");
    let (loaded, s) = run(&text);
    assert_eq!(
        render(&loaded, &s),
        [
            "8:10 enterprises[0].outlets[0]: missing required field `medium`",
            "8:21 enterprises[0].outlets[0]: unknown field `medum`",
            "9:5 enterprises[0]: unknown field `discharge`",
        ]
    );
    let helps: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.help.clone().unwrap_or_default())
        .collect();
    assert!(
        helps.contains(&"did you mean `medium`?".to_string()),
        "{helps:?}"
    );
    assert!(
        helps.contains(&"did you mean `discharges`?".to_string()),
        "{helps:?}"
    );
}

#[test]
fn credit_codes_are_checked_per_gb_32100() {
    use super::fields::ids::{CodeError, check_credit_code};
    for ok in [
        "91350100M000100Y43",
        "9144030071526726XG",
        "91320594MA1TE0001T",
        "91320500MA1EC00017",
    ] {
        assert_eq!(check_credit_code(ok), Ok(()), "{ok}");
    }
    assert_eq!(
        check_credit_code("91320594MA1XXXXXXX"),
        Err(CodeError::Check('H', 'X'))
    );
    assert_eq!(
        check_credit_code("91320594MA1TE0001"),
        Err(CodeError::Length(17))
    );
    assert_eq!(
        check_credit_code("91320594MA1TE0O01T"),
        Err(CodeError::Char('O', 15))
    );
    let text = format!(
        "{HEAD}enterprises:\n  - {{id: \"91320594MA1XXXXXXX\", name: E, status: operating}}\n"
    );
    let (loaded, s) = run(&text);
    assert_eq!(
        render(&loaded, &s),
        [
            "4:10 enterprises[0].id: unified social credit code `91320594MA1XXXXXXX` should end in check character `H`, found `X`"
        ]
    );
    assert_eq!(
        loaded.diagnostics[0].help.as_deref(),
        Some("check the code against the business licence (GB 32100-2015)")
    );
    assert_eq!(
        loaded.filing.unwrap().enterprises[0].id.value,
        "91320594MA1XXXXXXX"
    );
}

#[test]
fn three_bad_values_are_all_reported_and_the_rest_loads() {
    let text = ent(
        "    discharges:\n      - {month: 2025-01, COD: \"2.9 t\", NH3-N: \"0.2 t/a\"}\n      - {month: 2025-02, COD: \"2.6 tons\", TP: \"0.01 t\"}\n      - {month: 2025-03, CODD: \"2.1 t\", TN: \"1 t\"}\n",
    );
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "8:47 enterprises[0].discharges[0].NH3-N: `0.2 t/a` is not a mass",
            "9:31 enterprises[0].discharges[1].COD: `tons` is ambiguous (metric tonne or short/long ton); use `t`",
            "10:26 enterprises[0].discharges[2]: unknown pollutant `CODD`",
        ]
    );
    let rows: Vec<Vec<String>> = f.enterprises[0]
        .discharges
        .iter()
        .map(|r| {
            r.values
                .iter()
                .map(|(p, q)| format!("{} {}", p.value, q.value))
                .collect()
        })
        .collect();
    assert_eq!(rows, [vec!["COD 2.9 t"], vec!["TP 0.01 t"], vec!["TN 1 t"]]);
}

#[test]
fn pollutant_keys_by_any_name_and_no_pollutant_twice() {
    let text = ent(
        "    outlets:\n      - id: DW001\n        medium: water\n        limits: {COD: \"100 mg/L\", 氨氮: \"15 mg/L\", w21011: \"0.5 mg/L\", CODcr: \"90 mg/L\", Ph: \"6..9\", odour: \"1000\"}\n",
    );
    let (loaded, s) = run(&text);
    assert_eq!(
        render(&loaded, &s),
        [
            "10:70 enterprises[0].outlets[0].limits: pollutant COD given twice (as `COD` and `CODcr`)"
        ]
    );
    assert_eq!(snip(&s, loaded.diagnostics[0].related[0].span), "COD");
    let o = &loaded.filing.unwrap().enterprises[0].outlets[0];
    let names: Vec<&str> = o.limits.iter().map(|(p, _)| p.value.name()).collect();
    assert_eq!(names, ["COD", "NH3-N", "TP", "pH", "odour"]);
    assert_eq!(
        o.limits[0]
            .1
            .concentration
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "100 mg/L"
    );
    assert_eq!(
        o.limits[4]
            .1
            .concentration
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "1000"
    );
}

#[test]
fn choices_years_and_limits_are_checked() {
    let text = "format: eipcheck/filing/v2\npark: {id: P1, name: Park, period: 25, kind: venus, timezone: Asia/Shanghia, caps: {COD: \"850 t\"}}\nenterprises:\n  - {id: \"91320594MA1TE0001T\", name: E, status: Operating, categories: [listed, key discharger]}\n";
    let (f, e) = model_with_errors(text);
    assert_eq!(
        e,
        [
            "1:9 format: unsupported format `eipcheck/filing/v2`; expected `eipcheck/filing/v1`",
            "2:36 park.period: `25` is not a year",
            "2:46 park.kind: unknown park kind `venus`; expected one of sector, comprehensive, venous",
            "2:63 park.timezone: unknown timezone `Asia/Shanghia`",
            "2:90 park.caps.COD: `850 t` is not a mass per year",
            "4:49 enterprises[0].status: unknown status `Operating`; expected one of operating, applicant, closed",
            "4:81 enterprises[0].categories[1]: unknown disclosure category `key discharger`; expected one of key_discharger, mandatory_audit, listed, bond_issuer",
        ]
    );
    assert_eq!(f.park.period, None, "a bad period is missing, never 0");
    assert_eq!(f.park.timezone.value, "Asia/Shanghai");
    assert!(
        f.enterprises.is_empty(),
        "an enterprise without a valid status is dropped"
    );
}

#[test]
fn json_gives_the_same_model_as_yaml() {
    let yaml = ent(
        "    outlets:\n      - id: \"0017\"\n        medium: water\n        limits: {COD: \"100 mg/L\"}\n        samples: [{date: 2025-04-12, COD: \"48 mg/L\", pH: \"7.4\"}]\n    discharges: [{month: 2025-01, COD: \"2.9 t\"}]\n",
    );
    let json = r#"{
	"format": "eipcheck/filing/v1",
	"park": {"id": "P1", "name": "Park", "period": 2025},
	"enterprises": [{"id": "91320594MA1TE0001T", "name": "E01", "status": "operating",
		"outlets": [{"id": "0017", "medium": "water", "limits": {"COD": "100 mg/L"},
			"samples": [{"date": "2025-04-12", "COD": "48 mg/L", "pH": "7.4"}]}],
		"discharges": [{"month": "2025-01", "COD": "2.9 t"}]}]
}"#;
    let (a, _) = model(&yaml);
    let (b, s) = model(json);
    assert_eq!(a.park, b.park);
    assert_eq!(a.enterprises, b.enterprises);
    assert_eq!(
        snip(&s, b.enterprises[0].outlets[0].samples[0].values[0].1.span),
        "\"48 mg/L\""
    );
    assert_eq!(
        errs(
            "{\"format\": \"eipcheck/filing/v1\", \"park\": {\"id\": \"P1\", \"name\": \"P\", \"period\": 2025, \"period\": 2026}}"
        ),
        ["1:84 park: duplicate key `period` (first at line 1)"]
    );
}

#[test]
fn unreadable_files_give_one_located_error() {
    let mut bytes = b"format: eipcheck/filing/v1\npark:\n  name: ".to_vec();
    bytes.extend([0xC6, 0xF3, b'\n']);
    assert_eq!(
        errs(&bytes),
        ["3:9 file is not valid UTF-8 (byte 0xC6 at offset 41)"]
    );
    assert_eq!(errs(""), ["1:1 the filing is empty"]);
    assert_eq!(
        errs("- a\n- b\n"),
        ["1:1 the filing must be a mapping of fields, found a list"]
    );
    assert_eq!(
        errs(format!("{HEAD}---\nb: 1\n")),
        ["3:1 more than one YAML document in the file"]
    );
    let (loaded, _) = run("a: [1, 2\n");
    assert!(loaded.filing.is_none());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, "filing.syntax");
}

#[test]
fn every_diagnostic_has_a_filing_code_a_catalogue_message_and_help() {
    let text = ent(
        "    statuss: x\n    outlets:\n      - {id: DW001, medium: wter, limits: {COD: 100, pH: \"9..6\", ringelmann: {grade: high}}}\n    permit: {number: P, valid_from: 2025-01-01, valid_until: 2024-01-01}\n    discharges: [{month: 2025-1, COD: \"1 t\"}, {COD: \"1 t\"}]\n",
    );
    let (loaded, _) = run(&text);
    assert!(loaded.diagnostics.len() >= 8, "{:?}", loaded.diagnostics);
    for d in &loaded.diagnostics {
        assert!(d.code.starts_with("filing."), "{}", d.code);
        assert!(crate::messages::has_key(d.code), "{}", d.code);
        assert!(
            d.help.as_ref().is_some_and(|h| !h.is_empty()),
            "{}: no help",
            d.code
        );
        assert!(d.field.is_some(), "{}: no field", d.code);
        assert!(
            !d.message.ends_with('.') && d.message.starts_with(|c: char| !c.is_uppercase()),
            "{}",
            d.message
        );
    }
}

#[test]
fn limit_row_and_permit_errors_are_located_and_explained() {
    let text = ent(concat!(
        "    statuss: x\n",
        "    outlets:\n      - {id: DW001, medium: wter, limits: {COD: 100, pH: \"9..6\", ringelmann: {grade: high}}}\n",
        "    permit: {number: P, valid_from: 2025-01-01, valid_until: 2024-01-01}\n",
        "    discharges: [{month: 2025-1, COD: \"1 t\"}, {COD: \"1 t\"}]\n",
    ));
    let (loaded, s) = run(&text);
    let got: Vec<String> = render(&loaded, &s)
        .into_iter()
        .zip(&loaded.diagnostics)
        .map(|(r, d)| format!("{r} | {}", d.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            "7:5 enterprises[0]: unknown field `statuss` | did you mean `status`?",
            "9:29 enterprises[0].outlets[0].medium: unknown medium `wter`; expected one of water, air | did you mean `water`?",
            "9:49 enterprises[0].outlets[0].limits.COD: quantity `100` has no unit | write the unit after the number, for example `\"100 mg/L\"`; quantities in a filing always need a unit",
            "9:58 enterprises[0].outlets[0].limits.pH: `9..6` is not a range | write a range as `low..high` with the low end first, for example `6..9`",
            "9:86 enterprises[0].outlets[0].limits.ringelmann.grade: `high` is not a grade | write a grade as `level 1`",
            "10:62 enterprises[0].permit.valid_until: the permit is valid until 2024-01-01, before it starts on 2025-01-01 | check `valid_from` and `valid_until` against the permit",
            "11:26 enterprises[0].discharges[0].month: `2025-1` is not a month | write months as YYYY-MM, for example `2025-01`",
            "11:48 enterprises[0].discharges[1]: missing required field `month` | add `month:` to this mapping",
        ]
    );
    let e = &loaded.filing.unwrap().enterprises[0];
    assert!(
        e.outlets.is_empty(),
        "an outlet without a valid medium is dropped"
    );
    assert!(
        e.discharges.is_empty(),
        "rows without a valid month are dropped"
    );
    assert_eq!(e.permit.as_ref().unwrap().number.value, "P");
}

#[test]
fn tags_anchors_and_keys() {
    let (f, _) = model(&format!(
        "{HEAD}enterprises:\n  - {{id: !!str 91320594MA1TE0001T, name: !!str 0017, status: operating}}\n"
    ));
    assert_eq!(f.enterprises[0].name.value, "0017");
    assert_eq!(
        errs(format!("{HEAD}extra: {{a: !custom x}}\n")),
        ["3:20 extra.a: YAML tag `!custom` is not supported"]
    );
    assert_eq!(
        errs(format!("{HEAD}? [a]\n: 1\n")),
        ["3:3 a mapping key must be text"]
    );
    assert_eq!(
        errs(format!("{HEAD}extra: &x [*x]\n")),
        ["3:12 extra[0]: alias refers to an anchor that is not complete at this point"]
    );
    assert_eq!(
        errs(format!("{HEAD}extra: *x\n")),
        ["3:8 invalid YAML: while parsing node, found unknown anchor"]
    );
}

/// Each diagnostic as `LINE:COL FIELD: MESSAGE | HELP`.
fn errs_help(text: &str) -> Vec<String> {
    let (loaded, sources) = run(text);
    render(&loaded, &sources)
        .into_iter()
        .zip(&loaded.diagnostics)
        .map(|(r, d)| format!("{r} | {}", d.help.as_deref().unwrap_or("")))
        .collect()
}

#[test]
fn dates_and_months_outside_the_reporting_year_are_errors() {
    let text = ent(concat!(
        "    outlets:\n      - id: DW001\n        medium: water\n        samples:\n",
        "          - {date: 2052-07-22, COD: \"48 mg/L\"}\n",
        "          - {date: 2024-09-16, COD: \"52 mg/L\"}\n",
        "          - {date: 2025-12-31, COD: \"50 mg/L\"}\n",
        "    discharges:\n      - {month: 2023-12, COD: \"2.9 t\"}\n      - {month: 2025-01, COD: \"2.6 t\"}\n      - {month: 2024-12, COD: \"2.9 t\"}\n",
        "    to_plant:\n      - {month: 2026-01, COD: \"12 t\"}\n      - {month: 2024-12, COD: \"12 t\"}\n",
    ));
    let (f, _) = model_with_errors(&text);
    assert_eq!(
        errs_help(&text),
        [
            "11:20 enterprises[0].outlets[0].samples[0].date: sample date `2052-07-22` is outside the reporting period 2025 | file it with its own year's filing, or correct the date",
            "12:20 enterprises[0].outlets[0].samples[1].date: sample date `2024-09-16` is outside the reporting period 2025 | file it with its own year's filing, or correct the date",
            "15:17 enterprises[0].discharges[0].month: month `2023-12` is outside the reporting period 2025 | file it with its own year's filing, or correct the month",
            "19:17 enterprises[0].to_plant[0].month: month `2026-01` is outside the reporting period 2025 | file it with its own year's filing, or correct the month",
            "20:17 enterprises[0].to_plant[1].month: month `2024-12` is outside the reporting period 2025 | file it with its own year's filing, or correct the month",
        ]
    );
    let e = &f.enterprises[0];
    let dates: Vec<String> = e.outlets[0]
        .samples
        .iter()
        .map(|s| format!("{} {}", s.index, s.date.value))
        .collect();
    assert_eq!(
        dates,
        ["2 2025-12-31"],
        "samples of other years are dropped"
    );
    // The previous year's months are kept in `discharges` (rolling
    // 12-month totals), not in `to_plant`.
    let months: Vec<String> = e
        .discharges
        .iter()
        .map(|r| r.month.value.to_string())
        .collect();
    assert_eq!(months, ["2025-01", "2024-12"]);
    assert!(e.to_plant.is_empty());

    // No period, no check: only the period's own error.
    let text = text.replace("period: 2025", "period: 25");
    let (f, e) = model_with_errors(&text);
    assert_eq!(e, ["2:36 park.period: `25` is not a year"]);
    assert_eq!(f.park.period, None);
    assert_eq!(f.enterprises[0].outlets[0].samples.len(), 3);
    assert_eq!(f.enterprises[0].to_plant.len(), 2);
}

#[test]
fn a_second_row_for_a_month_or_sample_on_a_date_is_an_error() {
    let text = ent(concat!(
        "    outlets:\n      - id: DW001\n        medium: water\n        samples:\n",
        "          - {date: 2025-04-22, COD: \"48 mg/L\"}\n",
        "          - {date: 2025-05-10, COD: \"52 mg/L\"}\n",
        "          - {date: 2025-04-22, SS: \"20 mg/L\"}\n",
        "      - id: DW002\n        medium: water\n        samples:\n",
        "          - {date: 2025-04-22, COD: \"40 mg/L\"}\n",
        "    discharges:\n",
        "      - {month: 2025-03, COD: \"2.9 t\"}\n",
        "      - {month: 2025-04, COD: \"2.6 t\"}\n",
        "      - {month: 2025-03, COD: \"0.4 t\"}\n",
        "    to_plant:\n",
        "      - {month: 2025-03, COD: \"12 t\"}\n",
        "      - {month: 2025-03, COD: \"1 t\"}\n",
    ));
    let (loaded, s) = run(&text);
    assert_eq!(
        errs_help(&text),
        [
            "13:20 enterprises[0].outlets[0].samples[2].date: second sample on `2025-04-22` at this outlet (first at line 11) | put the date's values in one sample; a finding is per outlet, pollutant and date",
            "21:17 enterprises[0].discharges[2].month: second row for `2025-03` (first at line 19) | put the month's amounts in one row; two rows for one month are not added up",
            "24:17 enterprises[0].to_plant[1].month: second row for `2025-03` (first at line 23) | put the month's amounts in one row; two rows for one month are not added up",
        ]
    );
    assert_eq!(snip(&s, loaded.diagnostics[1].related[0].span), "2025-03");
    let e = &loaded.filing.unwrap().enterprises[0];
    assert_eq!(
        e.outlets[0].samples.len(),
        2,
        "the second sample is dropped"
    );
    assert_eq!(
        e.outlets[1].samples.len(),
        1,
        "another outlet may sample that day"
    );
    let rows: Vec<String> = e
        .discharges
        .iter()
        .map(|r| format!("{} {}", r.month.value, r.values[0].1.value))
        .collect();
    assert_eq!(rows, ["2025-03 2.9 t", "2025-04 2.6 t"], "never summed");
    assert_eq!(e.to_plant.len(), 1);
}

#[test]
fn negative_amounts_are_errors_and_temperatures_may_be_below_zero() {
    let text = format!(
        "{}{}",
        "format: eipcheck/filing/v1\npark: {id: P1, name: Park, period: 2025, caps: {COD: \"-3 t/a\"}, stats: {2025: {growth: \"-2.5 %\"}}}\n",
        concat!(
            "enterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n    status: operating\n",
            "    permit: {number: P, annual_limits: {COD: \"-35 t/a\", TP: {2025: \"-0.1 t/a\"}}}\n",
            "    outlets:\n      - id: DW001\n        medium: water\n",
            "        limits: {COD: \"-5 mg/L\", pH: \"-1..9\", temperature: \"-5..35 °C\", NOx: {rate: \"-0.9 kg/h\"}}\n",
            "        samples:\n",
            "          - {date: 2025-01-14, COD: \"-5 mg/L\", TP: \"<-0.01 mg/L\", NH3-N: \"-0 mg/L\", temperature: \"-2 °C\"}\n",
            "    discharges:\n      - {month: 2025-01, COD: \"-3 t\", TP: \"0 t\"}\n",
        )
    );
    let (loaded, s) = run(&text);
    assert_eq!(
        render(&loaded, &s),
        [
            "2:54 park.caps.COD: `-3 t/a` is negative; amounts and concentrations cannot be below zero",
            "7:46 enterprises[0].permit.annual_limits.COD: `-35 t/a` is negative; amounts and concentrations cannot be below zero",
            "7:68 enterprises[0].permit.annual_limits.TP.2025: `-0.1 t/a` is negative; amounts and concentrations cannot be below zero",
            "11:23 enterprises[0].outlets[0].limits.COD: `-5 mg/L` is negative; amounts and concentrations cannot be below zero",
            "11:38 enterprises[0].outlets[0].limits.pH: `-1..9` is negative; amounts and concentrations cannot be below zero",
            "11:85 enterprises[0].outlets[0].limits.NOx.rate: `-0.9 kg/h` is negative; amounts and concentrations cannot be below zero",
            "13:37 enterprises[0].outlets[0].samples[0].COD: `-5 mg/L` is negative; amounts and concentrations cannot be below zero",
            "13:52 enterprises[0].outlets[0].samples[0].TP: `<-0.01 mg/L` is negative; amounts and concentrations cannot be below zero",
            "15:31 enterprises[0].discharges[0].COD: `-3 t` is negative; amounts and concentrations cannot be below zero",
        ]
    );
    assert_eq!(
        loaded.diagnostics[0].help.as_deref(),
        Some("correct the value; only temperatures (°C) may be below zero")
    );
    let f = loaded.filing.unwrap();
    assert!(f.park.caps.is_empty(), "a negative cap is dropped");
    assert_eq!(f.park.stats[0].1[0].1.value.to_string(), "-2.5 %");
    let o = &f.enterprises[0].outlets[0];
    let limits: Vec<&str> = o.limits.iter().map(|(p, _)| p.value.name()).collect();
    assert_eq!(limits, ["temperature"]);
    let values: Vec<String> = o.samples[0]
        .values
        .iter()
        .map(|(p, m)| format!("{} {}", p.value, m.value))
        .collect();
    assert_eq!(values, ["NH3-N 0 mg/L", "temperature -2 °C"]);
    assert_eq!(f.enterprises[0].discharges[0].values.len(), 1);
}

#[test]
fn sample_values_must_be_of_the_kind_measured() {
    use super::fields::quantity::{CONCENTRATION_UNITS, DIM_UNITS, FLOW_UNITS};
    for unit in CONCENTRATION_UNITS
        .iter()
        .chain(&FLOW_UNITS)
        .chain(&DIM_UNITS)
    {
        assert!(crate::values::Unit::parse(unit).is_ok(), "{unit}");
    }
    let text = ent(concat!(
        "    outlets:\n      - id: DW001\n        medium: water\n",
        "        limits: {COD: \"100 mg/Nm3\", TP: {daily: \"0.5 mg/L\", hourly: \"1 mg/Nm3\"}}\n",
        "        samples:\n",
        "          - {date: 2025-04-22, pH: \"6.9 mg/L\", COD: \"152 mg\", temperature: \"14 mg/L\", flow: \"30 mg/L\"}\n",
        "          - {date: 2025-05-22, COD: \"152 mg/Nm3\", NH3-N: \"<0.05 mg/Nm3\", Hg: \"0.8 µg/L\", fecal_coliforms: \"2400 count/L\"}\n",
        "          - {date: 2025-06-22, pH: \"7.1\", temperature: \"-1 °C\", flow: \"120 m3/d\", COD: \"5 t/a\", SS: ND}\n",
        "      - id: DA001\n        medium: air\n",
        "        limits: {SO2: \"50 mg/L\", NOx: {hourly: \"150 mg/Nm3\"}}\n",
        "        samples:\n",
        "          - {date: 2025-04-22, SO2: \"12 mg/L\", NOx: \"64 mg/m3\", O2: \"9.5 %\", flue_gas_flow: \"12000 Nm3/h\"}\n",
        "          - {date: 2025-05-22, O2: \"9.5 mg/Nm3\", flue_gas_flow: \"12000 Nm3\", ringelmann: \"1 mg/Nm3\"}\n",
    ));
    let (loaded, s) = run(&text);
    let got: Vec<String> = render(&loaded, &s)
        .into_iter()
        .zip(&loaded.diagnostics)
        .map(|(r, d)| format!("{r} | {}", d.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            "10:23 enterprises[0].outlets[0].limits.COD: `mg/Nm3` is an air unit; water concentrations are per litre (`mg/L`) | write the value per litre as the laboratory report gives it, or correct the outlet's `medium`",
            "10:69 enterprises[0].outlets[0].limits.TP.hourly: `mg/Nm3` is an air unit; water concentrations are per litre (`mg/L`) | write the value per litre as the laboratory report gives it, or correct the outlet's `medium`",
            "12:36 enterprises[0].outlets[0].samples[0].pH: pH is written without a unit | write the number alone, for example `pH: \"6.9\"`",
            "12:53 enterprises[0].outlets[0].samples[0].COD: `152 mg` is not a concentration; write it per volume, e.g. `152 mg/L` | a concentration is a mass, count or activity per volume: `mg/L`, `µg/L`, `count/L` or `Bq/L` at a water outlet, `mg/Nm3` at an air outlet",
            "12:76 enterprises[0].outlets[0].samples[0].temperature: `14 mg/L` is not a temperature | write the temperature in °C, for example `14 °C`",
            "12:93 enterprises[0].outlets[0].samples[0].flow: `30 mg/L` is not a flow | write a flow as a volume per time, for example `30 m3/h`",
            "13:37 enterprises[0].outlets[0].samples[1].COD: `mg/Nm3` is an air unit; water concentrations are per litre (`mg/L`) | write the value per litre as the laboratory report gives it, or correct the outlet's `medium`",
            "13:58 enterprises[0].outlets[0].samples[1].NH3-N: `mg/Nm3` is an air unit; water concentrations are per litre (`mg/L`) | write the value per litre as the laboratory report gives it, or correct the outlet's `medium`",
            "14:88 enterprises[0].outlets[0].samples[2].COD: `5 t/a` is not a concentration; write it per volume, e.g. `5 mg/L` | a concentration is a mass, count or activity per volume: `mg/L`, `µg/L`, `count/L` or `Bq/L` at a water outlet, `mg/Nm3` at an air outlet",
            "17:23 enterprises[0].outlets[1].limits.SO2: `mg/L` is a water unit; air concentrations are per standard cubic metre (`mg/Nm3`) | write the value per standard cubic metre as the monitoring report gives it, or correct the outlet's `medium`",
            "19:37 enterprises[0].outlets[1].samples[0].SO2: `mg/L` is a water unit; air concentrations are per standard cubic metre (`mg/Nm3`) | write the value per standard cubic metre as the monitoring report gives it, or correct the outlet's `medium`",
            "20:36 enterprises[0].outlets[1].samples[1].O2: `9.5 mg/Nm3` is not a volume fraction | write the oxygen content in percent, for example `9.5 %`",
            "20:65 enterprises[0].outlets[1].samples[1].flue_gas_flow: `12000 Nm3` is not a flow | write a flow as a volume per time, for example `12000 Nm3/h`",
            "20:90 enterprises[0].outlets[1].samples[1].ringelmann: ringelmann is written without a unit | write the number alone, for example `ringelmann: \"1\"`",
        ]
    );
    let o = &loaded.filing.unwrap().enterprises[0].outlets;
    let kept = |i: usize| -> Vec<Vec<&str>> {
        o[i].samples
            .iter()
            .map(|s| s.values.iter().map(|(p, _)| p.value.name()).collect())
            .collect()
    };
    assert_eq!(
        kept(0),
        [
            vec![],
            vec!["Hg", "fecal_coliforms"],
            vec!["pH", "temperature", "flow", "SS"]
        ],
        "values of the wrong kind are dropped"
    );
    assert_eq!(kept(1), [vec!["NOx", "O2", "flue_gas_flow"], vec![]]);
    let limits: Vec<(&str, bool, bool)> = o[0]
        .limits
        .iter()
        .map(|(p, l)| (p.value.name(), l.daily.is_some(), l.hourly.is_some()))
        .collect();
    assert_eq!(limits, [("TP", true, false)]);
}

#[test]
fn standards_must_be_written_canonically() {
    use super::fields::ids::{StandardError, check_standard};
    for ok in [
        "GB 8978-1996",
        "GB/T 14848-2017",
        "HJ 2.1-2016",
        "HJ/T 91-2002",
        "DB44 26-2001",
        "DB11/T 307-2013",
    ] {
        assert_eq!(check_standard(ok), Ok(()), "{ok}");
    }
    let form = |s: &str| Err(StandardError::Form(Some(s.to_string())));
    assert_eq!(check_standard("GB8978-1996"), form("GB 8978-1996"));
    assert_eq!(check_standard("gb 8978-1996"), form("GB 8978-1996"));
    assert_eq!(check_standard("GB 8978—1996"), form("GB 8978-1996"));
    assert_eq!(
        check_standard("ＧＢ　８９７８－１９９６"),
        form("GB 8978-1996")
    );
    assert_eq!(check_standard("GBT 14848-2017"), form("GB/T 14848-2017"));
    assert_eq!(check_standard("db44/t 26 - 2001"), form("DB44/T 26-2001"));
    assert_eq!(
        check_standard("GB 8978-96"),
        Err(StandardError::Year(
            "96".into(),
            "1996".into(),
            "GB 8978-1996".into()
        ))
    );
    assert_eq!(
        check_standard("GB 18918-02"),
        Err(StandardError::Year(
            "02".into(),
            "2002".into(),
            "GB 18918-2002".into()
        ))
    );
    for bad in ["GB 8978", "ISO 14001-2015", "GB 8978-1996 表4", "", "X"] {
        assert_eq!(check_standard(bad), Err(StandardError::Form(None)), "{bad}");
    }
    let text = ent(concat!(
        "    outlets:\n",
        "      - {id: DW001, medium: water, standard: \"GB8978-1996\"}\n",
        "      - {id: DW002, medium: water, standard: \"gb 8978-1996\"}\n",
        "      - {id: DW003, medium: water, standard: \"GB 8978-96\"}\n",
        "      - {id: DW004, medium: water, standard: \"GB 8978\"}\n",
        "      - {id: DW005, medium: water, standard: \"GB 18918-2002\"}\n",
    ));
    let (f, _) = model_with_errors(&text);
    assert_eq!(
        errs_help(&text),
        [
            "8:46 enterprises[0].outlets[0].standard: standard `GB8978-1996` is not written as `PREFIX NUMBER-YEAR` | write `GB 8978-1996`, the form the rule packs compare with",
            "9:46 enterprises[0].outlets[1].standard: standard `gb 8978-1996` is not written as `PREFIX NUMBER-YEAR` | write `GB 8978-1996`, the form the rule packs compare with",
            "10:46 enterprises[0].outlets[2].standard: standard `GB 8978-96` has a two-digit year `96`; the year must have four digits, e.g. `1996` | write `GB 8978-1996` if the standard is of 1996",
            "11:46 enterprises[0].outlets[3].standard: standard `GB 8978` is not written as `PREFIX NUMBER-YEAR` | write the standard as its title gives it: a prefix (GB, GB/T, HJ, HJ/T, DBnn or DBnn/T), a space, the number, `-` and the four-digit year, for example `GB 8978-1996`",
        ]
    );
    let kept: Vec<&str> = f.enterprises[0]
        .outlets
        .iter()
        .filter_map(|o| o.standard.as_ref().map(|s| s.value.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            "GB8978-1996",
            "gb 8978-1996",
            "GB 8978-96",
            "GB 8978",
            "GB 18918-2002"
        ],
        "kept as written, never replaced by a guess"
    );
}

#[test]
fn classes_look_alike_but_must_be_ascii() {
    let outlet = |class: &str| {
        ent(&format!(
            "    outlets:\n      - id: DW001\n        medium: water\n        class: \"{class}\"\n"
        ))
    };
    assert!(errs(outlet("II")).is_empty());
    assert_eq!(
        errs(outlet("Ⅱ")),
        [
            "10:16 enterprises[0].outlets[0].class: class `Ⅱ` is not written the way the limit tables name classes"
        ]
    );
    for (written, help) in [("1a", "1A"), ("一级A", "1A"), ("二级", "II"), ("Ⅲ", "III")] {
        let (loaded, _) = run(outlet(written));
        let helps: Vec<Option<String>> =
            loaded.diagnostics.iter().map(|d| d.help.clone()).collect();
        assert_eq!(helps.len(), 1, "{written}");
        assert!(
            helps[0]
                .as_deref()
                .is_some_and(|h| h.starts_with(&format!("write `{help}`"))),
            "{written}: {helps:?}"
        );
    }
    assert_eq!(
        errs(outlet("１Ａ")),
        [
            "10:16 enterprises[0].outlets[0].class: class `１Ａ` is not written the way the limit tables name classes"
        ]
    );
}

#[test]
fn ids_are_unique_per_list() {
    let outlets =
        "    outlets:\n      - {id: DW001, medium: water}\n      - {id: DW001, medium: air}\n";
    assert_eq!(
        errs(ent(outlets)),
        [
            "9:14 enterprises[0].outlets[1].id: second outlet `DW001` in this enterprise (first at line 8)"
        ]
    );
    let twice = format!(
        "{HEAD}enterprises:\n  - {{id: \"91320594MA1TE0001T\", name: A, status: operating}}\n  - {{id: \"91320594MA1TE0001T\", name: B, status: operating}}\n"
    );
    assert_eq!(
        errs(twice),
        [
            "5:10 enterprises[1].id: second enterprise with id `91320594MA1TE0001T` (first at line 4)"
        ]
    );
}

/// An applicant enterprise (line 4 starts it) with `rest` from line 7.
fn applicant(rest: &str) -> String {
    format!(
        "{HEAD}enterprises:\n  - id: \"91320594MA1TE0001T\"\n    name: E01\n    status: applicant\n{rest}"
    )
}

#[test]
fn applicant_fields_load_exactly_with_spans() {
    use super::model::CleanerProduction;
    let text = applicant(concat!(
        "    cleaner_production: II\n",
        "    planned:\n",
        "      output: \"50000 t/a\"\n",
        "      value_added: \"3.2 亿元/年\"\n",
        "      discharges: {COD: \"12 t/a\", 氨氮: \"1200 kg/a\", w21011: \"0.5 t/month\"}\n",
    ));
    let (f, s) = model(&text);
    let e = &f.enterprises[0];
    let level = e.cleaner_production.as_ref().unwrap();
    assert_eq!(level.value, CleanerProduction::II);
    assert_eq!(snip(&s, level.span), "II");
    let p = e.planned.as_ref().unwrap();
    let output = p.output.as_ref().unwrap();
    assert_eq!(output.value, Quantity::parse("50000 t/a", false).unwrap());
    assert_eq!(snip(&s, output.span), "\"50000 t/a\"");
    let va = &p.value_added.as_ref().unwrap().value;
    assert_eq!(va.to_string(), "3.2 10^8 CNY/a");
    let names: Vec<String> = p
        .discharges
        .iter()
        .map(|(k, _)| k.value.to_string())
        .collect();
    assert_eq!(names, ["COD", "NH3-N", "TP"]);
    assert_eq!(p.discharges[1].1.value.to_string(), "1200 kg/a");
    assert!(snip(&s, p.span).starts_with("output:"));
    // Any amount per year is an output; absent fields are absent, not zero.
    let (f, _) = model(&applicant(
        "    planned:\n      output: \"2 10^4 count/a\"\n",
    ));
    let p = f.enterprises[0].planned.as_ref().unwrap();
    assert_eq!(
        p.output.as_ref().unwrap().value.to_string(),
        "2 10^4 count/a"
    );
    assert_eq!((p.value_added.clone(), p.discharges.len()), (None, 0));
    assert_eq!(f.enterprises[0].cleaner_production, None);
}

#[test]
fn applicant_field_errors_are_located_with_fixes() {
    let e = errs_help(&applicant(concat!(
        "    cleaner_production: 2\n",
        "    planned:\n",
        "      output: \"50000 t\"\n",
        "      value_added: \"0 10^8 CNY/a\"\n",
        "      discharges: {COD: \"-1 t/a\"}\n",
        "      outpt: \"1 t/a\"\n",
    )));
    assert_eq!(
        e,
        [
            "7:25 enterprises[0].cleaner_production: cleaner-production level `2` is written `II` in a filing | write `II`: the levels are I (international leading), II (domestic advanced) and III (domestic general)",
            "9:15 enterprises[0].planned.output: `50000 t` is not an amount per year | write it with a unit like `t/a`",
            "10:20 enterprises[0].planned.value_added: `0 10^8 CNY/a` is zero; the entry standard's intensities are per unit of it | write the planned annual amount stated in the project's application, above zero",
            "11:25 enterprises[0].planned.discharges.COD: `-1 t/a` is negative; amounts and concentrations cannot be below zero | correct the value; only temperatures (°C) may be below zero",
            "12:7 enterprises[0].planned: unknown field `outpt` | did you mean `output`?",
        ]
    );
    // `planned` on an operating enterprise is refused at its key.
    let (f, e) = model_with_errors(&ent("    planned:\n      output: \"5 t/a\"\n"));
    assert_eq!(
        e,
        [
            "7:5 enterprises[0].planned: only an applicant has `planned`; this enterprise is `operating`"
        ]
    );
    assert_eq!(f.enterprises[0].planned, None);
    for (level, says) in [
        ("Ⅲ", "`III`"),
        ("二级", "`II`"),
        ("level I", "`I`"),
        ("iii", "`III`"),
    ] {
        let e = errs(applicant(&format!("    cleaner_production: \"{level}\"\n")));
        assert_eq!(e.len(), 1, "{level}: {e:?}");
        assert!(e[0].contains(says), "{level}: {e:?}");
    }
    let e = errs(applicant("    cleaner_production: IV\n"));
    assert_eq!(
        e,
        ["7:25 enterprises[0].cleaner_production: unknown cleaner-production level `IV`"]
    );
}

#[test]
fn disclosures_and_events_load_with_values_and_spans() {
    use super::model::{DisclosureKind, EventKind};
    let text = ent(concat!(
        "    disclosures:\n",
        "      - {kind: annual, covers: 2024, published: 2025-03-10, sections: [basic, management, audit]}\n",
        "      - {kind: interim, event: EV-1, published: 2025-06-09}\n",
        "    events:\n",
        "      - {id: EV-1, kind: penalty, amount: \"120000 CNY\", received: 2025-06-03}\n",
        "      - {id: EV-2, kind: permit_changed, received: 2026-01-15}\n",
    ));
    let (f, s) = model(&text);
    let e = &f.enterprises[0];
    assert_eq!(e.disclosures.len(), 2);
    let a = &e.disclosures[0];
    assert_eq!((a.index, a.kind.value), (0, DisclosureKind::Annual));
    assert_eq!(a.covers.as_ref().map(|c| c.value), Some(2024));
    assert_eq!(a.event, None);
    assert_eq!(a.published.value.to_string(), "2025-03-10");
    let sections: Vec<&str> = a.sections.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(sections, ["basic", "management", "audit"]);
    assert_eq!(snip(&s, a.kind.span), "annual");
    assert_eq!(snip(&s, a.covers.as_ref().unwrap().span), "2024");
    assert_eq!(snip(&s, a.published.span), "2025-03-10");
    assert_eq!(snip(&s, a.sections[2].span), "audit");
    assert!(snip(&s, a.span).starts_with("{kind: annual"));
    let i = &e.disclosures[1];
    assert_eq!((i.index, i.kind.value), (1, DisclosureKind::Interim));
    assert_eq!(i.covers, None);
    assert_eq!(i.event.as_ref().unwrap().value, "EV-1");
    assert_eq!(snip(&s, i.event.as_ref().unwrap().span), "EV-1");
    assert!(i.sections.is_empty());
    assert_eq!(e.events.len(), 2);
    let p = &e.events[0];
    assert_eq!(
        (p.index, p.id.value.as_str(), p.kind.value),
        (0, "EV-1", EventKind::Penalty)
    );
    assert_eq!(
        p.amount.as_ref().unwrap().value,
        Quantity::parse("120000 CNY", false).unwrap()
    );
    assert_eq!(snip(&s, p.amount.as_ref().unwrap().span), "\"120000 CNY\"");
    assert_eq!(snip(&s, p.received.span), "2025-06-03");
    assert_eq!(snip(&s, p.id.span), "EV-1");
    let c = &e.events[1];
    assert_eq!(
        (c.index, c.kind.value, c.amount.clone()),
        (1, EventKind::PermitChanged, None)
    );
    assert_eq!(
        c.received.value.to_string(),
        "2026-01-15",
        "dates may leave the reporting year"
    );
    // A penalty need not state an amount; a scaled money unit is money.
    let (f, _) = model(&ent(
        "    events:\n      - {id: A, kind: penalty, received: 2025-01-02}\n      - {id: B, kind: penalty, amount: \"12 万元\", received: 2025-01-03}\n",
    ));
    assert_eq!(f.enterprises[0].events[0].amount, None);
    assert_eq!(
        f.enterprises[0].events[1]
            .amount
            .as_ref()
            .unwrap()
            .value
            .unit
            .symbol,
        "10^4 CNY".into()
    );
}

#[test]
fn disclosure_and_event_errors_are_located_and_all_reported() {
    let text = ent(concat!(
        "    disclosures:\n",
        "      - {kind: annual, published: 2025-03-10, sections: [basic, carbn]}\n",
        "      - {kind: interim, published: 2025-06-09}\n",
        "      - {kind: interim, event: EV-9, published: 2025-06-09}\n",
        "      - {kind: annual, covers: 2024, event: EV-1, published: 2025-03-10T09:00:00+08:00}\n",
        "      - {kind: interim, covers: 2024, event: EV-1, published: 2025-06-09}\n",
        "      - {kind: anual, covers: 2024, published: 2025-03-10}\n",
        "    events:\n",
        "      - {id: EV-1, kind: penalty, amount: \"120000 CNY\", received: 2025-06-03}\n",
        "      - {id: EV-1, kind: incident, received: 2025-07-01}\n",
        "      - {id: EV-2, kind: incident, amount: \"5 CNY\", received: 2025-07-01}\n",
        "      - {id: EV-3, kind: penalty, amount: \"12 t\", received: 2025-07-01}\n",
        "      - {id: EV-4, kind: penalty, amount: \"-5 CNY\", received: 2025-07-01}\n",
        "      - {id: EV-5, kind: fine, received: 2025-07-01}\n",
    ));
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "8:16 enterprises[0].disclosures[0]: an annual disclosure needs `covers`, the year it reports on",
            "8:65 enterprises[0].disclosures[0].sections[1]: unknown disclosure section `carbn`; expected one of basic, management, pollutants, carbon, emergency, violations, interim, other, audit, financing",
            "9:16 enterprises[0].disclosures[1]: an interim disclosure needs `event`, the id of the event it discloses",
            "10:32 enterprises[0].disclosures[2].event: no event `EV-9` in this enterprise's `events`",
            "11:45 enterprises[0].disclosures[3].event: an annual disclosure has no `event`; only an interim disclosure names one",
            "12:33 enterprises[0].disclosures[4].covers: an interim disclosure has no `covers`; only an annual disclosure covers a year",
            "13:16 enterprises[0].disclosures[5].kind: unknown disclosure kind `anual`; expected one of annual, interim",
            "16:14 enterprises[0].events[1].id: second event `EV-1` in this enterprise (first at line 15)",
            "17:44 enterprises[0].events[2].amount: only a `penalty` event has an `amount`; this event is `incident`",
            "18:43 enterprises[0].events[3].amount: `12 t` is not an amount of money",
            "19:43 enterprises[0].events[4].amount: `-5 CNY` is negative; amounts and concentrations cannot be below zero",
            "20:26 enterprises[0].events[5].kind: unknown event kind `fine`; expected one of permit_granted, permit_changed, permit_revoked, penalty, daily_penalty, production_restricted, detention, criminal, compensation, incident",
        ]
    );
    let ent0 = &f.enterprises[0];
    let kept: Vec<usize> = ent0.disclosures.iter().map(|d| d.index).collect();
    assert_eq!(
        kept,
        [0, 1, 2, 3, 4],
        "a bad kind drops the disclosure; a date-time is read as its local date"
    );
    assert_eq!(ent0.disclosures[0].sections.len(), 1);
    assert_eq!(
        ent0.disclosures[2].event, None,
        "an unknown event is dropped"
    );
    assert_eq!(ent0.disclosures[3].event, None, "an annual has no event");
    assert_eq!(
        ent0.disclosures[3].published.value.to_string(),
        "2025-03-10"
    );
    assert_eq!(ent0.disclosures[4].covers, None);
    assert_eq!(ent0.disclosures[4].event.as_ref().unwrap().value, "EV-1");
    let events: Vec<usize> = ent0.events.iter().map(|e| e.index).collect();
    assert_eq!(events, [0, 1, 2, 3, 4]);
    assert!(ent0.events[2..].iter().all(|e| e.amount.is_none()));

    // Helps: the suggestion for a near-miss section, a unit for an amount.
    let h = errs_help(&text);
    assert!(h[1].ends_with("| did you mean `carbon`?"), "{}", h[1]);
    assert!(
        h[9].ends_with("| write it with a unit like `CNY`"),
        "{}",
        h[9]
    );

    // An event dropped for another error still answers a reference to its id.
    assert_eq!(
        errs(ent(
            "    disclosures: [{kind: interim, event: EV-1, published: 2025-06-09}]\n    events: [{id: EV-1, kind: fine, received: 2025-06-03}]\n"
        )),
        [
            "8:31 enterprises[0].events[0].kind: unknown event kind `fine`; expected one of permit_granted, permit_changed, permit_revoked, penalty, daily_penalty, production_restricted, detention, criminal, compensation, incident"
        ]
    );
}

#[test]
fn date_times_are_judged_on_the_parks_local_calendar_date() {
    let disclosures = concat!(
        "    disclosures:\n",
        "      - {kind: annual, covers: 2024, published: \"2025-03-15T16:30:00Z\"}\n",
        "      - {kind: annual, covers: 2023, published: \"2025-03-15T23:59:00+08:00\"}\n",
        "      - {kind: annual, covers: 2022, published: \"2025-03-15T10:00:00\"}\n",
        "      - {kind: annual, covers: 2021, published: \"2025-03-15T25:00:00+08:00\"}\n",
        "      - {kind: annual, covers: 2020, published: \"2023-02-29T00:00:00+08:00\"}\n",
    );
    let (f, e) = model_with_errors(&ent(disclosures));
    let published: Vec<String> = f.enterprises[0]
        .disclosures
        .iter()
        .map(|d| d.published.value.to_string())
        .collect();
    // 16:30 UTC is 00:30 the next day in Asia/Shanghai (the default).
    assert_eq!(published, ["2025-03-16", "2025-03-15", "2025-03-15"]);
    assert_eq!(
        e,
        [
            "11:49 enterprises[0].disclosures[3].published: `2025-03-15T25:00:00+08:00` is not a date-time; write YYYY-MM-DDThh:mm:ss with an offset (`+08:00`, `Z`), or without one for the park's local time",
            "12:49 enterprises[0].disclosures[4].published: `2023-02-29` is not a valid date (2023 is not a leap year)",
        ]
    );
    // The same instant in a park on UTC is still the 15th.
    let utc = ent(disclosures).replacen("period: 2025", "period: 2025, timezone: UTC", 1);
    let (f, _) = model_with_errors(&utc);
    assert_eq!(
        f.enterprises[0].disclosures[0].published.value.to_string(),
        "2025-03-15"
    );
}

#[test]
fn disclosures_published_before_their_year_or_event_are_errors() {
    let text = ent(concat!(
        "    disclosures:\n",
        "      - {kind: annual, covers: 2025, published: 2025-12-31}\n",
        "      - {kind: annual, covers: 2024, published: 2025-01-01}\n",
        "      - {kind: interim, event: EV-1, published: 2025-06-02}\n",
        "      - {kind: interim, event: EV-1, published: 2025-06-03}\n",
        "    events:\n",
        "      - {id: EV-1, kind: penalty, amount: \"120000 CNY\", received: 2025-06-03}\n",
    ));
    let (f, e) = model_with_errors(&text);
    assert_eq!(
        e,
        [
            "8:49 enterprises[0].disclosures[0].published: published 2025-12-31, before the year it covers (2025) ended; an annual report covers a whole calendar year",
            "10:49 enterprises[0].disclosures[2].published: published 2025-06-02, before event `EV-1` was received (2025-06-03)",
        ]
    );
    assert_eq!(f.enterprises[0].disclosures.len(), 4, "kept, not dropped");
}

/// An outlet of `ent` (line 9) whose `monitoring:` is `m` (line 9's value).
fn monitored(m: &str) -> String {
    ent(&format!(
        "    outlets:\n      - id: DW001\n        medium: water\n        monitoring: {m}\n"
    ))
}

#[test]
fn monitoring_names_a_file_in_the_filings_folder() {
    use crate::filing::model::Encoding;
    use crate::series::Interval;
    let (f, s) = model(&monitored("m/DW001-2025.csv"));
    let m = f.enterprises[0].outlets[0].monitoring.as_ref().unwrap();
    assert_eq!(m.file.value, "m/DW001-2025.csv");
    assert_eq!(snip(&s, m.file.span), "m/DW001-2025.csv");
    assert_eq!(m.path, std::path::Path::new("m/DW001-2025.csv"));
    assert_eq!(
        (m.interval, m.encoding, m.delimiter),
        (Interval::Hour, Encoding::Utf8, b',')
    );

    let text = monitored(
        "{file: ./m/../DW001.csv, interval: 1 min, encoding: GB18030, delimiter: \"\\t\", range_max: {CODcr: \"1000 mg/L\"}}",
    );
    let mut sources = Sources::default();
    let loaded = load("parks/p1/filing.yaml", text.as_bytes(), &mut sources);
    assert_eq!(render(&loaded, &sources), Vec::<String>::new());
    let f = loaded.filing.unwrap();
    let m = f.enterprises[0].outlets[0].monitoring.as_ref().unwrap();
    assert_eq!(m.path, std::path::Path::new("parks/p1/DW001.csv"));
    assert_eq!(
        (m.interval, m.encoding, m.delimiter),
        (Interval::Minute, Encoding::Gb18030, b'\t')
    );
    assert_eq!(m.range_max[0].0.value.name(), "COD");
    assert_eq!(m.range_max[0].1.value.to_string(), "1000 mg/L");
}

#[test]
fn monitoring_refuses_paths_leaving_the_folder_and_bad_settings() {
    let cases = [
        (
            "../x.csv",
            "10:21 enterprises[0].outlets[0].monitoring: cannot read monitoring file `../x.csv`: the path leaves the filing's folder",
        ),
        (
            "/data/x.csv",
            "10:21 enterprises[0].outlets[0].monitoring: `/data/x.csv` is an absolute path; a monitoring file is named from the filing's folder",
        ),
        (
            "'C:\\data\\x.csv'",
            "10:21 enterprises[0].outlets[0].monitoring: `C:\\data\\x.csv` is an absolute path; a monitoring file is named from the filing's folder",
        ),
        (
            "m/..",
            "10:21 enterprises[0].outlets[0].monitoring: `m/..` names no file",
        ),
        (
            "{file: x.csv, encoding: gbk}",
            "10:45 enterprises[0].outlets[0].monitoring.encoding: encoding `gbk` is written `gb18030`",
        ),
        (
            "{file: x.csv, encoding: big5}",
            "10:45 enterprises[0].outlets[0].monitoring.encoding: unknown encoding `big5`; expected `utf-8` or `gb18030`",
        ),
        (
            "{file: x.csv, delimiter: \";;\"}",
            "10:46 enterprises[0].outlets[0].monitoring.delimiter: delimiter `;;` is not one of `,` `;` `|` or a tab",
        ),
        (
            "{file: x.csv, interval: 2 h}",
            "10:45 enterprises[0].outlets[0].monitoring.interval: unknown interval `2 h`; expected one of 1 h, 1 min",
        ),
        (
            "{file: x.csv, encding: gb18030}",
            "10:35 enterprises[0].outlets[0].monitoring: unknown field `encding`",
        ),
        (
            "{encoding: gb18030}",
            "10:22 enterprises[0].outlets[0].monitoring: missing required field `file`",
        ),
        (
            "{file: x.csv, range_max: {COD: \"1000\"}}",
            "10:52 enterprises[0].outlets[0].monitoring.range_max.COD: quantity `1000` has no unit",
        ),
        (
            "[x.csv]",
            "10:21 enterprises[0].outlets[0].monitoring: expected the path of a CSV file, or a mapping with `file`, found a list",
        ),
    ];
    for (m, expected) in cases {
        let (f, e) = model_with_errors(&monitored(m));
        assert_eq!(e, [expected], "{m}");
        let kept = f.enterprises[0].outlets[0].monitoring.is_some();
        // Only a bad range_max value leaves the file to be read.
        assert_eq!(kept, m.contains("range_max"), "{m}");
    }
    let (_, e) = model_with_errors(&monitored("{file: x.csv, encoding: utf8}"));
    assert_eq!(
        e,
        [
            "10:45 enterprises[0].outlets[0].monitoring.encoding: unknown encoding `utf8`; expected `utf-8` or `gb18030`"
        ]
    );
}
