//! An open list or mapping while its children are read, with the key index
//! that finds duplicate keys in linear time.

use super::Node;
use crate::values::Span;
use std::collections::HashMap;

/// A list or mapping being read.
pub(super) struct Frame<'a> {
    /// A mapping (else a list).
    pub(super) map: bool,
    /// Written in flow style (`{...}`, `[...]`).
    pub(super) flow: bool,
    /// Byte range so far, relative to the parsed text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Anchor id, 0 for none.
    pub(super) anchor: usize,
    /// Expanded node count of the frame's content.
    pub(super) size: usize,
    /// List items.
    pub(super) items: Vec<Node<'a>>,
    /// Mapping entries, checked.
    pub(super) entries: Vec<(Node<'a>, Node<'a>)>,
    /// A mapping's key waiting for its value.
    pub(super) key: Option<Node<'a>>,
    /// Key text to entry index, built once a mapping has many keys.
    pub(super) index: Option<HashMap<String, usize>>,
}

impl Frame<'_> {
    /// The span of an earlier key with this text.
    pub(super) fn find(&self, text: &str) -> Option<Span> {
        let i = match &self.index {
            Some(index) => index.get(text).copied(),
            None => self
                .entries
                .iter()
                .position(|(k, _)| k.scalar().is_some_and(|(k, _)| k == text)),
        }?;
        self.entries.get(i).map(|(k, _)| k.span)
    }

    /// Records a new key (indexed once the mapping has many keys, so that
    /// huge mappings stay linear).
    pub(super) fn remember(&mut self, text: &str) {
        let n = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(text.to_string(), n);
        } else if n >= 16 {
            let mut index: HashMap<String, usize> = self
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, (k, _))| k.scalar().map(|(k, _)| (k.to_string(), i)))
                .collect();
            index.insert(text.to_string(), n);
            self.index = Some(index);
        }
    }
}
