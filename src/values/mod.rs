//! The ground floor: spans and sources, diagnostics, exact numbers, units,
//! quantities, and the pollutant registry. Every stage builds on these.

pub mod calendar;
pub mod dates;
pub mod diag;
pub mod digits;
pub mod number;
pub mod pollutant;
pub mod quantity;
pub mod span;
pub mod unit;
pub mod words;

pub use diag::{Diagnostic, Label, Severity};
pub use pollutant::Pollutant;
pub use quantity::{Measurement, Quantity};
pub use span::{FileId, LineCol, Sources, Span, Spanned};
pub use unit::{Dim, Unit};
