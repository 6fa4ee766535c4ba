//! YAML read into a tree of nodes that each keep their position, for readers that walk the
//! document themselves: the target-document reader, the configuration and suppressions.
//!
//! Two ways to the same tree: ordinary documents (no anchors, aliases, tags, merge keys,
//! duplicate or complex keys; one document; within the depth and node budgets) are built
//! straight from the YAML parser's events (granit-parser, the parser serde-saphyr runs on);
//! anything else, and every document the parser rejects, goes through serde-saphyr with the
//! budgets of [`crate::limits`], which gives the same tree or the error with its position.
//! `tests/yamltree.rs` checks that both give the same tree on every YAML file of the tests.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// Where a node stands: 1-based line and column, and its byte range where known (as
/// serde-saphyr's `Location` gives them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    line: u64,
    column: u64,
    bytes: Option<(u64, u64)>,
}

/// The byte range of a [`Loc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSpan(Option<(u64, u64)>);

impl ByteSpan {
    pub fn byte_offset(&self) -> Option<u64> {
        self.0.map(|(o, _)| o)
    }
    pub fn byte_len(&self) -> Option<u64> {
        self.0.map(|(_, l)| l)
    }
}

impl Loc {
    pub fn line(&self) -> u64 {
        self.line
    }
    pub fn column(&self) -> u64 {
        self.column
    }
    pub fn span(&self) -> ByteSpan {
        ByteSpan(self.bytes)
    }
    fn of_saphyr(l: &serde_saphyr::Location) -> Loc {
        let s = l.span();
        Loc {
            line: l.line(),
            column: l.column(),
            bytes: s.byte_offset().zip(s.byte_len()),
        }
    }
    fn of_event(span: &granit_parser::Span) -> Loc {
        let (start, end) = (&span.start, &span.end);
        Loc {
            line: start.line() as u64,
            column: start.col() as u64 + 1,
            bytes: match (start.byte_offset(), end.byte_offset()) {
                (Some(a), Some(b))
                    if a <= u32::MAX as usize && b.saturating_sub(a) <= u32::MAX as usize =>
                {
                    Some((a as u64, b.saturating_sub(a) as u64))
                }
                _ => None,
            },
        }
    }
}

/// A node with its position.
#[derive(Debug, PartialEq)]
pub struct SNode {
    pub value: Node,
    pub referenced: Loc,
}

/// A YAML node as written.
#[derive(Debug, PartialEq)]
pub enum Node {
    Null,
    Text(String),
    /// A number or boolean: its text is taken from the source, exactly as written.
    Other,
    Seq(Vec<SNode>),
    Map(Vec<(SNode, SNode)>),
}

/// The tree as serde-saphyr reads it.
type Saphyr = serde_saphyr::Spanned<SaphyrNode>;

/// [`Node`] as serde-saphyr deserialises it, turned into a [`SNode`] tree afterwards.
struct SaphyrNode(Node0);

enum Node0 {
    Null,
    Text(String),
    Other,
    Seq(Vec<Saphyr>),
    Map(Vec<(Saphyr, Saphyr)>),
}

fn from_saphyr(n: Saphyr) -> SNode {
    SNode {
        referenced: Loc::of_saphyr(&n.referenced),
        value: match n.value.0 {
            Node0::Null => Node::Null,
            Node0::Text(t) => Node::Text(t),
            Node0::Other => Node::Other,
            Node0::Seq(v) => Node::Seq(v.into_iter().map(from_saphyr).collect()),
            Node0::Map(v) => Node::Map(
                v.into_iter()
                    .map(|(k, v)| (from_saphyr(k), from_saphyr(v)))
                    .collect(),
            ),
        },
    }
}

impl<'de> Deserialize<'de> for SaphyrNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use Node0 as Node;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node0;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("YAML 值")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Node, D2::Error> {
                SaphyrNode::deserialize(d).map(|n| n.0)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(item) = seq.next_element::<Saphyr>()? {
                    v.push(item);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = map.next_entry::<Saphyr, Saphyr>()? {
                    v.push(entry);
                }
                Ok(Node::Map(v))
            }
        }
        d.deserialize_any(V).map(SaphyrNode)
    }
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "空值",
            Node::Text(_) => "文字",
            Node::Other => "数字",
            Node::Seq(_) => "列表",
            Node::Map(_) => "映射（键: 值）",
        }
    }
}

/// Parse text into a tree, within the YAML budgets of [`crate::limits`].
pub fn parse(text: &str) -> Result<SNode, serde_saphyr::Error> {
    match parse_events(text) {
        Some(tree) => Ok(tree),
        None => parse_saphyr(text),
    }
}

/// The tree through serde-saphyr (every document, errors with their positions).
#[doc(hidden)]
pub fn parse_saphyr(text: &str) -> Result<SNode, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<Saphyr>(text, crate::limits::yaml_options())
        .map(from_saphyr)
}

/// The tree straight from the parser's events, or `None` when the document is not an
/// ordinary one (see the module documentation) or the parser rejects it.
#[doc(hidden)]
pub fn parse_events(text: &str) -> Option<SNode> {
    use granit_parser::{Event, ScalarStyle};
    /// An open collection: where it stands and where its children start in the shared lists
    /// below (each collection's children are moved into a vector of their exact number when
    /// it ends, instead of each growing its own).
    enum Open {
        Seq(Loc, usize),
        /// With the key read and waiting for its value.
        Map(Loc, usize, Option<SNode>),
    }
    let mut stack: Vec<Open> = Vec::new();
    // The children of the open sequences, and the entries of the open mappings, innermost last.
    let mut items: Vec<SNode> = Vec::new();
    let mut entries: Vec<(SNode, SNode)> = Vec::new();
    let mut root: Option<SNode> = None;
    let mut documents = 0;
    let (mut nodes, mut events, mut scalar_bytes) = (0usize, 0usize, 0usize);
    // Place a finished node in its parent; false when the document is not ordinary.
    let place = |stack: &mut [Open],
                 items: &mut Vec<SNode>,
                 entries: &mut Vec<(SNode, SNode)>,
                 root: &mut Option<SNode>,
                 node: SNode|
     -> bool {
        // The text of a key that is a number: plain decimal digits only, so that two keys are
        // the same number exactly when they are the same text.
        let digits = |n: &SNode| {
            let t = n.referenced.span();
            let (o, l) = (t.byte_offset()? as usize, t.byte_len()? as usize);
            let k = text.get(o..o + l)?;
            (!k.is_empty()
                && k.bytes().all(|b| b.is_ascii_digit())
                && (k == "0" || !k.starts_with('0')))
            .then_some(k)
        };
        match stack.last_mut() {
            None => {
                if root.is_some() {
                    return false;
                }
                *root = Some(node);
            }
            Some(Open::Seq(..)) => items.push(node),
            Some(Open::Map(_, start, key)) => match key.take() {
                None => {
                    // Only text keys and whole-number keys, none of them a merge key or
                    // written twice; a mapping of many keys is left to serde-saphyr (its
                    // duplicate test is hashed, this one compares every pair).
                    let mine = &entries[*start..];
                    if mine.len() >= 256 {
                        return false;
                    }
                    let ok = match &node.value {
                        Node::Text(k) => {
                            k != "<<"
                                && k.len() <= 1024
                                && !mine
                                    .iter()
                                    .any(|(e, _)| matches!(&e.value, Node::Text(t) if t == k))
                        }
                        Node::Other => digits(&node).is_some_and(|k| {
                            !mine.iter().any(|(e, _)| {
                                matches!(e.value, Node::Other) && digits(e) == Some(k)
                            })
                        }),
                        _ => false,
                    };
                    if !ok {
                        return false;
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
        true
    };
    let mut parser = granit_parser::Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let Ok((ev, span)) = next else {
            return None;
        };
        events += 1;
        if events > crate::limits::YAML_MAX_EVENTS {
            return None;
        }
        match ev {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                // serde-saphyr's budget of scalar text (64 MiB by default; escapes such as \L
                // can make it longer than the source).
                scalar_bytes += value.len();
                if anchor != 0 || tag.is_some() || scalar_bytes > 64 << 20 {
                    return None;
                }
                nodes += 1;
                let plain = matches!(style, ScalarStyle::Plain);
                let node = if !plain {
                    Node::Text(value.into_owned())
                } else if matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
                    Node::Null
                } else {
                    plain_kind(value)?
                };
                let node = SNode {
                    value: node,
                    referenced: Loc::of_event(&span),
                };
                if !place(&mut stack, &mut items, &mut entries, &mut root, node) {
                    return None;
                }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= crate::limits::YAML_MAX_DEPTH {
                    return None;
                }
                nodes += 1;
                let loc = Loc::of_event(&span);
                stack.push(match ev {
                    Event::SequenceStart(..) => Open::Seq(loc, items.len()),
                    _ => Open::Map(loc, entries.len(), None),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop()? {
                    Open::Seq(loc, start) => SNode {
                        value: Node::Seq(items.split_off(start)),
                        referenced: loc,
                    },
                    Open::Map(loc, start, None) => SNode {
                        value: Node::Map(entries.split_off(start)),
                        referenced: loc,
                    },
                    Open::Map(_, _, Some(_)) => return None,
                };
                if !place(&mut stack, &mut items, &mut entries, &mut root, node) {
                    return None;
                }
            }
            _ => return None,
        }
        if nodes > crate::limits::YAML_MAX_NODES {
            return None;
        }
    }
    if !stack.is_empty() || documents != 1 {
        return None;
    }
    root
}

/// How serde-saphyr reads a plain scalar: as text, as a number (or boolean), or `None` when
/// this cheap test cannot be sure (the document then goes through serde-saphyr). Only ASCII
/// words can be numbers, booleans or special floats.
fn plain_kind(value: std::borrow::Cow<'_, str>) -> Option<Node> {
    let v: &str = &value;
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_' | ':');
    // A sign inside a word (not in an exponent) makes no number: "101-0201-MZJ-0001".
    let inner_sign = v
        .char_indices()
        .skip(1)
        .any(|(i, c)| matches!(c, '+' | '-') && !v[..i].ends_with(['e', 'E']));
    if !v.chars().all(word) || inner_sign {
        return Some(Node::Text(value.into_owned()));
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let int = |t: &str| digits(t) && (t == "0" || !t.starts_with('0'));
    let unsigned = v.strip_prefix('-').unwrap_or(v);
    let number = match unsigned.split_once('.') {
        None => int(unsigned),
        Some((i, f)) => int(i) && digits(f),
    };
    if number {
        return Some(Node::Other);
    }
    // A word that starts with a letter is a number or boolean only if it is one of these
    // (in any case; compared without lowercasing a copy: most keys are such words).
    const SPECIAL: [&str; 12] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity",
    ];
    let first = v.chars().next()?;
    let special = || SPECIAL.iter().any(|s| v.eq_ignore_ascii_case(s));
    (first.is_ascii_alphabetic() && !special()).then(|| Node::Text(value.into_owned()))
}

/// 1-based line and column of a node.
pub fn line_col(n: &SNode) -> (Option<usize>, Option<usize>) {
    let loc = &n.referenced;
    (
        Some(loc.line() as usize).filter(|&l| l > 0),
        Some(loc.column() as usize).filter(|&c| c > 0),
    )
}
