//! An outlet's `monitoring:`: the path of its online-monitoring CSV file,
//! or `{file, interval, encoding, delimiter, range_max}`. The path is
//! resolved against the filing's folder and may not leave it; the file
//! itself is read when the filing is checked (`crate::series`), not here.

use crate::filing::cx::{Args, Cx, suggest, visible};
use crate::filing::fields::pollutants::entries;
use crate::filing::fields::quantity::{Expect, quantity};
use crate::filing::fields::{choice, text};
use crate::filing::model::{Encoding, Monitoring};
use crate::filing::tree::{Kind, Node};
use crate::messages::t;
use crate::series::Interval;
use crate::values::Spanned;
use std::path::{Path, PathBuf};

const KEYS: [&str; 5] = ["file", "interval", "encoding", "delimiter", "range_max"];
const INTERVALS: [(&str, Interval); 2] = [("1 h", Interval::Hour), ("1 min", Interval::Minute)];
/// Field separators a monitoring file may use: a character that never
/// appears in a time, a number or a unit.
const DELIMITERS: [(&str, u8); 4] = [(",", b','), (";", b';'), ("|", b'|'), ("\t", b'\t')];

/// `monitoring:` of an outlet. `None` (after its errors) when the path is
/// bad or missing, or the interval, encoding or delimiter is bad, or a key
/// is unknown (a misspelt `encoding`): a file read with a wrong guess of
/// them would only give a cascade of errors.
pub(super) fn monitoring<'t>(cx: &mut Cx<'t>, node: &'t Node<'_>) -> Option<Monitoring> {
    if node.scalar().is_some() {
        let (file, path) = file_path(cx, node)?;
        return Some(Monitoring {
            file,
            path,
            interval: Interval::default(),
            encoding: Encoding::default(),
            delimiter: b',',
            range_max: Vec::new(),
            span: node.span,
        });
    }
    if !matches!(node.kind, Kind::Map(_)) {
        cx.expected("filing.what.monitoring", node);
        return None;
    }
    let f = cx.mapping(node, &KEYS, &[])?;
    let file = cx.req(&f, "file", file_path);
    let interval = cx.opt(&f, "interval", |cx, n| {
        choice(cx, n, "filing.what.interval", &INTERVALS)
    });
    let encoding = cx.opt(&f, "encoding", encoding);
    let delimiter = cx.opt(&f, "delimiter", delimiter);
    // A setting written but refused (its error recorded) leaves it unknown.
    let given = |key: &str| f.entry(key).is_some_and(|(_, v)| !v.is_null());
    let unknown = f
        .entries
        .iter()
        .any(|(k, _)| k.scalar().is_none_or(|(k, _)| !KEYS.contains(&k)));
    let bad = unknown
        || (given("interval") && interval.is_none())
        || (given("encoding") && encoding.is_none())
        || (given("delimiter") && delimiter.is_none());
    let range_max = cx
        .opt(&f, "range_max", |cx, n| {
            entries(cx, n, &[], |cx, p, v| {
                quantity(cx, v, p.info().unitless, Expect::Any)
            })
        })
        .map(|(_, e)| e)
        .unwrap_or_default();
    let (file, path) = file?;
    if bad {
        return None;
    }
    Some(Monitoring {
        file,
        path,
        interval: interval.map_or_else(Interval::default, |i| i.value),
        encoding: encoding.map_or_else(Encoding::default, |e| e.value),
        delimiter: delimiter.map_or(b',', |d| d.value),
        range_max,
        span: node.span,
    })
}

/// Why a monitoring path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathError {
    /// Empty, or naming the folder itself (`.`, `a/..`).
    NoFile,
    /// `/data/x.csv`, `\\server\x.csv`, `C:\x.csv`, `C:x.csv`.
    Absolute,
    /// `..` climbs above the filing's folder.
    Outside,
}

/// Resolves `written` against `folder`, lexically: `/` and `\` both
/// separate folders, `.` is dropped and `..` removes the folder before it.
/// The result always lies inside `folder`.
pub(crate) fn resolve(folder: &Path, written: &str) -> Result<PathBuf, PathError> {
    let drive = written.as_bytes().get(1) == Some(&b':')
        && written
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphabetic);
    if written.starts_with(['/', '\\']) || drive {
        return Err(PathError::Absolute);
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in written.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(PathError::Outside);
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(PathError::NoFile);
    }
    let mut path = folder.to_path_buf();
    path.extend(parts);
    Ok(path)
}

/// The file's path as written and as resolved (see [`resolve`]).
fn file_path(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<(Spanned<String>, PathBuf)> {
    let file = text(cx, node)?;
    let shown = visible(&file.value);
    let code = match resolve(&cx.folder, file.value.trim()) {
        Ok(path) => return Some((file, path)),
        Err(PathError::NoFile) => "filing.monitoring.no_file",
        Err(PathError::Absolute) => "filing.monitoring.absolute",
        Err(PathError::Outside) => "filing.monitoring.outside",
    };
    cx.error(code, &[("path", &shown)], file.span);
    None
}

/// `encoding: utf-8 | gb18030` (either case). GBK, GB2312 and code page
/// 936 are written `gb18030`, which reads their files too.
fn encoding(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<Encoding>> {
    let written = text(cx, node)?;
    let lower = written.value.trim().to_ascii_lowercase();
    let value = match lower.as_str() {
        "utf-8" => Encoding::Utf8,
        "gb18030" => Encoding::Gb18030,
        "gbk" | "gb2312" | "cp936" | "936" | "gb-2312" | "euc-cn" => {
            let args: Args<'_> = &[("text", &visible(&written.value))];
            cx.error("filing.monitoring.encoding_gbk", args, written.span);
            return None;
        }
        _ => {
            let shown = visible(&written.value);
            let args: Args<'_> = &[("text", &shown)];
            match suggest(&lower, ["utf-8", "gb18030"]) {
                Some(s) => {
                    let help = t("filing.did_you_mean", &[("suggest", &s)]);
                    cx.error_help("filing.monitoring.encoding", args, written.span, help);
                }
                None => cx.error("filing.monitoring.encoding", args, written.span),
            }
            return None;
        }
    };
    Some(Spanned::new(value, written.span))
}

/// `delimiter:` one of `,` `;` `|` or a tab (`"\t"`).
fn delimiter(cx: &mut Cx<'_>, node: &Node<'_>) -> Option<Spanned<u8>> {
    let written = text(cx, node)?;
    match DELIMITERS.iter().find(|(d, _)| *d == written.value) {
        Some((_, b)) => Some(Spanned::new(*b, written.span)),
        None => {
            let shown = visible(&written.value);
            cx.error(
                "filing.monitoring.delimiter",
                &[("text", &shown)],
                written.span,
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_the_folder_only() {
        let folder = Path::new("parks/p1");
        let ok = |w: &str| resolve(folder, w).map(|p| p.display().to_string());
        assert_eq!(ok("x.csv"), Ok("parks/p1/x.csv".into()));
        assert_eq!(ok("./m/../m/x.csv"), Ok("parks/p1/m/x.csv".into()));
        assert_eq!(ok("m\\x.csv"), Ok("parks/p1/m/x.csv".into()));
        assert_eq!(ok("../x.csv"), Err(PathError::Outside));
        assert_eq!(ok("m/../../x.csv"), Err(PathError::Outside));
        assert_eq!(ok("/data/x.csv"), Err(PathError::Absolute));
        assert_eq!(ok("C:\\data\\x.csv"), Err(PathError::Absolute));
        assert_eq!(ok("\\\\server\\x.csv"), Err(PathError::Absolute));
        assert_eq!(ok(""), Err(PathError::NoFile));
        assert_eq!(ok("m/.."), Err(PathError::NoFile));
        assert_eq!(
            resolve(Path::new(""), "x.csv").map(|p| p.display().to_string()),
            Ok("x.csv".into())
        );
    }
}
