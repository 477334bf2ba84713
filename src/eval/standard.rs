//! `standard_limit("set.rule", o, p)`: the limit value a limit table sets
//! for an outlet and pollutant, judged on the outlet alone. Used to compare
//! a permitted concentration with the standard's limit value.

use super::expr::{Env, Truth};
use super::rule::superseded;
use super::value::{Rec, Value};
use crate::check::ir::{Body, Cell};
use crate::messages::t;
use crate::values::Pollutant;

/// The table's cell for outlet `o` and pollutant `p`: a maximum as a
/// quantity, a range as a range; missing (saying why) when the rule is not
/// loaded, does not apply to the outlet, is superseded for it, has no row
/// or no limit in the outlet's class, or a row depends on a sample.
pub fn standard_limit<'f>(env: &mut Env<'f, '_>, id: &str, o: Rec<'f>, p: Pollutant) -> Value<'f> {
    let rulesets = env.rulesets;
    let found = rulesets
        .iter()
        .find_map(|s| s.rules.iter().find(|r| r.id == id).map(|r| (s, r)));
    let Some((set, rule)) = found else {
        return Value::missing(t("eval.standard.not_loaded", &[("rule", &id)]));
    };
    let Body::Table(table) = &rule.body else {
        return Value::missing(t("eval.standard.not_table", &[("rule", &id)]));
    };
    let saved = env.params;
    env.params = &set.params;
    let out = env.with(&rule.subject.var, Value::Rec(o), |env| {
        let in_scope = rule
            .subject
            .filter
            .as_ref()
            .map_or(Truth::True, |f| env.truth(f));
        if in_scope != Truth::True {
            return Value::missing(t("eval.standard.out_of_scope", &[("rule", &id)]));
        }
        if let Some((by, _, _)) = superseded(env, set, o) {
            return Value::missing(t("eval.standard.superseded", &[("rule", &id), ("by", &by)]));
        }
        let mut row = None;
        for r in table.rows.iter().filter(|r| r.pollutant.value == p) {
            match r.when.as_ref().map_or(Truth::True, |w| env.truth(w)) {
                Truth::True => {
                    row = Some(r);
                    break;
                }
                Truth::False => {}
                Truth::Unknown(m) => return Value::Missing(m),
            }
        }
        let Some(row) = row else {
            return Value::missing(t(
                "eval.reason.no_row",
                &[("source", &set.source), ("pollutant", &p)],
            ));
        };
        let class = match env.eval(&table.column) {
            Value::Text(c, _) => c,
            Value::Missing(m) => return Value::Missing(m),
            other => other.show(),
        };
        let cell = table
            .columns
            .iter()
            .position(|c| c.value == class)
            .and_then(|i| row.cells.get(i));
        if row.provisional {
            env.provisional.set(true);
        }
        match cell.map(|c| &c.value) {
            Some(Cell::Max(q)) => Value::qty(q.clone(), None),
            Some(Cell::Range(a, b)) => Value::Range(
                Box::new(Value::qty(a.clone(), None)),
                Box::new(Value::qty(b.clone(), None)),
            ),
            Some(Cell::NoLimit) => Value::missing(t(
                "eval.reason.no_limit_in_class",
                &[("pollutant", &p), ("class", &class)],
            )),
            None => Value::missing(t(
                "eval.missing.column",
                &[("class", &class), ("columns", &"")],
            )),
        }
    });
    env.params = saved;
    out
}
