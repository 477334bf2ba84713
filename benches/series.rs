//! Benchmark: a park's online-monitoring series. 50 enterprises x 4 outlets
//! (2 water, 2 air) x 5 pollutants, hourly readings for 2025: 8,760,000 CSV
//! rows in 200 files (about 400 MB), and a filing naming each file with
//! `monitoring:`, generated at bench time under the target folder (not
//! committed) and checked against the embedded packs (the `monitoring` pack
//! judges every day and month of every series).
//!
//! Run: `cargo bench --bench series` (about 30 s on the 2-core
//! development machine). It prints, as the median of 3 runs:
//!
//! - (a) the `csv` crate alone reading the 200 files (one thread, one
//!   amortized `ByteRecord`, each field touched, nothing parsed): rows, bytes,
//!   wall time, rows/s, MB/s;
//! - (b) a whole `eipcheck check --format json FILING --as-of 2026-03-20`
//!   process (the binary cargo builds for the bench, with the release
//!   settings), output to /dev/null: wall time, user+system CPU time and peak
//!   RSS (from `/usr/bin/time`; without it, CPU from /proc/self/stat and no
//!   RSS), and the ratios (b)/(a) of wall and CPU time;
//! - one more, untimed, run of (b) piped into the bench, which counts the
//!   output's bytes and findings (the `"rule":` keys) and checks the filing
//!   loaded without input errors.
//!
//! The acceptance of issue 4 item 7: (b)/(a) <= 2.0 and peak RSS < 256 MiB.
//!
//! Environment (for a quick look): `SERIES_BENCH_ENTERPRISES` (default 50),
//! `SERIES_BENCH_RUNS` (default 3).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;
use common::{credit_code, median};

/// One pollutant of a series: name, unit, typical level and spread, in
/// tenths (hundredths for pH).
struct Pollutant {
    name: &'static str,
    unit: &'static str,
    base: u64,
    spread: u64,
}

const fn p(name: &'static str, unit: &'static str, base: u64, spread: u64) -> Pollutant {
    Pollutant {
        name,
        unit,
        base,
        spread,
    }
}

/// Water outlets (GB 8978-1996 class II: COD 150 mg/L, NH3-N 25 mg/L).
const WATER: [Pollutant; 5] = [
    p("COD", "mg/L", 600, 600),
    p("NH3-N", "mg/L", 80, 120),
    p("TP", "mg/L", 3, 6),
    p("TN", "mg/L", 100, 150),
    p("pH", "", 650, 200),
];
/// Air outlets (permitted daily means: SO2 100, NOx 200 mg/Nm3).
const AIR: [Pollutant; 5] = [
    p("SO2", "mg/Nm3", 300, 500),
    p("NOx", "mg/Nm3", 700, 900),
    p("NO", "mg/Nm3", 400, 500),
    p("particulate", "mg/Nm3", 30, 60),
    p("O2", "%", 80, 40),
];

/// Outlet ids of one enterprise; the first two are water, the last two air.
const OUTLETS: [&str; 4] = ["DW001", "DW002", "DA001", "DA002"];

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: deterministic, well spread.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The 8,760 hour stamps of 2025, local time with its offset.
fn hours() -> Vec<String> {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut v = Vec::with_capacity(8760);
    for (m, &days) in DAYS.iter().enumerate() {
        for d in 1..=days {
            for h in 0..24 {
                v.push(format!("2025-{:02}-{d:02}T{h:02}:00:00+08:00", m + 1));
            }
        }
    }
    v
}

/// Writes one outlet's year of readings; returns its rows and bytes.
fn write_series(path: &Path, hours: &[String], e: usize, o: usize) -> std::io::Result<(u64, u64)> {
    let water = o < 2;
    let pollutants = if water { &WATER } else { &AIR };
    let mut w = BufWriter::with_capacity(1 << 16, File::create(path)?);
    w.write_all(b"time,pollutant,value,unit,flag\n")?;
    let seed = ((e as u64) << 40) | ((o as u64) << 32);
    // One maintenance morning a year (6 hours flagged M: an air day with 18
    // valid hours), and about one day in 50 with raised levels (exceedances).
    let maintenance = (e * 7 + o * 13 + 40) % 365;
    let mut rows = 0;
    for (i, time) in hours.iter().enumerate() {
        let (day, hour) = (i / 24, i % 24);
        let raised = (day + e * 3 + o).is_multiple_of(50);
        for (k, pol) in pollutants.iter().enumerate() {
            let r = mix(seed | ((i as u64) << 3) | k as u64);
            let mut v = pol.base + r % (pol.spread + 1);
            if raised && pol.name != "pH" && pol.name != "O2" {
                v = v * 9 / 5;
            }
            let flag = if day == maintenance && (8..14).contains(&hour) {
                'M'
            } else {
                match (r >> 32) % 1000 {
                    0 => 'C',
                    1 => 'M',
                    _ => 'N',
                }
            };
            if pol.name == "pH" {
                writeln!(w, "{time},pH,{}.{:02},,{flag}", v / 100, v % 100)?;
            } else {
                writeln!(
                    w,
                    "{time},{},{}.{},{},{flag}",
                    pol.name,
                    v / 10,
                    v % 10,
                    pol.unit
                )?;
            }
            rows += 1;
        }
    }
    w.flush()?;
    let bytes = w.get_ref().metadata()?.len();
    Ok((rows, bytes))
}

fn filing(enterprises: usize) -> String {
    let mut s = String::from(
        "# Synthetic series benchmark park (generated).\nformat: eipcheck/filing/v1\npark:\n  id: \"P-SERIES\"\n  name: \"Series benchmark park\"\n  period: 2025\nenterprises:\n",
    );
    for e in 0..enterprises {
        let _ = write!(
            s,
            "  - id: \"{}\"\n    name: \"Enterprise {e}\"\n    industry: \"D4430\"\n    status: operating\n    categories: [key_discharger]\n    outlets:\n",
            credit_code(e)
        );
        for (o, id) in OUTLETS.iter().enumerate() {
            if o < 2 {
                let _ = write!(
                    s,
                    "      - id: \"{id}\"\n        medium: water\n        type: main\n        eia_approved: 2012-05-01\n        standard: \"GB 8978-1996\"\n        class: II\n        receiving: surface_water\n        online_monitoring: true\n        monitoring: monitoring/E{e:02}-{id}.csv\n"
                );
            } else {
                let _ = write!(
                    s,
                    "      - id: \"{id}\"\n        medium: air\n        type: main\n        online_monitoring: true\n        limits: {{SO2: {{daily: \"100 mg/Nm3\"}}, NOx: {{daily: \"200 mg/Nm3\"}}}}\n        monitoring: monitoring/E{e:02}-{id}.csv\n"
                );
            }
        }
    }
    s
}

/// This process's (utime + stime, cutime + cstime) from /proc/self/stat, in
/// clock ticks (USER_HZ, 100 a second on Linux).
fn proc_times() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // Fields 14-17 of proc(5); `rest` starts at field 3.
    Some((f.get(11)? + f.get(12)?, f.get(13)? + f.get(14)?))
}

fn ticks(t: u64) -> Duration {
    Duration::from_millis(t * 10)
}

/// (a): the csv crate alone. Returns (rows, wall, CPU).
fn read_csv(files: &[PathBuf]) -> Option<(u64, Duration, Option<Duration>)> {
    let cpu0 = proc_times();
    let t0 = Instant::now();
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut touched) = (0u64, 0usize);
    for f in files {
        let mut r = csv::ReaderBuilder::new().from_path(f).ok()?;
        while r.read_byte_record(&mut record).ok()? {
            rows += 1;
            touched += record.iter().map(<[u8]>::len).sum::<usize>();
        }
    }
    std::hint::black_box(touched);
    let wall = t0.elapsed();
    let cpu = match (cpu0, proc_times()) {
        (Some((a, _)), Some((b, _))) => Some(ticks(b - a)),
        _ => None,
    };
    Some((rows, wall, cpu))
}

/// One timed run of (b): wall, CPU (user + system), peak RSS in KiB, exit code.
struct Run {
    wall: Duration,
    cpu: Option<Duration>,
    maxrss_kib: Option<u64>,
    code: Option<i32>,
}

fn check_args(filing: &Path) -> Vec<std::ffi::OsString> {
    let mut v: Vec<std::ffi::OsString> = ["check", "--format", "json", "--as-of", "2026-03-20"]
        .iter()
        .map(Into::into)
        .collect();
    v.push(filing.into());
    v
}

fn run_check(bin: &str, filing: &Path, stats: &Path, use_time: bool) -> Option<Run> {
    if use_time {
        let t0 = Instant::now();
        let status = Command::new("/usr/bin/time")
            .args(["-f", "%e %U %S %M", "-o"])
            .arg(stats)
            .arg(bin)
            .args(check_args(filing))
            .stdout(Stdio::null())
            .status()
            .ok()?;
        let wall = t0.elapsed();
        // GNU time writes "Command exited with non-zero status N" first.
        let text = std::fs::read_to_string(stats).ok()?;
        let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
        let f: Vec<f64> = last
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let (user, sys, rss) = (*f.get(1)?, *f.get(2)?, *f.get(3)?);
        return Some(Run {
            wall,
            cpu: Some(Duration::from_secs_f64(user + sys)),
            maxrss_kib: Some(rss as u64),
            code: status.code(),
        });
    }
    let cpu0 = proc_times();
    let t0 = Instant::now();
    let status = Command::new(bin)
        .args(check_args(filing))
        .stdout(Stdio::null())
        .status()
        .ok()?;
    let wall = t0.elapsed();
    let cpu = match (cpu0, proc_times()) {
        (Some((_, a)), Some((_, b))) => Some(ticks(b - a)),
        _ => None,
    };
    Some(Run {
        wall,
        cpu,
        maxrss_kib: None,
        code: status.code(),
    })
}

/// The untimed run piped into the bench: (output bytes, findings, the
/// `"summary"` object as written, whether `"errors":[]`, exit code).
fn count_output(bin: &str, filing: &Path) -> Option<(u64, u64, String, bool, Option<i32>)> {
    let mut child = Command::new(bin)
        .args(check_args(filing))
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut out = child.stdout.take()?;
    let needle = b"\"rule\":";
    let finder = memchr::memmem::Finder::new(needle);
    let mut buf = vec![0u8; 1 << 20];
    let mut keep = 0; // bytes carried over from the last chunk
    let (mut bytes, mut findings) = (0u64, 0u64);
    let mut head = Vec::new(); // the first 64 KiB, for the summary
    loop {
        let n = out.read(&mut buf[keep..]).ok()?;
        if n == 0 {
            break;
        }
        if head.len() < 1 << 16 {
            head.extend_from_slice(&buf[keep..keep + n]);
        }
        bytes += n as u64;
        let end = keep + n;
        findings += finder.find_iter(&buf[..end]).count() as u64;
        // Carry the last needle-length-minus-one bytes (they hold no whole
        // match) so a key split across reads is still counted once.
        keep = (needle.len() - 1).min(end);
        buf.copy_within(end - keep..end, 0);
    }
    let code = child.wait().ok()?.code();
    let head = String::from_utf8_lossy(&head);
    let summary = head
        .find("\"summary\":")
        .and_then(|i| head[i..].find('}').map(|j| head[i..=i + j].to_string()))
        .unwrap_or_default();
    let no_errors = head.contains("\"errors\":[]");
    Some((bytes, findings, summary, no_errors, code))
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    let enterprises: usize = std::env::var("SERIES_BENCH_ENTERPRISES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let runs: usize = std::env::var("SERIES_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("series-park");
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(dir.join("monitoring")) {
        eprintln!("cannot create {}: {e}", dir.display());
        return;
    }

    // Generate the park.
    let t0 = Instant::now();
    let stamps = hours();
    let (mut files, mut rows, mut bytes) = (Vec::new(), 0u64, 0u64);
    for e in 0..enterprises {
        for (o, id) in OUTLETS.iter().enumerate() {
            let path = dir.join(format!("monitoring/E{e:02}-{id}.csv"));
            match write_series(&path, &stamps, e, o) {
                Ok((r, b)) => {
                    rows += r;
                    bytes += b;
                }
                Err(err) => {
                    eprintln!("cannot write {}: {err}", path.display());
                    return;
                }
            }
            files.push(path);
        }
    }
    let filing_path = dir.join("park.yaml");
    let text = filing(enterprises);
    if let Err(e) = std::fs::write(&filing_path, &text) {
        eprintln!("cannot write {}: {e}", filing_path.display());
        return;
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "generated {} in {}: {} CSV files, {rows} rows, {mb:.1} MB; filing {} bytes",
        dir.display(),
        secs(t0.elapsed()),
        files.len(),
        text.len()
    );

    // (a) The csv crate alone.
    let (mut a_wall, mut a_cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let Some((n, wall, cpu)) = read_csv(&files) else {
            eprintln!("the csv crate could not read the generated files");
            return;
        };
        if n != rows {
            eprintln!("the csv crate read {n} rows, {rows} written");
        }
        a_wall.push(wall);
        a_cpu.extend(cpu);
    }
    let a_wall = median(a_wall);
    let a_cpu = (!a_cpu.is_empty()).then(|| median(a_cpu));
    println!(
        "(a) csv crate alone (median of {runs}): {rows} rows, {mb:.1} MB in {} (CPU {}); {:.2} M rows/s, {:.0} MB/s",
        secs(a_wall),
        a_cpu.map_or("n/a".into(), secs),
        rows as f64 / a_wall.as_secs_f64() / 1e6,
        mb / a_wall.as_secs_f64()
    );

    // (b) The whole check, one process.
    let bin = env!("CARGO_BIN_EXE_eipcheck");
    let use_time = Command::new("/usr/bin/time")
        .args(["-f", "%M", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !use_time {
        println!("/usr/bin/time not found: CPU time from /proc/self/stat, no peak RSS");
    }
    let stats = dir.join("time.txt");
    let mut b = Vec::new();
    for i in 0..runs {
        let Some(run) = run_check(bin, &filing_path, &stats, use_time) else {
            eprintln!("cannot run {bin}");
            return;
        };
        println!(
            "(b) run {}: wall {}, CPU {}, peak RSS {}, exit {:?}",
            i + 1,
            secs(run.wall),
            run.cpu.map_or("n/a".into(), secs),
            run.maxrss_kib
                .map_or("n/a".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0)),
            run.code
        );
        b.push(run);
    }
    let b_wall = median(b.iter().map(|r| r.wall).collect());
    let b_cpu = b
        .iter()
        .map(|r| r.cpu)
        .collect::<Option<Vec<_>>>()
        .map(median);
    let b_rss = b.iter().filter_map(|r| r.maxrss_kib).max();
    println!(
        "(b) `eipcheck check --format json` (median of {runs}): wall {}, CPU {}; peak RSS (highest of the runs) {}; {:.2} M rows/s",
        secs(b_wall),
        b_cpu.map_or("n/a".into(), secs),
        b_rss.map_or("n/a".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0)),
        rows as f64 / b_wall.as_secs_f64() / 1e6
    );
    let wall_ratio = b_wall.as_secs_f64() / a_wall.as_secs_f64();
    let cpu_ratio = match (a_cpu, b_cpu) {
        (Some(a), Some(b)) if !a.is_zero() => format!("{:.1}", b.as_secs_f64() / a.as_secs_f64()),
        _ => "n/a".into(),
    };
    println!(
        "(b)/(a): wall {wall_ratio:.1}, CPU {cpu_ratio} (acceptance: <= 2.0); peak RSS {} 256 MiB",
        match b_rss {
            Some(k) if k < 256 * 1024 => "<",
            Some(_) => ">=",
            None => "? (not measured) vs",
        }
    );

    // The output, counted (untimed).
    match count_output(bin, &filing_path) {
        Some((out_bytes, findings, summary, no_errors, code)) => {
            println!(
                "output: {out_bytes} bytes ({:.1} MB), {findings} findings, {summary}, exit {code:?}{}",
                out_bytes as f64 / 1e6,
                if no_errors {
                    ", no input errors"
                } else {
                    ", INPUT ERRORS (see `eipcheck check` on the filing)"
                }
            );
        }
        None => eprintln!("cannot run {bin} to count its output"),
    }
}
