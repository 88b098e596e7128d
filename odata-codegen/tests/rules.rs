//! One small CSDL document per generation rule, checked on the emitted text of the items the
//! rule concerns.

mod common;

use common::{document, file, generate, generate_with, item, one_schema, schema};
use odata_codegen::{Config, ReadOnlyConvention};

const NS_FILE: &str = "src/test/ns.rs";

fn ns_file(generated: &odata_codegen::GeneratedCrate) -> String {
    generated
        .file(NS_FILE)
        .or_else(|| generated.file("src/test/ns/mod.rs"))
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let files: Vec<&str> = generated.files().map(|(path, _)| path).collect();
            panic!("no module file for test.ns among {files:?}")
        })
}

#[test]
fn aliases_resolve_across_schemas() {
    let xml = document(&[
        schema(
            "test.ns",
            Some("t"),
            r#"<ComplexType Name="place"><Property Name="city" Type="Edm.String"/></ComplexType>"#,
        ),
        schema(
            "other.ns.sub",
            Some("self"),
            r#"<ComplexType Name="visit">
                 <Property Name="where" Type="t.place"/>
                 <Property Name="next" Type="Collection(self.stop)"/>
               </ComplexType>
               <ComplexType Name="stop"><Property Name="at" Type="test.ns.place"/></ComplexType>"#,
        ),
    ]);
    let generated = generate(&xml);
    let sub = file(&generated, "src/other/ns/sub.rs");
    let visit = item(sub, "pub struct Visit {");
    assert!(visit.contains("    pub r#where: Option<super::super::super::test::ns::Place>,"), "{visit}");
    assert!(visit.contains("    pub next: Option<Vec<Stop>>,"), "{visit}");
    let stop = item(sub, "pub struct Stop {");
    assert!(stop.contains("    pub at: Option<super::super::super::test::ns::Place>,"), "{stop}");
}

#[test]
fn keywords_are_raw_and_reserved_names_are_suffixed_with_a_rename() {
    let xml = one_schema(
        r#"<EntityType Name="thing">
             <Key><PropertyRef Name="id"/></Key>
             <Property Name="id" Type="Edm.String" Nullable="false"/>
             <Property Name="type" Type="Edm.String"/>
             <Property Name="self" Type="Edm.String"/>
             <Property Name="crate" Type="Edm.String"/>
             <Property Name="base" Type="Edm.String"/>
             <Property Name="undeclared" Type="Edm.String"/>
             <Property Name="annotations" Type="Edm.String"/>
             <Property Name="ifMatch" Type="Edm.String"/>
           </EntityType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let thing = item(&text, "pub struct Thing {");
    for expected in [
        "    pub r#type: Option<String>,",
        "    #[odata(rename = \"self\")]\n    pub self_: Option<String>,",
        "    #[odata(rename = \"crate\")]\n    pub crate_: Option<String>,",
        "    #[odata(rename = \"base\")]\n    pub base_: Option<String>,",
        "    #[odata(rename = \"undeclared\")]\n    pub undeclared_: Option<String>,",
        "    #[odata(rename = \"annotations\")]\n    pub annotations_: Option<String>,",
        "    #[odata(rename = \"ifMatch\")]\n    pub if_match_: Option<String>,",
        "    #[odata(additional)]\n    pub undeclared: odata::json::Object,",
        "    #[odata(annotations)]\n    pub annotations: odata::Annotations,",
    ] {
        assert!(thing.contains(expected), "missing {expected:?} in\n{thing}");
    }
    assert!(!thing.contains("rename = \"type\""), "{thing}");
}

#[test]
fn rename_only_where_the_camel_case_rule_fails() {
    let xml = one_schema(
        r#"<ComplexType Name="device">
             <Property Name="displayName" Type="Edm.String"/>
             <Property Name="iOSVersion" Type="Edm.String"/>
             <Property Name="alerts_v2" Type="Edm.String"/>
             <Property Name="request-id" Type="Edm.String"/>
             <Property Name="office365Groups" Type="Edm.Int32"/>
           </ComplexType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let device = item(&text, "pub struct Device {");
    assert!(device.contains("\n    pub display_name: Option<String>,"), "{device}");
    assert!(!device.contains("rename = \"displayName\""), "{device}");
    assert!(
        device.contains("    #[odata(rename = \"iOSVersion\")]\n    pub i_os_version: Option<String>,"),
        "{device}"
    );
    assert!(
        device.contains("    #[odata(rename = \"alerts_v2\")]\n    pub alerts_v2: Option<String>,"),
        "{device}"
    );
    assert!(
        device.contains("    #[odata(rename = \"request-id\")]\n    pub request_id: Option<String>,"),
        "{device}"
    );
    assert!(device.contains("\n    pub office365_groups: Option<i32>,"), "{device}");
    // A complex type is never marked read-only, and has no key.
    assert!(!device.contains("read_only") && !device.contains("key"), "{device}");
}

#[test]
fn colliding_enum_members_get_distinct_names_and_other_is_always_there() {
    let xml = one_schema(
        r#"<EnumType Name="threatCategory">
             <Member Name="remoteControlSoftware" Value="0"/>
             <Member Name="remote_Control_Software" Value="1"/>
             <Member Name="other" Value="2"/>
             <Member Name="unknownFutureValue" Value="3"/>
             <Member Name="lateAddition" Value="4"/>
           </EnumType>
           <EnumType Name="nothing"/>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let threat = item(&text, "pub enum ThreatCategory {");
    assert!(threat.contains("#[derive(Debug, Clone, PartialEq, Eq, Hash, odata::ODataEnum)]\n#[odata(type = \"test.ns.threatCategory\")]"), "{threat}");
    assert!(threat.contains("\n    RemoteControlSoftware,\n"), "{threat}");
    assert!(
        threat.contains("    #[odata(rename = \"remote_Control_Software\")]\n    RemoteControlSoftware1,"),
        "{threat}"
    );
    assert!(threat.contains("    #[odata(rename = \"other\")]\n    Other1,"), "{threat}");
    assert!(threat.contains("    #[odata(other)]\n    Other(String),"), "{threat}");
    assert!(threat.contains("Evolvable"), "members after unknownFutureValue are documented: {threat}");
    let nothing = item(&text, "pub enum Nothing {");
    assert!(nothing.contains("    #[odata(other)]\n    Other(String),\n}"), "{nothing}");
    assert!(!nothing.contains("Evolvable"), "{nothing}");
}

#[test]
fn by_value_cycles_are_boxed_and_nothing_else() {
    let xml = one_schema(
        r#"<ComplexType Name="error"><Property Name="innerError" Type="t.error"/><Property Name="details" Type="Collection(t.error)"/></ComplexType>
           <ComplexType Name="left"><Property Name="right" Type="t.right"/></ComplexType>
           <ComplexType Name="right"><Property Name="left" Type="t.left"/></ComplexType>
           <ComplexType Name="holder"><Property Name="left" Type="t.left"/></ComplexType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let error = item(&text, "pub struct Error {");
    assert!(error.contains("    pub inner_error: Option<Box<Error>>,"), "{error}");
    assert!(error.contains("    pub details: Option<Vec<Error>>,"), "a Vec needs no box: {error}");
    assert!(item(&text, "pub struct Left {").contains("    pub right: Option<Box<Right>>,"));
    assert!(item(&text, "pub struct Right {").contains("    pub left: Option<Box<Left>>,"));
    let holder = item(&text, "pub struct Holder {");
    assert!(holder.contains("    pub left: Option<Left>,"), "outside the cycle, no box: {holder}");
}

const ANIMALS: &str = r#"
    <EntityType Name="animal" Abstract="true">
      <Key><PropertyRef Name="id"/></Key>
      <Property Name="id" Type="Edm.String" Nullable="false"/>
    </EntityType>
    <EntityType Name="dog" BaseType="t.animal">
      <Property Name="name" Type="Edm.String"/>
      <Property Name="breed" Type="Edm.String"/>
      <Property Name="age" Type="Edm.Int32"/>
    </EntityType>
    <EntityType Name="puppy" BaseType="t.dog"/>
    <EntityType Name="cat" BaseType="t.animal"/>
    <EntityType Name="owner">
      <Key><PropertyRef Name="id"/></Key>
      <Property Name="id" Type="Edm.String" Nullable="false"/>
      <NavigationProperty Name="pet" Type="t.animal"/>
      <NavigationProperty Name="dogs" Type="Collection(t.dog)" ContainsTarget="true"/>
    </EntityType>
    <EntityContainer Name="zoo">
      <EntitySet Name="animals" EntityType="t.animal"/>
      <Singleton Name="me" Type="t.owner"/>
    </EntityContainer>"#;

#[test]
fn hierarchies_get_an_any_enum_without_the_abstract_base() {
    let generated = generate(&one_schema(ANIMALS));
    let text = ns_file(&generated);
    let any = item(&text, "pub enum AnyAnimal {");
    let expected = "#[derive(Debug, Clone, PartialEq, odata::ODataResource)]\n\
                    #[odata(type = \"test.ns.animal\", collection = \"/animals\")]\n\
                    pub enum AnyAnimal {\n    \
                    Cat(Cat),\n    \
                    Dog(Box<Dog>),\n    \
                    Puppy(Box<Puppy>),\n    \
                    #[odata(other)]\n    \
                    Other(odata::RawObject),\n}";
    assert!(any.ends_with(expected), "{any}");
    assert!(!any.contains("Animal(Animal)"), "an abstract type has no variant: {any}");
    let any_dog = item(&text, "pub enum AnyDog {");
    assert!(any_dog.contains("#[odata(type = \"test.ns.dog\", collection = \"/animals\")]"), "{any_dog}");
    assert!(any_dog.contains("    Dog(Box<Dog>),\n    Puppy(Box<Puppy>),"), "{any_dog}");

    let animal = item(&text, "pub struct Animal {");
    assert!(animal.contains("#[odata(type = \"test.ns.animal\", collection = \"/animals\")]"), "{animal}");
    assert!(animal.contains("    #[odata(key)]\n    pub id: Option<String>,"), "{animal}");
    assert!(animal.contains("pub undeclared: odata::json::Object,"), "{animal}");
    let dog = item(&text, "pub struct Dog {");
    // The standard derives below the `odata` attribute, apart from `ODataResource`: the derive
    // sees them there and writes the patch's impls of them without `where` clauses.
    assert!(
        dog.contains(
            "#[derive(odata::ODataResource)]\n#[odata(type = \"test.ns.dog\")]\n\
             #[derive(Debug, Clone, PartialEq)]\npub struct Dog {"
        ),
        "a derived type takes its base's collection: {dog}"
    );
    assert!(dog.contains("    #[odata(base)]\n    pub base: Animal,"), "{dog}");
    assert!(
        !dog.contains("key") && !dog.contains("undeclared"),
        "only the root has the key and the maps: {dog}"
    );

    let owner = item(&text, "pub struct Owner {");
    assert!(owner.contains("#[odata(type = \"test.ns.owner\", singleton = \"/me\")]"), "{owner}");
    assert!(owner.contains("    #[odata(navigation)]\n    pub pet: Option<Box<AnyAnimal>>,"), "{owner}");
    assert!(owner.contains("    #[odata(navigation)]\n    pub dogs: Option<Vec<AnyDog>>,"), "{owner}");
}

#[test]
fn complex_hierarchies_hold_the_any_enum_in_properties() {
    let xml = one_schema(
        r#"<ComplexType Name="shape" Abstract="true"/>
           <ComplexType Name="circle" BaseType="t.shape"><Property Name="radius" Type="Edm.Double"/></ComplexType>
           <ComplexType Name="drawing"><Property Name="shapes" Type="Collection(t.shape)"/><Property Name="main" Type="t.shape"/></ComplexType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let any = item(&text, "pub enum AnyShape {");
    assert!(
        any.contains(
            "#[derive(Debug, Clone, PartialEq, odata::ODataComplex)]\n#[odata(type = \"test.ns.shape\")]"
        ),
        "{any}"
    );
    assert!(any.contains("    Circle(Circle),\n    #[odata(other)]\n    Other(odata::RawObject),"), "{any}");
    let drawing = item(&text, "pub struct Drawing {");
    assert!(
        drawing.contains("    pub shapes: Option<Vec<AnyShape>>,\n    pub main: Option<AnyShape>,"),
        "{drawing}"
    );
}

#[test]
fn flags_enums_are_flag_sets_and_edm_types_map() {
    let xml = one_schema(
        r#"<EnumType Name="color" IsFlags="true"><Member Name="red" Value="1"/><Member Name="blue" Value="2"/></EnumType>
           <ComplexType Name="everything">
             <Property Name="colors" Type="t.color"/>
             <Property Name="palettes" Type="Collection(t.color)"/>
             <Property Name="a" Type="Edm.Boolean"/><Property Name="b" Type="Edm.Int64"/>
             <Property Name="c" Type="Edm.Decimal"/><Property Name="d" Type="Edm.Guid"/>
             <Property Name="e" Type="Edm.Date"/><Property Name="f" Type="Edm.TimeOfDay"/>
             <Property Name="g" Type="Edm.Duration"/><Property Name="h" Type="Edm.DateTimeOffset"/>
             <Property Name="i" Type="Edm.Binary"/><Property Name="j" Type="Edm.Untyped"/>
             <Property Name="k" Type="Edm.GeographyPoint"/><Property Name="l" Type="Edm.Byte"/>
             <Property Name="m" Type="Edm.SByte"/><Property Name="n" Type="Edm.Int16"/>
             <Property Name="o" Type="Edm.Single"/><Property Name="p" Type="Edm.Double"/>
             <Property Name="q" Type="Edm.GeometryPolygon"/>
           </ComplexType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let everything = item(&text, "pub struct Everything {");
    let fields: Vec<&str> = everything.lines().filter(|line| line.starts_with("    pub ")).collect();
    assert_eq!(
        fields[..19],
        [
            "    pub colors: Option<odata::Flags<Color>>,",
            "    pub palettes: Option<Vec<odata::Flags<Color>>>,",
            "    pub a: Option<bool>,",
            "    pub b: Option<odata::Int64>,",
            "    pub c: Option<odata::Decimal>,",
            "    pub d: Option<odata::Guid>,",
            "    pub e: Option<odata::Date>,",
            "    pub f: Option<odata::TimeOfDay>,",
            "    pub g: Option<odata::Duration>,",
            "    pub h: Option<odata::DateTimeOffset>,",
            "    pub i: Option<odata::Binary>,",
            "    pub j: Option<odata::json::Value>,",
            "    pub k: Option<odata::Geo>,",
            "    pub l: Option<u8>,",
            "    pub m: Option<i8>,",
            "    pub n: Option<i16>,",
            "    pub o: Option<f32>,",
            "    pub p: Option<f64>,",
            "    pub q: Option<odata::Geo>,",
        ]
    );
    assert!(item(&text, "pub enum Color {").contains("Flags"), "the flags enum says so");
}

#[test]
fn composite_keys_streams_and_keyless_types() {
    let xml = one_schema(
        r#"<EntityType Name="pair">
             <Key><PropertyRef Name="left"/><PropertyRef Name="right"/></Key>
             <Property Name="left" Type="Edm.String" Nullable="false"/>
             <Property Name="right" Type="Edm.Int32" Nullable="false"/>
             <Property Name="content" Type="Edm.Stream"/>
           </EntityType>
           <EntityType Name="root"><Property Name="name" Type="Edm.String"/></EntityType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let pair = item(&text, "pub struct Pair {");
    assert!(pair.contains("    #[odata(key)]\n    pub left: Option<String>,"), "{pair}");
    assert!(pair.contains("    #[odata(key)]\n    pub right: Option<i32>,"), "{pair}");
    assert!(pair.contains("    #[odata(read_only)]\n    pub content: Option<odata::Stream>,"), "{pair}");
    assert!(pair.contains("/// Not nullable in the schema (`Nullable=\"false\"`)."), "{pair}");
    let root = item(&text, "pub struct Root {");
    assert!(!root.contains("key"), "{root}");
}

#[test]
fn resource_paths_prefer_entity_sets_then_names() {
    let xml = one_schema(
        r#"<EntityType Name="user"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
           <EntityContainer Name="c">
             <Singleton Name="me" Type="t.user"/>
             <EntitySet Name="users" EntityType="t.user"/>
             <EntitySet Name="people" EntityType="t.user"/>
           </EntityContainer>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    assert!(item(&text, "pub struct User {")
        .contains("#[odata(type = \"test.ns.user\", collection = \"/people\")]"));
}

const OPERATIONS: &str = r#"
    <EntityType Name="directoryObject"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    <EntityType Name="user" BaseType="t.directoryObject"/>
    <EntityType Name="chart"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    <ComplexType Name="range"/>
    <Function Name="getByIds" IsBound="true">
      <Parameter Name="bindingParameter" Type="Collection(t.directoryObject)"/>
      <Parameter Name="ids" Type="Collection(Edm.String)" Nullable="false"/>
      <Parameter Name="types" Type="Collection(Edm.String)"/>
      <ReturnType Type="Collection(t.directoryObject)"/>
    </Function>
    <Function Name="image" IsBound="true"><Parameter Name="b" Type="t.chart"/><ReturnType Type="Edm.String"/></Function>
    <Function Name="image" IsBound="true"><Parameter Name="b" Type="t.chart"/><Parameter Name="width" Type="Edm.Int32"/><ReturnType Type="Edm.String"/></Function>
    <Function Name="image" IsBound="true"><Parameter Name="b" Type="t.chart"/><Parameter Name="width" Type="Edm.Int32"/><Parameter Name="height" Type="Edm.Int32"/><ReturnType Type="Edm.String"/></Function>
    <Action Name="restore" IsBound="true"><Parameter Name="b" Type="t.directoryObject"/></Action>
    <Action Name="restore" IsBound="true"><Parameter Name="b" Type="Collection(t.directoryObject)"/></Action>
    <Action Name="clear" IsBound="true"><Parameter Name="b" Type="t.range"/><Parameter Name="applyTo" Type="Edm.String"/></Action>
    <Action Name="ping"><Parameter Name="self" Type="Edm.String"/></Action>
    <EntityContainer Name="c"><EntitySet Name="directoryObjects" EntityType="t.directoryObject"/></EntityContainer>"#;

#[test]
fn bound_operations_become_structs_in_the_operations_module() {
    let generated = generate(&one_schema(OPERATIONS));
    let text = file(&generated, "src/test/ns/operations.rs");
    let get_by_ids = item(text, "pub struct DirectoryObjectGetByIds {");
    assert!(
        get_by_ids.contains(
            "#[derive(Debug, Clone, PartialEq, odata::ODataOperation)]\n\
             #[odata(function = \"getByIds\", binding = super::DirectoryObject, collection_bound, returns = Vec<super::AnyDirectoryObject>)]\n\
             pub struct DirectoryObjectGetByIds {"
        ),
        "{get_by_ids}"
    );
    assert!(
        get_by_ids.contains("    pub ids: Option<Vec<String>>,\n    pub types: Option<Vec<String>>,"),
        "{get_by_ids}"
    );
    assert!(get_by_ids.contains("Not nullable in the schema"), "a required parameter says so: {get_by_ids}");

    // Overloads are told apart by their parameters.
    let image = item(text, "pub struct ChartImage;");
    assert!(
        image.contains("#[odata(function = \"image\", binding = super::Chart, returns = String)]"),
        "{image}"
    );
    assert!(item(text, "pub struct ChartImageWithWidth {").contains("    pub width: Option<i32>,\n}"));
    assert!(item(text, "pub struct ChartImageWithWidthHeight {").contains("    pub height: Option<i32>,\n}"));
    // The same name bound to the entity and to the collection.
    let restore = item(text, "pub struct DirectoryObjectRestore;");
    assert!(
        restore.contains("#[odata(action = \"restore\", binding = super::DirectoryObject)]"),
        "{restore}"
    );
    let collection = item(text, "pub struct DirectoryObjectCollectionRestore;");
    assert!(collection.contains("binding = super::DirectoryObject, collection_bound)]"), "{collection}");

    // What cannot be expressed is listed, not generated.
    assert!(
        text.contains(
            "//! - `clear` bound to `test.ns.range`: bound to `test.ns.range`, which is not an entity type."
        ),
        "{text}"
    );
    assert!(text.contains("//! - `ping`: unbound"), "{text}");
    assert!(!text.contains("pub struct RangeClear"), "{text}");
}

#[test]
fn operations_of_other_namespaces_are_qualified() {
    let xml = document(&[
        schema(
            "test.ns",
            Some("t"),
            r#"<EntityType Name="alert"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
            <EntityContainer Name="c"/>"#,
        ),
        schema(
            "test.ns.security",
            Some("self"),
            r#"<Action Name="moveAlerts" IsBound="true"><Parameter Name="b" Type="Collection(t.alert)"/><Parameter Name="alertIds" Type="Collection(Edm.String)"/></Action>"#,
        ),
    ]);
    let generated = generate(&xml);
    let text = file(&generated, "src/test/ns/security/operations.rs");
    let moved = item(text, "pub struct AlertMoveAlerts {");
    assert!(
        moved.contains("#[odata(action = \"test.ns.security.moveAlerts\", binding = super::super::Alert, collection_bound)]"),
        "{moved}"
    );
}

#[test]
fn names_shared_by_namespaces_and_types_named_like_modules_stay_apart() {
    let xml = document(&[
        schema(
            "test.ns",
            Some("t"),
            r#"<EnumType Name="alertSeverity"><Member Name="low" Value="0"/></EnumType>
               <EntityType Name="security"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
               <EntityType Name="item"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
               <EntityType Name="itemPatch"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
               <ComplexType Name="Option"/>"#,
        ),
        schema(
            "test.ns.security",
            None,
            r#"<EnumType Name="alertSeverity"><Member Name="high" Value="0"/></EnumType>"#,
        ),
    ]);
    let generated = generate(&xml);
    let ns = file(&generated, "src/test/ns/mod.rs");
    assert!(ns.contains("\npub mod security;\n"), "{ns}");
    assert!(ns.contains("\npub struct Security {\n"), "{ns}");
    assert!(ns.contains("\npub enum AlertSeverity {\n"), "{ns}");
    // The derive declares `ItemPatch` beside `Item`: the entity `itemPatch` must not take it.
    assert!(ns.contains("\npub struct Item {\n") && ns.contains("\npub struct ItemPatch2 {\n"), "{ns}");
    assert!(!ns.contains("\npub struct ItemPatch {\n"), "{ns}");
    // A type named like a prelude type would shadow it.
    assert!(ns.contains("\npub struct Option2 {\n") && !ns.contains("\npub struct Option {\n"), "{ns}");
    let security = file(&generated, "src/test/ns/security.rs");
    assert!(security.contains("\npub enum AlertSeverity {\n"), "{security}");
}

#[test]
fn annotations_blocks_inline_annotations_and_vocabulary_aliases() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
      <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
        <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
      </edmx:Reference>
      <edmx:DataServices>
        <Schema Namespace="test.ns" Alias="t" xmlns="http://docs.oasis-open.org/odata/ns/edm">
          <EntityType Name="user">
            <Key><PropertyRef Name="id"/></Key>
            <Property Name="id" Type="Edm.String"/>
            <Property Name="created" Type="Edm.DateTimeOffset">
              <Annotation Term="Core.Computed"/>
            </Property>
            <Property Name="owner" Type="Edm.String"/>
            <Property Name="editable" Type="Edm.String"/>
            <Property Name="notes" Type="Edm.String"/>
          </EntityType>
          <Annotations Target="t.user">
            <Annotation Term="Org.OData.Core.V1.Description" String="A person. See https://example.com/users, [docs] and &lt;b&gt;."/>
          </Annotations>
          <Annotations Target="test.ns.user/owner">
            <Annotation Term="Core.Permissions"><EnumMember>Core.Permission/Read</EnumMember></Annotation>
            <Annotation Term="Core.Description"><String>The owner.</String></Annotation>
          </Annotations>
          <Annotations Target="t.user/editable">
            <Annotation Term="Core.Permissions"><EnumMember>Core.Permission/Read Core.Permission/Write</EnumMember></Annotation>
          </Annotations>
          <Annotations Target="t.user/notes">
            <Annotation Term="Core.Description" String="Free text. Read-only."/>
          </Annotations>
          <Annotations Target="test.ns.container/users">
            <Annotation Term="Core.Description" String="Targets the generator does not use are fine."/>
          </Annotations>
        </Schema>
      </edmx:DataServices>
    </edmx:Edmx>"#;
    let generated = generate(xml);
    let text = ns_file(&generated);
    let user = item(&text, "pub struct User {");
    assert!(
        user.starts_with("/// A person. See <https://example.com/users>, \\[docs\\] and \\<b\\>.\n"),
        "{user}"
    );
    assert!(
        user.contains("    #[odata(read_only)]\n    pub created: Option<odata::DateTimeOffset>,"),
        "{user}"
    );
    assert!(
        user.contains("    /// The owner.\n    #[odata(read_only)]\n    pub owner: Option<String>,"),
        "{user}"
    );
    assert!(user.contains("\n    pub editable: Option<String>,"), "Read and Write is not read-only: {user}");
    assert!(!user.contains("#[odata(read_only)]\n    pub editable"), "{user}");
    // The Graph convention reads the description; the metadata convention does not.
    assert!(user.contains("    #[odata(read_only)]\n    pub notes: Option<String>,"), "{user}");
    let strict = generate_with(Config::new().read_only_convention(ReadOnlyConvention::Metadata), xml);
    let strict_text = ns_file(&strict);
    let strict_user = item(&strict_text, "pub struct User {");
    assert!(
        strict_user.contains("    /// Free text. Read-only.\n    pub notes: Option<String>,"),
        "{strict_user}"
    );
    assert!(strict_user.contains("    #[odata(read_only)]\n    pub owner: Option<String>,"), "{strict_user}");
}

#[test]
fn graph_convention_marks_the_entity_key() {
    let xml = document(&[schema(
        "microsoft.graph",
        Some("graph"),
        r#"<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>"#,
    )]);
    let graph = generate(&xml);
    let text = file(&graph, "src/microsoft/graph.rs");
    assert!(item(text, "pub struct Entity {")
        .contains("    #[odata(key, read_only)]\n    pub id: Option<String>,"));
    let metadata = generate_with(Config::new().read_only_convention(ReadOnlyConvention::Metadata), &xml);
    let text = file(&metadata, "src/microsoft/graph.rs");
    assert!(item(text, "pub struct Entity {").contains("    #[odata(key)]\n    pub id: Option<String>,"));
}

#[test]
fn descriptions_never_become_code_blocks() {
    let xml = one_schema(
        r#"<ComplexType Name="note">
             <Annotation Term="Org.OData.Core.V1.Description" String="Intro&#10;&#10;        indented code?&#10;```rust&#10;fn main() {}&#10;```"/>
           </ComplexType>"#,
    );
    let generated = generate(&xml);
    let text = ns_file(&generated);
    let note = item(&text, "pub struct Note {");
    assert!(
        note.starts_with(
            "/// Intro\n///\n/// indented code?\n/// \\`\\`\\`rust\n/// fn main() {}\n/// \\`\\`\\`\n"
        ),
        "{note}"
    );
}

#[test]
fn the_crate_depends_on_odata_only() {
    let xml = one_schema(r#"<ComplexType Name="note"/>"#);
    let by_version = generate(&xml);
    let manifest = file(&by_version, "Cargo.toml");
    assert!(manifest.contains("\n[dependencies]\nodata = \"0.1.0\"\n"), "{manifest}");
    assert!(manifest.contains("name = \"test-ns\""), "{manifest}");
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let by_path = generate_with(Config::new().odata_path("/opt/odata").crate_name("notes"), &xml);
    let manifest = file(&by_path, "Cargo.toml");
    assert!(manifest.contains("\n[dependencies]\nodata = { path = \"/opt/odata\" }\n"), "{manifest}");
    assert!(manifest.contains("name = \"notes\""), "{manifest}");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    assert_eq!(dependencies.lines().filter(|line| line.contains('=')).count(), 1, "{manifest}");
    // Two features: odata's own (the crate's types in a CSDL document), and serde_json's code
    // for every type compiled in the crate.
    assert!(manifest.contains("\n[features]\n"), "{manifest}");
    assert!(manifest.contains("\ncsdl = [\"odata/csdl\"]\n"), "{manifest}");
    assert!(manifest.contains("\nprecompiled-json = []\n"), "{manifest}");
    let lib = file(&by_path, "src/lib.rs");
    assert!(lib.contains("#![forbid(unsafe_code)]\n\npub mod test;\n"), "{lib}");
    assert!(lib.contains("pub const TYPES: &[odata::csdl::EdmType] = &[\n    <test::ns::Note as odata::csdl::EdmTyped>::EDM,\n];\n"), "{lib}");
    // Only with odata's `csdl` feature, as the descriptions the lists point at.
    assert!(lib.contains("\nodata::__private::described! {\n/// Every type of this crate"), "{lib}");
    assert!(
        lib.ends_with(
            "\n#[cfg(all(feature = \"precompiled-json\", debug_assertions))]\nmod precompiled_json;\n"
        ),
        "{lib}"
    );
    let precompiled = file(&by_path, "src/precompiled_json.rs");
    assert!(precompiled.contains("&[\n    precompile_json::<test::ns::Note>,\n];\n"), "{precompiled}");
    // The module-file form inlines lib.rs into a user's crate, which has no such feature.
    let module = by_path.module_file();
    assert!(!module.contains("cfg(") && !module.contains("precompile"), "{module}");
}

#[test]
fn a_namespace_named_like_the_precompiled_table_gets_another_module() {
    let xml = document(&[schema("precompiled_json", None, r#"<ComplexType Name="note"/>"#)]);
    let generated = generate(&xml);
    let precompiled = file(&generated, "src/precompiled_json.rs");
    assert!(precompiled.contains("    precompile_json::<precompiled_json_::Note>,\n"), "{precompiled}");
    assert!(file(&generated, "src/precompiled_json_.rs").contains("pub struct Note {"));
}

#[test]
fn the_readme_names_the_crate_in_the_profile_settings_it_recommends() {
    let xml = one_schema(r#"<ComplexType Name="note"/>"#);
    let generated = generate_with(Config::new().crate_name("notes"), &xml);
    let readme = file(&generated, "README.md");
    assert!(readme.starts_with("# `notes`\n"), "{readme}");
    let toml_blocks: Vec<&str> =
        readme.split("```toml\n").skip(1).map(|rest| rest.split("```").next().unwrap()).collect();
    let (toml, debugger) = (toml_blocks[0], toml_blocks[1]);
    assert!(toml.starts_with("[profile.dev.package.notes]\ndebug = false\nincremental = false\n"), "{toml}");
    assert!(toml.contains("\n[profile.dev]\ndebug = \"line-tables-only\"\n"), "{toml}");
    assert_eq!(
        debugger, "[profile.dev]\nsplit-debuginfo = \"unpacked\"\n",
        "the setting for those who debug"
    );
    assert!(readme.contains("scripts/generated-crate-profiles.sh"), "the figures say where they come from");
    assert!(readme.contains("\nnotes = { path = \"...\", features = [\"precompiled-json\"] }\n"), "{readme}");
    assert!(readme.contains("scripts/graph-build-time.sh"), "the feature's figures say where they come from");
}

#[test]
fn selection_keeps_the_closure_and_lists_what_it_leaves_out() {
    let xml = one_schema(
        r#"<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
           <EntityType Name="user" BaseType="t.entity">
             <Property Name="address" Type="t.address"/>
             <Property Name="state" Type="t.state"/>
             <NavigationProperty Name="manager" Type="t.user"/>
             <NavigationProperty Name="groups" Type="Collection(t.group)"/>
           </EntityType>
           <EntityType Name="group" BaseType="t.entity"/>
           <ComplexType Name="address"><Property Name="geo" Type="t.point"/></ComplexType>
           <ComplexType Name="streetAddress" BaseType="t.address"/>
           <ComplexType Name="point"/>
           <ComplexType Name="unused"/>
           <EnumType Name="state"><Member Name="on" Value="0"/></EnumType>
           <Action Name="reset" IsBound="true"><Parameter Name="b" Type="t.user"/></Action>
           <Action Name="invite" IsBound="true"><Parameter Name="b" Type="t.user"/><Parameter Name="to" Type="t.group"/></Action>
           <Action Name="archive" IsBound="true"><Parameter Name="b" Type="t.group"/></Action>"#,
    );
    let generated = generate_with(Config::new().types(["user"]), &xml);
    let text = ns_file(&generated);
    for kept in [
        "pub struct User {",
        "pub struct Entity {",
        "pub struct Address {",
        "pub struct StreetAddress {",
        "pub enum AnyAddress {",
        "pub struct Point {",
        "pub enum State {",
    ] {
        assert!(text.lines().any(|line| line == kept), "missing {kept}:\n{text}");
    }
    for dropped in ["pub struct Group {", "pub struct Unused {"] {
        assert!(!text.lines().any(|line| line == dropped), "{dropped} should be left out:\n{text}");
    }
    let any_entity = item(&text, "pub enum AnyEntity {");
    assert!(
        any_entity.contains("    User(Box<User>),\n    #[odata(other)]"),
        "only selected types: {any_entity}"
    );
    let user = item(&text, "pub struct User {");
    assert!(user.starts_with("// Navigation properties left out (their types are not in the type selection):\n// - `groups` (`test.ns.group`)\n"), "{user}");
    assert!(user.contains("    #[odata(navigation)]\n    pub manager: Option<Box<User>>,"), "{user}");
    assert!(user.contains("    pub address: Option<AnyAddress>,"), "{user}");
    let operations = file(&generated, "src/test/ns/operations.rs");
    assert!(operations.contains("\npub struct UserReset;\n"), "{operations}");
    assert!(operations.contains("//! - `invite` bound to `test.ns.user`: uses `test.ns.group`, which the type selection leaves out."), "{operations}");
    assert!(!operations.contains("archive"), "{operations}");

    // Qualified and aliased names select the same.
    let qualified = generate_with(Config::new().types(["t.user"]), &xml);
    assert_eq!(qualified, generated);
    let error =
        Config::new().types(["user", "usr", "User"]).metadata_text(xml.clone()).generate().unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("`usr`") && message.contains("`User` (did you mean `test.ns.user`?)"),
        "{message}"
    );
}

#[test]
fn a_selection_of_abstract_types_only_gets_no_hierarchy_enum() {
    let xml = one_schema(
        r#"<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
           <EntityType Name="configuration" BaseType="t.entity" Abstract="true"><Property Name="priority" Type="Edm.Int32"/></EntityType>
           <EntityType Name="profile" BaseType="t.configuration"/>
           <EntityType Name="holder" BaseType="t.entity"><NavigationProperty Name="configuration" Type="t.configuration"/></EntityType>"#,
    );
    let generated = generate_with(Config::new().types(["configuration"]), &xml);
    let text = ns_file(&generated);
    assert!(text.contains("pub struct Configuration {") && text.contains("pub struct Entity {"), "{text}");
    // An enum with only its `Other` variant is what the derive rejects: nothing would be read.
    assert!(!text.contains("pub enum Any"), "{text}");

    let generated = generate_with(Config::new().types(["configuration", "profile"]), &xml);
    let text = ns_file(&generated);
    let any = item(&text, "pub enum AnyConfiguration {");
    assert!(any.contains("    Profile(Profile),\n    #[odata(other)]"), "{any}");
}

#[test]
fn operation_annotations_match_their_overload_by_signature() {
    let body = OPERATIONS.replace(
        "<EntityContainer",
        r#"<Annotations Target="t.image(t.chart, Edm.Int32)">
             <Annotation Term="Org.OData.Core.V1.Description" String="The chart as an image of the given width."/>
           </Annotations>
           <Annotations Target="test.ns.image(test.ns.chart, Edm.Int32)/width">
             <Annotation Term="Org.OData.Core.V1.Description" String="In pixels."/>
           </Annotations>
           <Annotations Target="t.getByIds(Collection(t.directoryObject), Collection(Edm.String), Collection(Edm.String))">
             <Annotation Term="Org.OData.Core.V1.Description" String="Objects by id."/>
           </Annotations>
           <EntityContainer"#,
    );
    let generated = generate(&one_schema(&body));
    let text = file(&generated, "src/test/ns/operations.rs");
    let width = item(text, "pub struct ChartImageWithWidth {");
    assert!(width.starts_with("/// The chart as an image of the given width.\n#[derive("), "{width}");
    assert!(width.contains("    /// In pixels.\n    pub width: Option<i32>,"), "{width}");
    assert!(!item(text, "pub struct ChartImage;").contains("///"), "other overloads keep no doc");
    assert!(!item(text, "pub struct ChartImageWithWidthHeight {").contains("/// In pixels."));
    assert!(item(text, "pub struct DirectoryObjectGetByIds {").starts_with("/// Objects by id.\n"));
}

#[test]
fn a_configuration_without_a_document_is_an_error() {
    let error = Config::new().generate().unwrap_err();
    assert!(error.to_string().contains("no metadata document"), "{error}");
    let error = Config::new().metadata_text(one_schema("")).crate_name("has space").generate().unwrap_err();
    assert!(error.to_string().contains("invalid crate name `has space`"), "{error}");
}
