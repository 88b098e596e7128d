use odata::ODataResource;
use serde_json::{Map, Value};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(additional)]
    pub rest: Map<String, Value>,
    #[odata(additional)]
    pub more: Map<String, Value>,
    #[odata(annotations)]
    pub annotations: odata::Annotations,
    #[odata(annotations, additional)]
    pub both: odata::Annotations,
}

fn main() {}
