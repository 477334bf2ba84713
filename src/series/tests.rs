//! Tests of the monitoring CSV reader: every known failure kind of
//! /work/shared/reference/known-failure-kinds.md that concerns a CSV file
//! (N3, N5, N7, N9, N11, N12, N13), adapted to the columns
//! `time,pollutant,value,unit,flag`, and the reader's own promises.

#![expect(clippy::panic, reason = "tests fail loudly on bad fixtures")]

use super::read::{Input, ReadOutcome, ReadSpec, read};
use super::{Flag, Reading, Row, RowValue};
use crate::filing::model::{Encoding, Medium};
use crate::values::{Quantity, Severity, Sources};

/// What reading `bytes` gave: rows, outcome, and the sources holding the
/// excerpts the diagnostics point into.
struct Got {
    rows: Vec<Row<'static>>,
    out: ReadOutcome,
    sources: Sources,
}

impl Got {
    /// Each diagnostic as `LINE:COLUMN FIELD: MESSAGE [UNDERLINED]` (field
    /// and underline left out when absent or empty).
    fn lines(&self) -> Vec<String> {
        self.out
            .diagnostics
            .iter()
            .map(|d| {
                let Some(span) = d.span else {
                    return d.message.clone();
                };
                let at = self.sources.line_col(span.file, span.start as usize);
                let mut s = format!("{}:{} ", at.line, at.column);
                if let Some(f) = &d.field {
                    s.push_str(&format!("{f}: "));
                }
                s.push_str(&d.message);
                let under = self.sources.snippet(span);
                if !under.is_empty() {
                    s.push_str(&format!(" [{under}]"));
                }
                s
            })
            .collect()
    }
    /// The help lines, in order.
    fn helps(&self) -> Vec<String> {
        self.out
            .diagnostics
            .iter()
            .filter_map(|d| d.help.clone())
            .collect()
    }
    fn counts(&self) -> (u64, u64, u64) {
        (self.out.records, self.out.good, self.out.bad)
    }
}

fn read_spec(bytes: &[u8], edit: impl FnOnce(&mut ReadSpec<'_>)) -> Got {
    let mut spec = ReadSpec::new("m.csv", Input::Bytes(bytes));
    spec.medium = Some(Medium::Water);
    edit(&mut spec);
    let mut sources = Sources::default();
    let mut rows = Vec::new();
    let out = read(&spec, &mut sources, |r, _| rows.push(keep(r)));
    Got { rows, out, sources }
}

fn read_csv(text: &str) -> Got {
    read_spec(text.as_bytes(), |_| {})
}

fn q(s: &str) -> Quantity {
    Quantity::parse(s, true).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

/// A reading of quantity `q` that outlives the test's statement.
fn reading(q: Quantity) -> Reading<'static> {
    Reading::of(Box::leak(Box::new(q)))
}

/// A row kept beyond the read (its unit copied; the test leaks it).
fn keep(r: Row<'_>) -> Row<'static> {
    let own = |x: Reading<'_>| reading(x.quantity());
    let value = match r.value {
        RowValue::Measured(x) => RowValue::Measured(own(x)),
        RowValue::NotDetected(x) => RowValue::NotDetected(x.map(own)),
        RowValue::Missing => RowValue::Missing,
    };
    Row { value, ..r }
}

/// The value measured as `s` (`48.2 mg/L`).
fn measured(s: &str) -> RowValue<'static> {
    RowValue::Measured(reading(q(s)))
}

/// Not detected, below `s`.
fn below(s: &str) -> RowValue<'static> {
    RowValue::NotDetected(Some(reading(q(s))))
}

const HEADER: &str = "time,pollutant,value,unit,flag\n";

// ---------------------------------------------------------------------------
// N3: duplicate CSV headers.

#[test]
fn n3_a_duplicate_column_names_both_columns_and_reads_no_row() {
    let g = read_csv(
        "time,pollutant,value,value,unit\n2024-05-01T00:00:00+08:00,COD,48.2,120.5,mg/L\n",
    );
    assert_eq!(
        g.lines(),
        ["1:22 header: duplicate column `value` (columns 3 and 4) [value]"]
    );
    assert!(g.rows.is_empty());
    assert_eq!(g.counts(), (0, 0, 0));
    // Any column, the optional `flag` too.
    let g = read_csv("flag,time,pollutant,value,unit,flag\n");
    assert_eq!(
        g.lines(),
        ["1:32 header: duplicate column `flag` (columns 1 and 6) [flag]"]
    );
}

#[test]
fn columns_come_in_any_order_and_a_missing_one_is_one_error() {
    let g = read_csv("unit,value,flag,pollutant,time\nmg/L,48.2,N,COD,2024-05-01T00:00:00+08:00\n");
    assert_eq!(g.lines(), Vec::<String>::new());
    assert_eq!(g.rows.len(), 1);
    assert_eq!(g.rows[0].value, measured("48.2 mg/L"));

    let g = read_csv("time,value\n2024-05-01T00:00:00+08:00,48.2\n");
    assert_eq!(
        g.lines(),
        ["1:1 header: missing column `pollutant`, `unit` [time,value]"]
    );
    assert_eq!(g.counts(), (0, 0, 0));

    // A misspelt column is one error with a suggestion, not two.
    let g = read_csv("Time,pollutant,value,unit\n");
    assert_eq!(g.lines(), ["1:1 header: unknown column `Time` [Time]"]);
    assert_eq!(g.helps(), ["did you mean `time`?"]);

    // An unknown extra column is an error; the rows are still read.
    let g = read_csv(
        "time,outlet,pollutant,value,unit\n2024-05-01T00:00:00+08:00,DW001,COD,48.2,mg/L\n",
    );
    assert_eq!(g.lines(), ["1:6 header: unknown column `outlet` [outlet]"]);
    assert_eq!(g.counts(), (1, 1, 0));
}

// ---------------------------------------------------------------------------
// N5: BOM and CRLF.

#[test]
fn n5_one_leading_bom_and_crlf_change_nothing() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        b"time,pollutant,value,unit\r\n2024-05-01T00:00:00+08:00,COD,48.2,mg/L\r\n",
    );
    let g = read_spec(&bytes, |_| {});
    assert_eq!(g.lines(), Vec::<String>::new());
    assert_eq!(g.rows.len(), 1);
    let row = &g.rows[0];
    assert_eq!(row.value, measured("48.2 mg/L"));
    assert_eq!(row.line, 2);
    assert_eq!(row.flag, Flag::Normal);
    assert_eq!(row.time.to_string(), "2024-05-01T00:00:00");

    // A second BOM is content: the first column is then not `time`.
    let mut bytes = b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"time,pollutant,value,unit\r\n");
    let g = read_spec(&bytes, |_| {});
    assert_eq!(
        g.lines(),
        ["1:1 header: unknown column `\\u{feff}time` [\u{feff}time]"]
    );
    assert_eq!(g.helps(), ["did you mean `time`?"]);
}

// ---------------------------------------------------------------------------
// N7: impossible calendar dates.

#[test]
fn n7_an_impossible_date_says_why_and_the_good_row_is_still_read() {
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2023-02-28T23:00:00+08:00,COD,40.1,mg/L\n\
         2023-02-29T00:00:00+08:00,COD,40.3,mg/L\n\
         0000-00-00T00:00:00,COD,40.3,mg/L\n\
         2025-04-31T00:00:00,COD,40.3,mg/L\n\
         2025-03-15T25:00:00+08:00,COD,40.3,mg/L\n\
         2025-03-15,COD,40.3,mg/L\n",
    );
    assert_eq!(
        g.lines(),
        [
            "3:1 time: `2023-02-29T00:00:00+08:00` is not a valid date (2023 is not a leap year) [2023-02-29T00:00:00+08:00]",
            "4:1 time: `0000-00-00T00:00:00` is not a valid date (use null if unknown) [0000-00-00T00:00:00]",
            "5:1 time: `2025-04-31T00:00:00` is not a valid date (month 4 has 30 days) [2025-04-31T00:00:00]",
            "6:1 time: `2025-03-15T25:00:00+08:00` is not a date-time; write YYYY-MM-DDThh:mm:ss with an offset (`+08:00`, `Z`), or without one for the park's local time [2025-03-15T25:00:00+08:00]",
            "7:1 time: `2025-03-15` is not a date-time; write YYYY-MM-DDThh:mm:ss with an offset (`+08:00`, `Z`), or without one for the park's local time [2025-03-15]",
        ]
    );
    assert_eq!(g.rows.len(), 1);
    assert_eq!(g.rows[0].line, 2);
    assert_eq!(g.rows[0].value, measured("40.1 mg/L"));
    assert_eq!(g.counts(), (6, 1, 5));
}

#[test]
fn a_time_with_an_offset_is_converted_to_the_park_clock() {
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2024-05-01T00:00:00Z,COD,1,mg/L\n\
         2024-05-01T00:00:00+09:00,COD,1,mg/L\n\
         2024-05-01T00:00:00,COD,1,mg/L\n\
         2024-05-01 06:30,COD,1,mg/L\n",
    );
    assert_eq!(g.lines(), Vec::<String>::new());
    let times: Vec<String> = g.rows.iter().map(|r| r.time.to_string()).collect();
    assert_eq!(
        times,
        [
            "2024-05-01T08:00:00",
            "2024-04-30T23:00:00",
            "2024-05-01T00:00:00",
            "2024-05-01T06:30:00"
        ]
    );
    // Another park timezone.
    let g = read_spec(
        b"time,pollutant,value,unit\n2024-05-01T00:00:00Z,COD,1,mg/L\n",
        |s| {
            s.timezone = jiff::tz::db()
                .get("Europe/Berlin")
                .unwrap_or_else(|e| panic!("{e}"));
        },
    );
    assert_eq!(g.rows[0].time.to_string(), "2024-05-01T02:00:00");
}

// ---------------------------------------------------------------------------
// N9: NaN, infinity and "not detected".

#[test]
fn n9_nan_is_an_error_not_detected_and_missing_are_values() {
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2024-05-01T00:00:00+08:00,COD,NaN,mg/L\n\
         2024-05-01T01:00:00+08:00,TP,ND,mg/L\n\
         2024-05-01T02:00:00+08:00,TN,<0.05,mg/L\n\
         2024-05-01T03:00:00+08:00,COD,n/a,mg/L\n\
         2024-05-01T04:00:00+08:00,COD,,mg/L\n\
         2024-05-01T05:00:00+08:00,NH3-N,0.05L,mg/L\n\
         2024-05-01T06:00:00+08:00,COD,inf,mg/L\n\
         2024-05-01T07:00:00+08:00,COD,-Infinity,mg/L\n\
         2024-05-01T08:00:00+08:00,COD,.nan,mg/L\n",
    );
    assert_eq!(
        g.lines(),
        [
            "2:31 value: value is not a finite number (`NaN`) [NaN]",
            "8:31 value: value is not a finite number (`inf`) [inf]",
            "9:31 value: value is not a finite number (`-Infinity`) [-Infinity]",
            "10:31 value: value is not a finite number (`.nan`) [.nan]",
        ]
    );
    let values: Vec<(u32, &str, &RowValue)> = g
        .rows
        .iter()
        .map(|r| (r.line, r.pollutant.name(), &r.value))
        .collect();
    assert_eq!(
        values,
        [
            (3, "TP", &RowValue::NotDetected(None)),
            (4, "TN", &below("0.05 mg/L")),
            (5, "COD", &RowValue::Missing),
            (6, "COD", &RowValue::Missing),
            (7, "NH3-N", &below("0.05 mg/L")),
        ]
    );
    assert_eq!(g.counts(), (9, 5, 4));
}

// ---------------------------------------------------------------------------
// N11: unit spellings, full-width digits.

#[test]
fn n11_both_micro_signs_full_width_digits_and_ton() {
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2024-05-01T00:00:00+08:00,Hg,0.8,\u{b5}g/L\n\
         2024-05-01T01:00:00+08:00,Hg,0.9,\u{3bc}g/L\n\
         2024-05-01T02:00:00+08:00,COD,\u{ff14}\u{ff18}.2,mg/L\n\
         2024-05-01T03:00:00+08:00,COD,48.2,ton\n\
         2024-05-01T04:00:00+08:00,COD,48.2,mgg/L\n",
    );
    assert_eq!(
        g.lines(),
        [
            "4:31 value: `４８.2` has full-width digits [４８.2]",
            "5:36 unit: `ton` is ambiguous (metric tonne or short/long ton); use `t` [ton]",
            "6:36 unit: unknown unit `mgg/L` [mgg/L]",
        ]
    );
    assert_eq!(g.helps()[0], "write ASCII digits (0-9)");
    let mg_l = q("1 mg/L").unit;
    let hg: Vec<String> = g
        .rows
        .iter()
        .map(|r| match &r.value {
            RowValue::Measured(v) => v
                .quantity()
                .convert_to(&mg_l)
                .map(|v| v.to_string())
                .unwrap_or_else(|e| panic!("{e:?}")),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(hg, ["0.0008 mg/L", "0.0009 mg/L"]);
}

#[test]
fn a_reading_must_be_of_its_pollutants_kind_and_medium() {
    let text = "time,pollutant,value,unit\n\
         2024-05-01T00:00:00+08:00,COD,48,mg\n\
         2024-05-01T00:00:00+08:00,COD,48,mg/Nm3\n\
         2024-05-01T00:00:00+08:00,pH,7.1,mg/L\n\
         2024-05-01T00:00:00+08:00,pH,7.1,\n\
         2024-05-01T00:00:00+08:00,COD,48,\n\
         2024-05-01T00:00:00+08:00,COD,-1,mg/L\n\
         2024-05-01T00:00:00+08:00,temperature,-1.5,°C\n\
         2024-05-01T00:00:00+08:00,flow,12,m3/h\n\
         2024-05-01T00:00:00+08:00,w01018,48,mg/L\n\
         2024-05-01T00:00:00+08:00,化学需氧量,48,mg/L\n\
         2024-05-01T00:00:00+08:00,CODD,48,mg/L\n";
    let g = read_csv(text);
    assert_eq!(
        g.lines(),
        [
            "2:34 unit: `mg` is not a concentration unit for COD [mg]",
            "3:34 unit: `mg/Nm3` is an air unit; water concentrations are per litre (`mg/L`) [mg/Nm3]",
            "4:34 unit: pH is written without a unit, found `mg/L` [mg/L]",
            "6:34 unit: no unit for COD `48`",
            "7:31 value: `-1` is negative; a concentration or flow cannot be below zero [-1]",
            "12:27 pollutant: unknown pollutant `CODD` [CODD]",
        ]
    );
    assert_eq!(
        g.helps().last().map(String::as_str),
        Some("did you mean `COD`?")
    );
    let names: Vec<&str> = g.rows.iter().map(|r| r.pollutant.name()).collect();
    assert_eq!(names, ["pH", "temperature", "flow", "COD", "COD"]);
    // At an air outlet, per litre is the error.
    let g = read_spec(
        b"time,pollutant,value,unit\n2024-05-01T00:00:00+08:00,SO2,12,mg/L\n",
        |s| s.medium = Some(Medium::Air),
    );
    assert_eq!(
        g.lines(),
        [
            "2:34 unit: `mg/L` is a water unit; air concentrations are per standard cubic metre (`mg/Nm3`) [mg/L]"
        ]
    );
}

#[test]
fn flags_are_the_hj_212_letters() {
    let g = read_csv(
        "time,pollutant,value,unit,flag\n\
         2024-05-01T00:00:00+08:00,COD,1,mg/L,N\n\
         2024-05-01T01:00:00+08:00,COD,1,mg/L,T\n\
         2024-05-01T02:00:00+08:00,COD,1,mg/L,\n\
         2024-05-01T03:00:00+08:00,COD,1,mg/L,n\n\
         2024-05-01T04:00:00+08:00,COD,1,mg/L,X\n",
    );
    assert_eq!(
        g.lines(),
        [
            "5:38 flag: unknown data flag `n` [n]",
            "6:38 flag: unknown data flag `X` [X]"
        ]
    );
    assert!(g.helps()[0].contains("N (normal), F (stopped), M (maintenance), S (manual input), D (fault), C (calibration), T (over range), B (communication failure)"));
    let flags: Vec<Flag> = g.rows.iter().map(|r| r.flag).collect();
    assert_eq!(flags, [Flag::Normal, Flag::OverRange, Flag::Normal]);
}

// ---------------------------------------------------------------------------
// N12: GBK / GB18030.

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn n12_undeclared_gbk_is_one_error_at_its_first_byte() {
    // The literal case: a GBK header, pipe-delimited.
    let bytes = gbk("企业|污染物|浓度\n東方化工|COD|48.2\n");
    assert_eq!(&bytes[..4], b"\xc6\xf3\xd2\xb5");
    assert!(bytes.windows(2).any(|w| w == b"\x96\x7c"));
    let g = read_spec(&bytes, |s| s.delimiter = b'|');
    assert_eq!(
        g.lines(),
        ["1:1 file is not valid UTF-8 (byte 0xC6 at offset 0); it looks like GB18030/GBK [企]"]
    );
    assert!(g.helps()[0].starts_with("declare `encoding: gb18030`"));
    assert_eq!(g.counts(), (0, 0, 0));
    // The excerpt shows the line as GB18030 would read it.
    let span = g.out.diagnostics[0].span.unwrap_or_default();
    assert_eq!(&*g.sources.file(span.file).text, "企业|污染物|浓度");

    // An ASCII header and many GBK rows: still one error, at the first.
    let mut text = HEADER.to_string();
    for h in 0..20 {
        text.push_str(&format!(
            "2024-05-01T{h:02}:00:00+08:00,化学需氧量,48.2,mg/L,N\n"
        ));
    }
    let g = read_spec(&gbk(&text), |_| {});
    assert_eq!(
        g.lines(),
        ["2:27 file is not valid UTF-8 (byte 0xBB at offset 57); it looks like GB18030/GBK [化]"]
    );
    // Not GB18030 either: the excerpt is cut after the bad byte.
    let g = read_spec(
        b"time,pollutant,value,unit\n2024-05-01T00:00:00+08:00,COD,\xff\xff\xff,mg/L\n",
        |_| {},
    );
    assert_eq!(
        g.lines(),
        ["2:31 file is not valid UTF-8 (byte 0xFF at offset 56) [\u{FFFD}]"]
    );
    assert!(g.helps()[0].starts_with("re-save the file as UTF-8, or declare"));
}

#[test]
fn n12_declared_gb18030_is_decoded_before_it_is_split() {
    let text = "time|pollutant|value|unit|flag\n\
                2024-05-01T00:00:00+08:00|化学需氧量|48.2|mg/L|N\n\
                2024-05-01T01:00:00+08:00|東方化工|48.2|mg/L|N\n\
                2024-05-01T02:00:00+08:00|氨氮|3.1|毫克/升|N\n";
    let bytes = gbk(text);
    let g = read_spec(&bytes, |s| {
        s.encoding = Encoding::Gb18030;
        s.delimiter = b'|';
    });
    // `東` is 96 7C in GBK: its trail byte is `|`, yet the row has 5 fields.
    assert_eq!(
        g.lines(),
        ["3:27 pollutant: unknown pollutant `東方化工` [東方化工]"]
    );
    let rows: Vec<(u32, &str, &RowValue)> = g
        .rows
        .iter()
        .map(|r| (r.line, r.pollutant.name(), &r.value))
        .collect();
    assert_eq!(
        rows,
        [
            (2, "COD", &measured("48.2 mg/L")),
            (4, "NH3-N", &measured("3.1 mg/L")),
        ]
    );
    assert_eq!(g.counts(), (3, 2, 1));

    // A UTF-8 file (with its BOM) declared gb18030 is read as UTF-8, with a warning.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let g = read_spec(&utf8, |s| {
        s.encoding = Encoding::Gb18030;
        s.delimiter = b'|';
    });
    assert_eq!(g.out.diagnostics[0].severity, Severity::Warning);
    assert_eq!(g.out.diagnostics[0].code, "series.bom_utf8");
    assert_eq!(g.rows.len(), 2);
}

#[test]
fn utf16_is_named() {
    let mut bytes = b"\xFF\xFE".to_vec();
    for c in HEADER.encode_utf16() {
        bytes.extend_from_slice(&c.to_le_bytes());
    }
    let g = read_spec(&bytes, |_| {});
    assert_eq!(
        g.lines(),
        ["1:1 file is not valid UTF-8 (byte 0xFF at offset 0); it looks like UTF-16 [\u{FFFD}]"]
    );
}

// ---------------------------------------------------------------------------
// N13: positions after blank lines, the final newline.

#[test]
fn n13_errors_name_the_physical_line() {
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2024-05-01T00:00:00+08:00,COD,48.2,mg/L\n\
         \n\
         2024-05-01T01:00:00+08:00,COD,4x.1,mg/L\n",
    );
    assert_eq!(g.lines(), ["4:31 value: `4x.1` is not a number [4x.1]"]);
    assert_eq!(g.counts(), (2, 1, 1));
    assert_eq!(g.rows[0].line, 2);

    // CRLF, several blank lines (one of spaces), no final newline.
    let g = read_csv(
        "time,pollutant,value,unit\r\n\r\n\
         2024-05-01T00:00:00+08:00,COD,48.2,mg/L\r\n\r\n   \r\n\r\n\
         2024-05-01T01:00:00+08:00,COD,4x.1,mg/L\r\n\
         2024-05-01T02:00:00+08:00,COD,5,mg/L",
    );
    assert_eq!(g.lines(), ["7:31 value: `4x.1` is not a number [4x.1]"]);
    let lines: Vec<u32> = g.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 8]);
    assert_eq!(g.counts(), (3, 2, 1));

    // A quoted field over two lines: the next record's line is still exact.
    let g = read_csv(
        "time,pollutant,value,unit\n\
         2024-05-01T00:00:00+08:00,\"C\nOD\",48.2,mg/L\n\
         2024-05-01T01:00:00+08:00,COD,4x.1,mg/L\n",
    );
    assert_eq!(
        g.lines(),
        [
            "2:28 pollutant: unknown pollutant `C\\u{a}OD` [C\nOD]",
            "4:31 value: `4x.1` is not a number [4x.1]"
        ]
    );
}

#[test]
fn a_row_with_the_wrong_number_of_fields_names_its_line() {
    let g = read_csv(
        "time,pollutant,value,unit\n\n\
         2024-05-01T00:00:00+08:00,COD,48.2\n\
         2024-05-01T00:00:00+08:00,COD,48.2,mg/L,N\n\
         2024-05-01T00:00:00+08:00,COD,\"48,2\",mg/L\n",
    );
    assert_eq!(
        g.lines(),
        [
            "3:1 3 fields, but the header has 4 [2024-05-01T00:00:00+08:00,COD,48.2]",
            "4:1 5 fields, but the header has 4 [2024-05-01T00:00:00+08:00,COD,48.2,mg/L,N]",
            "5:32 value: `48,2` is not a number [48,2]",
        ]
    );
}

#[test]
fn an_empty_file_and_a_header_only_file() {
    let g = read_csv("");
    assert_eq!(g.lines(), ["1:1 the monitoring file is empty"]);
    let g = read_csv("\n\n");
    assert_eq!(g.lines(), ["1:1 the monitoring file is empty"]);
    let g = read_csv(HEADER);
    assert_eq!(g.lines(), Vec::<String>::new());
    assert_eq!(g.counts(), (0, 0, 0));
}

// ---------------------------------------------------------------------------
// Bounded memory, rendering, no panic.

#[test]
fn per_row_errors_are_capped_with_one_last_count() {
    let mut text = HEADER.to_string();
    for i in 0..250 {
        text.push_str(&format!("2024-05-01T00:00:00+08:00,COD,x{i},mg/L,N\n"));
    }
    let g = read_csv(&text);
    assert_eq!(g.out.diagnostics.len(), 101);
    assert_eq!(
        g.lines().last().map(String::as_str),
        Some("102:1 … and 150 more errors in this file from line 102 on; the first 100 are shown")
    );
    assert_eq!(g.counts(), (250, 0, 250));
    // Only the excerpts of the lines shown are kept: 101 one-line files.
    assert_eq!(g.sources.len(), 101);
    let held: usize = (0..g.sources.len())
        .map(|i| {
            g.sources
                .file(crate::values::FileId(u32::try_from(i).unwrap_or(0)))
                .text
                .len()
        })
        .sum();
    assert!(held < 100 * 50, "{held} bytes of excerpts");
}

#[test]
fn an_unclosed_quote_stops_at_the_record_limit() {
    let mut text = HEADER.to_string();
    text.push_str("2024-05-01T00:00:00+08:00,\"COD,1,mg/L,N\n");
    for _ in 0..40_000 {
        text.push_str("2024-05-01T01:00:00+08:00,COD,1,mg/L,N\n");
    }
    let g = read_csv(&text);
    assert_eq!(g.out.diagnostics.len(), 1, "{:?}", g.lines());
    assert!(
        g.lines()[0].starts_with("2:1 a record longer than 1048576 bytes: an unclosed quote"),
        "{:?}",
        g.lines()
    );
}

#[test]
fn a_csv_error_renders_with_its_true_line_and_column() {
    let mut text = HEADER.to_string();
    for m in 0..30 {
        text.push_str(&format!("2024-05-01T00:{m:02}:00+08:00,COD,48.2,mg/L,N\n"));
    }
    text.push_str("\n2024-05-02T00:00:00+08:00,COD,4x.1,mg/L,N\n");
    let g = read_csv(&text);
    let json = crate::values::LineCol {
        line: 33,
        column: 31,
    };
    let span = g.out.diagnostics[0].span.unwrap_or_default();
    assert_eq!(g.sources.line_col(span.file, span.start as usize), json);
    let opts = crate::report::HumanOptions {
        width: 100,
        color: false,
        quiet: false,
    };
    let human = crate::report::render_diagnostics(&g.sources, &g.out.diagnostics, opts);
    assert!(human.contains("[m.csv:33:31]"), "{human}");
    assert!(
        human.contains(" 33 │ 2024-05-02T00:00:00+08:00,COD,4x.1,mg/L,N"),
        "{human}"
    );
    assert!(human.contains("value: `4x.1` is not a number"), "{human}");
}

#[test]
fn a_missing_file_is_an_error_at_the_monitoring_value() {
    let mut spec = ReadSpec::new(
        "no/such.csv",
        Input::Path(std::path::Path::new("no/such.csv")),
    );
    let at = crate::values::Span::new(crate::values::FileId(7), 3, 9);
    spec.at = Some(at);
    let mut sources = Sources::default();
    let out = read(&spec, &mut sources, |_, _| {});
    assert_eq!(out.diagnostics.len(), 1);
    let d = &out.diagnostics[0];
    assert_eq!(d.message, "monitoring file `no/such.csv` not found");
    assert_eq!(
        d.span.map(|s| (s.file, s.start, s.end)),
        Some((at.file, 3, 9))
    );
}

/// A small deterministic generator (64-bit LCG, high bits).
fn next(state: &mut u64) -> usize {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    usize::try_from(*state >> 33).unwrap_or(0)
}

#[test]
fn truncated_and_mutated_files_never_panic() {
    let base = gbk(&format!(
        "{HEADER}2024-05-01T00:00:00+08:00,COD,48.2,mg/L,N\n\n\"2024-05-01T01:00:00Z\",化学需氧量,<0.05,µg/L,T\r\n2023-02-29T00:00:00,w01018,ND,,\n"
    ));
    let tokens: [&[u8]; 14] = [
        b",",
        b"\"",
        b"\n",
        b"\r\n",
        b"\xEF\xBB\xBF",
        b"\x96\x7c",
        b"\xff",
        b"NaN",
        b"\xef\xbc\x94",
        b"|",
        b"",
        b"ton",
        b"-",
        b"T",
    ];
    let mut state = 0x5EED_C5F0_2025u64;
    for encoding in [Encoding::Utf8, Encoding::Gb18030] {
        for cut in 0..=base.len() {
            let g = read_spec(&base[..cut], |s| s.encoding = encoding);
            check_spans(&g);
        }
        for _ in 0..1500 {
            let mut bytes = base.clone();
            for _ in 0..=next(&mut state) % 4 {
                let at = next(&mut state) % (bytes.len() + 1);
                let token = tokens[next(&mut state) % tokens.len()];
                match next(&mut state) % 3 {
                    0 => {
                        let end = (at + 1 + next(&mut state) % 8).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => {
                        bytes.splice(at..at, token.iter().copied());
                    }
                }
            }
            let g = read_spec(&bytes, |s| {
                s.encoding = encoding;
                s.max_diagnostics = 3;
            });
            check_spans(&g);
        }
    }
}

/// Every span lies in its excerpt, every line is at least 1, and a file
/// with a bad record says so.
fn check_spans(g: &Got) {
    for d in &g.out.diagnostics {
        let span = d.span.unwrap_or_default();
        let len = g.sources.file(span.file).text.len();
        assert!(span.start <= span.end && span.end as usize <= len, "{d:?}");
        assert!(g.sources.line_col(span.file, span.start as usize).line >= 1);
    }
    assert_eq!(g.out.records, g.out.good + g.out.bad);
    if g.out.bad > 0 {
        assert!(
            g.out
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
        );
    }
}

#[test]
fn lines_stay_exact_deep_into_a_long_file() {
    let mut text = HEADER.to_string();
    for i in 0..50_000u32 {
        let (h, m) = (i / 60 % 24, i % 60);
        text.push_str(&format!(
            "2024-05-01T{h:02}:{m:02}:00+08:00,COD,48.2,mg/L,N\n"
        ));
        if i % 997 == 0 {
            text.push_str("\r\n\n");
        }
    }
    let line = text.matches('\n').count() + 1;
    text.push_str("2024-05-02T00:00:00+08:00,COD,4x.1,mg/L,N\n");
    let g = read_csv(&text);
    assert_eq!(
        g.lines(),
        [format!("{line}:31 value: `4x.1` is not a number [4x.1]")]
    );
    assert_eq!(g.counts(), (50_001, 50_000, 1));
    let last = g.rows.last().map_or(0, |r| r.line as usize);
    assert_eq!(last, line - 1);
}

#[test]
fn outlets_are_folded_in_parallel_and_reported_in_filing_order() {
    let dir = std::env::temp_dir().join(format!("eipcheck-fold-parallel-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut outlets = String::new();
    for k in 0..6 {
        let csv = format!(
            "time,pollutant,value,unit,flag\n2025-03-01T00:00:00+08:00,COD,{k}0,mg/L,N\n2025-03-01T00:00:00+08:00,COD,1,mg/L,N\n"
        );
        if std::fs::write(dir.join(format!("W{k}.csv")), csv).is_err() {
            panic!("cannot write the test files");
        }
        outlets.push_str(&format!(
            "      - {{id: W{k}, medium: water, monitoring: W{k}.csv}}\n"
        ));
    }
    let filing = format!(
        "format: eipcheck/filing/v1\npark: {{id: P1, name: Park, period: 2025}}\nenterprises:\n  - id: \"91320505MA1AAB1C7R\"\n    name: E\n    status: operating\n    outlets:\n{outlets}"
    );
    let path = dir.join("filing.yaml");
    let mut sources = Sources::default();
    let loaded = crate::filing::load(&path.display().to_string(), filing.as_bytes(), &mut sources);
    let Some(f) = loaded.filing else {
        panic!("{:?}", loaded.diagnostics)
    };
    let (files, monitored, diags) = super::fold_filing(&f, &mut sources, false, &|_, _, _| {});
    let ids: Vec<&str> = files.iter().map(|f| f.subject_id.as_str()).collect();
    assert_eq!(ids, ["W0", "W1", "W2", "W3", "W4", "W5"]);
    assert_eq!(
        monitored.iter().map(|m| m.outlet).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );
    // Each file's duplicate is reported at its own file and line 3.
    let at: Vec<String> = diags
        .iter()
        .filter_map(|d| {
            let span = d.span?;
            let lc = sources.line_col(span.file, span.start as usize);
            let name = sources.name(span.file);
            let file = std::path::Path::new(name)
                .file_name()?
                .to_string_lossy()
                .into_owned();
            Some(format!("{file}:{}", lc.line))
        })
        .collect();
    assert_eq!(
        at,
        [
            "W0.csv:3", "W1.csv:3", "W2.csv:3", "W3.csv:3", "W4.csv:3", "W5.csv:3"
        ]
    );
    // A day's first reading is located in its own file too.
    let day = monitored[4].at[0].days[59].unwrap_or_else(|| panic!("no span"));
    assert!(sources.name(day.file).ends_with("W4.csv"));
    assert_eq!(
        sources.snippet(day),
        "2025-03-01T00:00:00+08:00,COD,40,mg/L,N"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
