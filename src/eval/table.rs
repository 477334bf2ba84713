//! Looking a pollutant up in a limit table: the first row of that pollutant
//! whose condition holds, and its cell in the column the table's `column`
//! expression names. Shared by table judgement and `standard_limit`.

use super::expr::{Env, Truth};
use super::value::Value;
use crate::check::ir::{Cell, LimitTable, TableRow};
use crate::messages::t;
use crate::values::{Pollutant, Span, Spanned};

/// A table's answer for one pollutant.
pub enum Lookup<'r> {
    /// The table has no row for the pollutant whose condition holds.
    NoRow,
    /// The chosen row, the class (column name) and its cell.
    Cell {
        /// The row.
        row: &'r TableRow,
        /// The column name, as the subject states it.
        class: String,
        /// The cell.
        cell: &'r Spanned<Cell>,
    },
}

/// What a lookup could not decide, and where in the rule file: the row
/// condition, or the `column` expression.
pub type Undecided = (Vec<String>, Span);

/// Looks `p` up in `table` with the variables bound in `env`. Errors name
/// what is missing: data a row condition needs, the class, or a class that
/// is not a column.
pub fn lookup<'r>(
    env: &mut Env<'_, '_>,
    table: &'r LimitTable,
    p: Pollutant,
) -> Result<Lookup<'r>, Undecided> {
    let mut chosen = None;
    for r in table.rows.iter().filter(|r| r.pollutant.value == p) {
        match r.when.as_ref().map_or(Truth::True, |w| env.truth(w)) {
            Truth::True => {
                chosen = Some(r);
                break;
            }
            Truth::False => {}
            Truth::Unknown(m) => return Err((m, r.when.as_ref().map_or(r.span, |w| w.span))),
        }
    }
    let Some(row) = chosen else {
        return Ok(Lookup::NoRow);
    };
    let class = match env.eval(&table.column) {
        Value::Text(c, _) => c,
        Value::Missing(m) => return Err((m, table.column.span)),
        other => other.show(),
    };
    let cell = table
        .columns
        .iter()
        .position(|c| c.value == class)
        .and_then(|i| row.cells.get(i));
    match cell {
        Some(cell) => Ok(Lookup::Cell { row, class, cell }),
        None => {
            let cols: Vec<&str> = table.columns.iter().map(|c| c.value.as_str()).collect();
            let m = t(
                "eval.missing.column",
                &[("class", &class), ("columns", &cols.join(", "))],
            );
            Err((vec![m], table.column.span))
        }
    }
}
