//! The checker's state: diagnostics so far, parameters, bound variables, and
//! the helpers every check uses (errors with "did you mean", snippets).

use super::ir::{RecordKind, Type};
use crate::messages::t;
use crate::values::{Diagnostic, Span};

/// Name of the park, a variable every expression can read.
pub(super) const PARK: &str = "park";

/// Checker state for one rule file.
pub(super) struct Checker<'a> {
    /// The file's text (for snippets).
    pub text: &'a str,
    /// Errors and warnings so far.
    pub diags: Vec<Diagnostic>,
    /// Declared parameters and their types.
    pub params: Vec<(String, Type)>,
    /// Parameters whose declaration did not parse: accepted silently.
    pub broken: Vec<String>,
    /// The values of parameters written as plain numbers (for checks of a
    /// value the rule writes through a parameter, such as a day count).
    pub numbers: Vec<(String, Vec<rust_decimal::Decimal>)>,
    /// Bound variables, innermost last.
    vars: Vec<(String, Type)>,
    /// Variables bound to items of a field with a closed word list:
    /// (position in `vars`, field name, the words).
    domains: Vec<(usize, String, &'static [&'static str])>,
}

impl<'a> Checker<'a> {
    pub fn new(text: &'a str, broken: Vec<String>) -> Checker<'a> {
        Checker {
            text,
            diags: Vec::new(),
            params: Vec::new(),
            broken,
            numbers: Vec::new(),
            vars: Vec::new(),
            domains: Vec::new(),
        }
    }

    /// The source text under a span.
    pub fn snippet(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Records an error with its help line.
    pub fn error(&mut self, code: &'static str, message: String, span: Span, help: Option<String>) {
        let mut d = Diagnostic::error(code, message, Some(span));
        d.help = help;
        self.diags.push(d);
    }

    /// Records error `code` at `span`: the message is the catalogue's
    /// `code`, the help its `code.help` (filled with the same arguments),
    /// as the filing loader does.
    pub fn report(
        &mut self,
        code: &'static str,
        args: &[(&str, &dyn std::fmt::Display)],
        span: Span,
    ) {
        let help_key = format!("{code}.help");
        let help = crate::messages::has_key(&help_key).then(|| t(&help_key, args));
        self.error(code, t(code, args), span, help);
    }

    /// Records a prepared diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The type of a bound variable (`park` always).
    pub fn var(&self, name: &str) -> Option<Type> {
        if let Some((_, ty)) = self.vars.iter().rev().find(|(n, _)| n == name) {
            return Some(ty.clone());
        }
        (name == PARK).then_some(Type::Record(RecordKind::Park))
    }

    /// The type of a parameter (an unparsed one is `Error`).
    pub fn param(&self, name: &str) -> Option<Type> {
        if let Some((_, ty)) = self.params.iter().find(|(n, _)| n == name) {
            return Some(ty.clone());
        }
        self.broken.iter().any(|b| b == name).then_some(Type::Error)
    }

    /// Binds a variable; reports a name that is already bound or a parameter.
    pub fn bind(&mut self, name: &str, ty: Type, span: Span) {
        if self.var(name).is_some() || self.param(name).is_some() {
            self.report("check.rebound", &[("name", &name)], span);
        }
        self.vars.push((name.to_string(), ty));
    }

    /// Number of bound variables (to restore a scope with [`Checker::unbind_to`]).
    pub fn depth(&self) -> usize {
        self.vars.len()
    }

    /// Drops variables bound after `depth`.
    pub fn unbind_to(&mut self, depth: usize) {
        self.vars.truncate(depth);
        self.domains.retain(|(at, ..)| *at < depth);
    }

    /// Records that the variable bound last ranges over the words of field
    /// `field`.
    pub fn bind_domain(&mut self, field: String, words: &'static [&'static str]) {
        if let Some(at) = self.vars.len().checked_sub(1) {
            self.domains.push((at, field, words));
        }
    }

    /// The field and closed word list of a variable, if it has one.
    pub fn var_domain(&self, name: &str) -> Option<(&str, &'static [&'static str])> {
        let at = self.vars.iter().rposition(|(n, _)| n == name)?;
        self.domains
            .iter()
            .rev()
            .find(|(i, ..)| *i == at)
            .map(|(_, f, w)| (f.as_str(), *w))
    }

    /// Names in scope (variables, `park`, parameters), for "did you mean".
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.vars.iter().map(|(n, _)| n.clone()).collect();
        v.push(PARK.to_string());
        v.extend(self.params.iter().map(|(n, _)| n.clone()));
        v
    }
}

/// The closest candidate to `name`, if close enough to suggest.
pub(super) fn closest<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| {
            (
                strsim::jaro_winkler(&c.to_lowercase(), &name.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the closest candidate, else `fallback`.
pub(super) fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    fallback: Option<String>,
) -> Option<String> {
    closest(name, candidates)
        .map(|c| t("check.did_you_mean", &[("name", &c)]))
        .or(fallback)
}
