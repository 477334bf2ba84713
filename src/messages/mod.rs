//! The message catalogue: every user-facing sentence, by stable key, one file
//! per language (`en.txt` first; `zh-CN.txt` falls back to English for keys it
//! lacks). Templates use `{name}` placeholders.
//!
//! Catalogue format: one `key = template` per line; `#` starts a comment line.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

const EN: &str = include_str!("en.txt");
const ZH_CN: &str = include_str!("zh-CN.txt");

/// A message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (the reference catalogue).
    En,
    /// Simplified Chinese.
    ZhCn,
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Selects the language for all later [`t`] calls.
pub fn set_lang(lang: Lang) {
    LANG.store(matches!(lang, Lang::ZhCn) as u8, Ordering::Relaxed);
}

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v))
        .collect()
}

fn catalogue(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static EN_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static ZH_MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::En => EN_MAP.get_or_init(|| parse(EN)),
        Lang::ZhCn => ZH_MAP.get_or_init(|| parse(ZH_CN)),
    }
}

/// True when the English catalogue has `key` (used by tests).
pub fn has_key(key: &str) -> bool {
    catalogue(Lang::En).contains_key(key)
}

/// Renders message `key` with `{name}` placeholders filled from `args`.
/// An unknown key renders as the key itself (a test checks none is missing).
pub fn t(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(template(key), args)
}

/// The template of message `key` in the selected language (English where
/// it lacks the key; the key itself when no catalogue has it).
pub fn template(key: &str) -> &str {
    let lang = if LANG.load(Ordering::Relaxed) == 1 {
        Lang::ZhCn
    } else {
        Lang::En
    };
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .copied()
        .unwrap_or(key)
}

/// Fills `{name}` placeholders of any template (rule-file message templates too).
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let _ = fill_into(&mut out, template, args);
    out
}

/// [`fill`], writing to `out`; a placeholder without an argument stays as
/// written.
pub fn fill_into(
    out: &mut impl Write,
    template: &str,
    args: &[(&str, &dyn std::fmt::Display)],
) -> std::fmt::Result {
    let names = args.iter().map(|(n, _)| *n);
    fill_pieces(out, pieces(template, names), |out, i| {
        write!(out, "{}", args[i].1)
    })
}

/// Writes a split template's text, and each argument by `arg` (given its
/// index).
pub fn fill_pieces<'t, W: Write>(
    out: &mut W,
    pieces: impl IntoIterator<Item = Piece<'t>>,
    mut arg: impl FnMut(&mut W, usize) -> std::fmt::Result,
) -> std::fmt::Result {
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.write_str(text)?,
            Piece::Arg(i) => arg(out, i)?,
        }
    }
    Ok(())
}

/// A piece of a template: text as written, or the placeholder of an
/// argument (its index among the names the template was split by).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'t> {
    /// Text as written (a placeholder of no argument too, braces and all).
    Text(&'t str),
    /// The argument of this index.
    Arg(usize),
}

/// `template` split into its text and its `{name}` placeholders, each
/// placeholder given as the index of `name` among `names` (one of no name
/// stays text). Split once, a template can be filled many times.
pub fn pieces<'t, 'n>(
    template: &'t str,
    names: impl IntoIterator<Item = &'n str> + Clone,
) -> impl Iterator<Item = Piece<'t>> {
    let mut rest = template;
    // A placeholder found with the text before it: that text comes first.
    let mut pending: Option<Piece<'t>> = None;
    std::iter::from_fn(move || {
        if let Some(p) = pending.take() {
            return Some(p);
        }
        if rest.is_empty() {
            return None;
        }
        let Some(open) = rest.find('{') else {
            return Some(Piece::Text(std::mem::take(&mut rest)));
        };
        let Some(close) = rest[open + 1..].find('}').map(|c| open + 1 + c) else {
            return Some(Piece::Text(std::mem::take(&mut rest)));
        };
        let name = &rest[open + 1..close];
        let (before, placeholder) = (&rest[..open], &rest[open..=close]);
        rest = &rest[close + 1..];
        let piece = match names.clone().into_iter().position(|n| n == name) {
            Some(i) => Piece::Arg(i),
            None => Piece::Text(placeholder),
        };
        if before.is_empty() {
            Some(piece)
        } else {
            pending = Some(piece);
            Some(Piece::Text(before))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("limit {a} is {b}", &[("a", &"COD"), ("b", &5)]),
            "limit COD is 5"
        );
        assert_eq!(fill("keep {x}", &[]), "keep {x}");
        assert_eq!(fill("{a}{a} {a{b} {", &[("a", &1)]), "11 {a{b} {");
    }

    #[test]
    fn splits_a_template_once() {
        let split: Vec<Piece<'_>> = pieces("x {b}{a} {c} {", ["a", "b"]).collect();
        assert_eq!(
            split,
            [
                Piece::Text("x "),
                Piece::Arg(1),
                Piece::Arg(0),
                Piece::Text(" "),
                Piece::Text("{c}"),
                Piece::Text(" {"),
            ]
        );
    }

    #[test]
    fn chinese_keys_exist_in_english() {
        for k in catalogue(Lang::ZhCn).keys() {
            assert!(has_key(k), "zh-CN key `{k}` missing from en.txt");
        }
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_literal_key_in_the_code_is_in_the_catalogue() {
        let mut files = Vec::new();
        rust_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 20);
        let mut missing = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (i, _) in text.match_indices("t(\"") {
                let rest = &text[i + 3..];
                let key = rest.split('"').next().unwrap_or("");
                let boundary = !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                let is_key = boundary
                    && key.contains('.')
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'));
                if is_key && !has_key(key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys missing from en.txt: {missing:?}");
    }
}
