//! pest pairs -> syntax tree: file structure, rules and clauses. Expressions
//! and tables are in `build_expr`.

use super::ast::*;
use super::parser::Rule as R;
use crate::messages::t;
use crate::values::{Diagnostic, FileId, Span, Spanned};

pub(super) type Pair<'i> = pest::iterators::Pair<'i, R>;

/// A pair without the shape the grammar promises (a bug, not bad input):
/// where it is, reported as a diagnostic by [`Broken::diagnostic`], never a
/// panic.
pub(super) enum Broken {
    /// Pairs without the expected shape.
    Unreadable(Span),
    /// Expressions nested deeper than the checker goes.
    TooDeep(Span),
}

impl Broken {
    /// The diagnostic for it.
    pub(super) fn diagnostic(self) -> Diagnostic {
        let (key, span) = match self {
            Broken::Unreadable(span) => ("syntax.unreadable", span),
            Broken::TooDeep(span) => ("syntax.too_deep", span),
        };
        Diagnostic::error(key, t(key, &[]), Some(span)).with_help(t(&format!("{key}.help"), &[]))
    }
}

/// A tree node, or where the pairs did not have the expected shape.
pub(super) type Built<T> = Result<T, Broken>;

/// Turns pairs into tree nodes with spans in one file, offset by `base`
/// (the start of the parsed piece).
pub(super) struct Builder {
    file: FileId,
    base: usize,
    /// Current expression nesting (see `build_expr`).
    pub(super) depth: std::cell::Cell<usize>,
}

/// True for keyword pairs, which carry no information beyond their place.
fn is_keyword(r: R) -> bool {
    matches!(
        r,
        R::kw_and
            | R::kw_by
            | R::kw_cite
            | R::kw_column
            | R::kw_effective
            | R::kw_else
            | R::kw_exists
            | R::kw_for
            | R::kw_from
            | R::kw_help
            | R::kw_if
            | R::kw_import
            | R::kw_in
            | R::kw_judge
            | R::kw_below
            | R::kw_detection
            | R::kw_message
            | R::kw_missing
            | R::kw_not
            | R::kw_or
            | R::kw_param
            | R::kw_per
            | R::kw_require
            | R::kw_ruleset
            | R::kw_severity
            | R::kw_source
            | R::kw_starts
            | R::kw_superseded
            | R::kw_table
            | R::kw_then
            | R::kw_until
            | R::kw_version
            | R::kw_where
            | R::kw_with
            | R::kw_year
            | R::kw_about
            | R::kw_after
            | R::kw_covering
            | R::kw_days
            | R::kw_disclose
            | R::kw_sections
            | R::kw_when
            | R::kw_within
            | R::kw_working
            | R::EOI
    )
}

impl Builder {
    pub(super) fn new(file: FileId, base: usize) -> Builder {
        Builder {
            file,
            base,
            depth: std::cell::Cell::new(0),
        }
    }

    pub(super) fn span(&self, p: &Pair<'_>) -> Span {
        let s = p.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    /// The span of `p` without the blank lines and comments the grammar's
    /// implicit whitespace lets it run on over (so a clause's label ends on
    /// its own last line).
    pub(super) fn tight_span(&self, p: &Pair<'_>) -> Span {
        let mut text = p.as_str();
        loop {
            let trimmed = text.trim_end();
            let last = trimmed.rsplit('\n').next().unwrap_or("");
            if last.trim_start().starts_with('#') && trimmed.len() > last.len() {
                text = &trimmed[..trimmed.len() - last.len()];
            } else {
                text = trimmed;
                break;
            }
        }
        let start = p.as_span().start();
        Span::new(self.file, self.base + start, self.base + start + text.len())
    }

    pub(super) fn text(&self, p: &Pair<'_>) -> Text {
        Spanned::new(p.as_str().to_string(), self.span(p))
    }

    /// The children of `p` that carry information (keywords dropped).
    pub(super) fn parts<'i>(&self, p: Pair<'i>) -> Vec<Pair<'i>> {
        p.into_inner()
            .filter(|c| !is_keyword(c.as_rule()))
            .collect()
    }

    /// The error for a pair whose shape is not what the grammar promises.
    pub(super) fn broken(&self, p: &Pair<'_>) -> Broken {
        Broken::Unreadable(self.span(p))
    }

    /// The `i`th part, or the unreadable-pair error.
    pub(super) fn nth<'i>(
        &self,
        parent: &Pair<'i>,
        parts: &[Pair<'i>],
        i: usize,
    ) -> Built<Pair<'i>> {
        parts.get(i).cloned().ok_or_else(|| self.broken(parent))
    }

    /// A quoted string (`string` pair): escapes resolved, span with quotes.
    pub(super) fn string(&self, p: &Pair<'_>) -> Text {
        let body = p.clone().into_inner().next().map_or("", |b| b.as_str());
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        }
        Spanned::new(out, self.span(p))
    }

    /// A `file` or `items` pair: appends the header and items to `out`.
    pub(super) fn file(&self, p: Pair<'_>, out: &mut File) -> Built<()> {
        for part in self.parts(p) {
            match part.as_rule() {
                R::header => out.header = Some(self.header(part)?),
                _ => out.items.push(self.item(part)?),
            }
        }
        Ok(())
    }

    fn header(&self, p: Pair<'_>) -> Built<Header> {
        let span = self.span(&p);
        let parts = self.parts(p.clone());
        let mut h = Header {
            id: self.text(&self.nth(&p, &parts, 0)?),
            title: self.string(&self.nth(&p, &parts, 1)?),
            source: Vec::new(),
            version: Vec::new(),
            effective: Vec::new(),
            span,
        };
        for c in parts.into_iter().skip(2) {
            let value = self
                .parts(c.clone())
                .into_iter()
                .next()
                .ok_or_else(|| self.broken(&c))?;
            match c.as_rule() {
                R::source => h.source.push(self.string(&value)),
                R::version => h.version.push(self.string(&value)),
                _ => h.effective.push(self.text(&value)),
            }
        }
        Ok(h)
    }

    fn item(&self, p: Pair<'_>) -> Built<Item> {
        let span = self.tight_span(&p);
        let parts = self.parts(p.clone());
        match p.as_rule() {
            R::import => Ok(Item::Import(self.string(&self.nth(&p, &parts, 0)?))),
            R::param => {
                let name = self.text(&self.nth(&p, &parts, 0)?);
                let mut values = Vec::new();
                let mut provisional = false;
                for v in parts.into_iter().skip(1) {
                    if v.as_rule() == R::provisional {
                        provisional = true;
                        continue;
                    }
                    let vp = self.parts(v.clone());
                    let expr = self.expr(self.nth(&v, &vp, 0)?)?;
                    values.push((expr, vp.get(1).map(|d| self.text(d))));
                }
                Ok(Item::Param(Param {
                    name,
                    values,
                    provisional,
                    span,
                }))
            }
            R::supersession => Ok(Item::Supersession(Box::new(Supersession {
                by: self.string(&self.nth(&p, &parts, 0)?),
                binder: self.binder(self.nth(&p, &parts, 1)?)?,
                from: parts
                    .get(2)
                    .filter(|e| e.as_rule() != R::provisional)
                    .cloned()
                    .map(|e| self.expr(e))
                    .transpose()?,
                provisional: parts.iter().any(|e| e.as_rule() == R::provisional),
                span,
            }))),
            R::rule => {
                let mut clauses = Vec::new();
                for c in parts.iter().skip(3) {
                    clauses.push(self.clause(c.clone())?);
                }
                Ok(Item::Rule(Rule {
                    kind: self.text(&self.nth(&p, &parts, 0)?),
                    id: self.text(&self.nth(&p, &parts, 1)?),
                    title: self.string(&self.nth(&p, &parts, 2)?),
                    clauses,
                    span,
                }))
            }
            _ => Err(self.broken(&p)),
        }
    }

    fn clause(&self, p: Pair<'_>) -> Built<Clause> {
        let span = self.tight_span(&p);
        let parts = self.parts(p.clone());
        let first = || self.nth(&p, &parts, 0);
        let kind = match p.as_rule() {
            R::cite => ClauseKind::Cite(self.string(&first()?)),
            R::severity => ClauseKind::Severity(self.text(&first()?)),
            R::effective => ClauseKind::Effective(self.text(&first()?)),
            R::until => ClauseKind::Until(self.text(&first()?)),
            R::judge => ClauseKind::Judge(self.text(&first()?)),
            R::below_detection => ClauseKind::BelowDetection(self.text(&first()?)),
            R::provisional => ClauseKind::Provisional,
            R::message => ClauseKind::Message(self.string(&first()?)),
            R::help => ClauseKind::Help(self.string(&first()?)),
            R::column => ClauseKind::Column(self.expr(first()?)?),
            R::table => ClauseKind::Table(self.table(p)?),
            R::for_clause => ClauseKind::For(
                parts
                    .into_iter()
                    .map(|b| self.binder(b))
                    .collect::<Built<_>>()?,
            ),
            R::disclose => ClauseKind::Disclose(Box::new(self.disclose(&p, &parts)?)),
            R::sections => ClauseKind::Sections(Sections {
                list: self.expr(first()?)?,
                when: parts.get(1).cloned().map(|w| self.expr(w)).transpose()?,
            }),
            R::require => {
                let mut r = Require {
                    expr: self.expr(first()?)?,
                    message: Vec::new(),
                    help: Vec::new(),
                    missing: Vec::new(),
                };
                for extra in parts.iter().skip(1) {
                    let text = self.string(&self.nth(extra, &self.parts(extra.clone()), 0)?);
                    match extra.as_rule() {
                        R::message => r.message.push(text),
                        R::missing => r.missing.push(text),
                        _ => r.help.push(text),
                    }
                }
                ClauseKind::Require(r)
            }
            _ => return Err(self.broken(&p)),
        };
        Ok(Clause { kind, span })
    }

    /// `disclose KIND [covering E | about E] (by E [DAY] [REST] | within N UNIT after E)`.
    fn disclose(&self, p: &Pair<'_>, parts: &[Pair<'_>]) -> Built<Disclose> {
        let mut d = Disclose {
            report: self.text(&self.nth(p, parts, 0)?),
            covering: None,
            about: None,
            deadline: None,
        };
        for part in parts.iter().skip(1) {
            let inner = self.parts(part.clone());
            let nth = |i| self.nth(part, &inner, i);
            match part.as_rule() {
                R::covering => d.covering = Some(self.expr(nth(0)?)?),
                R::about => d.about = Some(self.expr(nth(0)?)?),
                R::due_by => {
                    let word = |r: R| {
                        inner
                            .iter()
                            .find(|x| x.as_rule() == r)
                            .map(|x| self.text(x))
                    };
                    d.deadline = Some(Deadline::By {
                        date: self.expr(nth(0)?)?,
                        day: word(R::due_day),
                        rest_day: word(R::rest_day),
                    });
                }
                R::due_within => {
                    d.deadline = Some(Deadline::Within {
                        count: self.expr(nth(0)?)?,
                        working: nth(1)?.as_str().starts_with("working"),
                        after: self.expr(nth(2)?)?,
                    });
                }
                _ => return Err(self.broken(part)),
            }
        }
        Ok(d)
    }

    fn binder(&self, p: Pair<'_>) -> Built<Binder> {
        let span = self.span(&p);
        let parts = self.parts(p.clone());
        let mut b = Binder {
            kind: self.text(&self.nth(&p, &parts, 0)?),
            var: None,
            source: None,
            filter: None,
            span,
        };
        for part in parts.into_iter().skip(1) {
            let inner = self.nth(&part, &self.parts(part.clone()), 0)?;
            match part.as_rule() {
                R::binder_var => b.var = Some(self.text(&inner)),
                R::binder_source => b.source = Some(self.expr(inner)?),
                _ => b.filter = Some(self.expr(inner)?),
            }
        }
        Ok(b)
    }
}
