//! `odata::csdl::Metadata::check`: hand-written models checked against a service's
//! `$metadata`, every difference at once.

mod common;

use odata::csdl::{FindingKind, Metadata, Report};
use odata::{Date, DateTimeOffset, Decimal, ODataEnum, ODataOperation, ODataResource};

const CONTOSO: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="contoso" Alias="c" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="kind"><Member Name="a" Value="0"/><Member Name="b" Value="1"/></EnumType>
      <EntityType Name="entity"><Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
      </EntityType>
      <EntityType Name="item" BaseType="c.entity">
        <Property Name="name" Type="Edm.String"/>
        <Property Name="displayName" Type="Edm.String"/>
        <Property Name="description" Type="Edm.String"/>
        <Property Name="title" Type="Edm.String"/>
        <Property Name="size" Type="Edm.Int64"/>
        <Property Name="createdDateTime" Type="Edm.DateTimeOffset"/>
        <Property Name="kind" Type="c.kind"/>
        <Property Name="tags" Type="Collection(Edm.String)"/>
        <NavigationProperty Name="owner" Type="c.person"/>
      </EntityType>
      <EntityType Name="person" BaseType="c.entity"/>
      <EntityType Name="group" BaseType="c.entity"/>
      <EntityType Name="employee" BaseType="c.person"/>
      <Action Name="archive" IsBound="true">
        <Parameter Name="bindingParameter" Type="c.item" Nullable="false"/>
        <Parameter Name="reason" Type="Edm.String"/>
        <Parameter Name="until" Type="Edm.Date" Nullable="false"/>
        <Parameter Name="notify" Type="Edm.Boolean"/>
      </Action>
      <Function Name="price" IsBound="true">
        <Parameter Name="bindingParameter" Type="c.entity" Nullable="false"/>
        <Parameter Name="currency" Type="Edm.String" Nullable="false"/>
        <ReturnType Type="Edm.Decimal"/>
      </Function>
      <Function Name="search" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(c.item)" Nullable="false"/>
        <Parameter Name="text" Type="Edm.String" Nullable="false"/>
        <ReturnType Type="Collection(c.item)"/>
      </Function>
      <EntityContainer Name="Service">
        <EntitySet Name="items" EntityType="c.item"/>
        <EntitySet Name="groups" EntityType="c.group"/>
      </EntityContainer>
      <Annotations Target="c.item/createdDateTime">
        <Annotation Term="Org.OData.Core.V1.Computed" Bool="true"/>
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

/// The service's `item`, written right.
mod right {
    use super::*;

    #[derive(ODataResource)]
    #[odata(type = "contoso.item", collection = "/items")]
    pub struct Item {
        #[odata(key, read_only)]
        pub id: Option<String>,
        pub name: Option<String>,
        pub size: Option<i64>,
        #[odata(read_only)]
        pub created_date_time: Option<DateTimeOffset>,
        pub kind: Option<Kind>,
        pub tags: Vec<String>,
        #[odata(navigation)]
        pub owner: Option<Box<Person>>,
    }

    #[derive(ODataResource)]
    #[odata(type = "contoso.person")]
    pub struct Person {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, ODataEnum)]
    #[odata(type = "contoso.kind")]
    pub enum Kind {
        A,
        B,
        #[odata(other)]
        Other(String),
    }
}

/// The same with ten mistakes.
mod wrong {
    use super::*;

    #[derive(ODataResource)]
    #[odata(type = "contoso.item", collection = "/itemz")] // 1: no such entity set
    pub struct Item {
        #[odata(read_only)]
        pub id: Option<String>,
        #[odata(key)] // 2: the service's key is `id`
        pub name: Option<String>,
        #[odata(rename = "displayname")] // 3: `displayName`
        pub display_name: Option<String>,
        pub descripton: Option<String>, // 4: `description`
        pub title: String,              // 5: nullable in the service
        pub size: Option<i32>,          // 6: Edm.Int64
        // 7: a string holds a DateTimeOffset (a hint); 8: computed, sent on create
        pub created_date_time: Option<String>,
        pub kind: Option<Kind>,
        pub tags: Vec<String>,
        #[odata(navigation)]
        pub owner: Option<Box<Group>>, // 9: leads to a person
    }

    #[derive(ODataResource)]
    #[odata(type = "contoso.group", collection = "/groups")]
    pub struct Group {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, ODataEnum)]
    #[odata(type = "contoso.kind")]
    pub enum Kind {
        A,
        B,
        C, // 10: the service has `a` and `b`
        #[odata(other)]
        Other(String),
    }
}

/// The service's operations, written right; `price` is bound to `item`'s base.
mod right_operations {
    use super::*;
    use crate::right::Item;

    #[derive(ODataOperation)]
    #[odata(action = "archive", binding = Item)]
    pub struct Archive {
        pub reason: Option<String>,
        pub until: Date,
    }

    #[derive(ODataOperation)]
    #[odata(function = "price", binding = Item, returns = Decimal)]
    pub struct Price {
        pub currency: String,
    }

    #[derive(ODataOperation)]
    #[odata(function = "search", binding = Item, collection_bound, returns = Vec<Item>)]
    pub struct Search {
        pub text: String,
    }
}

/// The same operations with nine planted mistakes.
mod wrong_operations {
    use super::*;
    use crate::right::{Item, Person};

    #[derive(ODataOperation)]
    #[odata(action = "archiv", binding = Item)] // 1: `archive`
    pub struct Misnamed;

    #[derive(ODataOperation)]
    #[odata(function = "archive", binding = Item)] // 2: an action
    pub struct ArchiveAsFunction {
        pub reason: Option<String>,
        pub until: Date,
    }

    #[derive(ODataOperation)]
    #[odata(action = "archive", binding = Person)] // 3: bound to `item`
    pub struct ArchivePerson;

    #[derive(ODataOperation)]
    #[odata(action = "archive", binding = Item)]
    pub struct Archive {
        #[odata(rename = "Reason")] // 4: `reason`
        pub reason: Option<String>,
        pub untl: Date, // 5: no such parameter; 6: `until` is required
    }

    #[derive(ODataOperation)]
    #[odata(function = "price", binding = Item, returns = i64)] // 7: returns a decimal
    pub struct Price {
        pub currency: i32, // 8: a string
    }

    #[derive(ODataOperation)]
    #[odata(function = "search", binding = Item, returns = Vec<Item>)] // 9: bound to the collection
    pub struct Search {
        pub text: String,
    }
}

fn contoso() -> Metadata {
    Metadata::parse(CONTOSO).unwrap()
}

#[test]
fn a_model_that_agrees_has_no_findings_and_lists_what_it_leaves_out_on_request() {
    let report = contoso().check::<right::Item>();
    assert!(report.findings().is_empty(), "{report}");
    assert!(report.is_ok());
    assert_eq!(
        report.omitted(),
        ["contoso.item/displayName", "contoso.item/description", "contoso.item/title"]
    );
}

#[test]
fn ten_planted_mistakes_are_ten_findings_each_naming_the_field_and_the_property() {
    let report = contoso().check::<wrong::Item>();
    let findings: Vec<String> = report.findings().iter().map(ToString::to_string).collect();
    assert_eq!(
        findings,
        [
            "contoso.kind: the service's enumeration has no member `c`",
            "contoso.item: the key is [\"name\"], the service's is [\"id\"]",
            "contoso.item: the container has no entity set or singleton for `/itemz`; did you mean `items`?",
            "contoso.item, field `display_name` (service property `displayName`): the model names it `displayname`, in another case",
            "contoso.item, field `descripton`: the service's type has no property `descripton`; did you mean `description`?",
            "contoso.item, field `title` (service property `title`): the field is required but the service declares the property nullable: make it an `Option`",
            "contoso.item, field `size` (service property `size`): the Rust type is `Edm.Int32`, which cannot hold the service's `Edm.Int64`",
            "contoso.item, field `created_date_time` (service property `createdDateTime`): hint: the Rust type is `Edm.String`, looser than the service's `Edm.DateTimeOffset`",
            "contoso.item, field `created_date_time` (service property `createdDateTime`): the service computes it, but the model sends it on create: mark it `read_only`",
            "contoso.item, field `owner` (service property `owner`): the navigation property leads to `contoso.group`, the service's to `contoso.person`",
        ],
        "{report}"
    );
    assert_eq!(report.errors().count(), 9, "the looser type is a hint");
    assert!(!report.is_ok());
}

#[test]
fn a_type_the_service_does_not_have_is_one_finding_with_the_closest_name() {
    #[derive(ODataResource)]
    #[odata(type = "contoso.itme")]
    pub struct Misnamed {
        #[odata(key)]
        pub id: String,
    }
    let report = contoso().check::<Misnamed>();
    assert_eq!(report.findings().len(), 1, "{report}");
    assert_eq!(report.findings()[0].kind, FindingKind::UnknownType { closest: Some("contoso.item".into()) });
}

#[test]
fn bad_metadata_is_an_error_with_its_line() {
    let error = Metadata::parse("<edmx:Edmx xmlns:edmx=\"x\">\n<a></b></edmx:Edmx>").unwrap_err();
    assert_eq!(error.line, 2, "{error}");
    let error = Metadata::parse("<notes/>").unwrap_err();
    assert_eq!(error.to_string(), "line 1: <notes>: not a CSDL document (its root is not <edmx:Edmx>)");
}

fn graph_v1() -> Metadata {
    let xml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/graph-metadata/v1.0.xml"))
            .unwrap();
    Metadata::parse(&xml).unwrap()
}

/// Findings of a type or property Graph v1.0 does not have are the beta-only parts of a model
/// written from the beta docs; every other finding is a mistake.
fn split_beta_only(report: &Report) -> (Vec<String>, Vec<String>) {
    let (beta, mistakes): (Vec<_>, Vec<_>) =
        report.findings().iter().filter(|finding| !finding.is_hint()).partition(|finding| {
            matches!(finding.kind, FindingKind::UnknownType { .. } | FindingKind::UnknownProperty { .. })
        });
    (beta.iter().map(ToString::to_string).collect(), mistakes.iter().map(ToString::to_string).collect())
}

#[test]
fn the_seed_model_against_graph_v1() {
    let report = graph_v1().check::<common::AndroidForWorkEnrollmentProfile>();
    let (beta_only, mistakes) = split_beta_only(&report);
    assert_eq!(mistakes, Vec::<String>::new(), "{report}");
    // Android for Work enrollment is in Graph's beta only.
    assert!(
        beta_only.iter().any(|finding| finding
            .starts_with("microsoft.graph.androidForWorkEnrollmentProfile: the service has no such type")),
        "{report}"
    );
}

#[test]
fn operations_that_agree_have_no_findings_and_list_the_optional_parameters_left_out() {
    use right_operations::{Archive, Price, Search};
    let metadata = contoso();
    let report =
        metadata.check_operations(&[&Archive::DESCRIPTION, &Price::DESCRIPTION, &Search::DESCRIPTION]);
    assert!(report.findings().is_empty(), "{report}");
    assert!(report.omitted().contains(&"contoso.archive/notify".to_owned()), "{:?}", report.omitted());
    assert_eq!(metadata.check_operation::<Archive>().findings(), &[]);
}

#[test]
fn nine_planted_operation_mistakes_are_nine_findings_each_naming_the_parameter() {
    use wrong_operations::*;
    let report = contoso().check_operations(&[
        &Misnamed::DESCRIPTION,
        &ArchiveAsFunction::DESCRIPTION,
        &ArchivePerson::DESCRIPTION,
        &Archive::DESCRIPTION,
        &Price::DESCRIPTION,
        &Search::DESCRIPTION,
    ]);
    let findings: Vec<String> = report.findings().iter().map(ToString::to_string).collect();
    assert_eq!(
        findings,
        [
            "contoso.archiv: the service has no bound operation of this name; did you mean `contoso.archive`?",
            "contoso.archive: the service declares an action; the model says `function`",
            "contoso.archive: the model binds it to `contoso.person`, the service to contoso.item",
            "contoso.archive, field `reason` (service parameter `reason`): the model names it `Reason`, in another case",
            "contoso.archive, field `untl`: the service's operation has no parameter `untl`; did you mean `until`?",
            "contoso.archive (service parameter `until`): the service requires this parameter, which the model does not send",
            "contoso.price, field `currency` (service parameter `currency`): the Rust type is `Edm.Int32`, which cannot hold the service's `Edm.String`",
            "contoso.price: the Rust return type is `Edm.Int64`, which cannot hold the service's `Edm.Decimal`",
            "contoso.search: the model binds it to `contoso.item`, the service to Collection(contoso.item)",
        ],
        "{report}"
    );
    assert_eq!(
        report.findings()[1].kind,
        FindingKind::OperationKindDiffers { service: odata::OperationKind::Action }
    );
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct GraphUser {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

#[derive(ODataOperation)]
#[odata(action = "changePassword", binding = GraphUser)]
pub struct ChangePassword {
    pub current_password: Option<String>,
    pub new_password: Option<String>,
}

/// Bound to `directoryObject` in Graph, invoked on a user.
#[derive(ODataOperation)]
#[odata(action = "checkMemberGroups", binding = GraphUser, returns = Vec<String>)]
pub struct CheckMemberGroups {
    pub group_ids: Vec<String>,
}

#[test]
fn graph_operations_check_against_graph_v1_through_the_binding_types_base() {
    let report =
        graph_v1().check_operations(&[&ChangePassword::DESCRIPTION, &CheckMemberGroups::DESCRIPTION]);
    assert!(report.findings().is_empty(), "{report}");
}

#[test]
fn a_navigation_target_derived_from_the_services_is_a_hint() {
    #[derive(ODataResource)]
    #[odata(type = "contoso.employee")]
    pub struct Employee {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(ODataResource)]
    #[odata(type = "contoso.item", collection = "/items")]
    pub struct Item {
        #[odata(key, read_only)]
        pub id: Option<String>,
        #[odata(navigation)]
        pub owner: Option<Box<Employee>>,
    }

    let report = contoso().check::<Item>();
    assert_eq!(
        report.to_string(),
        "contoso.item, field `owner` (service property `owner`): hint: the navigation property leads to `contoso.employee`, derived from the service's `contoso.person`: a value of another type fails to read\n"
    );
    assert!(report.is_ok());
}

#[test]
fn an_operation_bound_to_a_type_the_service_lacks_is_reported_once() {
    #[derive(ODataResource)]
    #[odata(type = "contoso.widget")]
    pub struct Widget {
        #[odata(key, read_only)]
        pub id: Option<String>,
    }

    #[derive(ODataOperation)]
    #[odata(action = "archive", binding = Widget)]
    pub struct ArchiveWidget;

    let report = contoso().check_operation::<ArchiveWidget>();
    let kinds: Vec<&FindingKind> = report.findings().iter().map(|finding| &finding.kind).collect();
    assert_eq!(kinds, [&FindingKind::UnknownType { closest: None }], "{report}");
}
