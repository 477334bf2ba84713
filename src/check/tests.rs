#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests fail loudly on bad input"
)]

use super::ir::*;
use super::*;
use crate::syntax::tests::docs_sample;
use crate::values::{Dim, Pollutant, Quantity, Spanned, Unit};

/// Loads `text`; returns the rule set and the diagnostics rendered as
/// `LINE:COL MESSAGE`.
fn load(text: &str) -> (Option<RuleSet>, Vec<String>) {
    let mut sources = Sources::default();
    let (set, diags) = load_ruleset(&mut sources, "rules.eip", text);
    let shown = diags
        .iter()
        .map(|d| {
            let span = d.span.unwrap();
            let at = sources.line_col(span.file, span.start as usize);
            format!("{}:{} {}", at.line, at.column, d.message)
        })
        .collect();
    (set, shown)
}

/// Loads `text` expecting no diagnostics.
fn ok(text: &str) -> RuleSet {
    let (set, diags) = load(text);
    assert!(diags.is_empty(), "{diags:#?}");
    set.unwrap()
}

/// Loads `text` expecting errors; returns them.
fn errors(text: &str) -> Vec<String> {
    let (set, diags) = load(text);
    assert!(set.is_none());
    diags
}

/// All diagnostics of `text`, with help lines and related labels.
fn full(text: &str) -> Vec<Diagnostic> {
    load_ruleset(&mut Sources::default(), "rules.eip", text).1
}

/// A one-rule file around `body` (clauses after `cite`).
fn rule(kind: &str, body: &str) -> String {
    format!(
        "ruleset r \"t\"\n  source \"s\"\nparam cutoff = 2015-07-01\n{kind} x \"y\"\n  cite \"c\"\n{body}\n"
    )
}

/// The first requirement's expression of a one-rule file.
fn require(body: &str) -> Expr {
    let set = ok(&rule("limit", body));
    match &set.rules[0].body {
        Body::Require(r) => r[0].expr.clone(),
        _ => panic!("not a requirement"),
    }
}

/// A fixture under tests/fixtures/rules.
fn fixture(case: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/rules/{case}/rules.eip",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn q(text: &str) -> Quantity {
    Quantity::parse(text, false).unwrap()
}

fn dim(unit: &str) -> Option<Dim> {
    Some(Unit::parse(unit).unwrap().dim)
}

#[test]
fn checks_the_reference_sample() {
    let text = docs_sample();
    let set = ok(&text);
    assert_eq!(set.id.value, "gb8978");
    assert_eq!(
        (set.source.as_str(), set.version.as_deref()),
        ("GB 8978-1996", Some("1996"))
    );
    assert_eq!(
        set.effective.map(|d| d.to_string()),
        Some("1998-01-01".into())
    );
    assert_eq!(set.imports[0].value, "common.eip");
    assert_eq!(set.sha256.len(), 64);
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gb8978.table4",
            "gb8978.permit_concentration",
            "gb8978.park_total"
        ]
    );

    let sup = &set.supersessions[0];
    assert_eq!(sup.by, "GB 31570-2015");
    assert_eq!(
        (sup.binder.kind, sup.binder.var.as_str()),
        (SubjectKind::Outlet, "o")
    );
    assert_eq!(sup.from.as_ref().unwrap().ty, Type::Date);

    let cap = &set.params[1];
    assert_eq!(cap.name.value, "cod_cap");
    assert!(cap.provisional);
    assert_eq!(
        cap.values[1].0.map(|d| d.to_string()),
        Some("2027-01-01".into())
    );
    assert_eq!(cap.values[1].1.kind, ExprKind::Quantity(q("80 mg/L")));

    let table4 = &set.rules[0];
    assert_eq!(
        (table4.cite.as_str(), table4.subject.kind),
        ("GB 8978-1996, 4.2.3, Table 4", SubjectKind::Outlet)
    );
    let Body::Table(table) = &table4.body else {
        panic!("no table")
    };
    assert_eq!(table.sample_var, "s");
    assert_eq!(table.column.ty, Type::Text);
    let columns: Vec<&str> = table.columns.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(columns, ["I", "II", "III"]);
    assert_eq!(table.rows.len(), 4);
    let cod = Pollutant::lookup("COD").unwrap();
    assert_eq!(table.rows[1].pollutant.value, cod);
    assert!(table.rows[1].when.is_some() && table.rows[1].provisional);
    assert!(table.rows[2].when.is_none() && !table.rows[2].provisional);
    assert_eq!(
        table.rows[2].cells[1],
        Spanned::new(Cell::Max(q("150 mg/L")), Default::default())
    );
    let Cell::Max(limit) = &table.rows[2].cells[1].value else {
        panic!()
    };
    assert_eq!(
        (limit.value.to_string().as_str(), &*limit.unit.symbol),
        ("150", "mg/L")
    );
    let ph = Quantity::parse("6", true).unwrap();
    assert_eq!(
        table.rows[0].cells[0].value,
        Cell::Range(ph, Quantity::parse("9", true).unwrap())
    );
    assert_eq!(table.rows[3].pollutant.value.name(), "NH3-N");
    assert_eq!(table.rows[3].cells[2].value, Cell::NoLimit);

    let permit = &set.rules[1];
    assert_eq!(
        permit.each.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EachKind::Sample, EachKind::Pollutant]
    );
    let Body::Require(reqs) = &set.rules[2].body else {
        panic!()
    };
    let ExprKind::Binary(BinOp::Le, lhs, rhs) = &reqs[0].expr.kind else {
        panic!()
    };
    assert_eq!(lhs.ty, Type::Quantity(dim("t/a")));
    assert_eq!(rhs.ty, Type::Quantity(dim("t/a")));
    assert_eq!(set.rules[2].kind, RuleKind::Cap);
}

#[test]
fn shipped_packs_load() {
    for name in ["gb8978", "gb18918", "permit", "total", "order24"] {
        let path = format!("{}/rules/{name}.eip", env!("CARGO_MANIFEST_DIR"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        assert_eq!(ok(&text).id.value, name);
    }
}

#[test]
fn bare_words_are_variables_params_pollutants_or_text() {
    let e = require("  for outlet o\n  require o.medium == water and o.eia_approved >= cutoff");
    let ExprKind::Binary(BinOp::And, a, b) = &e.kind else {
        panic!()
    };
    let ExprKind::Binary(_, _, water) = &a.kind else {
        panic!()
    };
    assert_eq!(water.kind, ExprKind::Text("water".into()));
    let ExprKind::Binary(_, _, cutoff) = &b.kind else {
        panic!()
    };
    assert_eq!(
        (&cutoff.kind, &cutoff.ty),
        (&ExprKind::Param("cutoff".into()), &Type::Date)
    );

    let e = require(
        "  for park\n  for pollutant p in park.caps\n  require p == NH3-N or p in [COD, \"TP\"]",
    );
    let ExprKind::Binary(BinOp::Or, a, b) = &e.kind else {
        panic!()
    };
    let ExprKind::Binary(_, _, nh3n) = &a.kind else {
        panic!()
    };
    assert_eq!(
        nh3n.kind,
        ExprKind::Pollutant(Pollutant::lookup("NH3-N").unwrap())
    );
    let ExprKind::Binary(BinOp::In, _, list) = &b.kind else {
        panic!()
    };
    assert_eq!(list.ty, Type::List(Box::new(Type::Pollutant)));

    let e = require(
        "  for outlet o\n  for sample s in o.samples\n  require s[COD] <= o.limits[化学需氧量].concentration",
    );
    let ExprKind::Binary(_, sample, limit) = &e.kind else {
        panic!()
    };
    assert_eq!(sample.ty, Type::Measurement(None));
    let ExprKind::Index(_, key) = &sample.kind else {
        panic!()
    };
    assert_eq!(
        key.kind,
        ExprKind::Pollutant(Pollutant::lookup("COD").unwrap())
    );
    assert_eq!(limit.ty, Type::Quantity(dim("mg/L")));
}

#[test]
fn types_of_builtins_and_per_year() {
    let e = require(
        "  for enterprise e, pollutant p in e.permit.annual_limits\n  require discharge(e, p) per year <= first(annual_limit(e, p), 35 t/a)",
    );
    let ExprKind::Binary(_, per_year, first) = &e.kind else {
        panic!()
    };
    assert_eq!(per_year.ty, Type::Quantity(dim("t/a")));
    let ExprKind::PerYear(discharge) = &per_year.kind else {
        panic!()
    };
    assert_eq!(discharge.ty, Type::Quantity(dim("t")));
    assert_eq!(first.ty, Type::Quantity(dim("t/a")));
    let e = require(
        "  for enterprise e\n  require e.permit.valid_until >= date(2025, 12, 31) and count(o in e.outlets) > 0",
    );
    let ExprKind::Binary(_, a, b) = &e.kind else {
        panic!()
    };
    let ExprKind::Binary(_, _, date) = &a.kind else {
        panic!()
    };
    assert_eq!(date.ty, Type::Date);
    let ExprKind::Binary(_, count, _) = &b.kind else {
        panic!()
    };
    let ExprKind::Aggregate { op, body, .. } = &count.kind else {
        panic!()
    };
    assert_eq!(
        (*op, &body.kind, &count.ty),
        (Aggregate::Count, &ExprKind::Var("o".into()), &Type::Number)
    );
}

#[test]
fn messages_after_a_require_belong_to_it() {
    let set = ok(&rule(
        "limit",
        "  message \"rule {actual}\"\n  for park\n  require park.period > 2000\n    message \"first {actual}\"\n  require park.period < 3000",
    ));
    let rule = &set.rules[0];
    assert_eq!(rule.message.as_deref(), Some("rule {actual}"));
    let Body::Require(reqs) = &rule.body else {
        panic!()
    };
    let own: Vec<Option<&str>> = reqs.iter().map(|r| r.message.as_deref()).collect();
    assert_eq!(own, [Some("first {actual}"), None]);
}

#[test]
fn unknown_names_suggest_the_closest() {
    let text = fixture("unknown_name");
    assert_eq!(
        errors(&text),
        [
            "9:24 an outlet has no field `medum`",
            "11:21 unknown name `cod_cpa`",
            "12:13 unknown pollutant `CODD`"
        ]
    );
    let helps: Vec<Option<String>> = full(&text).into_iter().map(|d| d.help).collect();
    assert_eq!(
        helps,
        [
            Some("did you mean `medium`?".into()),
            Some("did you mean `cod_cap`?".into()),
            Some("did you mean `COD`?".into())
        ]
    );
}

#[test]
fn unit_mismatch_names_both_units_and_points_at_both_operands() {
    let text = fixture("unit_mismatch");
    assert_eq!(
        errors(&text),
        [
            "10:11 cannot compare `t` (mass) with `t/a` (mass per calendar time)",
            "17:11 cannot compare `mg/L` (mass per volume) with `t/a` (mass per calendar time)"
        ]
    );
    let d = &full(&text)[1];
    let snippet = |s: crate::values::Span| text[s.range()].to_string();
    assert_eq!(snippet(d.span.unwrap()), "o.limits[p].concentration");
    assert_eq!(snippet(d.related[0].span), "35 t/a");
    assert_eq!(d.related[0].text, "`t/a` (mass per calendar time)");
    assert!(full(&text)[0].help.as_deref().unwrap().contains("per year"));
}

#[test]
fn ambiguous_unit_says_what_to_write() {
    let diags = full(&rule(
        "limit",
        "  for park\n  require park.caps[COD] <= 3.5 ton/a",
    ));
    assert_eq!(
        diags[0].message,
        "`ton/a` is ambiguous (metric tonne or short/long ton); use `t/a`"
    );
    assert_eq!(diags[0].code, "unit.ambiguous");
    let diags = full(&rule(
        "limit",
        "  for park\n  require park.caps[COD] <= 3.5 furlong/a",
    ));
    assert_eq!(diags[0].message, "unknown unit `furlong/a`");
}

#[test]
fn every_error_of_a_file_is_reported() {
    assert_eq!(
        errors(&fixture("several_errors")),
        [
            "13:5 the header has 2 columns, but this row gives 1",
            "14:5 unknown pollutant `CODD`",
            "17:7 rule `permit_cap` has no `cite`",
            "20:43 `ton/a` is ambiguous (metric tonne or short/long ton); use `t/a`",
            "22:7 rule `permit_cap` is defined twice",
            "31:1 expected a value after `<=`"
        ]
    );
    assert_eq!(
        errors(&fixture("syntax_error")),
        ["12:38 expected `|` or `provisional` after `mg/L`"]
    );
}

#[test]
fn rule_structure_errors() {
    let table = "  for outlet o\n  require o.class == I\n  table {\n    pollutant | when | I\n    COD | | 1 mg/L\n  }";
    assert_eq!(
        errors(&rule("limits", table)),
        [
            "4:8 a `limits` rule needs `for sample s in o.samples`",
            "4:8 a `limits` rule needs `column`",
            "7:3 a `limits` rule judges its table; put `require` in a `limit` rule"
        ]
    );
    assert_eq!(
        errors(&rule(
            "limit",
            "  for sample s in park.enterprises\n  require 1 > 0"
        )),
        [
            "6:7 the first `for` must name the subject (`park`, `enterprise` or `outlet`), found `sample`"
        ]
    );
    assert_eq!(
        errors(&rule(
            "limit",
            "  for outlet o\n  column o.class\n  require o.x > 0 mg/L"
        )),
        [
            "7:3 `column` is only allowed in a `limits` rule",
            "8:13 an outlet has no field `x`"
        ]
    );
    assert_eq!(
        errors(&rule(
            "cap",
            "  for enterprise e\n  require e.permit.annual_limits[COD] per year <= 3 t"
        )),
        ["7:11 `per year` needs an amount, but `t/a` (mass per calendar time) is already a rate"]
    );
    assert_eq!(
        errors(&rule(
            "limits",
            "  for outlet o\n  for sample s in o.samples\n  column o.class\n  table {\n    pollutant | when | I\n    COD | | 150\n  }"
        )),
        ["11:13 limit `150` for `COD` has no unit"]
    );
}

#[test]
fn any_prefix_of_a_file_loads_or_reports_errors() {
    let text = docs_sample();
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(13).collect();
    for cut in cuts {
        let (set, diags) = load(&text[..cut]);
        assert!(
            set.is_some() || !diags.is_empty(),
            "cut at {cut}: no error reported"
        );
    }
    let nested = |n: usize| {
        let (open, close) = ("(".repeat(n), ")".repeat(n));
        format!(
            "ruleset r \"t\"\n  source \"s\"\nlimit x \"y\"\n  cite \"c\"\n  for park\n  require {open}1{close} > 0\n"
        )
    };
    let too_deep = |text: &str| {
        let (set, diags) = load(text);
        set.is_none()
            && diags.len() == 1
            && diags[0].ends_with("the rule file is nested too deeply to read")
    };
    assert!(load(&nested(10)).0.is_some() && too_deep(&nested(100_000)));
    let shapes = [
        ("(1 + ", "1", ")"),
        ("- ", "1", ""),
        ("not ", "true", ""),
        ("if true then 1 else ", "1", ""),
        ("first(", "1", ")"),
        ("1 + ", "1", ""),
        ("", "park", ".x"),
        ("", "park", "[COD]"),
    ];
    for (open, mid, close) in shapes {
        let e = |n: usize| format!("{}{mid}{}", open.repeat(n), close.repeat(n));
        let at = |n: usize| {
            format!(
                "ruleset r \"t\"\n  source \"s\"\nlimit x \"y\"\n  cite \"c\"\n  for park\n  require {} > 0\n",
                e(n)
            )
        };
        // Every depth up to the limit loads (no stack overflow), then stops.
        let deepest = (1..=100)
            .step_by(4)
            .take_while(|n| !too_deep(&at(*n)))
            .last()
            .unwrap_or(0);
        assert!(deepest >= 20, "{open}: {deepest}");
        assert!(too_deep(&at(20_000)), "{open}: 20000");
    }
}

/// A `duty` rule over the years of the filing, with `deadline` after `by`.
fn annual_duty(deadline: &str) -> String {
    rule(
        "duty",
        &format!(
            "  for enterprise e\n  for year y in [park.period]\n  disclose annual covering y by {deadline}"
        ),
    )
}

#[test]
fn a_deadline_states_whether_its_day_counts_and_whether_it_moves() {
    assert_eq!(
        errors(&annual_duty("date(y + 1, 3, 15) no_roll_forward")),
        [
            "8:3 the deadline must say whether its own day counts: add `inclusive` (the day counts) or `exclusive` (due by the day before)"
        ]
    );
    assert_eq!(
        errors(&annual_duty("date(y + 1, 3, 15) inclusive")),
        [
            "8:3 the deadline must say whether it moves off a rest day: add `roll_forward` (to the next working day) or `no_roll_forward`"
        ]
    );
    let helps: Vec<Option<String>> = full(&annual_duty("date(y + 1, 3, 15)"))
        .into_iter()
        .map(|d| d.help)
        .collect();
    let example = "for example `by date(y + 1, 3, 15) inclusive no_roll_forward`";
    assert_eq!(helps, [Some(example.into()), Some(example.into())]);
    ok(&annual_duty("date(y + 1, 3, 15) exclusive roll_forward"));
}

#[test]
fn unknown_section_names_suggest_the_closest() {
    let text = format!(
        "{}  sections [basic, carbn]\n",
        annual_duty("date(y + 1, 3, 15) inclusive no_roll_forward")
    );
    assert_eq!(
        errors(&text),
        [
            "9:20 unknown report section `carbn`; the sections are basic, management, pollutants, carbon, emergency, violations, interim, other, audit, financing"
        ]
    );
    assert_eq!(
        full(&text)[0].help.as_deref(),
        Some("did you mean `carbon`?")
    );
}

#[test]
fn disclosure_clauses_belong_to_duty_rules() {
    let body = "  for enterprise e\n  for year y in [park.period]\n  disclose annual covering y by date(y + 1, 3, 15) inclusive no_roll_forward";
    assert_eq!(
        errors(&rule("limit", body)),
        [
            "4:7 rule `x` has no `require`",
            "8:3 `disclose` is only allowed in a `duty` rule"
        ]
    );
    assert_eq!(
        errors(&rule(
            "limit",
            "  for enterprise e\n  require count(d in e.disclosures) > 0\n  sections [basic]"
        )),
        ["8:3 `sections` is only allowed in a `duty` rule"]
    );
}

#[test]
fn an_interim_report_is_about_an_event_not_a_year() {
    let text = rule(
        "duty",
        "  for enterprise e\n  for year y in [park.period]\n  for event ev in e.events\n  disclose interim covering y within 5 working days after ev.received",
    );
    assert_eq!(
        errors(&text),
        ["9:29 an interim report is about an event, not a year: use `about`"]
    );
}

#[test]
fn for_event_loops_over_events_only() {
    let text = rule(
        "duty",
        "  for enterprise e\n  for event ev in e.disclosures\n  disclose interim about ev within 5 working days after ev.published",
    );
    assert_eq!(
        errors(&text),
        [
            "7:19 `for event` loops over an enterprise's events (`e.events`), found a list, each item a disclosure",
            "8:26 expected an event (`for event ev in e.events`), found a disclosure"
        ]
    );
}

/// The `~~~` blocks of docs/language.md (the disclosure duty and entry
/// examples), joined: a rule file of its own beside the ``` sample.
fn docs_duty_sample() -> String {
    let doc = include_str!("../../docs/language.md");
    let mut out = String::new();
    let mut inside = false;
    for line in doc.lines() {
        if line.starts_with("~~~") {
            inside = !inside;
        } else if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn checks_the_duty_examples_of_the_docs() {
    let set = ok(&docs_duty_sample());
    let rules: Vec<(&str, RuleKind)> = set.rules.iter().map(|r| (r.id.as_str(), r.kind)).collect();
    assert_eq!(
        rules,
        [
            ("duties.annual", RuleKind::Duty),
            ("duties.interim", RuleKind::Duty),
            ("duties.listed_annual", RuleKind::Duty),
            ("duties.on_deadline_day", RuleKind::Duty),
            ("duties.chemical", RuleKind::Entry)
        ]
    );
    let Body::Duty(annual) = &set.rules[0].body else {
        panic!("no disclose clause")
    };
    assert_eq!(annual.report, ReportKind::Annual);
    assert!(matches!(
        annual.deadline,
        Deadline::By {
            inclusive: true,
            roll_forward: false,
            ..
        }
    ));
    assert_eq!(annual.sections.len(), 2);
    assert!(annual.sections[0].when.is_none() && annual.sections[1].when.is_some());
    let Body::Duty(interim) = &set.rules[1].body else {
        panic!("no disclose clause")
    };
    assert!(matches!(
        interim.deadline,
        Deadline::Within { working: true, .. }
    ));
    assert_eq!(
        set.rules[1].each.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EachKind::Event]
    );
    assert!(matches!(set.rules[3].body, Body::Require(_)));
}

#[test]
fn deadline_words_are_reserved_after_literals() {
    // `2026-03-15 inclusive` and `5 days` must not read as units.
    let set = ok(&rule(
        "duty",
        "  for enterprise e\n  disclose annual covering 2025 by 2026-03-15 inclusive no_roll_forward",
    ));
    assert_eq!(set.rules.len(), 1);
    let set = ok(&rule(
        "duty",
        "  for enterprise e\n  for event ev in e.events\n  disclose interim about ev within 5 days after ev.received",
    ));
    let Body::Duty(d) = &set.rules[0].body else {
        panic!("not a duty")
    };
    assert!(matches!(
        d.deadline,
        Deadline::Within { working: false, .. }
    ));
}

#[test]
fn a_negation_ends_where_its_operand_ends() {
    let body = "  for enterprise e\n  require not e.industry starts with \"C25\"\n\n# next\n";
    let text = rule("limit", body);
    let x = require(body);
    assert_eq!(&text[x.span.range()], "not e.industry starts with \"C25\"");
}

#[test]
fn words_outside_a_fields_closed_list_are_errors() {
    assert_eq!(
        errors(&rule(
            "limit",
            "  for enterprise e where e.status == aplicant\n  require count(c in e.categories where c in [key_dischargr, listed]) > 0"
        )),
        [
            "6:38 `aplicant` is not a value of `status`; its values are operating, applicant, closed",
            "7:47 `key_dischargr` is not a value of `categories`; its values are key_discharger, mandatory_audit, listed, bond_issuer",
        ]
    );
    // The same words spelt right, and a field without a closed list.
    let set = ok(&rule(
        "limit",
        "  for enterprise e where e.status == applicant\n  require e.industry != \"C2511\" and \"listed\" in e.categories",
    ));
    assert_eq!(set.rules.len(), 1);
}

#[test]
fn a_rule_span_ends_at_its_last_clause_not_at_the_comments_after_it() {
    let text = rule(
        "limit",
        "  for enterprise e\n  require e.industry == \"C\"\n\n# about the next rule\n\n",
    );
    let set = ok(&text);
    assert!(text[set.rules[0].span.range()].ends_with("require e.industry == \"C\""));
}

#[test]
fn duty_clauses_that_would_be_ignored_or_repeat_are_errors() {
    let head = "ruleset r \"t\"\n  source \"s\"\nparam m = 400\n";
    let text = format!(
        "{head}duty a \"A\"\n  cite \"c\"\n  judge rounded\n  for enterprise e\n  for event ev in e.events\n  disclose interim about ev within m working days after ev.received\nduty b \"B\"\n  cite \"c\"\n  for enterprise e\n  for event ev in e.events\n  disclose annual covering year(ev.received) by date(2026, 3, 15) inclusive no_roll_forward\n"
    );
    assert_eq!(
        errors(&text),
        [
            "6:9 `judge` has no meaning in a `disclose` duty (it judges a report's date and sections)",
            "9:36 `400` days: write a whole number of days from 0 to 366",
            "14:3 an annual report covers a year: a loop over events or disclosures would judge the same report once per item",
        ]
    );
}

#[test]
fn the_series_stage_learns_whether_any_rule_reads_hours() {
    use crate::series::Scale;
    let hourly = ok(&rule(
        "limit",
        "  for outlet o\n  for series m in o.series\n  require count(w in hourly(m) where w.valid < w.needed) == 0",
    ));
    let daily = ok(&rule(
        "limit",
        "  for outlet o\n  for series m in o.series\n  for window d in daily(m)\n  require d.valid >= d.needed",
    ));
    assert!(crate::check::uses(&[hourly], Builtin::Windows(Scale::Hour)));
    assert!(!crate::check::uses(&[daily], Builtin::Windows(Scale::Hour)));
}
