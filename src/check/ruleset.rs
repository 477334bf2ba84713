//! The rule set: header, parameters, supersessions and rules, checked in
//! two passes (parameters first, so rules may use parameters declared
//! further down).

use super::expr::Ctx;
use super::ir::{Param, RuleSet, Supersession, Type};
use super::scope::{Checker, PARK};
use super::types::{join, same_kind, words};
use crate::messages::t;
use crate::syntax::ast::{self, ExprKind as A, Item};
use crate::values::{Diagnostic, Pollutant, Span, Spanned};
use std::collections::HashMap;

/// True when a parameter value is a bare word, or a list of them, that all
/// name pollutants (`param watched = [COD, NH3-N]`): it holds pollutants.
fn pollutant_words(e: &ast::Expr) -> bool {
    let word = |x: &ast::Expr| matches!(&x.kind, A::Word(w) if Pollutant::lookup(w).is_some());
    match &e.kind {
        A::List(items) => !items.is_empty() && items.iter().all(word),
        _ => word(e),
    }
}

impl Checker<'_> {
    /// Checks a parsed file. `None` when the header is missing or an error
    /// leaves a part unbuilt (errors are in `self.diags`).
    pub fn ruleset(&mut self, file: &ast::File, sha256: String) -> Option<RuleSet> {
        let params: Vec<Param> = file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Param(p) => Some(p),
                _ => None,
            })
            .filter_map(|p| self.param_decl(p))
            .collect();
        let set_id = file.header.as_ref().map_or("", |h| h.id.value.as_str());
        let mut imports = Vec::new();
        let mut supersessions = Vec::new();
        let mut rules = Vec::new();
        let mut complete = true;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for item in &file.items {
            match item {
                Item::Import(path) => imports.push(path.clone()),
                Item::Param(_) => {}
                Item::Supersession(s) => match self.supersession(s) {
                    Some(s) => supersessions.push(s),
                    None => complete = false,
                },
                Item::Rule(r) => {
                    if let Some(first) = seen.insert(&r.id.value, r.id.span) {
                        let msg = t("check.duplicate_rule", &[("id", &r.id.value)]);
                        let d = Diagnostic::error("check.duplicate_rule", msg, Some(r.id.span))
                            .with_related(first, t("check.duplicate_rule.first", &[]))
                            .with_help(t("check.duplicate_rule.help", &[]));
                        self.push(d);
                    }
                    match self.rule(set_id, r) {
                        Some(rule) => rules.push(rule),
                        None => complete = false,
                    }
                }
            }
        }
        let header = file.header.as_ref()?;
        let (source, version, effective) = self.header(header);
        complete.then(|| RuleSet {
            id: header.id.clone(),
            title: header.title.value.clone(),
            source,
            version,
            effective,
            sha256,
            imports,
            supersessions,
            params,
            rules,
            span: header.span,
        })
    }

    /// Reports every value of a header clause after the first.
    fn single<'h>(&mut self, values: &'h [ast::Text], clause: &str) -> Option<&'h ast::Text> {
        for extra in values.iter().skip(1) {
            let msg = t("check.duplicate_clause", &[("clause", &clause)]);
            let help = t("check.duplicate_clause.help", &[("clause", &clause)]);
            self.error("check.duplicate_clause", msg, extra.span, Some(help));
        }
        values.first()
    }

    fn header(&mut self, h: &ast::Header) -> (String, Option<String>, Option<jiff::civil::Date>) {
        let source = self.single(&h.source, "source").map(|s| s.value.clone());
        if source.is_none() {
            self.report("check.missing_source", &[("id", &h.id.value)], h.id.span);
        }
        let version = self.single(&h.version, "version").map(|v| v.value.clone());
        let effective = self.single(&h.effective, "effective").cloned();
        let effective = effective.and_then(|d| self.date_text(&d));
        (source.unwrap_or_default(), version, effective)
    }

    fn param_decl(&mut self, p: &ast::Param) -> Option<Param> {
        let name = &p.name;
        if name.value == PARK {
            let msg = t("check.reserved_name", &[("name", &name.value)]);
            self.error("check.reserved_name", msg, name.span, None);
        }
        if self.params.iter().any(|(n, _)| *n == name.value) {
            let msg = t("check.duplicate_param", &[("name", &name.value)]);
            self.error("check.duplicate_param", msg, name.span, None);
        }
        let mut values = Vec::new();
        let mut ty = Type::Error;
        let mut ok = true;
        for (i, (expr, from)) in p.values.iter().enumerate() {
            let ctx = if pollutant_words(expr) {
                Ctx::Pollutant
            } else {
                Ctx::TextOk
            };
            let x = self.expr(expr, ctx);
            if !same_kind(&ty, &x.ty) {
                let msg = t(
                    "check.param_values",
                    &[
                        ("name", &name.value),
                        ("left", &super::types::type_words(&ty)),
                        ("right", &words(&x)),
                    ],
                );
                self.error("check.param_values", msg, x.span, None);
            }
            ty = join(&ty, &x.ty);
            let date = match from {
                Some(d) => {
                    let date = self.date_text(d);
                    ok &= date.is_some();
                    date
                }
                None => None,
            };
            let earlier = p.values[..i]
                .iter()
                .filter(|(_, f)| f.as_ref().map(|f| &f.value) == from.as_ref().map(|f| &f.value));
            if earlier.count() > 0 {
                let key = if from.is_some() {
                    "check.param_dates"
                } else {
                    "check.param_undated"
                };
                let when = from.as_ref().map_or("", |f| f.value.as_str());
                let span = from.as_ref().map_or(x.span, |f| f.span);
                self.error(
                    key,
                    t(key, &[("name", &name.value), ("date", &when)]),
                    span,
                    Some(t("check.param_dates.help", &[])),
                );
            }
            values.push((date, x));
        }
        self.params.push((name.value.clone(), ty));
        let numbers = values
            .iter()
            .flat_map(|(_, x)| super::expr::constants(x, &[]))
            .collect();
        self.numbers.push((name.value.clone(), numbers));
        ok.then(|| Param {
            name: Spanned::new(name.value.clone(), name.span),
            values,
            provisional: p.provisional,
        })
    }

    fn supersession(&mut self, s: &ast::Supersession) -> Option<Supersession> {
        let depth = self.depth();
        let binder = self.subject(&s.binder);
        let from = s.from.as_ref().map(|f| {
            let x = self.expr(f, Ctx::Value);
            if !matches!(x.ty, Type::Date | Type::Error) {
                let msg = t("check.supersession_from", &[("found", &words(&x))]);
                self.error("check.supersession_from", msg, x.span, None);
            }
            x
        });
        self.unbind_to(depth);
        Some(Supersession {
            by: s.by.value.clone(),
            binder: binder?,
            from,
            provisional: s.provisional,
            span: s.span,
        })
    }
}
