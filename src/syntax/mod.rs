//! The rule language's syntax: pest grammar (grammar/eipcheck.pest) -> AST.
