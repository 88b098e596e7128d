//! The entry points of a generated crate: one trait per entity container, implemented for
//! `odata::Service`, with a method per entity set and singleton.

mod common;

use common::{generate, one_schema};

/// The text of the item that starts with `header`, to its closing brace.
fn block<'a>(text: &'a str, header: &str) -> &'a str {
    let start = text.find(header).unwrap_or_else(|| panic!("no `{header}` in:\n{text}"));
    let end = text[start..].find("\n}\n").map_or(text.len(), |end| start + end + 3);
    &text[start..end]
}

const SAMPLE: &str = r#"
    <EntityType Name="user"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    <EntityType Name="userFields"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    <EntityType Name="service"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    <EntityContainer Name="service">
      <EntitySet Name="users" EntityType="t.user">
        <Annotation Term="Org.OData.Core.V1.Description" String="Every user of the tenant, see https://example.com/users."/>
      </EntitySet>
      <EntitySet Name="deletedUsers" EntityType="t.user"/>
      <EntitySet Name="type" EntityType="t.user"/>
      <Singleton Name="me" Type="t.user"/>
      <Singleton Name="root" Type="t.service"/>
    </EntityContainer>
    <Annotations Target="t.service/deletedUsers">
      <Annotation Term="Org.OData.Core.V1.Description" String="Users deleted in the last 30 days."/>
    </Annotations>"#;

#[test]
fn every_set_and_singleton_is_a_method_of_the_containers_trait() {
    let generated = generate(&one_schema(SAMPLE));
    let module = generated.file("src/test/ns.rs").or_else(|| generated.file("src/test/ns/mod.rs")).unwrap();
    // `Service` is a type of the module: the trait takes the next free name.
    let entry_points = block(module, "pub trait Service2: AsRef<odata::Service> {");
    let expected = [
        "    /// Every user of the tenant, see <https://example.com/users>.\n    ///\n    /// The entity set `/users`, of `test.ns.user`.\n    fn users(&self) -> odata::CollectionPath<User> {\n        self.as_ref().collection_at(\"/users\")\n    }\n",
        "    /// Users deleted in the last 30 days.\n    ///\n    /// The entity set `/deletedUsers`, of `test.ns.user`.\n    fn deleted_users(&self) -> odata::CollectionPath<User> {\n        self.as_ref().collection_at(\"/deletedUsers\")\n    }\n",
        "    fn r#type(&self) -> odata::CollectionPath<User> {\n        self.as_ref().collection_at(\"/type\")\n    }\n",
        "    /// The singleton `/me`, of `test.ns.user`.\n    fn me(&self) -> odata::EntityPath<User> {\n        self.as_ref().entity_at(\"/me\")\n    }\n",
        // `root` is a method of `Service`, which would shadow the trait's.
        "    fn root_(&self) -> odata::EntityPath<Service> {\n        self.as_ref().entity_at(\"/root\")\n    }\n",
    ];
    for method in expected {
        assert!(entry_points.contains(method), "{method}\nnot in:\n{entry_points}");
    }
    assert_eq!(entry_points.matches("    fn ").count(), 5, "{entry_points}");
    assert!(module.contains("\nimpl Service2 for odata::Service {}\n"), "{module}");
    // A type with a set of its own keeps the derive's `collection` attribute: its first set.
    assert!(module.contains("#[odata(type = \"test.ns.user\", collection = \"/deletedUsers\")]"), "{module}");
}

#[test]
fn a_document_without_a_container_or_sets_has_no_entry_points() {
    let types = r#"<EntityType Name="user"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>"#;
    let generated = generate(&one_schema(types));
    assert!(generated.files().all(|(_, text)| !text.contains("pub trait")));
    let empty = generate(&one_schema(&format!("{types}<EntityContainer Name=\"c\"/>")));
    assert!(empty.files().all(|(_, text)| !text.contains("pub trait")));
}
