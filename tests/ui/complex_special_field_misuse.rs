use odata::{Annotations, ODataComplex};
use std::collections::BTreeMap;

// `key` and `read_only` mark properties of entity types; the `additional` and
// `annotations` fields of a complex type take neither.
#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
    #[odata(additional, key)]
    pub rest: BTreeMap<String, serde_json::Value>,
    #[odata(annotations, read_only)]
    pub annotations: Annotations,
}

fn main() {}
