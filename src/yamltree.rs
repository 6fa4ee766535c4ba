//! YAML read into a tree of nodes that each keep their position (serde-saphyr `Spanned`), for
//! readers that walk the document themselves: the target-document reader and the configuration.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_saphyr::Spanned;

/// A YAML node as written.
#[derive(Debug)]
pub enum Node {
    Null,
    Text(String),
    /// A number or boolean: its text is taken from the source, exactly as written.
    Other,
    Seq(Vec<SNode>),
    Map(Vec<(SNode, SNode)>),
}

pub type SNode = Spanned<Node>;

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
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
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(item) = seq.next_element::<SNode>()? {
                    v.push(item);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = map.next_entry::<SNode, SNode>()? {
                    v.push(entry);
                }
                Ok(Node::Map(v))
            }
        }
        d.deserialize_any(V)
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
    serde_saphyr::from_str_with_options(text, crate::limits::yaml_options())
}

/// 1-based line and column of a node.
pub fn line_col(n: &SNode) -> (Option<usize>, Option<usize>) {
    let loc = &n.referenced;
    (
        Some(loc.line() as usize).filter(|&l| l > 0),
        Some(loc.column() as usize).filter(|&c| c > 0),
    )
}
