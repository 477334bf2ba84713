//! Limit tables (`limits` rules): the column expression, the header, and
//! each row's pollutant, condition and cells.

use super::expr::Ctx;
use super::ir::{Body, Cell, Each, EachKind, LimitTable, TableRow, Type};
use super::rules::Clauses;
use super::scope::Checker;
use super::types::words;
use crate::messages::t;
use crate::syntax::ast;
use crate::values::{Pollutant, Quantity, Spanned};
use std::cmp::Ordering;

impl Checker<'_> {
    /// The body of a `limits` rule: `column` + `table`, judged per sample
    /// of the `for sample` loop.
    pub(super) fn table_body(
        &mut self,
        r: &ast::Rule,
        c: &Clauses<'_>,
        each: &[Each],
    ) -> Option<Body> {
        for (_, span) in &c.requires {
            self.error(
                "check.limits_require",
                t("check.limits_require", &[]),
                *span,
                None,
            );
        }
        for e in each.iter().filter(|e| e.kind == EachKind::Pollutant) {
            self.error(
                "check.limits_pollutant",
                t("check.limits_pollutant", &[]),
                e.span,
                None,
            );
        }
        let sample_var = each
            .iter()
            .find(|e| e.kind == EachKind::Sample)
            .map(|e| e.var.clone());
        let mut needs = |what: &str| {
            self.report("check.limits_needs", &[("what", &what)], r.id.span);
        };
        if sample_var.is_none() {
            needs("`for sample s in o.samples`");
        }
        if c.column.is_none() {
            needs("`column`");
        }
        if c.table.is_none() {
            needs("`table { ... }`");
        }
        let column = c.column.map(|(e, _)| {
            let x = self.expr(e, Ctx::Value);
            if !matches!(x.ty, Type::Text | Type::Error) {
                let msg = t("check.column_type", &[("found", &words(&x))]);
                self.error("check.column_type", msg, x.span, None);
            }
            x
        });
        let (columns, rows) = self.table(c.table.map(|(tb, _)| tb)?);
        Some(Body::Table(LimitTable {
            column: column?,
            columns,
            rows,
            sample_var: sample_var?,
        }))
    }

    fn table(&mut self, tb: &ast::Table) -> (Vec<Spanned<String>>, Vec<TableRow>) {
        for (i, col) in tb.columns.iter().enumerate() {
            if tb.columns[..i].iter().any(|c| c.value == col.value) {
                let msg = t("check.duplicate_column", &[("name", &col.value)]);
                self.error("check.duplicate_column", msg, col.span, None);
            }
        }
        let mut rows = Vec::new();
        for row in &tb.rows {
            rows.extend(self.row(row, tb.columns.len()));
        }
        (tb.columns.clone(), rows)
    }

    fn row(&mut self, row: &ast::Row, columns: usize) -> Option<TableRow> {
        let pollutant = match self
            .pollutant(&row.pollutant.value, row.pollutant.span)
            .kind
        {
            super::ir::ExprKind::Pollutant(p) => Some(p),
            _ => None,
        };
        let when = row.when.as_ref().map(|w| self.condition(w));
        if row.cells.len() != columns {
            self.report(
                "check.row_cells",
                &[("found", &row.cells.len()), ("expected", &columns)],
                row.span,
            );
        }
        let cells: Vec<Option<Spanned<Cell>>> =
            row.cells.iter().map(|c| self.cell(c, pollutant)).collect();
        Some(TableRow {
            pollutant: Spanned::new(pollutant?, row.pollutant.span),
            when,
            cells: cells.into_iter().collect::<Option<_>>()?,
            provisional: row.provisional,
            span: row.span,
        })
    }

    fn cell(
        &mut self,
        cell: &Spanned<ast::Cell>,
        pollutant: Option<Pollutant>,
    ) -> Option<Spanned<Cell>> {
        let value = match &cell.value {
            ast::Cell::NoLimit => Cell::NoLimit,
            ast::Cell::Max(lit) => {
                let q = self.quantity_lit(lit)?;
                self.cell_unit(&q, lit, pollutant);
                Cell::Max(q)
            }
            ast::Cell::Range(lo, hi) => {
                let mut a = self.quantity_lit(lo)?;
                let b = self.quantity_lit(hi)?;
                // `0.5..1 mg/L`: the high bound's unit applies to both.
                if lo.unit.is_none() {
                    a.unit = b.unit.clone();
                }
                self.cell_unit(&b, hi, pollutant);
                self.cell_range(&a, &b, cell)?;
                Cell::Range(a, b)
            }
        };
        Some(Spanned::new(value, cell.span))
    }

    /// Reports a limit without a unit for a pollutant that has one.
    fn cell_unit(&mut self, q: &Quantity, lit: &ast::NumberLit, pollutant: Option<Pollutant>) {
        if let Some(p) = pollutant
            && !p.info().unitless
            && lit.unit.is_none()
        {
            let msg = t("check.cell_unit", &[("value", &q.value), ("pollutant", &p)]);
            let help = t("check.cell_unit.help", &[("value", &q.value)]);
            self.error("check.cell_unit", msg, lit.number.span, Some(help));
        }
    }

    fn cell_range(&mut self, a: &Quantity, b: &Quantity, cell: &Spanned<ast::Cell>) -> Option<()> {
        match a.cmp_exact(b) {
            Ok(Ordering::Greater) => {
                let range = self.snippet(cell.span).to_string();
                self.error(
                    "check.range_empty",
                    t("check.range_empty", &[("range", &range)]),
                    cell.span,
                    None,
                );
                None
            }
            Ok(_) => Some(()),
            Err(_) => {
                let show = |q: &Quantity| {
                    t(
                        "check.type.quantity",
                        &[("unit", &q.unit.symbol), ("dim", &q.unit.dim)],
                    )
                };
                let (left, right) = (show(a), show(b));
                let msg = t("check.range_bounds", &[("left", &left), ("right", &right)]);
                self.error("check.range_bounds", msg, cell.span, None);
                None
            }
        }
    }
}
