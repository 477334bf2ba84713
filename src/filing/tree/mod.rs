//! Stage 1: the filing text to a spanned node tree.
//!
//! Built from the event stream of the YAML parser that serde-saphyr uses
//! (`serde_saphyr::granit_parser`), without recursion, so no input can
//! overflow the stack. The events give each node's byte range and scalar
//! style: a plain scalar keeps the text as written (`0017`, `3E10`,
//! `40.000000000000001`), a quoted one its parsed value. Interpretation
//! (null, booleans, numbers) is left to the conversion stage.
//!
//! Budgets ([`Limits`](super::Limits)): nesting deeper than `max_depth`, or more than
//! `max_nodes` nodes with every alias counted at its expanded size, stop the
//! read with one located error. Anchored nodes are shared, never copied, so
//! an alias bomb costs only its counting. Duplicate keys and merge keys (`<<`)
//! are errors; the entry is dropped and reading goes on.

mod build;
mod frame;

pub(crate) use build::parse;

use crate::values::{Diagnostic, Span};
use std::borrow::Cow;
use std::rc::Rc;

/// A node of the tree with the byte range it was written at.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    /// Where the node is written (for an alias: the anchored definition's
    /// children keep their own spans; the alias node itself spans `*name`).
    pub span: Span,
    /// What it is.
    pub kind: Kind<'a>,
}

/// The kinds of node.
#[derive(Debug)]
pub(crate) enum Kind<'a> {
    /// A scalar: its text, and whether it was plain (unquoted, untagged).
    Scalar {
        /// Plain scalars: as written; quoted or block scalars: the parsed value.
        text: Cow<'a, str>,
        /// True for a plain scalar (which may mean null, a boolean or a number).
        plain: bool,
    },
    /// A list.
    Seq(Vec<Node<'a>>),
    /// A mapping, in written order, duplicate and merge keys removed.
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// An anchored node or an alias of one.
    Shared(Rc<Node<'a>>),
}

impl<'a> Node<'a> {
    /// The node itself, through an anchor or alias.
    pub fn get(&self) -> &Node<'a> {
        match &self.kind {
            Kind::Shared(n) => n.get(),
            _ => self,
        }
    }
    /// The scalar's text and plainness, if a scalar.
    pub fn scalar(&self) -> Option<(&str, bool)> {
        match &self.get().kind {
            Kind::Scalar { text, plain } => Some((text, *plain)),
            _ => None,
        }
    }
    /// True for a plain `null`, `Null`, `NULL`, `~` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(
            self.scalar(),
            Some(("" | "~" | "null" | "Null" | "NULL", true))
        )
    }
}

/// What stage 1 produced.
pub(crate) struct Parsed<'a> {
    /// The document's root node; `None` after a fatal error or when empty.
    pub root: Option<Node<'a>>,
    /// Errors found while reading.
    pub diagnostics: Vec<Diagnostic>,
}
