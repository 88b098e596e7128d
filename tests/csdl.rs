//! `odata::csdl::Document`: annotated types written as CSDL, read back by the generator's
//! reader, and compared with what the types declare.

use odata::csdl::{Document, EdmTyped};
use odata::{DateTimeOffset, Flags, Int64, ODataComplex, ODataEnum, ODataResource};
use odata_codegen::model::{Model, Primitive, Target, TypeKind};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.directoryObject", collection = "/directoryObjects")]
pub struct DirectoryObject {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(read_only)]
    pub deleted_date_time: Option<DateTimeOffset>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(base)]
    pub base: DirectoryObject,
    pub account_enabled: Option<bool>,
    pub business_phones: Vec<String>,
    pub display_name: String,
    pub employee_count: Option<Int64>,
    pub age_group: Option<AgeGroup>,
    pub notifications: Option<Flags<Notification>>,
    pub home_address: Option<PhysicalAddress>,
    pub other_addresses: Option<Vec<PhysicalAddress>>,
    pub untyped: Option<std::collections::BTreeMap<String, String>>,
    #[odata(navigation)]
    pub manager: Option<Box<DirectoryObject>>,
    #[odata(navigation)]
    pub direct_reports: Option<Vec<DirectoryObject>>,
}

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.physicalAddress")]
pub struct PhysicalAddress {
    pub city: Option<String>,
    pub street: Option<String>,
}

#[derive(ODataEnum)]
#[odata(type = "microsoft.graph.ageGroup")]
pub enum AgeGroup {
    #[odata(rename = "null")]
    Null,
    Minor,
    NotAdult,
    Adult,
    #[odata(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.notification")]
pub enum Notification {
    Email,
    Sms,
    #[odata(other)]
    Other(String),
}

fn document() -> Document {
    let mut document = Document::new("GraphService");
    document.add::<User>().entity_set::<User>("users").singleton::<User>("me");
    document
}

fn read_back(xml: &str) -> Model {
    odata_codegen::parse_metadata(xml).unwrap_or_else(|error| panic!("{error}\n{xml}"))
}

fn type_named<'m>(model: &'m Model, name: &str) -> &'m odata_codegen::model::TypeDef {
    model.types.iter().find(|ty| ty.qualified_name == name).unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn add_pulls_in_every_referenced_type() {
    let names: Vec<&str> = document().type_names().collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.ageGroup",
            "microsoft.graph.directoryObject",
            "microsoft.graph.notification",
            "microsoft.graph.physicalAddress",
            "microsoft.graph.user",
        ]
    );
}

#[test]
fn xml_reads_back_through_the_generators_reader_with_every_fact() {
    let model = read_back(&document().to_xml());
    let user = type_named(&model, "microsoft.graph.user");
    let TypeKind::Entity(user) = &user.kind else { panic!("user is not an entity type") };
    let base = user.base.expect("user has a base");
    assert_eq!(model.types[base].qualified_name, "microsoft.graph.directoryObject");
    assert!(user.key.is_empty(), "the key is declared by the base");
    let property = |name: &str| {
        user.properties
            .iter()
            .chain(&user.navigation)
            .find(|property| property.name == name)
            .unwrap_or_else(|| panic!("no property {name}"))
    };
    assert_eq!(property("accountEnabled").ty.target, Target::Primitive(Primitive::Boolean));
    assert!(property("accountEnabled").nullable);
    assert!(property("businessPhones").ty.collection);
    assert!(!property("displayName").nullable);
    assert_eq!(property("employeeCount").ty.target, Target::Primitive(Primitive::Int64));
    assert_eq!(property("untyped").ty.target, Target::Primitive(Primitive::Untyped));
    let Target::Type(age_group) = property("ageGroup").ty.target else { panic!("ageGroup is no enum") };
    assert_eq!(model.types[age_group].qualified_name, "microsoft.graph.ageGroup");
    let Target::Type(manager) = property("manager").ty.target else { panic!("manager is no navigation") };
    assert_eq!(model.types[manager].qualified_name, "microsoft.graph.directoryObject");
    assert!(user
        .navigation
        .iter()
        .any(|property| property.name == "directReports" && property.ty.collection));

    let directory_object = type_named(&model, "microsoft.graph.directoryObject");
    let TypeKind::Entity(directory_object) = &directory_object.kind else { panic!() };
    assert_eq!(directory_object.key, ["id"]);
    assert!(directory_object.properties.iter().all(|property| property.computed));

    let TypeKind::Enum(notification) = &type_named(&model, "microsoft.graph.notification").kind else {
        panic!()
    };
    assert!(notification.is_flags);
    let TypeKind::Enum(age_group) = &type_named(&model, "microsoft.graph.ageGroup").kind else { panic!() };
    assert!(!age_group.is_flags);
    let members: Vec<&str> = age_group.members.iter().map(|member| member.name.as_str()).collect();
    assert_eq!(members, ["null", "minor", "notAdult", "adult"]);

    assert_eq!(model.entity_sets.len(), 1);
    assert_eq!(model.entity_sets[0].name, "users");
    assert_eq!(model.singletons[0].name, "me");
}

#[test]
fn json_declares_the_same_types() {
    let json = document().to_json();
    assert_eq!(json["$Version"], "4.01");
    assert_eq!(json["$EntityContainer"], "microsoft.graph.GraphService");
    let user = &json["microsoft.graph"]["user"];
    assert_eq!(user["$Kind"], "EntityType");
    assert_eq!(user["$BaseType"], "microsoft.graph.directoryObject");
    assert_eq!(user["businessPhones"]["$Collection"], true);
    assert_eq!(user["businessPhones"].get("$Type"), None, "Edm.String is the default");
    assert_eq!(user["displayName"].get("$Nullable"), None, "not nullable is the default");
    assert_eq!(user["accountEnabled"]["$Nullable"], true);
    assert_eq!(user["manager"]["$Kind"], "NavigationProperty");
    let directory_object = &json["microsoft.graph"]["directoryObject"];
    assert_eq!(directory_object["$Key"][0], "id");
    assert_eq!(directory_object["id"]["@Org.OData.Core.V1.Computed"], true);
    assert_eq!(json["microsoft.graph"]["notification"]["$IsFlags"], true);
    assert_eq!(json["microsoft.graph"]["GraphService"]["users"]["$Type"], "microsoft.graph.user");
}

#[test]
fn property_tables_carry_the_edm_type_of_the_rust_type() {
    let properties = <User as odata::ODataType>::PROPERTIES;
    let edm = |name: &str| properties.iter().find(|property| property.name == name).unwrap().edm;
    assert_eq!(edm("id").csdl_name(), "Edm.String");
    assert_eq!(edm("deletedDateTime").csdl_name(), "Edm.DateTimeOffset");
    assert_eq!(edm("otherAddresses").csdl_name(), "Collection(microsoft.graph.physicalAddress)");
    assert!(edm("notifications").flags);
    assert_eq!(edm("untyped").csdl_name(), "Edm.Untyped");
    assert_eq!(<User as EdmTyped>::EDM.csdl_name(), "microsoft.graph.user");
}
