//! `standard_limit("set.rule", o, p)`: the limit value a limit table sets
//! for an outlet and pollutant, judged on the outlet alone. Used to compare
//! a permitted concentration with the standard's limit value.

use super::expr::{Env, Truth};
use super::rule::superseded;
use super::table::{Lookup, lookup};
use super::value::{Rec, Value};
use crate::check::ir::{Body, Cell};
use crate::messages::t;
use crate::values::Pollutant;

/// The table's cell for outlet `o` and pollutant `p`: a maximum as a
/// quantity, a range as a range; missing (saying why) when the rule is not
/// loaded, does not apply to the outlet, is superseded for it, has no row
/// or no limit in the outlet's class, or a row depends on a sample.
pub fn standard_limit<'f>(env: &mut Env<'f, '_>, id: &str, o: Rec<'f>, p: Pollutant) -> Value<'f> {
    let Rec::Outlet(i, j) = o else {
        return compute(env, id, o, p);
    };
    let key = (id.to_string(), i, j, p);
    if let Some((v, provisional)) = env.standard_limits.get(&key) {
        if *provisional {
            env.provisional.set(true);
        }
        return v.clone();
    }
    let before = env.provisional.replace(false);
    let v = compute(env, id, o, p);
    let provisional = env.provisional.get();
    env.provisional.set(before || provisional);
    env.standard_limits.insert(key, (v.clone(), provisional));
    v
}

fn compute<'f>(env: &mut Env<'f, '_>, id: &str, o: Rec<'f>, p: Pollutant) -> Value<'f> {
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
        let (row, class, cell) = match lookup(env, table, p) {
            Ok(Lookup::Cell { row, class, cell }) => (row, class, cell),
            Ok(Lookup::NoRow) => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("source", &set.source), ("pollutant", &p)];
                return Value::missing(t("eval.reason.no_row", &args));
            }
            Err((m, _)) => return Value::Missing(m),
        };
        if row.provisional {
            env.provisional.set(true);
        }
        match &cell.value {
            Cell::Max(q) => Value::qty(q.clone(), None),
            Cell::Range(a, b) => Value::Range(
                Box::new(Value::qty(a.clone(), None)),
                Box::new(Value::qty(b.clone(), None)),
            ),
            Cell::NoLimit => Value::missing(t(
                "eval.reason.no_limit_in_class",
                &[("pollutant", &p), ("class", &class)],
            )),
        }
    });
    env.params = saved;
    out
}
