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
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.write_str(&rest[..open])?;
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => write!(out, "{v}")?,
                    None => write!(out, "{{{name}}}")?,
                }
                rest = &after[close + 1..];
            }
            None => {
                out.write_str(&rest[open..])?;
                rest = "";
            }
        }
    }
    out.write_str(rest)
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
