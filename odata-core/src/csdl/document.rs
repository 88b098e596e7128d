//! [`Document`]: the described types, collected with every type they reference, written as
//! CSDL XML 4.0 or CSDL JSON 4.01.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Map, Value};

use super::describe::{
    DescribedProperty, EdmTarget, EdmType, EdmTyped, OperationDescription, TypeDescription, TypeKind,
};
use crate::{EntitySet, ODataOperation, OperationKind};

const CORE_COMPUTED: &str = "Org.OData.Core.V1.Computed";

/// A CSDL document of annotated types: [`add`](Document::add) them (each pulls in the types it
/// references: its base, its properties' types, a hierarchy's variants), name the entity sets
/// and singletons of the container, then write it with [`to_xml`](Document::to_xml) or
/// [`to_json`](Document::to_json).
///
/// ```
/// use odata::csdl::Document;
/// use odata::{ODataComplex, ODataResource};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
///     pub business_phones: Vec<String>,
///     pub home_address: Option<PhysicalAddress>,
/// }
///
/// #[derive(ODataComplex)]
/// #[odata(type = "microsoft.graph.physicalAddress")]
/// pub struct PhysicalAddress {
///     pub city: Option<String>,
/// }
///
/// let mut document = Document::new("GraphService");
/// document.add::<User>().entity_set::<User>("users");
/// let xml = document.to_xml();
/// assert!(xml.contains(r#"<Property Name="businessPhones" Type="Collection(Edm.String)" Nullable="false"/>"#), "{xml}");
/// assert!(xml.contains(r#"<ComplexType Name="physicalAddress">"#), "{xml}");
/// assert!(xml.contains(r#"<EntitySet Name="users" EntityType="microsoft.graph.user"/>"#), "{xml}");
/// let json = document.to_json();
/// assert_eq!(json["microsoft.graph"]["user"]["$Key"][0], "id");
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    container: String,
    types: BTreeMap<&'static str, &'static TypeDescription>,
    hierarchies: BTreeSet<&'static str>,
    flags: Vec<&'static str>,
    /// By qualified name, then binding type and parameters: overloads are kept apart.
    operations: BTreeMap<(String, &'static str, Vec<&'static str>), &'static OperationDescription>,
    entity_sets: Vec<(String, &'static str)>,
    singletons: Vec<(String, &'static str)>,
}

impl Document {
    /// An empty document whose entity container has this name.
    pub fn new(container: &str) -> Document {
        Document {
            container: container.to_owned(),
            types: BTreeMap::new(),
            hierarchies: BTreeSet::new(),
            flags: Vec::new(),
            operations: BTreeMap::new(),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
        }
    }

    /// Adds `T`'s type and every type it references.
    pub fn add<T: EdmTyped + ?Sized>(&mut self) -> &mut Document {
        self.add_type(T::EDM)
    }

    /// Adds each of these types (a generated crate's `TYPES`) and every type they reference.
    pub fn add_types(&mut self, types: &[EdmType]) -> &mut Document {
        for edm in types {
            self.add_type(*edm);
        }
        self
    }

    /// Adds the type of this [`EdmType`] and every type it references (a primitive adds
    /// nothing): what [`add`](Document::add) does, for code that holds the data, not the type.
    pub fn add_type(&mut self, edm: EdmType) -> &mut Document {
        if let EdmTarget::Described(describe) = edm.target {
            let description = describe();
            if edm.flags && !self.flags.contains(&description.name) {
                self.flags.push(description.name);
            }
            self.add_description(description);
        }
        self
    }

    fn add_description(&mut self, description: &'static TypeDescription) {
        // A hierarchy's enum has its root type's name: it adds its variants, the root's
        // struct among them, and is not itself a type of the document.
        if description.kind == TypeKind::Hierarchy {
            if self.hierarchies.insert(description.name) {
                for variant in description.variants.iter().flatten() {
                    self.add_description(variant());
                }
            }
            return;
        }
        if self.types.insert(description.name, description).is_some() {
            return;
        }
        if let Some(base) = description.base {
            self.add_description(base());
        }
        for property in description.described_properties() {
            self.add_type(property.edm);
        }
    }

    /// Adds the bound operation `O`, its binding type, and the types of its parameters and
    /// return value.
    ///
    /// ```
    /// use odata::csdl::Document;
    /// use odata::{ODataOperation, ODataResource};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "contoso.item", collection = "/items")]
    /// pub struct Item {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// #[derive(ODataOperation)]
    /// #[odata(action = "archive", binding = Item, returns = bool)]
    /// pub struct Archive {
    ///     pub reason: Option<String>,
    /// }
    ///
    /// let xml = Document::new("Service").add_operation::<Archive>().to_xml();
    /// assert!(xml.contains(r#"<Action Name="archive" IsBound="true">
    ///         <Parameter Name="bindingParameter" Type="contoso.item" Nullable="false"/>
    ///         <Parameter Name="reason" Type="Edm.String"/>
    ///         <ReturnType Type="Edm.Boolean" Nullable="false"/>
    ///       </Action>"#), "{xml}");
    /// ```
    pub fn add_operation<O: ODataOperation + ?Sized>(&mut self) -> &mut Document {
        self.add_operations(&[&O::DESCRIPTION])
    }

    /// Adds each of these operations (a generated crate's `OPERATIONS`) and every type they
    /// reference.
    pub fn add_operations(&mut self, operations: &[&'static OperationDescription]) -> &mut Document {
        for operation in operations {
            self.add_type(operation.binding);
            for parameter in operation.parameters {
                self.add_type(parameter.edm);
            }
            if let Some(returns) = operation.returns {
                self.add_type(returns);
            }
            let parameters = operation.parameters.iter().map(|parameter| parameter.name).collect();
            self.operations.insert(
                (operation.qualified_name(), operation.binding.element_name(), parameters),
                operation,
            );
        }
        self
    }

    /// Declares an entity set of `T`'s type in the container (and adds the type).
    pub fn entity_set<T: EdmTyped + EntitySet>(&mut self, name: &str) -> &mut Document {
        self.add::<T>();
        self.entity_sets.push((name.to_owned(), T::EDM.element_name()));
        self
    }

    /// Declares a singleton of `T`'s type in the container (and adds the type).
    pub fn singleton<T: EdmTyped>(&mut self, name: &str) -> &mut Document {
        self.add::<T>();
        self.singletons.push((name.to_owned(), T::EDM.element_name()));
        self
    }

    /// The qualified names of the types added, in order.
    pub fn type_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.types.keys().copied()
    }

    /// The types by namespace, each namespace's in name order; a namespace that has only
    /// operations has no types.
    fn schemas(&self) -> BTreeMap<&str, Vec<&'static TypeDescription>> {
        let mut schemas: BTreeMap<&str, Vec<&'static TypeDescription>> = BTreeMap::new();
        for description in self.types.values() {
            schemas.entry(namespace(description.name)).or_default().push(description);
        }
        for (qualified, _, _) in self.operations.keys() {
            schemas.entry(namespace(qualified)).or_default();
        }
        schemas
    }

    fn container_namespace(&self) -> &str {
        self.schemas().keys().next().copied().unwrap_or("Default")
    }

    /// The operations of a namespace, in name order.
    fn operations_in<'d>(
        &'d self,
        namespace: &'d str,
    ) -> impl Iterator<Item = &'static OperationDescription> + 'd {
        self.operations
            .iter()
            .filter(move |((qualified, _, _), _)| self::namespace(qualified) == namespace)
            .map(|(_, operation)| *operation)
    }

    /// The document as CSDL XML 4.0 (`$metadata`).
    pub fn to_xml(&self) -> String {
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.push_str("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n");
        xml.push_str("  <edmx:DataServices>\n");
        let schemas = self.schemas();
        let container_namespace = self.container_namespace();
        for (namespace, types) in &schemas {
            let _ = writeln!(
                xml,
                "    <Schema Namespace=\"{}\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">",
                escape(namespace)
            );
            for description in types {
                self.write_type_xml(&mut xml, description);
            }
            for operation in self.operations_in(namespace) {
                write_operation_xml(&mut xml, operation);
            }
            if *namespace == container_namespace {
                self.write_container_xml(&mut xml);
            }
            xml.push_str("    </Schema>\n");
        }
        xml.push_str("  </edmx:DataServices>\n</edmx:Edmx>\n");
        xml
    }

    fn write_type_xml(&self, xml: &mut String, description: &TypeDescription) {
        let name = escape(simple_name(description.name));
        if description.kind == TypeKind::Enum {
            let flags = if self.flags.contains(&description.name) { " IsFlags=\"true\"" } else { "" };
            let _ = writeln!(xml, "      <EnumType Name=\"{name}\"{flags}>");
            for (index, member) in description.members.iter().enumerate() {
                // Flags members are bits; others count from 0, as CSDL's default values do.
                let value = if flags.is_empty() { index as u64 } else { 1u64 << index.min(63) };
                let _ = writeln!(xml, "        <Member Name=\"{}\" Value=\"{value}\"/>", escape(member));
            }
            xml.push_str("      </EnumType>\n");
            return;
        }
        let element = if description.kind == TypeKind::Entity { "EntityType" } else { "ComplexType" };
        let mut attributes = format!("Name=\"{name}\"");
        if let Some(base) = description.base {
            let _ = write!(attributes, " BaseType=\"{}\"", escape(base().name));
        }
        if description.open {
            attributes.push_str(" OpenType=\"true\"");
        }
        let _ = writeln!(xml, "      <{element} {attributes}>");
        if !description.keys.is_empty() {
            xml.push_str("        <Key>\n");
            for key in description.keys {
                let _ = writeln!(xml, "          <PropertyRef Name=\"{}\"/>", escape(key));
            }
            xml.push_str("        </Key>\n");
        }
        for property in description.described_properties() {
            write_property_xml(xml, &property);
        }
        let _ = writeln!(xml, "      </{element}>");
    }

    fn write_container_xml(&self, xml: &mut String) {
        let _ = writeln!(xml, "      <EntityContainer Name=\"{}\">", escape(&self.container));
        for (name, ty) in &self.entity_sets {
            let _ =
                writeln!(xml, "        <EntitySet Name=\"{}\" EntityType=\"{}\"/>", escape(name), escape(ty));
        }
        for (name, ty) in &self.singletons {
            let _ = writeln!(xml, "        <Singleton Name=\"{}\" Type=\"{}\"/>", escape(name), escape(ty));
        }
        xml.push_str("      </EntityContainer>\n");
    }

    /// The document as CSDL JSON 4.01.
    pub fn to_json(&self) -> Value {
        let container_namespace = self.container_namespace();
        let mut document = Map::new();
        document.insert("$Version".into(), json!("4.01"));
        document
            .insert("$EntityContainer".into(), json!(format!("{container_namespace}.{}", self.container)));
        for (namespace, types) in self.schemas() {
            let mut schema = Map::new();
            for description in types {
                schema.insert(simple_name(description.name).to_owned(), self.type_json(description));
            }
            for operation in self.operations_in(namespace) {
                let overloads = schema
                    .entry(simple_name(operation.name).to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(overloads) = overloads {
                    overloads.push(operation_json(operation));
                }
            }
            if namespace == container_namespace {
                schema.insert(self.container.clone(), self.container_json());
            }
            document.insert(namespace.to_owned(), Value::Object(schema));
        }
        Value::Object(document)
    }

    fn type_json(&self, description: &TypeDescription) -> Value {
        let mut object = Map::new();
        if description.kind == TypeKind::Enum {
            object.insert("$Kind".into(), json!("EnumType"));
            let flags = self.flags.contains(&description.name);
            if flags {
                object.insert("$IsFlags".into(), json!(true));
            }
            for (index, member) in description.members.iter().enumerate() {
                let value = if flags { 1u64 << index.min(63) } else { index as u64 };
                object.insert((*member).to_owned(), json!(value));
            }
            return Value::Object(object);
        }
        let kind = if description.kind == TypeKind::Entity { "EntityType" } else { "ComplexType" };
        object.insert("$Kind".into(), json!(kind));
        if let Some(base) = description.base {
            object.insert("$BaseType".into(), json!(base().name));
        }
        if description.open {
            object.insert("$OpenType".into(), json!(true));
        }
        if !description.keys.is_empty() {
            object.insert("$Key".into(), json!(description.keys));
        }
        for property in description.described_properties() {
            let mut member = Map::new();
            if property.navigation {
                member.insert("$Kind".into(), json!("NavigationProperty"));
            }
            if property.edm.collection {
                member.insert("$Collection".into(), json!(true));
            }
            let element = property.edm.element_name();
            if element != "Edm.String" || property.navigation {
                member.insert("$Type".into(), json!(element));
            }
            if nullable(&property) && !property.edm.collection {
                member.insert("$Nullable".into(), json!(true));
            }
            if property.read_only && !property.navigation {
                member.insert(format!("@{CORE_COMPUTED}"), json!(true));
            }
            object.insert(property.name.to_owned(), Value::Object(member));
        }
        Value::Object(object)
    }

    fn container_json(&self) -> Value {
        let mut container = Map::new();
        container.insert("$Kind".into(), json!("EntityContainer"));
        for (name, ty) in &self.entity_sets {
            container.insert(name.clone(), json!({ "$Collection": true, "$Type": ty }));
        }
        for (name, ty) in &self.singletons {
            container.insert(name.clone(), json!({ "$Type": ty }));
        }
        Value::Object(container)
    }
}

/// A bound operation as CSDL XML: the binding parameter first, then the parameters (nullable
/// when `Option`, as `Nullable` defaults to `true` there), then the return type. A function
/// must declare one: a model that reads nothing from it says `Edm.Untyped`.
fn write_operation_xml(xml: &mut String, operation: &OperationDescription) {
    let element = element_of(operation.kind);
    let _ =
        writeln!(xml, "      <{element} Name=\"{}\" IsBound=\"true\">", escape(simple_name(operation.name)));
    let _ = writeln!(
        xml,
        "        <Parameter Name=\"bindingParameter\" Type=\"{}\" Nullable=\"false\"/>",
        escape(&operation.binding.csdl_name())
    );
    for parameter in operation.parameters {
        let nullable = if parameter.edm.nullable { "" } else { " Nullable=\"false\"" };
        let _ = writeln!(
            xml,
            "        <Parameter Name=\"{}\" Type=\"{}\"{nullable}/>",
            escape(parameter.name),
            escape(&parameter.edm.csdl_name())
        );
    }
    match (operation.returns, operation.kind) {
        (Some(returns), _) => {
            let nullable = if returns.nullable { "" } else { " Nullable=\"false\"" };
            let _ =
                writeln!(xml, "        <ReturnType Type=\"{}\"{nullable}/>", escape(&returns.csdl_name()));
        }
        (None, OperationKind::Function) => xml.push_str("        <ReturnType Type=\"Edm.Untyped\"/>\n"),
        (None, OperationKind::Action) => {}
    }
    let _ = writeln!(xml, "      </{element}>");
}

/// A bound operation as CSDL JSON: one overload (`$Nullable` defaults to `false` there).
fn operation_json(operation: &OperationDescription) -> Value {
    let typed = |edm: &EdmType, name: Option<&str>| {
        let mut object = Map::new();
        if let Some(name) = name {
            object.insert("$Name".into(), json!(name));
        }
        if edm.collection {
            object.insert("$Collection".into(), json!(true));
        }
        if edm.element_name() != "Edm.String" {
            object.insert("$Type".into(), json!(edm.element_name()));
        }
        if edm.nullable {
            object.insert("$Nullable".into(), json!(true));
        }
        Value::Object(object)
    };
    let mut parameters =
        vec![typed(&EdmType { nullable: false, ..operation.binding }, Some("bindingParameter"))];
    parameters
        .extend(operation.parameters.iter().map(|parameter| typed(&parameter.edm, Some(parameter.name))));
    let mut object = Map::new();
    object.insert("$Kind".into(), json!(element_of(operation.kind)));
    object.insert("$IsBound".into(), json!(true));
    object.insert("$Parameter".into(), Value::Array(parameters));
    match (operation.returns, operation.kind) {
        (Some(returns), _) => {
            object.insert("$ReturnType".into(), typed(&returns, None));
        }
        (None, OperationKind::Function) => {
            object.insert("$ReturnType".into(), json!({ "$Type": "Edm.Untyped" }));
        }
        (None, OperationKind::Action) => {}
    }
    Value::Object(object)
}

fn element_of(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Action => "Action",
        OperationKind::Function => "Function",
    }
}

/// An optional field, or one of a type CSDL cannot name, may be `null`; the elements of a
/// `Vec` are not, unless they are `Option`s.
fn nullable(property: &DescribedProperty) -> bool {
    property.optional || (property.edm.nullable && !property.edm.collection)
}

fn write_property_xml(xml: &mut String, property: &DescribedProperty) {
    let element = if property.navigation { "NavigationProperty" } else { "Property" };
    let mut attributes =
        format!("Name=\"{}\" Type=\"{}\"", escape(property.name), escape(&property.edm.csdl_name()));
    // A collection-valued navigation property takes no `Nullable`.
    let collection_navigation = property.navigation && property.edm.collection;
    if !(nullable(property) || collection_navigation) {
        attributes.push_str(" Nullable=\"false\"");
    }
    if property.read_only && !property.navigation {
        let _ = writeln!(xml, "        <{element} {attributes}>");
        let _ = writeln!(xml, "          <Annotation Term=\"{CORE_COMPUTED}\" Bool=\"true\"/>");
        let _ = writeln!(xml, "        </{element}>");
    } else {
        let _ = writeln!(xml, "        <{element} {attributes}/>");
    }
}

fn namespace(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or("", |(namespace, _)| namespace)
}

fn simple_name(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or(qualified, |(_, name)| name)
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}
