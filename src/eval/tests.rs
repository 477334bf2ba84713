//! Rule semantics, one line each: a rule text and a filing in, statuses out.

#![expect(
    clippy::panic,
    clippy::unwrap_used,
    reason = "test helpers fail loudly on a broken case"
)]

use super::{Finding, Status, evaluate};
use crate::check::load_ruleset;
use crate::filing::load;
use crate::values::Sources;

/// The date the checks are made.
const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 3, 20);

const PARK: &str = "format: eipcheck/filing/v1\npark: {id: P1, name: Park, period: 2025}\n";

/// Evaluates one rule file on one filing; panics on any input error.
fn run(rules: &str, filing: &str) -> Vec<Finding> {
    run_as_of(rules, filing, AS_OF)
}

/// As `run`, with the checks made on `as_of`.
fn run_as_of(rules: &str, filing: &str, as_of: jiff::civil::Date) -> Vec<Finding> {
    run_with(rules, filing, &[], as_of)
}

/// As `run`, with monitoring series, checked on `as_of`.
fn run_with(
    rules: &str,
    filing: &str,
    series: &[crate::series::Monitored],
    as_of: jiff::civil::Date,
) -> Vec<Finding> {
    let mut sources = Sources::default();
    let (set, diags) = load_ruleset(&mut sources, "t.eip", rules);
    assert!(diags.is_empty(), "rule errors: {diags:?}");
    let loaded = load("f.yaml", format!("{PARK}{filing}").as_bytes(), &mut sources);
    assert!(
        loaded.diagnostics.is_empty(),
        "filing errors: {:?}",
        loaded.diagnostics
    );
    let (Some(set), Some(filing)) = (set, loaded.filing) else {
        panic!("nothing loaded")
    };
    evaluate(&[set], &filing, series, as_of).findings
}

/// `status actual expected` of every finding, for compact assertions.
fn statuses(rules: &str, filing: &str) -> Vec<String> {
    run(rules, filing)
        .iter()
        .map(|f| {
            let mut s = f.status.as_str().to_string();
            for part in [f.actual.as_deref(), f.expected.as_deref()]
                .into_iter()
                .flatten()
            {
                s.push(' ');
                s.push_str(part);
            }
            s
        })
        .collect()
}

const ENTERPRISE: &str =
    "enterprises:\n  - id: \"91320505MA1AAB1C7R\"\n    name: E\n    status: operating\n";

fn months(values: &[&str]) -> String {
    let rows: Vec<String> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| format!("      - {{month: 2025-{:02}, COD: \"{v}\"}}\n", i + 1))
        .collect();
    format!("{ENTERPRISE}    discharges:\n{}", rows.concat())
}

const CAP: &str = "ruleset t \"T\" source \"S\"\ncap c \"C\" cite \"X\" for park for pollutant p in [COD]\n  require sum(discharge(e, p) for e in park.enterprises) per year <= 3.3 t/a\n";

#[test]
fn exact_sum_at_the_cap_passes() {
    let twelve = [
        "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t", "0.2 t",
        "0.65 t", "0.65 t",
    ];
    assert_eq!(statuses(CAP, &months(&twelve)), ["pass 3.3 t/a <= 3.3 t/a"]);
}

#[test]
fn missing_month_is_unknown_unless_known_part_exceeds() {
    let under = [
        "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "", "0.1 t", "0.1 t", "0.1 t",
        "0.1 t", "0.1 t",
    ];
    let f = run(CAP, &months(&under));
    assert_eq!(f[0].status, Status::Unknown);
    assert_eq!(f[0].missing(), ["COD of `91320505MA1AAB1C7R` for 2025-07"]);
    let over = ["1 t", "1 t", "1 t", "1 t", "", "", "", "", "", "", "", ""];
    let f = run(CAP, &months(&over));
    assert_eq!(f[0].status, Status::Fail);
    assert_eq!(f[0].actual.as_deref(), Some("at least 4 t/a (known part)"));
    assert_eq!(f[0].missing().len(), 8);
}

#[test]
fn either_way_round_gives_the_same_verdict() {
    let reversed = CAP.replace(
        "sum(discharge(e, p) for e in park.enterprises) per year <= 3.3 t/a",
        "3.3 t/a >= sum(discharge(e, p) for e in park.enterprises) per year",
    );
    let rows = months(&["1 t"; 12]);
    assert_eq!(statuses(CAP, &rows), ["fail 12 t/a <= 3.3 t/a"]);
    assert_eq!(statuses(&reversed, &rows), statuses(CAP, &rows));
}

const OUTLET: &str = "    outlets:\n      - id: DW001\n        medium: water\n        class: II\n        eia_approved: 2016-01-01\n        samples:\n";

fn samples(rows: &[&str]) -> String {
    let rows: Vec<String> = rows.iter().map(|r| format!("          - {r}\n")).collect();
    format!("{ENTERPRISE}{OUTLET}{}", rows.concat())
}

fn table(extra_clause: &str) -> String {
    format!(
        "ruleset t \"T\" source \"TEST-STD-A\"\nlimits tab \"Tab\" cite \"X\" for outlet o where o.medium == water\n  for sample s in o.samples\n  {extra_clause}\n  column o.class\n  table {{\n    pollutant | when | I | II\n    COD | | 100 mg/L | 150 mg/L\n    pH | | 6..9 | 6..9\n  }}\n"
    )
}

#[test]
fn full_and_rounded_value_judgement() {
    let filing = samples(&["{date: 2025-04-12, COD: \"150.4 mg/L\"}"]);
    assert_eq!(
        statuses(&table(""), &filing),
        ["fail 150.4 mg/L <= 150 mg/L"]
    );
    assert_eq!(
        statuses(&table("judge rounded"), &filing),
        ["pass 150.4 mg/L (rounded: 150 mg/L) <= 150 mg/L"]
    );
}

#[test]
fn ranges_and_unknown_pollutants() {
    let filing = samples(&["{date: 2025-04-12, pH: \"9.4\", TN: \"3 mg/L\"}"]);
    let f = run(&table(""), &filing);
    assert_eq!(
        (f[0].status, f[0].expected.as_deref()),
        (Status::Fail, Some("6..9"))
    );
    assert_eq!(f[1].status, Status::NotApplicable);
    assert_eq!(f[1].reason(), Some("TEST-STD-A sets no limit for TN"));
}

#[test]
fn below_detection_policies() {
    let filing = samples(&[
        "{date: 2025-04-12, COD: \"<5 mg/L\"}",
        "{date: 2025-04-13, COD: \"<200 mg/L\"}",
        "{date: 2025-04-14, COD: ND}",
    ]);
    let default: Vec<Status> = run(&table(""), &filing).iter().map(|f| f.status).collect();
    assert_eq!(default, [Status::Unknown; 3]);
    let by_limit: Vec<Status> = run(&table("below detection by_detection_limit"), &filing)
        .iter()
        .map(|f| f.status)
        .collect();
    assert_eq!(by_limit, [Status::Pass, Status::Unknown, Status::Unknown]);
}

#[test]
fn scope_filter_with_missing_data_is_unknown_per_subject() {
    let rules = table("").replace(
        "where o.medium == water",
        "where o.eia_approved >= 1998-01-01 and o.standard == \"X\"",
    );
    let filing = samples(&["{date: 2025-04-12, COD: \"10 mg/L\"}"]);
    let f = run(&rules, &filing);
    assert_eq!(f.len(), 1, "one finding per (rule, subject)");
    assert_eq!(f[0].status, Status::Unknown);
    assert_eq!(f[0].missing(), ["enterprises[0].outlets[0].standard"]);
    // `and` decided by its other side: no unknown.
    let rules = table("").replace(
        "where o.medium == water",
        "where o.medium == air and o.standard == \"X\"",
    );
    assert_eq!(
        run(&rules, &filing)[0].reason(),
        Some("outside the rule's scope")
    );
}

#[test]
fn supersession_from_a_date_and_effective_dates() {
    let rules = table("").replace(
        "limits tab",
        "superseded by \"GB X\" for outlet o where o.class == II from 2025-04-13 provisional\nlimits tab",
    );
    let filing = samples(&[
        "{date: 2025-04-12, COD: \"10 mg/L\"}",
        "{date: 2025-04-13, COD: \"10 mg/L\"}",
    ]);
    let f = run(&rules, &filing);
    assert_eq!(f[0].status, Status::Pass);
    assert_eq!(f[1].reason(), Some("superseded by GB X from 2025-04-13"));
    assert!(f[1].provisional);
    let later = table("effective 2025-04-13");
    let f = run(&later, &filing);
    assert_eq!(
        f[0].reason(),
        Some("not in force on 2025-04-12 (in force from 2025-04-13)")
    );
    assert_eq!(f[1].status, Status::Pass);
}

#[test]
fn standard_limit_reads_the_table_for_the_outlet() {
    let rules = format!(
        "{}limit looser \"L\" cite \"X\" severity warning for outlet o for pollutant p in o.limits\n  require o.limits[p].concentration <= standard_limit(\"t.tab\", o, p)\n",
        table("")
    );
    let filing = samples(&["{date: 2025-04-12, COD: \"10 mg/L\"}"]).replace(
        "        class: II\n",
        "        class: II\n        limits: {COD: \"200 mg/L\"}\n",
    );
    let f: Vec<_> = run(&rules, &filing)
        .into_iter()
        .filter(|f| f.rule.id == "t.looser")
        .collect();
    assert_eq!(
        (
            f[0].status,
            f[0].actual.as_deref(),
            f[0].expected.as_deref()
        ),
        (Status::Fail, Some("200 mg/L"), Some("<= 150 mg/L"))
    );
}

#[test]
fn strict_bound_at_an_exact_decimal_sum_fails() {
    // Known failure N8b: ten times 0.1 is exactly 1.0, which is not below 1.0
    // (binary floating point gives 0.9999999999999999 and a false pass).
    let strict = CAP.replace("<= 3.3 t/a", "< 1.0 t/a");
    let rows = months(&[
        "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t", "0.1 t",
        "0 t", "0 t",
    ]);
    assert_eq!(statuses(&strict, &rows), ["fail 1 t/a < 1.0 t/a"]);
}

#[test]
fn rules_read_disclosures_and_events() {
    let filing = format!(
        "{ENTERPRISE}    disclosures:\n      - {{kind: annual, covers: 2024, published: 2025-03-10, sections: [basic, management]}}\n      - {{kind: interim, event: EV-1, published: 2025-06-09}}\n    events:\n      - {{id: EV-1, kind: penalty, amount: \"120000 CNY\", received: 2025-06-03}}\n"
    );
    let rules = "ruleset t \"T\" source \"S\"\nlimit d \"D\" cite \"X\" for enterprise e\n  require count(d in e.disclosures where d.kind == annual and d.covers == 2024) >= 1\n  require max(d.published for d in e.disclosures where d.kind == interim) <= 2025-06-10\n  require count(ev in e.events where ev.kind == penalty and ev.amount >= 100000 CNY) == 1\n".to_string();
    let f = run(&rules, &filing);
    assert_eq!(
        (f[0].status, f[0].missing().to_vec()),
        (Status::Pass, vec![])
    );
    let late = rules.replace("<= 2025-06-10", "<= 2025-06-08");
    let f = run(&late, &filing);
    assert_eq!(
        (
            f[0].status,
            f[0].actual.as_deref(),
            f[0].expected.as_deref()
        ),
        (Status::Fail, Some("2025-06-09"), Some("<= 2025-06-08"))
    );
}

#[test]
fn working_day_deadlines_cross_holidays_and_name_missing_years() {
    let filing = |published: &str| {
        format!(
            "{ENTERPRISE}    disclosures:\n      - {{kind: interim, event: EV-1, published: {published}}}\n    events:\n      - {{id: EV-1, kind: penalty, received: 2025-09-30}}\n"
        )
    };
    // Received the day before National Day 2025: the fifth working day after
    // it is 2025-10-14 (1-8 Oct off, Sat 11 Oct a make-up working day).
    let rule = |received: &str| {
        format!(
            "ruleset t \"T\" source \"S\"\nlimit i \"I\" cite \"X\" for enterprise e\n  require max(d.published for d in e.disclosures where d.kind == interim) <= working_days_after({received}, 5)\n"
        )
    };
    assert_eq!(
        statuses(&rule("2025-09-30"), &filing("2025-10-14")),
        ["pass 2025-10-14 <= 2025-10-14"]
    );
    assert_eq!(
        statuses(&rule("2025-09-30"), &filing("2025-10-15")),
        ["fail 2025-10-15 <= 2025-10-14"]
    );
    let f = run(&rule("2026-12-29"), &filing("2025-10-15"));
    assert_eq!(f[0].status, Status::Unknown);
    assert_eq!(
        f[0].missing(),
        ["the working-day calendar for 2027 (the shipped calendar does not cover that year)"]
    );
    let between = "ruleset t \"T\" source \"S\"\nlimit b \"B\" cite \"X\" for enterprise e\n  require working_days_between(2025-09-30, 2025-10-15) == 6\n";
    assert_eq!(statuses(between, &filing("2025-10-14")), ["pass 6 == 6"]);
}

#[test]
fn a_refused_amount_leaves_its_enterprise_in_the_total_as_missing() {
    // Enterprise one's only COD amount is refused (`tons` is ambiguous); it
    // must not drop out of the park total, which would then pass on the
    // other enterprise alone.
    let rows: String = (1..=12)
        .map(|m| format!("      - {{month: 2025-{m:02}, COD: \"0.1 t\"}}\n"))
        .collect();
    let filing = format!(
        "{PARK}enterprises:\n  - {{id: \"91320505MA1AAB1C7R\", name: A, status: operating, discharges: [{{month: 2025-01, COD: \"500 tons\"}}]}}\n  - id: \"91320505MA1BCD2E72\"\n    name: B\n    status: operating\n    discharges:\n{rows}"
    );
    let mut sources = Sources::default();
    let (set, _) = load_ruleset(&mut sources, "t.eip", CAP);
    let loaded = load("f.yaml", filing.as_bytes(), &mut sources);
    assert_eq!(
        loaded.diagnostics.len(),
        1,
        "the refused amount is an input error"
    );
    let (Some(set), Some(filing)) = (set, loaded.filing) else {
        panic!("nothing loaded")
    };
    let f = evaluate(&[set], &filing, &[], AS_OF).findings;
    assert_eq!(f[0].status, Status::Unknown);
    assert_eq!(
        f[0].missing().first().map(String::as_str),
        Some("COD of `91320505MA1AAB1C7R` for 2025-01")
    );
}

#[test]
fn magnitudes_beyond_exact_decimals_are_not_called_a_dimension_mismatch() {
    let huge = CAP.replace("<= 3.3 t/a", "<= 1 ng/a");
    let rows = months(&["79228162514264337593543950335 t"; 12]);
    let f = run(&huge, &rows);
    assert_eq!(f[0].status, Status::Unknown);
    assert!(
        f[0].missing().iter().any(|m| m.contains("too far apart")),
        "{:?}",
        f[0].missing()
    );
}

/// A one-rule pack with a disclosure duty: `clauses` after the subject.
fn duty(clauses: &str) -> String {
    format!("ruleset t \"T\" source \"S\"\nduty d \"D\" cite \"X\" for enterprise e\n{clauses}\n")
}

/// The annual duty for 2025 with the deadline switches `switches`.
fn annual(switches: &str) -> String {
    duty(&format!(
        "  for year y in [2025]\n  disclose annual covering y by date(y + 1, 3, 15) {switches}"
    ))
}

/// The enterprise with `categories` and the disclosures and events `rows`
/// (flow mappings, each under `disclosures:` or `events:` as its key says).
fn filed(categories: &str, disclosures: &[&str], events: &[&str]) -> String {
    let list = |key: &str, rows: &[&str]| {
        if rows.is_empty() {
            return String::new();
        }
        let rows: Vec<String> = rows.iter().map(|r| format!("      - {r}\n")).collect();
        format!("    {key}:\n{}", rows.concat())
    };
    format!(
        "{ENTERPRISE}    categories: [{categories}]\n{}{}",
        list("disclosures", disclosures),
        list("events", events)
    )
}

/// An annual report covering 2025 published on `date` with `sections`.
fn report(date: &str, sections: &str) -> String {
    format!("{{kind: annual, covers: 2025, published: {date}, sections: [{sections}]}}")
}

const ALL: &str = "basic, management, pollutants, carbon, emergency, violations, interim";

/// `statuses` of the annual duty with `switches` for one report published on `date`.
fn annual_on(switches: &str, date: &str) -> Vec<String> {
    statuses(
        &annual(switches),
        &filed("key_discharger", &[&report(date, ALL)], &[]),
    )
}

#[test]
fn inclusive_counts_the_deadline_day_and_exclusive_does_not() {
    let on_15th = "2026-03-15";
    assert_eq!(
        annual_on("inclusive no_roll_forward", on_15th),
        ["pass published 2026-03-15 by 2026-03-15"]
    );
    assert_eq!(
        annual_on("exclusive no_roll_forward", on_15th),
        ["fail published 2026-03-15, late by 1 calendar day(s) by 2026-03-14"]
    );
    assert_eq!(
        annual_on("exclusive no_roll_forward", "2026-03-14"),
        ["pass published 2026-03-14 by 2026-03-14"]
    );
}

#[test]
fn roll_forward_moves_a_sunday_deadline_to_monday() {
    // 15 March 2026 is a Sunday; Monday 16 March is a working day.
    assert_eq!(
        annual_on("inclusive roll_forward", "2026-03-16"),
        ["pass published 2026-03-16 by 2026-03-16"]
    );
    assert_eq!(
        annual_on("inclusive no_roll_forward", "2026-03-16"),
        ["fail published 2026-03-16, late by 1 calendar day(s) by 2026-03-15"]
    );
    let f = run(
        &annual("inclusive roll_forward"),
        &filed("key_discharger", &[&report("2026-03-16", ALL)], &[]),
    );
    assert_eq!(
        f[0].evidence()[0].value,
        "2026-03-16 (by 2026-03-15, the day itself included; 2026-03-15 is a rest day, so moved to the next working day)"
    );
}

#[test]
fn calendar_days_after_an_event() {
    let rules = duty(
        "  for event ev in e.events\n  disclose interim about ev within 30 days after ev.received",
    );
    let on = |date: &str| {
        statuses(
            &rules,
            &filed(
                "key_discharger",
                &[&format!(
                    "{{kind: interim, event: EV-1, published: {date}}}"
                )],
                &["{id: EV-1, kind: penalty, received: 2025-09-30}"],
            ),
        )
    };
    // 30 calendar days after 30 September, holidays and weekends included.
    assert_eq!(
        on("2025-10-30"),
        ["pass published 2025-10-30 by 2025-10-30"]
    );
    assert_eq!(
        on("2025-11-01"),
        ["fail published 2025-11-01, late by 2 calendar day(s) by 2025-10-30"]
    );
}

#[test]
fn the_earliest_of_several_reports_counts() {
    let late = report("2026-03-20", ALL);
    let early = report("2026-03-10", ALL);
    assert_eq!(
        statuses(
            &annual("inclusive no_roll_forward"),
            &filed("key_discharger", &[&late, &early], &[])
        ),
        ["pass published 2026-03-10 by 2026-03-15"]
    );
    // A later, complete report does not mend the earliest one's gap.
    let partial = report("2026-03-10", "basic, management");
    let complete = report("2026-03-12", ALL);
    let f = run(
        &duty(
            "  for year y in [2025]\n  disclose annual covering y by date(y + 1, 3, 15) inclusive no_roll_forward\n  sections [basic, carbon]",
        ),
        &filed("key_discharger", &[&complete, &partial], &[]),
    );
    assert_eq!(
        (f[0].status, f[0].actual.as_deref()),
        (
            Status::Fail,
            Some("published 2026-03-10, without section(s) carbon")
        )
    );
}

#[test]
fn sections_are_required_when_their_condition_holds() {
    let rules = duty(
        "  for year y in [2025]\n  disclose annual covering y by date(y + 1, 3, 15) inclusive no_roll_forward\n  sections [basic]\n  sections [audit] when count(c in e.categories where c == mandatory_audit) > 0",
    );
    let without_audit = report("2026-03-10", "basic");
    assert_eq!(
        statuses(&rules, &filed("key_discharger", &[&without_audit], &[])),
        ["pass published 2026-03-10 by 2026-03-15"]
    );
    let f = run(&rules, &filed("mandatory_audit", &[&without_audit], &[]));
    assert_eq!(
        (f[0].status, f[0].actual.as_deref()),
        (
            Status::Fail,
            Some("published 2026-03-10, without section(s) audit")
        )
    );
    assert_eq!(
        f[0].evidence().last().map(|e| (e.what, e.value.as_str())),
        Some(("missing section", "audit"))
    );
}

#[test]
fn a_missing_report_is_not_yet_due_until_the_deadline_has_passed() {
    let rules = annual("inclusive no_roll_forward");
    let none = filed("key_discharger", &[], &[]);
    let on = |d: i8| run_as_of(&rules, &none, jiff::civil::date(2026, 3, d));
    let f = on(15);
    assert_eq!(
        (f[0].status, f[0].reason()),
        (
            Status::NotApplicable,
            Some("not yet due: due on 2026-03-15")
        )
    );
    let f = on(16);
    assert_eq!(
        (
            f[0].status,
            f[0].actual.as_deref(),
            f[0].expected.as_deref()
        ),
        (
            Status::Fail,
            Some("not published (as of 2026-03-16)"),
            Some("by 2026-03-15")
        )
    );
}

#[test]
fn a_report_on_the_rest_day_after_a_working_day_deadline_is_late_by_calendar_days() {
    let rules = duty(
        "  for event ev in e.events\n  disclose interim about ev within 5 working days after ev.received",
    );
    // Received Friday 2025-06-06: due Friday 2025-06-13; Saturday is late.
    let f = statuses(
        &rules,
        &filed(
            "key_discharger",
            &["{kind: interim, event: EV-1, published: 2025-06-14}"],
            &["{id: EV-1, kind: penalty, received: 2025-06-06}"],
        ),
    );
    assert_eq!(
        f,
        ["fail published 2025-06-14, late by 1 calendar day(s) by 2025-06-13"]
    );
}

/// `status reason-or-actual` of each finding of `rules` as of `as_of`.
fn verdicts_as_of(rules: &str, filing: &str, as_of: jiff::civil::Date) -> Vec<String> {
    run_as_of(rules, filing, as_of)
        .iter()
        .map(|f| {
            let why = (f.reason().or(f.actual.as_deref()).map(str::to_string))
                .unwrap_or_else(|| f.missing().join("; "));
            format!("{} {why}", f.status.as_str())
        })
        .collect()
}

#[test]
fn the_calendar_is_consulted_only_where_it_decides_the_verdict() {
    let interim = "  for event ev in e.events\n  disclose interim about ev within 5 working days after ev.received";
    // Before the rule is in force: not_applicable, whatever the calendar.
    let rules = format!("{}  effective 2022-02-08\n", duty(interim));
    let old = filed(
        "key_discharger",
        &["{kind: interim, event: EV-1, published: 2022-01-05}"],
        &["{id: EV-1, kind: penalty, received: 2021-12-30}"],
    );
    assert_eq!(
        verdicts_as_of(&rules, &old, jiff::civil::date(2023, 2, 1)),
        ["not_applicable not in force on 2021-12-30 (in force from 2022-02-08)"]
    );
    // Received 2026-12-28 (Monday): the count runs into 2027, which the
    // calendar lacks; published two working days later it is on time.
    let late_year = |published: &[&str]| {
        filed(
            "key_discharger",
            published,
            &["{id: EV-1, kind: permit_changed, received: 2026-12-28}"],
        )
    };
    let gap = "the working-day calendar for 2027 (the shipped calendar does not cover that year)";
    let on_time = late_year(&["{kind: interim, event: EV-1, published: 2026-12-30}"]);
    assert_eq!(
        verdicts_as_of(&duty(interim), &on_time, jiff::civil::date(2027, 2, 1)),
        ["pass published 2026-12-30"]
    );
    let none = late_year(&[]);
    assert_eq!(
        verdicts_as_of(&duty(interim), &none, jiff::civil::date(2026, 12, 30)),
        [
            "not_applicable not yet due: publishing by 2026-12-31 is on time (the exact deadline needs the working-day calendar for 2027, not shipped)"
        ]
    );
    assert_eq!(
        verdicts_as_of(&duty(interim), &none, jiff::civil::date(2027, 1, 20)),
        [format!("unknown {gap}")]
    );
}

#[test]
fn a_rule_names_every_failing_requirement_and_prefix_tests_show_the_value() {
    let rules = "ruleset t \"T\" source \"S\"\nentry x \"X\" cite \"C\" for enterprise e\n  require not e.industry starts with [\"C25\", \"C26\"]\n  require e.industry == \"C13\"\n";
    let f = run(rules, &format!("{ENTERPRISE}    industry: \"C2614\"\n"));
    assert_eq!(f[0].actual.as_deref(), Some("C2614"));
    assert_eq!(
        f[0].expected.as_deref(),
        Some("not starting with [C25, C26]")
    );
    let also: Vec<(&str, &str)> = f[0]
        .evidence()
        .iter()
        .map(|e| (e.what, e.value.as_str()))
        .collect();
    assert_eq!(also, [("also fails", "C2614, expected == C13")]);
}

#[test]
fn an_impossible_date_in_a_rule_is_named_as_the_rules() {
    let rules = duty(
        "  for year y in [2025]\n  disclose annual covering y by date(y + 1, 2, 29) inclusive no_roll_forward",
    );
    let f = run(&rules, &filed("key_discharger", &[], &[]));
    assert_eq!(
        f[0].missing(),
        ["a valid date from the rule (`date(...)` gives 2026-02-29, which does not exist)"]
    );
}

/// The hourly SO2 readings `(hour of 2025-03-01, mg/Nm3, flag)` of the
/// first enterprise's first outlet, folded with CEMS coverage.
fn cems_day(readings: &[(u32, &str, crate::series::Flag)]) -> Vec<crate::series::Monitored> {
    folded_day(
        ("SO2", "mg/Nm3"),
        readings,
        Some(&crate::series::window::Coverage::CEMS),
    )
}

/// The hourly readings `(hour of 2025-03-01, value, flag)` of a pollutant
/// in a unit, folded with `coverage` (`None`: no standard coverage, as for
/// water).
fn folded_day(
    (pollutant, unit): (&str, &str),
    readings: &[(u32, &str, crate::series::Flag)],
    coverage: Option<&crate::series::window::Coverage>,
) -> Vec<crate::series::Monitored> {
    use crate::series::window::Folder;
    use crate::series::{Interval, Monitored, Reading, Row, RowValue};
    let mut f = Folder::new(2025, Interval::Hour, Vec::new());
    for (i, (h, v, flag)) in readings.iter().enumerate() {
        let q = crate::values::Quantity::parse(&format!("{v} {unit}"), false).unwrap();
        let row = Row {
            line: u32::try_from(i).unwrap_or(0) + 2,
            time: format!("2025-03-01T{h:02}:00:00").parse().unwrap(),
            pollutant: crate::values::Pollutant::lookup(pollutant).unwrap(),
            value: RowValue::Measured(Reading::of(&q)),
            flag: *flag,
        };
        f.push(&row, "".into()).unwrap();
    }
    vec![Monitored {
        enterprise: 0,
        outlet: 0,
        file: "DW001.csv".into(),
        series: f.finish(coverage, true).0,
        at: Vec::new(),
    }]
}

#[test]
fn daily_means_of_a_series_need_coverage_and_ignore_flagged_readings() {
    use crate::series::Flag::{Calibration, Normal};
    let rules = "ruleset t \"T\" source \"S\"\nlimit d \"D\" cite \"X\" for outlet o\n  for series m in o.series\n  for window w in daily(m) where w.start == 2025-03-01\n  require w.mean <= 100 mg/Nm3\n";
    let filing = format!("{ENTERPRISE}    outlets:\n      - {{id: DA001, medium: air}}\n");
    let verdict = |readings: &[(u32, &str, crate::series::Flag)]| {
        let f = run_with(rules, &filing, &cems_day(readings), AS_OF);
        assert_eq!(f.len(), 1, "{f:?}");
        let status = f[0].status.as_str();
        let why = f[0]
            .actual
            .as_deref()
            .map_or_else(|| f[0].missing().join("; "), str::to_string);
        let readings = f[0]
            .readings
            .as_ref()
            .map(|r| crate::report::text::ReadingsText(r).to_string());
        (
            format!("{status} {why}"),
            f[0].period.to_string(),
            readings.unwrap_or_default(),
        )
    };
    // 19 valid hours: no valid daily mean, so unknown, not pass.
    let hours: Vec<(u32, &str, crate::series::Flag)> = (0..19).map(|h| (h, "50", Normal)).collect();
    let (v, period, evidence) = verdict(&hours);
    assert_eq!(v, "unknown a valid daily mean (19 valid of 20 needed)");
    assert_eq!(period, "2025-03-01");
    assert_eq!(
        evidence,
        "lines 2-20 of DW001.csv: 19 valid (20 needed), 0 excluded by their flag"
    );
    // 20 valid hours and a calibration-flagged reading far above the limit.
    let mut hours: Vec<(u32, &str, crate::series::Flag)> =
        (0..20).map(|h| (h, "50", Normal)).collect();
    hours.push((20, "900", Calibration));
    assert_eq!(verdict(&hours).0, "pass 50 mg/Nm3");
}

#[test]
fn a_series_without_a_standard_coverage_needs_the_rules_own() {
    use crate::series::Flag::Normal;
    let rule = |windows: &str| {
        format!(
            "ruleset t \"T\" source \"S\"\nlimit d \"D\" cite \"X\" for outlet o\n  for series m in o.series\n  for window w in {windows} where w.start == 2025-03-01\n  require w.mean <= 100 mg/Nm3\n"
        )
    };
    let filing = format!("{ENTERPRISE}    outlets:\n      - {{id: DW001, medium: water}}\n");
    let hours: Vec<(u32, &str, crate::series::Flag)> = (0..18).map(|h| (h, "50", Normal)).collect();
    let series = folded_day(("SO2", "mg/Nm3"), &hours, None);
    let f = run_with(&rule("daily(m)"), &filing, &series, AS_OF);
    assert_eq!(
        f[0].missing(),
        [
            "a coverage rule for this series: no standard one is shipped for it (water: HJ 356-2019's is not sourced); state it as `daily(m, N)`"
        ]
    );
    let f = run_with(&rule("daily(m, 18)"), &filing, &series, AS_OF);
    assert_eq!(
        (f[0].status, f[0].actual.as_deref()),
        (Status::Pass, Some("50 mg/Nm3"))
    );
    let f = run_with(&rule("daily(m, 19)"), &filing, &series, AS_OF);
    assert_eq!(
        f[0].missing(),
        ["a valid daily mean (18 valid of 19 needed)"]
    );
}

#[test]
fn a_rolling_twelve_months_breach_no_calendar_year_shows() {
    let rules = "ruleset t \"T\" source \"S\"\ncap r \"R\" cite \"X\" for enterprise e where e.earlier_months > 0\n  for pollutant p in [COD]\n  require rolling_discharge(e, p) per year <= 12 t/a\n";
    // 2024: 0.5 t a month, but 2.0 t in each of Jul-Dec; 2025: 2.0 t in
    // Jan-Jun, then 0.1 t. Each calendar year is 9 t or less; Jul 2024 to
    // Jun 2025 is 24 t.
    let mut rows = Vec::new();
    for m in 1..=12 {
        rows.push(format!(
            "{{month: 2024-{m:02}, COD: \"{} t\"}}",
            if m >= 7 { "2.0" } else { "0.5" }
        ));
        rows.push(format!(
            "{{month: 2025-{m:02}, COD: \"{} t\"}}",
            if m <= 6 { "2.0" } else { "0.1" }
        ));
    }
    let rows: Vec<String> = rows.iter().map(|r| format!("      - {r}\n")).collect();
    let filing = format!("{ENTERPRISE}    discharges:\n{}", rows.concat());
    let f = run(rules, &filing);
    assert_eq!(f[0].status, Status::Fail);
    assert_eq!(f[0].actual.as_deref(), Some("24 t/a"));
    let months: Vec<&str> = f[0]
        .evidence()
        .iter()
        .map(|e| e.subject_id.as_str())
        .collect();
    assert_eq!(months.first().copied(), Some("2024-07"));
    assert_eq!(months.last().copied(), Some("2025-06"));
    // Without the previous year the rule is out of scope.
    let only_2025: Vec<String> = rows
        .iter()
        .filter(|r| r.contains("2025-"))
        .cloned()
        .collect();
    let f = run(
        rules,
        &format!("{ENTERPRISE}    discharges:\n{}", only_2025.concat()),
    );
    assert_eq!(f[0].status, Status::NotApplicable);
}

#[test]
fn a_mean_that_does_not_terminate_is_compared_exactly_and_shown_cut() {
    use crate::series::Flag::Normal;
    let rule = |limit: &str| {
        format!(
            "ruleset t \"T\" source \"S\"\nlimit d \"D\" cite \"X\" for outlet o\n  for series m in o.series\n  for window w in daily(m, 3) where w.start == 2025-03-01\n  require w.mean <= {limit}\n"
        )
    };
    let filing = format!("{ENTERPRISE}    outlets:\n      - {{id: DA001, medium: air}}\n");
    let series = cems_day(&[(0, "10", Normal), (1, "10", Normal), (2, "11", Normal)]);
    // 31/3 = 10.333...: above 10.3333333333 (cut), below 10.3333333334.
    let f = run_with(&rule("10.3333333334 mg/Nm3"), &filing, &series, AS_OF);
    assert_eq!(
        (f[0].status, f[0].actual.as_deref()),
        (Status::Pass, Some("10.33333333… mg/Nm3"))
    );
    let f = run_with(&rule("10.3333333333 mg/Nm3"), &filing, &series, AS_OF);
    assert_eq!(f[0].status, Status::Fail);
}

#[test]
fn the_shipped_water_daily_mean_needs_what_selects_the_limit_and_says_so() {
    use crate::series::Flag::Normal;
    let mut sources = Sources::default();
    let sets: Vec<_> = [
        include_str!("../../rules/gb8978.eip"),
        include_str!("../../rules/gb18918.eip"),
        include_str!("../../rules/monitoring.eip"),
    ]
    .iter()
    .filter_map(|text| load_ruleset(&mut sources, "pack.eip", text).0)
    .collect();
    assert_eq!(sets.len(), 3);
    let hours: Vec<(u32, &str, crate::series::Flag)> =
        (0..20).map(|h| (h, "160", Normal)).collect();
    let series = folded_day(("COD", "mg/L"), &hours, None);
    let verdict = |outlet: &str| {
        let text = format!(
            "{PARK}{ENTERPRISE}    industry: \"C1371\"\n    outlets:\n      - {{id: DW001, medium: water, class: II{outlet}}}\n"
        );
        let loaded = load("f.yaml", text.as_bytes(), &mut sources.clone());
        let filing = loaded.filing.unwrap();
        let out = evaluate(&sets, &filing, &series, AS_OF);
        let f = out
            .findings
            .iter()
            .find(|f| {
                f.rule.id == "monitoring.water_daily_mean" && f.period.to_string() == "2025-03-01"
            })
            .unwrap_or_else(|| {
                panic!(
                    "no finding: {:?}",
                    out.findings
                        .iter()
                        .filter(|f| f.rule.id.starts_with("monitoring"))
                        .map(|f| (
                            f.rule.id.clone(),
                            f.period.to_string(),
                            f.status,
                            f.reason().map(str::to_string),
                            f.missing().to_vec()
                        ))
                        .collect::<Vec<_>>()
                )
            });
        (f.status, f.actual.as_deref().map(str::to_string))
    };
    // GB 8978 Table 4 class II: COD 150 mg/L for a unit whose EIA was
    // approved from 1998; 160 mg/L fails.
    assert_eq!(
        verdict(", eia_approved: 2012-05-01"),
        (Status::Fail, Some("160 mg/L".into()))
    );
    // Without the EIA date the table cannot give the row: unknown, never
    // silently skipped.
    assert_eq!(verdict("").0, Status::Unknown);
}

#[test]
fn exists_reads_whether_a_window_has_a_valid_mean() {
    use crate::series::Flag::Normal;
    let rule = |windows: &str| {
        format!(
            "ruleset t \"T\" source \"S\"\nlimit d \"D\" cite \"X\" for outlet o\n  for series m in o.series\n  for window w in {windows} where w.start == 2025-03-01\n  require exists w.mean\n"
        )
    };
    let filing = format!("{ENTERPRISE}    outlets:\n      - {{id: DA001, medium: air}}\n");
    let hours: Vec<(u32, &str, crate::series::Flag)> = (0..19).map(|h| (h, "50", Normal)).collect();
    let series = cems_day(&hours);
    assert_eq!(
        run_with(&rule("daily(m)"), &filing, &series, AS_OF)[0].status,
        Status::Fail
    );
    assert_eq!(
        run_with(&rule("daily(m, 19)"), &filing, &series, AS_OF)[0].status,
        Status::Pass
    );
}
