#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests fail loudly on bad input"
)]

use super::ast::*;
use super::*;
use crate::values::{FileId, Sources};

/// The code blocks of docs/language.md, joined: the reference sample file.
pub(crate) fn docs_sample() -> String {
    let doc = include_str!("../../docs/language.md");
    let mut out = String::new();
    let mut inside = false;
    for line in doc.lines() {
        if line.starts_with("```") {
            inside = !inside;
        } else if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Parses `text` expecting no syntax error.
fn ok(text: &str) -> File {
    let (file, diags) = parse(FileId(0), text);
    assert!(
        diags.is_empty(),
        "{:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    file
}

/// Syntax errors of `text` as `LINE:COL MESSAGE (LABEL)`.
fn errors(text: &str) -> Vec<String> {
    let mut sources = Sources::default();
    let id = sources.add("x.eip", text);
    let (_, diags) = parse(id, text);
    diags
        .iter()
        .map(|d| {
            let at = sources.line_col(id, d.span.unwrap().start as usize);
            format!("{}:{} {} ({})", at.line, at.column, d.message, d.label)
        })
        .collect()
}

/// The expression of `require EXPR` in a one-rule file.
fn expr(e: &str) -> Expr {
    let file = ok(&format!("ruleset r \"t\"\nlimit x \"y\"\n  require {e}\n"));
    let Some(Item::Rule(rule)) = file.items.first() else {
        panic!("no rule")
    };
    match &rule.clauses[0].kind {
        ClauseKind::Require(r) => r.expr.clone(),
        other => panic!("{other:?}"),
    }
}

/// An expression as an S-expression, for precedence tests.
fn sexp(e: &Expr) -> String {
    let list = |xs: &[Expr]| xs.iter().map(sexp).collect::<Vec<_>>().join(" ");
    match &e.kind {
        ExprKind::Number(n) => n.unit.as_ref().map_or(n.number.value.clone(), |u| {
            format!("{}{}", n.number.value, u.value)
        }),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Date(d) | ExprKind::Word(d) => d.clone(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::List(xs) => format!("[{}]", list(xs)),
        ExprKind::Range(a, b) => format!("(.. {} {})", sexp(a), sexp(b)),
        ExprKind::Field(x, f) => format!("(. {} {})", sexp(x), f.value),
        ExprKind::Index(x, i) => format!("([] {} {})", sexp(x), sexp(i)),
        ExprKind::PerYear(x) => format!("(per_year {})", sexp(x)),
        ExprKind::Call(f, args) => format!("({} {})", f.value, list(args)),
        ExprKind::Aggregate {
            op,
            body,
            var,
            source,
            filter,
        } => format!(
            "({} {} {} {}{})",
            op.value,
            body.as_ref().map_or("-".into(), |b| sexp(b)),
            var.value,
            sexp(source),
            filter
                .as_ref()
                .map_or(String::new(), |f| format!(" {}", sexp(f)))
        ),
        ExprKind::Binary(op, a, b) => format!("({op:?} {} {})", sexp(a), sexp(b)),
        ExprKind::Unary(op, x) => format!("({op:?} {})", sexp(x)),
        ExprKind::If(c, a, b) => format!("(if {} {} {})", sexp(c), sexp(a), sexp(b)),
    }
}

#[test]
fn parses_the_reference_sample() {
    let file = ok(&docs_sample());
    let header = file.header.unwrap();
    assert_eq!(header.id.value, "gb8978");
    assert_eq!(header.source[0].value, "GB 8978-1996");
    assert_eq!(header.effective[0].value, "1998-01-01");
    let kinds: Vec<&str> = file
        .items
        .iter()
        .map(|i| match i {
            Item::Import(_) => "import",
            Item::Param(_) => "param",
            Item::Supersession(_) => "superseded",
            Item::Rule(r) => r.kind.value.as_str(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "import",
            "param",
            "param",
            "superseded",
            "limits",
            "limit",
            "cap"
        ]
    );
    let Item::Param(cap) = &file.items[2] else {
        panic!()
    };
    assert_eq!(cap.values.len(), 2);
    assert_eq!(cap.values[1].1.as_ref().unwrap().value, "2027-01-01");
    assert!(cap.provisional);
    let Item::Rule(table4) = &file.items[4] else {
        panic!()
    };
    let Some(ClauseKind::Table(table)) = table4
        .clauses
        .iter()
        .map(|c| &c.kind)
        .find(|k| matches!(k, ClauseKind::Table(_)))
    else {
        panic!("no table")
    };
    let cols: Vec<&str> = table.columns.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(cols, ["I", "II", "III"]);
    assert_eq!(table.rows.len(), 4);
    let cod = &table.rows[1];
    assert_eq!(cod.pollutant.value, "COD");
    assert_eq!(
        sexp(cod.when.as_ref().unwrap()),
        "(StartsWith (. (. o enterprise) industry) \"C2511\")"
    );
    assert!(cod.provisional && !table.rows[2].provisional);
    assert!(table.rows[2].when.is_none(), "`otherwise` is no condition");
    assert_eq!(table.rows[3].pollutant.value, "NH3-N");
    assert_eq!(table.rows[3].cells[2].value, Cell::NoLimit);
    let Cell::Max(lit) = &table.rows[2].cells[1].value else {
        panic!()
    };
    assert_eq!(
        (
            lit.number.value.as_str(),
            lit.unit.as_ref().unwrap().value.as_str()
        ),
        ("150", "mg/L")
    );
    let Cell::Range(lo, hi) = &table.rows[0].cells[0].value else {
        panic!()
    };
    assert_eq!(
        (lo.number.value.as_str(), hi.number.value.as_str()),
        ("6", "9")
    );
}

#[test]
fn operators_bind_by_precedence() {
    let cases = [
        ("a or b and c", "(Or a (And b c))"),
        ("not a == b and c", "(And (Not (Eq a b)) c)"),
        (
            "a + b * c <= d - e / f",
            "(Le (Add a (Mul b c)) (Sub d (Div e f)))",
        ),
        ("-x.y[p] per year", "(Neg (per_year ([] (. x y) p)))"),
        (
            "x in 6..9 or x not in [a, NH3-N, Cr6+]",
            "(Or (In x (.. 6 9)) (NotIn x [a NH3-N Cr6+]))",
        ),
        (
            "exists a.b or c starts with \"C2\"",
            "(Or (Exists (. a b)) (StartsWith c \"C2\"))",
        ),
        ("if a then b else c + 1", "(if a b (Add c 1))"),
        ("a - b - c", "(Sub (Sub a b) c)"),
        (
            "s[NH3-N] <= 0.5..1 mg/L",
            "(Le ([] s NH3-N) (.. 0.5 1mg/L))",
        ),
        (
            "sum(discharge(e, p) for e in park.enterprises where p in e.discharged) per year",
            "(per_year (sum (discharge e p) e (. park enterprises) (In p (. e discharged))))",
        ),
        (
            "count(o in e.outlets where o.type == main) > 0",
            "(Gt (count - o (. e outlets) (Eq (. o type) main)) 0)",
        ),
        (
            "date(park.period + 1, 3, 15) >= 2025-03-15",
            "(Ge (date (Add (. park period) 1) 3 15) 2025-03-15)",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(sexp(&expr(src)), want, "{src}");
    }
}

#[test]
fn quantity_literals_keep_number_and_unit_text() {
    let cases = [
        ("150 mg/L", "150mg/L"),
        ("1.2e2", "1.2e2"),
        ("0.5 kg/(10^4 CNY)", "0.5kg/(10^4 CNY)"),
        ("9 (10^8 CNY)/km2", "9(10^8 CNY)/km2"),
        ("3 10^4 CNY", "310^4 CNY"),
        ("30 mg/Nm3", "30mg/Nm3"),
        ("10 µg/L", "10µg/L"),
        ("14 °C", "14°C"),
        ("35 t/a", "35t/a"),
        ("2 ton/a", "2ton/a"),
    ];
    for (src, want) in cases {
        assert_eq!(
            sexp(&expr(&format!("x <= {src}"))),
            format!("(Le x {want})"),
            "{src}"
        );
    }
    // A keyword after a number is never its unit.
    assert_eq!(sexp(&expr("x <= 5 and y")), "(And (Le x 5) y)");
    assert_eq!(sexp(&expr("3 t per year")), "(per_year 3t)");
}

#[test]
fn syntax_error_says_what_was_expected_where() {
    let text = "ruleset r \"t\"\n  source \"s\"\nlimits t \"x\"\n  table {\n    pollutant | when | I\n    COD       |      | 150 ,\n  }\n";
    assert_eq!(
        errors(text),
        ["6:28 expected a unit, `|` or `provisional` after `150` (found `,`)"]
    );
    let text = "ruleset r \"t\"\nlimit x \"y\"\n  cite 5\n";
    assert_eq!(
        errors(text),
        ["3:8 expected a quoted text after `cite` (found `5`)"]
    );
    let text = "ruleset r \"t\"\nlimit x \"y\"\n  require a <=\n";
    assert_eq!(
        errors(text),
        ["4:1 expected a value after `<=` (found the end of the file)"]
    );
}

#[test]
fn every_broken_item_is_reported_and_the_rest_parsed() {
    let text = "ruleset r \"t\"\nparam p = = 1\nlimit a \"y\"\n  require x ==\nlimit b \"z\"\n  require y\n";
    assert_eq!(
        errors(text),
        [
            "2:11 expected a value after `=` (found `=`)",
            "5:1 expected a value after `==` (found `limit`)"
        ]
    );
    let (file, _) = parse(FileId(0), text);
    assert_eq!(file.items.len(), 1, "rule b still parses");
    assert_eq!(file.broken_params, ["p"]);
}

#[test]
fn names_and_strings() {
    let file = ok("ruleset r \"t \\\"q\\\"\" # comment\n  source \"化学需氧量\"\n");
    let header = file.header.unwrap();
    assert_eq!(header.title.value, "t \"q\"");
    assert_eq!(header.source[0].value, "化学需氧量");
    assert_eq!(sexp(&expr("x[化学需氧量] > 1")), "(Gt ([] x 化学需氧量) 1)");
}

#[test]
fn a_misspelt_clause_keyword_gets_a_suggestion() {
    let text = "ruleset a \"A\" source \"X\"\nlimit l \"L\"\n  cyte \"X\"\n  for enterprise e\n  require exists e.permit\n";
    let (_, diags) = parse(FileId(0), text);
    let helps: Vec<Option<&str>> = diags.iter().map(|d| d.help.as_deref()).collect();
    assert_eq!(helps, [Some("did you mean `cite`?")]);
}
