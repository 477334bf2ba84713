//! The tree builder: parser events in, nodes out, budgets enforced.

use super::frame::Frame;
use super::{Kind, Node, Parsed};
use crate::filing::Limits;
use crate::filing::syntax::{path_string, scan_error};
use crate::messages::{has_key, t};
use crate::values::{Diagnostic, FileId, Span};
use serde_saphyr::granit_parser::{
    Event, Options, Parser, ScalarStyle, Span as PSpan, StructureStyle, Tag,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

struct Builder<'a, 'l> {
    text: &'a str,
    base: usize,
    file: FileId,
    limits: &'l Limits,
    stack: Vec<Frame<'a>>,
    anchors: HashMap<usize, (Rc<Node<'a>>, usize)>,
    nodes: usize,
    line_starts: Option<Vec<usize>>,
    root: Option<Node<'a>>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads `text` (the file's text after any BOM, which starts at byte `base`
/// of the registered file) into a tree.
pub(crate) fn parse<'a>(text: &'a str, base: usize, file: FileId, limits: &Limits) -> Parsed<'a> {
    let mut options = Options::default();
    options.emit_comments = false;
    // The parser's own limits stay above ours (its scanner reads up to
    // `simple_key_max_lookahead` characters ahead of the events), so the
    // depth error comes from our check, at the first level too deep.
    let slack = Options::default()
        .simple_key_max_lookahead
        .saturating_add(2);
    options.block_nesting_limit = limits.max_depth.saturating_add(slack);
    options.flow_nesting_limit = limits.max_depth.saturating_add(slack);
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut b = Builder {
        text,
        base,
        file,
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        line_starts: None,
        root: None,
        diagnostics: Vec::new(),
    };
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let d = scan_error(&e, text, base, file, limits.max_depth);
                return b.fatal(d);
            }
        };
        let step = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    let d = b.error(
                        "filing.multiple_documents",
                        t("filing.multiple_documents", &[]),
                        &span,
                    );
                    b.diagnostics.push(d);
                    break;
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                b.scalar(text, style, anchor, tag.as_deref(), &span)
            }
            Event::SequenceStart(style, anchor, tag) => {
                b.open(false, style, anchor, tag.as_deref(), &span)
            }
            Event::MappingStart(style, anchor, tag) => {
                b.open(true, style, anchor, tag.as_deref(), &span)
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(&span),
            Event::Alias(id) => b.alias(id, &span),
            _ => Ok(()),
        };
        if let Err(d) = step {
            return b.fatal(*d);
        }
    }
    if b.root.is_none() {
        let d = Diagnostic::error(
            "filing.empty",
            t("filing.empty", &[]),
            Some(Span::new(file, base, base)),
        )
        .with_help(t("filing.empty.help", &[]));
        b.diagnostics.push(d);
    }
    Parsed {
        root: b.root,
        diagnostics: b.diagnostics,
    }
}

fn range(span: &PSpan) -> (usize, usize) {
    span.byte_range().map_or((0, 0), |r| (r.start, r.end))
}

impl<'a> Builder<'a, '_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.base + start, self.base + end)
    }

    fn fatal(mut self, d: Diagnostic) -> Parsed<'a> {
        self.diagnostics.push(d);
        Parsed {
            root: None,
            diagnostics: self.diagnostics,
        }
    }

    /// The field path of the node being read now (`enterprises[0].notes`).
    fn path(&self, frames: usize) -> String {
        let segs = self.stack[..frames].iter().map(|f| {
            if f.map {
                Err(f
                    .key
                    .as_ref()
                    .and_then(Node::scalar)
                    .map_or("?", |(k, _)| k))
            } else {
                Ok(f.items.len())
            }
        });
        path_string(segs)
    }

    /// Error `code` at `span`, with the catalogue's `{code}.help` if any.
    fn error(&self, code: &'static str, message: String, span: &PSpan) -> Diagnostic {
        let (s, e) = range(span);
        let mut d = Diagnostic::error(code, message, Some(self.span(s, e)));
        let help = format!("{code}.help");
        if has_key(&help) {
            d = d.with_help(t(&help, &[]));
        }
        let path = self.path(self.stack.len());
        if path.is_empty() {
            d
        } else {
            d.with_field(path)
        }
    }

    fn count(&mut self, n: usize, span: &PSpan, alias: bool) -> Result<(), Box<Diagnostic>> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes <= self.limits.max_nodes {
            return Ok(());
        }
        let max = self.limits.max_nodes;
        let code = if alias {
            "filing.alias_budget"
        } else {
            "filing.too_many_nodes"
        };
        Err(Box::new(self.error(code, t(code, &[("max", &max)]), span)))
    }

    fn check_tag(&mut self, tag: Option<&Tag>, expected: &str, span: &PSpan) -> bool {
        let Some(tag) = tag else { return false };
        if tag.is_yaml_core_schema_tag(expected) {
            return true;
        }
        let d = self.error(
            "filing.tag",
            t("filing.tag", &[("tag", &tag.original())]),
            span,
        );
        self.diagnostics.push(d);
        false
    }

    fn scalar(
        &mut self,
        text: Cow<'a, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: &PSpan,
    ) -> Result<(), Box<Diagnostic>> {
        self.count(1, span, false)?;
        let string_tag = self.check_tag(tag, "str", span);
        let (s, e) = range(span);
        let node = Node {
            span: self.span(s, e),
            kind: Kind::Scalar {
                text,
                plain: style == ScalarStyle::Plain && !string_tag,
            },
        };
        self.finish(node, anchor, 1);
        Ok(())
    }

    fn open(
        &mut self,
        map: bool,
        style: StructureStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: &PSpan,
    ) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= self.limits.max_depth {
            let max = self.limits.max_depth;
            let d = self.error(
                "filing.too_deep",
                t("filing.too_deep", &[("max", &max)]),
                span,
            );
            return Err(Box::new(d));
        }
        self.count(1, span, false)?;
        self.check_tag(tag, if map { "map" } else { "seq" }, span);
        let (s, e) = range(span);
        self.stack.push(Frame {
            map,
            flow: style == StructureStyle::Flow,
            start: s,
            end: e,
            anchor,
            size: 1,
            items: Vec::new(),
            entries: Vec::new(),
            key: None,
            index: None,
        });
        Ok(())
    }

    fn close(&mut self, span: &PSpan) -> Result<(), Box<Diagnostic>> {
        let Some(f) = self.stack.pop() else {
            return Ok(());
        };
        let end = if f.flow { range(span).1 } else { f.end };
        let kind = if f.map {
            Kind::Map(f.entries)
        } else {
            Kind::Seq(f.items)
        };
        let node = Node {
            span: self.span(f.start, end.max(f.start)),
            kind,
        };
        self.finish(node, f.anchor, f.size);
        Ok(())
    }

    fn alias(&mut self, id: usize, span: &PSpan) -> Result<(), Box<Diagnostic>> {
        let Some((target, size)) = self.anchors.get(&id).map(|(n, s)| (Rc::clone(n), *s)) else {
            return Err(Box::new(self.error(
                "filing.alias_unknown",
                t("filing.alias_unknown", &[]),
                span,
            )));
        };
        self.count(size, span, true)?;
        let (s, e) = range(span);
        let node = Node {
            span: self.span(s, e),
            kind: Kind::Shared(target),
        };
        self.finish(node, 0, size);
        Ok(())
    }

    /// Places a finished node in its parent (or as the root).
    fn finish(&mut self, node: Node<'a>, anchor: usize, size: usize) {
        let node = if anchor == 0 {
            node
        } else {
            let span = node.span;
            let shared = Rc::new(node);
            self.anchors.insert(anchor, (Rc::clone(&shared), size));
            Node {
                span,
                kind: Kind::Shared(shared),
            }
        };
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        frame.size = frame.size.saturating_add(size);
        frame.end = frame.end.max(node.span.end as usize - self.base);
        if !frame.map {
            frame.items.push(node);
            return;
        }
        match frame.key.take() {
            None => frame.key = Some(node),
            Some(key) => {
                if let Err(d) = self.check_key(&key) {
                    self.diagnostics.push(*d);
                } else if let Some(frame) = self.stack.last_mut() {
                    frame.entries.push((key, node));
                }
            }
        }
    }

    /// Refuses merge keys, non-text keys and duplicate keys of the last frame.
    fn check_key(&mut self, key: &Node<'a>) -> Result<(), Box<Diagnostic>> {
        let frames = self.stack.len().saturating_sub(1);
        let err = |b: &Self, code: &'static str, message: String| {
            let d = Diagnostic::error(code, message, Some(key.span))
                .with_help(t(&format!("{code}.help"), &[]));
            let path = b.path(frames);
            if path.is_empty() {
                d
            } else {
                d.with_field(path)
            }
        };
        let Some((text, plain)) = key.scalar() else {
            let d = err(self, "filing.complex_key", t("filing.complex_key", &[]));
            return Err(Box::new(d));
        };
        if plain && text == "<<" {
            return Err(Box::new(err(
                self,
                "filing.merge_key",
                t("filing.merge_key", &[]),
            )));
        }
        if let Some(first) = self.stack.last().and_then(|f| f.find(text)) {
            let line = self.line_of(first.start as usize);
            let d = err(
                self,
                "filing.duplicate_key",
                t("filing.duplicate_key", &[("key", &text), ("line", &line)]),
            );
            return Err(Box::new(
                d.with_related(first, t("filing.duplicate_key.first", &[])),
            ));
        }
        if let Some(frame) = self.stack.last_mut() {
            frame.remember(text);
        }
        Ok(())
    }

    /// 1-based line of a byte offset of the registered file.
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&s| s <= offset.saturating_sub(self.base))
    }
}
