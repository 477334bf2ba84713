//! eipcheck: a rules engine for the environmental compliance of
//! eco-industrial parks.
//!
//! Pipeline (one module per stage, data flowing one way):
//! `syntax` (rule files -> AST) -> `check` (AST -> checked IR);
//! `filing` (YAML/JSON -> filing model); `eval` (IR x filing -> findings);
//! `report` (findings -> human | json); `cli`. All over `values`.

pub mod check;
pub mod cli;
pub mod eval;
pub mod filing;
pub mod messages;
pub mod report;
pub mod series;
pub mod syntax;
pub mod values;
