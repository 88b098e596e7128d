use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups", patch = false)]
pub struct Group {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

fn main() {
    // Opted out: there is no `GroupPatch`, and a `Group` is no `Patchable`.
    let _ = GroupPatch::default();
    fn diff<T: odata::Patchable>() {}
    diff::<Group>();
}
