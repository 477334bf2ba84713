//! Name resolution and type/unit checking: AST -> checked IR.

pub mod ir;
pub mod schema;
