//! `odata::csdl::Document`: annotated types written as CSDL, read back by the generator's
//! reader, and compared with what the types declare.

use odata::csdl::{Document, EdmTyped};
use odata::{DateTimeOffset, Flags, Int64, ODataComplex, ODataEnum, ODataOperation, ODataResource};
use odata_codegen::model::{Model, OperationKind, Primitive, Target, TypeKind};

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
fn descriptions_carry_the_edm_type_and_field_of_each_property() {
    let described = |description: &'static odata::csdl::TypeDescription, name: &str| {
        description.described_properties().find(|property| property.name == name).unwrap()
    };
    let user = <User as EdmTyped>::EDM.target;
    let odata::csdl::EdmTarget::Described(user) = user else { panic!("User is described") };
    let user = user();
    let base = user.base.expect("DirectoryObject")();
    let edm = |name: &str| match name {
        "id" | "deletedDateTime" => described(base, name).edm,
        _ => described(user, name).edm,
    };
    assert_eq!(described(user, "displayName").field, "display_name");
    assert_eq!(described(base, "deletedDateTime").field, "deleted_date_time");
    assert!(described(user, "displayName").property.name == "displayName");
    assert_eq!(user.properties.len(), user.property_types.len());
    assert_eq!(edm("id").csdl_name(), "Edm.String");
    assert_eq!(edm("deletedDateTime").csdl_name(), "Edm.DateTimeOffset");
    assert_eq!(edm("otherAddresses").csdl_name(), "Collection(microsoft.graph.physicalAddress)");
    assert!(edm("notifications").flags);
    assert_eq!(edm("untyped").csdl_name(), "Edm.Untyped");
    assert_eq!(<User as EdmTyped>::EDM.csdl_name(), "microsoft.graph.user");
}

#[derive(ODataOperation)]
#[odata(action = "assignLicense", binding = User, returns = User)]
pub struct AssignLicense {
    pub add_licenses: Vec<PhysicalAddress>,
    pub remove_licenses: Vec<odata::Guid>,
    pub reason: Option<String>,
}

#[derive(ODataOperation)]
#[odata(function = "delta", binding = User, collection_bound, returns = Vec<User>)]
pub struct Delta;

#[derive(ODataOperation)]
#[odata(function = "microsoft.graph.security.reportUsage", binding = DirectoryObject)]
pub struct ReportUsage {
    pub period: AgeGroup,
}

fn with_operations() -> Document {
    let mut document = Document::new("GraphService");
    document.add_operation::<AssignLicense>().add_operation::<Delta>().add_operation::<ReportUsage>();
    document
}

#[test]
fn operations_read_back_with_binding_parameters_and_return_type() {
    let document = with_operations();
    let names: Vec<&str> = document.type_names().collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.ageGroup",
            "microsoft.graph.directoryObject",
            "microsoft.graph.notification",
            "microsoft.graph.physicalAddress",
            "microsoft.graph.user",
        ],
        "an operation pulls in its binding type and the types of its parameters"
    );
    let xml = document.to_xml();
    let model = read_back(&xml);
    let operation = |name: &str| {
        model
            .operations
            .iter()
            .find(|operation| operation.name == name)
            .unwrap_or_else(|| panic!("no {name} in\n{xml}"))
    };
    let namespace =
        |operation: &odata_codegen::model::Operation| model.schemas[operation.schema].namespace.clone();
    let type_of = |target: Target| match target {
        Target::Type(id) => model.types[id].qualified_name.clone(),
        Target::Primitive(primitive) => format!("{primitive:?}"),
    };

    let assign = operation("assignLicense");
    assert_eq!(assign.kind, OperationKind::Action);
    assert_eq!(namespace(assign), "microsoft.graph");
    let binding = assign.binding.expect("bound");
    assert!(!binding.collection);
    assert_eq!(type_of(binding.target), "microsoft.graph.user");
    let parameters: Vec<(&str, bool, bool)> = assign
        .parameters
        .iter()
        .map(|parameter| (parameter.name.as_str(), parameter.ty.collection, parameter.nullable))
        .collect();
    assert_eq!(
        parameters,
        [("addLicenses", true, false), ("removeLicenses", true, false), ("reason", false, true)]
    );
    assert_eq!(type_of(assign.parameters[0].ty.target), "microsoft.graph.physicalAddress");
    assert_eq!(assign.parameters[1].ty.target, Target::Primitive(Primitive::Guid));
    let returns = assign.returns.expect("returns a user");
    assert_eq!((returns.collection, type_of(returns.target)), (false, "microsoft.graph.user".to_owned()));

    let delta = operation("delta");
    assert_eq!(delta.kind, OperationKind::Function);
    assert!(delta.binding.expect("bound").collection, "bound to the collection");
    assert!(delta.parameters.is_empty());
    assert!(delta.returns.expect("returns users").collection);

    let report = operation("reportUsage");
    assert_eq!(namespace(report), "microsoft.graph.security", "a qualified name keeps its namespace");
    assert_eq!(type_of(report.binding.expect("bound").target), "microsoft.graph.directoryObject");
    assert_eq!(type_of(report.parameters[0].ty.target), "microsoft.graph.ageGroup");
    assert_eq!(
        report.returns.map(|returns| returns.target),
        Some(Target::Primitive(Primitive::Untyped)),
        "a function must declare a return type"
    );
}

#[test]
fn operations_in_json_are_overloads_by_name() {
    let json = with_operations().to_json();
    let assign = &json["microsoft.graph"]["assignLicense"][0];
    assert_eq!(assign["$Kind"], "Action");
    assert_eq!(assign["$IsBound"], true);
    assert_eq!(assign["$Parameter"][0]["$Name"], "bindingParameter");
    assert_eq!(assign["$Parameter"][0]["$Type"], "microsoft.graph.user");
    assert_eq!(assign["$Parameter"][1]["$Collection"], true);
    assert_eq!(assign["$Parameter"][2]["$Type"], "Edm.Guid");
    assert_eq!(assign["$Parameter"][3].get("$Type"), None, "Edm.String is the default");
    assert_eq!(assign["$Parameter"][3]["$Nullable"], true);
    assert_eq!(assign["$ReturnType"]["$Type"], "microsoft.graph.user");
    let delta = &json["microsoft.graph"]["delta"][0];
    assert_eq!(delta["$Parameter"][0]["$Collection"], true);
    assert_eq!(delta["$ReturnType"]["$Collection"], true);
    assert_eq!(json["microsoft.graph.security"]["reportUsage"][0]["$Kind"], "Function");
}

#[test]
fn operation_descriptions_carry_the_edm_types_of_the_fields() {
    let description = &AssignLicense::DESCRIPTION;
    assert_eq!(description.name, AssignLicense::NAME);
    assert_eq!(description.qualified_name(), "microsoft.graph.assignLicense");
    let names: Vec<&str> = description.parameters.iter().map(|parameter| parameter.name).collect();
    assert_eq!(names, AssignLicense::PARAMETERS);
    assert_eq!(description.parameters[0].field, "add_licenses");
    assert_eq!(description.parameters[1].edm.csdl_name(), "Collection(Edm.Guid)");
    assert!(description.parameters[2].edm.nullable);
    assert_eq!(Delta::DESCRIPTION.binding.csdl_name(), "Collection(microsoft.graph.user)");
    assert_eq!(ReportUsage::DESCRIPTION.qualified_name(), "microsoft.graph.security.reportUsage");
    assert_eq!(ReportUsage::DESCRIPTION.returns, None);
}
