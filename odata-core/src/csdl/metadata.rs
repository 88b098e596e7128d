//! [`Metadata`]: a service's `$metadata` (CSDL XML) read into a typed model, and the check of
//! annotated types against it: every difference at once, each naming the Rust field and the
//! service's property.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use roxmltree::Node;

use super::describe::{
    DescribedProperty, EdmTarget, EdmType, EdmTyped, OperationDescription, TypeDescription, TypeKind,
};
use crate::{ODataOperation, OperationKind};

const EDM_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edm";
const CORE: &str = "Org.OData.Core.V1";

/// A service's schema, read from its CSDL XML `$metadata`: the types, with their properties,
/// keys, read-only marks (`Core.Computed`, `Core.Permissions` = Read) and members, and the
/// container's entity sets and singletons. Check annotated types against it with
/// [`check`](Metadata::check).
///
/// ```
/// use odata::csdl::Metadata;
///
/// let metadata = Metadata::parse(r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
///   <edmx:DataServices><Schema Namespace="contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///     <EntityType Name="item"><Key><PropertyRef Name="id"/></Key>
///       <Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
///   </Schema></edmx:DataServices></edmx:Edmx>"#).unwrap();
/// assert!(metadata.has_type("contoso.item"));
/// assert!(Metadata::parse("<notes/>").unwrap_err().to_string().contains("not a CSDL document"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    types: BTreeMap<String, ServiceType>,
    /// Entity sets and singletons, by name.
    container: BTreeMap<String, String>,
    /// The bound actions and functions, overloads apart.
    operations: Vec<ServiceOperation>,
}

#[derive(Debug, Clone)]
struct ServiceOperation {
    /// The qualified name.
    name: String,
    kind: OperationKind,
    /// The binding parameter.
    binding: ServiceProperty,
    /// The parameters after it.
    parameters: Vec<ServiceProperty>,
    returns: Option<ServiceProperty>,
}

#[derive(Debug, Clone, Default)]
struct ServiceType {
    base: Option<String>,
    key: Vec<String>,
    properties: Vec<ServiceProperty>,
    members: Vec<String>,
}

#[derive(Debug, Clone)]
struct ServiceProperty {
    name: String,
    /// The element type's qualified name, aliases resolved.
    ty: String,
    collection: bool,
    nullable: bool,
    computed: bool,
    navigation: bool,
    /// A parameter that may be left out: nullable, or `Core.OptionalParameter`.
    optional: bool,
}

/// A `$metadata` document that could not be read: the XML error, or what is not CSDL in it,
/// with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataError {
    /// The line of the problem (1-based).
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for MetadataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for MetadataError {}

impl Metadata {
    /// Reads a CSDL XML document (`$metadata`).
    pub fn parse(xml: &str) -> Result<Metadata, MetadataError> {
        let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        let document = roxmltree::Document::parse(xml)
            .map_err(|error| MetadataError { line: error.pos().row, message: error.to_string() })?;
        let root = document.root_element();
        if root.tag_name().name() != "Edmx" {
            return Err(MetadataError {
                line: line_of(root),
                message: format!(
                    "<{}>: not a CSDL document (its root is not <edmx:Edmx>)",
                    root.tag_name().name()
                ),
            });
        }
        let schemas: Vec<Node<'_, '_>> = root.descendants().filter(|node| is_edm(node, "Schema")).collect();
        // Aliases first: a type may be named by the alias of a schema declared after it.
        let mut aliases = BTreeMap::new();
        for schema in &schemas {
            if let (Some(alias), Some(namespace)) = (schema.attribute("Alias"), schema.attribute("Namespace"))
            {
                aliases.insert(alias.to_owned(), namespace.to_owned());
            }
        }
        let resolve = |name: &str| -> String {
            match name.rsplit_once('.') {
                Some((prefix, simple)) => match aliases.get(prefix) {
                    Some(namespace) => format!("{namespace}.{simple}"),
                    None => name.to_owned(),
                },
                None => name.to_owned(),
            }
        };
        let mut metadata = Metadata::default();
        let mut computed = BTreeSet::new();
        for schema in &schemas {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            for node in schema.children().filter(Node::is_element) {
                let kind = node.tag_name().name();
                let qualified = format!("{namespace}.{}", node.attribute("Name").unwrap_or_default());
                match kind {
                    "EntityType" | "ComplexType" => {
                        let mut ty = ServiceType {
                            base: node.attribute("BaseType").map(&resolve),
                            ..Default::default()
                        };
                        for child in node.children().filter(Node::is_element) {
                            match child.tag_name().name() {
                                "Key" => {
                                    ty.key = child
                                        .children()
                                        .filter(|reference| is_edm(reference, "PropertyRef"))
                                        .filter_map(|reference| {
                                            reference.attribute("Name").map(str::to_owned)
                                        })
                                        .collect()
                                }
                                element @ ("Property" | "NavigationProperty") => {
                                    let name = child.attribute("Name").unwrap_or_default().to_owned();
                                    if inline_read_only(child) {
                                        computed.insert(format!("{qualified}/{name}"));
                                    }
                                    let (collection, element_type) =
                                        collection_of(child.attribute("Type").unwrap_or_default());
                                    ty.properties.push(ServiceProperty {
                                        name,
                                        ty: resolve(element_type),
                                        collection,
                                        nullable: child.attribute("Nullable") != Some("false"),
                                        computed: false,
                                        navigation: element == "NavigationProperty",
                                        optional: false,
                                    });
                                }
                                _ => {}
                            }
                        }
                        metadata.types.insert(qualified, ty);
                    }
                    "EnumType" => {
                        let members = node
                            .children()
                            .filter(|member| is_edm(member, "Member"))
                            .filter_map(|member| member.attribute("Name").map(str::to_owned))
                            .collect();
                        metadata.types.insert(qualified, ServiceType { members, ..Default::default() });
                    }
                    "Action" | "Function" if node.attribute("IsBound") == Some("true") => {
                        let typed = |node: Node<'_, '_>| {
                            let (collection, ty) = collection_of(node.attribute("Type").unwrap_or_default());
                            let nullable = node.attribute("Nullable") != Some("false");
                            ServiceProperty {
                                name: node.attribute("Name").unwrap_or_default().to_owned(),
                                ty: resolve(ty),
                                collection,
                                nullable,
                                computed: false,
                                navigation: false,
                                optional: nullable || annotated(node, "OptionalParameter"),
                            }
                        };
                        let mut parameters: Vec<ServiceProperty> =
                            node.children().filter(|child| is_edm(child, "Parameter")).map(typed).collect();
                        if parameters.is_empty() {
                            continue; // bound, but without its binding parameter: not CSDL
                        }
                        let binding = parameters.remove(0);
                        let returns = node.children().find(|child| is_edm(child, "ReturnType")).map(typed);
                        let kind =
                            if kind == "Action" { OperationKind::Action } else { OperationKind::Function };
                        metadata.operations.push(ServiceOperation {
                            name: qualified,
                            kind,
                            binding,
                            parameters,
                            returns,
                        });
                    }
                    "EntityContainer" => {
                        for item in node.children().filter(Node::is_element) {
                            let ty = item.attribute("EntityType").or_else(|| item.attribute("Type"));
                            if let (Some(name), Some(ty)) = (item.attribute("Name"), ty) {
                                metadata.container.insert(name.to_owned(), resolve(ty));
                            }
                        }
                    }
                    "Annotations" => {
                        let target = node.attribute("Target").unwrap_or_default();
                        if let Some((ty, property)) = target.split_once('/') {
                            if inline_read_only(node) {
                                computed.insert(format!("{}/{property}", resolve(ty)));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for (name, ty) in &mut metadata.types {
            for property in &mut ty.properties {
                property.computed = computed.contains(&format!("{name}/{}", property.name));
            }
        }
        Ok(metadata)
    }

    fn is_enumeration(&self, name: &str) -> bool {
        self.types.get(name).is_some_and(|ty| !ty.members.is_empty())
    }

    /// Whether the service declares a type of this qualified name.
    pub fn has_type(&self, name: &str) -> bool {
        self.types.contains_key(name)
    }

    /// Every difference between `T` (and every type it references: its base, its
    /// properties' types) and the service's types of the same names.
    ///
    /// ```
    /// use odata::csdl::{FindingKind, Metadata};
    ///
    /// #[derive(odata::ODataComplex)]
    /// #[odata(type = "contoso.address")]
    /// pub struct Address {
    ///     pub city: Option<String>,
    ///     pub zip_code: Option<String>,
    /// }
    ///
    /// let metadata = Metadata::parse(r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
    ///   <edmx:DataServices><Schema Namespace="contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    ///     <ComplexType Name="address"><Property Name="city" Type="Edm.String"/>
    ///       <Property Name="postalCode" Type="Edm.String"/><Property Name="street" Type="Edm.String"/></ComplexType>
    ///   </Schema></edmx:DataServices></edmx:Edmx>"#).unwrap();
    /// let report = metadata.check::<Address>();
    /// assert_eq!(report.findings().len(), 1);
    /// let finding = &report.findings()[0];
    /// assert_eq!(finding.field.as_deref(), Some("zip_code"));
    /// assert!(matches!(&finding.kind, FindingKind::UnknownProperty { model, .. } if model == "zipCode"));
    /// assert_eq!(report.omitted(), ["contoso.address/postalCode", "contoso.address/street"]);
    /// ```
    pub fn check<T: EdmTyped + ?Sized>(&self) -> Report {
        self.check_type(T::EDM)
    }

    /// [`check`](Metadata::check) for code that holds the data, not the type.
    pub fn check_type(&self, edm: EdmType) -> Report {
        self.check_types(&[edm])
    }

    /// [`check`](Metadata::check) of several types (a generated crate's `TYPES`), each type
    /// they reach checked once.
    pub fn check_types(&self, types: &[EdmType]) -> Report {
        let mut report = Report::default();
        let mut seen = BTreeSet::new();
        for edm in types {
            if let EdmTarget::Described(describe) = edm.target {
                self.check_description(describe(), &mut seen, &mut report);
            }
        }
        report
    }

    /// Every difference between the bound operation `O` and the service's operation of the
    /// same name (a simple name is in its binding type's namespace): the service has no such
    /// operation, or binds it to another type, or declares a function where the model says
    /// action; a parameter the service does not have, in another case, or of a type the Rust
    /// type cannot hold; a parameter the service requires that the model leaves out; a return
    /// type the Rust type cannot hold. The types it references are checked as
    /// [`check`](Metadata::check) does; parameters the service may go without are
    /// [`omitted`](Report::omitted).
    ///
    /// ```
    /// use odata::csdl::Metadata;
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
    /// #[odata(action = "archive", binding = Item)]
    /// pub struct Archive {
    ///     pub reason: i32,
    /// }
    ///
    /// let metadata = Metadata::parse(r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
    ///   <edmx:DataServices><Schema Namespace="contoso" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    ///     <EntityType Name="item"><Key><PropertyRef Name="id"/></Key>
    ///       <Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
    ///     <Action Name="archive" IsBound="true"><Parameter Name="bindingParameter" Type="contoso.item"/>
    ///       <Parameter Name="reason" Type="Edm.String"/><Parameter Name="until" Type="Edm.Date" Nullable="false"/></Action>
    ///     <EntityContainer Name="Service"><EntitySet Name="items" EntityType="contoso.item"/></EntityContainer>
    ///   </Schema></edmx:DataServices></edmx:Edmx>"#).unwrap();
    /// assert_eq!(metadata.check_operation::<Archive>().to_string(), "\
    /// contoso.archive, field `reason` (service parameter `reason`): the Rust type is `Edm.Int32`, which cannot hold the service's `Edm.String`
    /// contoso.archive (service parameter `until`): the service requires this parameter, which the model does not send
    /// ");
    /// ```
    pub fn check_operation<O: ODataOperation + ?Sized>(&self) -> Report {
        self.check_operations(&[&O::DESCRIPTION])
    }

    /// [`check_operation`](Metadata::check_operation) of several operations (a generated
    /// crate's `OPERATIONS`), each type they reach checked once.
    pub fn check_operations(&self, operations: &[&'static OperationDescription]) -> Report {
        let mut report = Report::default();
        let mut seen = BTreeSet::new();
        for operation in operations {
            let parameters = operation.parameters.iter().map(|parameter| parameter.edm);
            for edm in [operation.binding].into_iter().chain(parameters).chain(operation.returns) {
                if let EdmTarget::Described(describe) = edm.target {
                    self.check_description(describe(), &mut seen, &mut report);
                }
            }
            self.check_signature(operation, &mut report);
        }
        report
    }

    /// Whether `derived` is `base` or one of the service's types derived from it.
    fn derives_from(&self, derived: &str, base: &str) -> bool {
        derived == base || self.lineage(derived).any(|(name, _)| name == base)
    }

    /// A type and its service bases, nearest first; at most 64, should the bases loop.
    fn lineage<'m>(&'m self, name: &str) -> impl Iterator<Item = (&'m str, &'m ServiceType)> + 'm {
        let named = |name: &str| self.types.get_key_value(name).map(|(name, ty)| (name.as_str(), ty));
        std::iter::successors(named(name), move |(_, ty)| ty.base.as_deref().and_then(named)).take(64)
    }

    fn check_signature(&self, operation: &'static OperationDescription, report: &mut Report) {
        let name = operation.qualified_name();
        let finding = |field: Option<&str>, service: Option<&str>, kind| {
            let mut finding = Finding::new(&name, field.map(str::to_owned), service.map(str::to_owned), kind);
            finding.operation = true;
            finding
        };
        let overloads: Vec<&ServiceOperation> =
            self.operations.iter().filter(|service| service.name == name).collect();
        if overloads.is_empty() {
            let (namespace, simple) = name.rsplit_once('.').unwrap_or(("", &name));
            let siblings = self.operations.iter().filter_map(|service| {
                service
                    .name
                    .rsplit_once('.')
                    .filter(|(other, _)| *other == namespace)
                    .map(|(_, simple)| simple)
            });
            let closest = closest(simple, siblings).map(|simple| format!("{namespace}.{simple}"));
            report.push(finding(None, None, FindingKind::UnknownOperation { closest }));
            return;
        }
        // Bound to the model's type, or to a base of it; of the overloads, the one whose
        // parameters the model names most.
        let binding = operation.binding.element_name();
        if !self.types.contains_key(binding) {
            return; // the binding type's own finding says that the service has no such type
        }
        let named = |service: &&&ServiceOperation| {
            let exact = service.binding.ty == binding;
            let shared = operation
                .parameters
                .iter()
                .filter(|parameter| service.parameters.iter().any(|declared| declared.name == parameter.name))
                .count();
            (exact, shared)
        };
        let Some(service) = overloads
            .iter()
            .filter(|service| {
                service.binding.collection == operation.binding.collection
                    && self.derives_from(binding, &service.binding.ty)
            })
            .max_by_key(named)
        else {
            let kind = FindingKind::BindingDiffers {
                model: operation.binding.csdl_name(),
                service: overloads.iter().map(|service| service_type_name(&service.binding)).collect(),
            };
            report.push(finding(None, None, kind));
            return;
        };
        if service.kind != operation.kind {
            report.push(finding(None, None, FindingKind::OperationKindDiffers { service: service.kind }));
        }
        for parameter in operation.parameters {
            let field = Some(parameter.field);
            let declared = match find_named(parameter.name, service.parameters.iter()) {
                Named::Exact(declared) => declared,
                Named::OtherCase(declared) => {
                    let kind = FindingKind::WireNameCase { model: parameter.name.to_owned() };
                    report.push(finding(field, Some(&declared.name), kind));
                    continue;
                }
                Named::Missing { closest } => {
                    let kind = FindingKind::UnknownProperty { model: parameter.name.to_owned(), closest };
                    report.push(finding(field, None, kind));
                    continue;
                }
            };
            let (model, service_type) = (parameter.edm.csdl_name(), service_type_name(declared));
            match type_fit(&parameter.edm, declared, self.is_enumeration(&declared.ty)) {
                Fit::Fits => {}
                Fit::Hint => report.push(finding(
                    field,
                    Some(&declared.name),
                    FindingKind::LooserType { model, service: service_type },
                )),
                Fit::Misfit => report.push(finding(
                    field,
                    Some(&declared.name),
                    FindingKind::TypeMismatch { model, service: service_type },
                )),
            }
        }
        for declared in &service.parameters {
            if operation
                .parameters
                .iter()
                .any(|parameter| parameter.name.eq_ignore_ascii_case(&declared.name))
            {
                continue;
            }
            if declared.optional {
                report.omitted.push(format!("{name}/{}", declared.name));
            } else {
                report.push(finding(None, Some(&declared.name), FindingKind::MissingParameter));
            }
        }
        // A model that reads nothing from the answer is fine whatever the service returns.
        if let Some(returns) = operation.returns {
            let fits = match &service.returns {
                Some(declared) => {
                    !matches!(type_fit(&returns, declared, self.is_enumeration(&declared.ty)), Fit::Misfit)
                }
                None => false,
            };
            if !fits {
                let kind = FindingKind::ReturnTypeDiffers {
                    model: returns.csdl_name(),
                    service: service.returns.as_ref().map(service_type_name),
                };
                report.push(finding(None, None, kind));
            }
        }
    }

    fn check_description(
        &self,
        description: &'static TypeDescription,
        seen: &mut BTreeSet<(&'static str, bool)>,
        report: &mut Report,
    ) {
        // A hierarchy's enum has its root type's name: both are visited.
        if !seen.insert((description.name, description.kind == TypeKind::Hierarchy)) {
            return;
        }
        if let Some(base) = description.base {
            self.check_description(base(), seen, report);
        }
        for property in description.described_properties() {
            if let EdmTarget::Described(describe) = property.edm.target {
                self.check_description(describe(), seen, report);
            }
        }
        for variant in description.variants.iter().flatten() {
            self.check_description(variant(), seen, report);
        }
        if description.kind == TypeKind::Hierarchy {
            return; // its variants are checked
        }
        let Some(service) = self.types.get(description.name) else {
            // Compared within the namespace: the simple names are short, and a misspelling
            // rarely changes the namespace.
            let (namespace, simple) = description.name.rsplit_once('.').unwrap_or(("", description.name));
            let siblings = self.types.keys().filter_map(|name| {
                name.rsplit_once('.').filter(|(other, _)| *other == namespace).map(|(_, simple)| simple)
            });
            let closest = closest(simple, siblings).map(|simple| format!("{namespace}.{simple}"));
            report.push(Finding::new(description.name, None, None, FindingKind::UnknownType { closest }));
            return;
        };
        if description.kind == TypeKind::Enum {
            for member in description.members {
                if !service.members.iter().any(|declared| declared == member) {
                    let closest = closest(member, service.members.iter().map(String::as_str));
                    let kind = FindingKind::UnknownMember { member: (*member).to_owned(), closest };
                    report.push(Finding::new(description.name, None, None, kind));
                }
            }
            return;
        }
        self.check_key(description, report);
        self.check_paths(description, report);
        let declared = self.properties_of(description.name);
        for property in description.described_properties() {
            self.check_property(description, property, &declared, report);
        }
        let modelled: BTreeSet<&str> = self.rust_properties(description).collect();
        for property in &service.properties {
            if !modelled.contains(property.name.as_str()) {
                report.omitted.push(format!("{}/{}", description.name, property.name));
            }
        }
    }

    /// The wire names of `description`'s properties and its bases'.
    fn rust_properties(&self, description: &'static TypeDescription) -> impl Iterator<Item = &'static str> {
        let mut names = Vec::new();
        let mut current = Some(description);
        while let Some(description) = current {
            names.extend(description.properties.iter().map(|property| property.name));
            current = description.base.map(|base| base());
        }
        names.into_iter()
    }

    /// A type's properties with its service bases'.
    fn properties_of(&self, name: &str) -> Vec<&ServiceProperty> {
        self.lineage(name).flat_map(|(_, ty)| &ty.properties).collect()
    }

    /// The key the service gives a type: its own or its nearest base's.
    fn key_of(&self, name: &str) -> &[String] {
        self.lineage(name).map(|(_, ty)| ty.key.as_slice()).find(|key| !key.is_empty()).unwrap_or(&[])
    }

    fn check_key(&self, description: &'static TypeDescription, report: &mut Report) {
        if description.kind != TypeKind::Entity || description.keys.is_empty() {
            return;
        }
        let service = self.key_of(description.name);
        if !service.iter().map(String::as_str).eq(description.keys.iter().copied()) {
            let kind = FindingKind::KeyDiffers {
                model: description.keys.iter().map(|key| (*key).to_owned()).collect(),
                service: service.to_vec(),
            };
            report.push(Finding::new(description.name, None, None, kind));
        }
    }

    fn check_paths(&self, description: &'static TypeDescription, report: &mut Report) {
        for path in [description.collection, description.singleton].into_iter().flatten() {
            let first = path.trim_start_matches('/').split('/').next().unwrap_or_default();
            if !self.container.contains_key(first) {
                let closest = closest(first, self.container.keys().map(String::as_str));
                let kind = FindingKind::PathNotInContainer { path: path.to_owned(), closest };
                report.push(Finding::new(description.name, None, None, kind));
            }
        }
    }

    fn check_property(
        &self,
        description: &'static TypeDescription,
        property: DescribedProperty,
        declared: &[&ServiceProperty],
        report: &mut Report,
    ) {
        let field = Some(property.field.to_owned()).filter(|field| !field.is_empty());
        let finding = |service: Option<&str>, kind| {
            Finding::new(description.name, field.clone(), service.map(str::to_owned), kind)
        };
        let service = match find_named(property.name, declared.iter().copied()) {
            Named::Exact(service) => service,
            Named::OtherCase(service) => {
                let kind = FindingKind::WireNameCase { model: property.name.to_owned() };
                return report.push(finding(Some(&service.name), kind));
            }
            Named::Missing { closest } => {
                let kind = FindingKind::UnknownProperty { model: property.name.to_owned(), closest };
                return report.push(finding(None, kind));
            }
        };
        let service_name = Some(service.name.as_str());
        if service.navigation != property.navigation {
            report.push(finding(
                service_name,
                FindingKind::NavigationMismatch { service_navigation: service.navigation },
            ));
        }
        match type_fit(&property.edm, service, self.is_enumeration(&service.ty)) {
            Fit::Fits => {}
            Fit::Hint => report.push(finding(
                service_name,
                FindingKind::LooserType {
                    model: property.edm.csdl_name(),
                    service: service_type_name(service),
                },
            )),
            // A type derived from the service's target reads what the service usually sends
            // (`manager` as a `user`, not any `directoryObject`): a hint, not a mistake.
            Fit::Misfit
                if service.navigation
                    && property.edm.collection == service.collection
                    && property.edm.element_name() != service.ty
                    && self.derives_from(property.edm.element_name(), &service.ty) =>
            {
                report.push(finding(
                    service_name,
                    FindingKind::NarrowerTarget {
                        model: property.edm.csdl_name(),
                        service: service_type_name(service),
                    },
                ))
            }
            Fit::Misfit if service.navigation => report.push(finding(
                service_name,
                FindingKind::NavigationTarget {
                    model: property.edm.csdl_name(),
                    service: service_type_name(service),
                },
            )),
            Fit::Misfit => report.push(finding(
                service_name,
                FindingKind::TypeMismatch {
                    model: property.edm.csdl_name(),
                    service: service_type_name(service),
                },
            )),
        }
        if !property.optional
            && !property.edm.collection
            && !service.collection
            && service.nullable
            && !service.navigation
        {
            report.push(finding(service_name, FindingKind::RequiredButNullable));
        }
        if service.computed && property.sent_on_create() {
            report.push(finding(service_name, FindingKind::ComputedSentOnCreate));
        }
    }
}

fn service_type_name(property: &ServiceProperty) -> String {
    if property.collection {
        format!("Collection({})", property.ty)
    } else {
        property.ty.clone()
    }
}

enum Fit {
    Fits,
    /// Fits, but looser than the service's type (a `String` for an `Edm.DateTimeOffset`).
    Hint,
    Misfit,
}

/// Whether a Rust type holds every value of the service's type.
fn type_fit(model: &EdmType, service: &ServiceProperty, service_enumeration: bool) -> Fit {
    if model.target == EdmTarget::Unknown {
        return Fit::Fits; // a serde type of the user's: nothing to compare
    }
    if model.collection != service.collection {
        return Fit::Misfit;
    }
    let (model, service) = (model.element_name(), service.ty.as_str());
    let primitive = service.starts_with("Edm.");
    if model == service || model == "Edm.Untyped" {
        return Fit::Fits;
    }
    // Wider integers and floats hold every value of the narrower ones.
    const WIDENING: &[(&str, &[&str])] = &[
        ("Edm.Int16", &["Edm.Byte", "Edm.SByte"]),
        ("Edm.Int32", &["Edm.Byte", "Edm.SByte", "Edm.Int16"]),
        ("Edm.Int64", &["Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32"]),
        ("Edm.Double", &["Edm.Single"]),
        ("Edm.Decimal", &["Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"]),
    ];
    if WIDENING.iter().any(|(wide, narrow)| *wide == model && narrow.contains(&service)) {
        return Fit::Fits;
    }
    if model == "Edm.Geography"
        && (service.starts_with("Edm.Geography") || service.starts_with("Edm.Geometry"))
    {
        return Fit::Fits;
    }
    // A string holds the text of any primitive but a stream, and an enumeration's members.
    if model == "Edm.String" && ((primitive && service != "Edm.Stream") || service_enumeration) {
        return Fit::Hint;
    }
    Fit::Misfit
}

/// How a model's name meets the service's names: exactly, in another case, or not at all.
enum Named<'s> {
    Exact(&'s ServiceProperty),
    OtherCase(&'s ServiceProperty),
    Missing { closest: Option<String> },
}

/// The service's property or parameter of this name, for a property or parameter of the model.
fn find_named<'s>(name: &str, declared: impl Iterator<Item = &'s ServiceProperty> + Clone) -> Named<'s> {
    if let Some(exact) = declared.clone().find(|candidate| candidate.name == name) {
        return Named::Exact(exact);
    }
    if let Some(other_case) = declared.clone().find(|candidate| candidate.name.eq_ignore_ascii_case(name)) {
        return Named::OtherCase(other_case);
    }
    Named::Missing { closest: closest(name, declared.map(|candidate| candidate.name.as_str())) }
}

/// Where `a`'s annotations mark it read-only: `Core.Computed` (true) or `Core.Permissions` =
/// `Read`.
fn inline_read_only(node: Node<'_, '_>) -> bool {
    node.children().filter(|child| is_edm(child, "Annotation")).any(|annotation| {
        let term = annotation.attribute("Term").unwrap_or_default();
        let Some((vocabulary, term)) = term.rsplit_once('.') else { return false };
        if vocabulary != CORE && vocabulary != "Core" {
            return false;
        }
        match term {
            "Computed" => annotation.attribute("Bool") != Some("false"),
            "Permissions" => {
                let value = annotation
                    .attribute("EnumMember")
                    .map(str::to_owned)
                    .or_else(|| {
                        annotation
                            .descendants()
                            .find(|node| is_edm(node, "EnumMember"))
                            .and_then(|node| node.text().map(str::to_owned))
                    })
                    .unwrap_or_default();
                let members: Vec<&str> = value
                    .split_whitespace()
                    .map(|member| member.rsplit('/').next().unwrap_or(member))
                    .collect();
                !members.is_empty() && members.iter().all(|member| *member == "Read")
            }
            _ => false,
        }
    })
}

/// Whether `node` carries a `Core` annotation of this term that is not `false`.
fn annotated(node: Node<'_, '_>, core_term: &str) -> bool {
    node.children().filter(|child| is_edm(child, "Annotation")).any(|annotation| {
        let term = annotation.attribute("Term").unwrap_or_default();
        term.rsplit_once('.').is_some_and(|(vocabulary, term)| {
            (vocabulary == CORE || vocabulary == "Core") && term == core_term
        }) && annotation.attribute("Bool") != Some("false")
    })
}

fn collection_of(ty: &str) -> (bool, &str) {
    match ty.strip_prefix("Collection(").and_then(|inner| inner.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, ty),
    }
}

fn is_edm(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(EDM_NAMESPACE)
}

fn line_of(node: Node<'_, '_>) -> u32 {
    node.document().text_pos_at(node.range().start).row
}

/// The candidate closest to `name` (case-insensitive edit distance), when close enough to be
/// a likely misspelling: at most a third of the longer name's letters differ.
fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    let name = name.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // A third of the longer name may differ (a transposition is two edits), but not
        // every letter of the shorter.
        let limit = candidate
            .len()
            .max(name.len())
            .div_ceil(3)
            .min(candidate.len().min(name.len()).saturating_sub(1));
        // The distance is at least the difference of the lengths: most candidates stop here.
        if candidate.len().abs_diff(name.len()) > limit {
            continue;
        }
        let Some(distance) = bounded_edit_distance(&name, &candidate.to_ascii_lowercase(), limit) else {
            continue;
        };
        if best.is_none_or(|(shortest, earliest)| (distance, candidate) < (shortest, earliest)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

/// The edit distance between `a` and `b` (bytes: the names compared are ASCII), or `None`
/// when it exceeds `limit`, found as soon as a whole row of the table does.
fn bounded_edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut least = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            least = least.min(current[j + 1]);
        }
        if least > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|distance| *distance <= limit)
}

/// What [`Metadata::check`] found: every difference, in the order met. Properties of the
/// service that the model leaves out are not differences; [`omitted`](Report::omitted) lists
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    omitted: Vec<String>,
}

impl Report {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Every difference, hints included.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The differences that are mistakes (every finding but hints).
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|finding| !finding.is_hint())
    }

    /// Whether the model agrees with the service (hints allowed).
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The service's properties (`type/property`) that the checked types leave out.
    pub fn omitted(&self) -> &[String] {
        &self.omitted
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

/// One difference between an annotated type and the service's type of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The qualified type name.
    pub type_name: String,
    /// The Rust field, for a property's finding.
    pub field: Option<String>,
    /// The service's property, when it has one that matches.
    pub service_property: Option<String>,
    /// What differs.
    pub kind: FindingKind,
    /// Of a bound operation (`type_name` is then the operation's qualified name, and
    /// `service_property` a parameter's name).
    operation: bool,
}

impl Finding {
    fn new(
        type_name: &str,
        field: Option<String>,
        service_property: Option<String>,
        kind: FindingKind,
    ) -> Finding {
        Finding { type_name: type_name.to_owned(), field, service_property, kind, operation: false }
    }

    /// A difference that is allowed (a looser Rust type), reported for information.
    pub fn is_hint(&self) -> bool {
        matches!(self.kind, FindingKind::LooserType { .. } | FindingKind::NarrowerTarget { .. })
    }
}

/// What differs, for one [`Finding`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// The service has no type of this name.
    UnknownType {
        /// The service's closest type name.
        closest: Option<String>,
    },
    /// The service's type has no property of this wire name.
    UnknownProperty {
        /// The model's wire name.
        model: String,
        /// The service's closest property name.
        closest: Option<String>,
    },
    /// The service's property has this name in another case.
    WireNameCase {
        /// The model's wire name.
        model: String,
    },
    /// The Rust type cannot hold the service's values.
    TypeMismatch {
        /// The model's Edm type.
        model: String,
        /// The service's Edm type.
        service: String,
    },
    /// The Rust type holds the service's values but is looser (a hint, not a mistake).
    LooserType {
        /// The model's Edm type.
        model: String,
        /// The service's Edm type.
        service: String,
    },
    /// A required (non-`Option`) field for a property the service declares nullable.
    RequiredButNullable,
    /// A property the service computes that the model sends on create (not `read_only`).
    ComputedSentOnCreate,
    /// The entity type's key is not the service's.
    KeyDiffers {
        /// The model's key properties.
        model: Vec<String>,
        /// The service's.
        service: Vec<String>,
    },
    /// A `collection` or `singleton` path whose first segment the container lacks.
    PathNotInContainer {
        /// The model's path.
        path: String,
        /// The container's closest entity set or singleton.
        closest: Option<String>,
    },
    /// A navigation property leading to another type than the service's.
    NavigationTarget {
        /// The model's target.
        model: String,
        /// The service's.
        service: String,
    },
    /// A navigation property leading to a type derived from the service's target (a hint,
    /// not a mistake): a value of another type of the hierarchy fails to read.
    NarrowerTarget {
        /// The model's target.
        model: String,
        /// The service's.
        service: String,
    },
    /// A navigation property the service declares structural, or the other way round.
    NavigationMismatch {
        /// Whether the service's is a navigation property.
        service_navigation: bool,
    },
    /// An enumeration member the service does not declare.
    UnknownMember {
        /// The model's member.
        member: String,
        /// The service's closest member.
        closest: Option<String>,
    },
    /// The service has no bound operation of this name.
    UnknownOperation {
        /// The service's closest operation name.
        closest: Option<String>,
    },
    /// The service binds the operation to other types (or to a collection where the model
    /// binds it to one entity, or the other way round).
    BindingDiffers {
        /// The model's binding type.
        model: String,
        /// The service's binding types, one per overload.
        service: Vec<String>,
    },
    /// The service declares a function where the model says action, or the other way round.
    OperationKindDiffers {
        /// The service's kind.
        service: OperationKind,
    },
    /// A parameter the service requires (not nullable) that the model leaves out.
    MissingParameter,
    /// The Rust return type cannot hold what the service returns (`None`: the service returns
    /// nothing).
    ReturnTypeDiffers {
        /// The model's return type.
        model: String,
        /// The service's.
        service: Option<String>,
    },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.type_name)?;
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        if let Some(property) = &self.service_property {
            let noun = if self.operation { "parameter" } else { "property" };
            write!(f, " (service {noun} `{property}`)")?;
        }
        let or_closest = |closest: &Option<String>| match closest {
            Some(closest) => format!("; did you mean `{closest}`?"),
            None => String::new(),
        };
        match &self.kind {
            FindingKind::UnknownType { closest } => {
                write!(f, ": the service has no such type{}", or_closest(closest))
            }
            FindingKind::UnknownProperty { model, closest } if self.operation => {
                write!(f, ": the service's operation has no parameter `{model}`{}", or_closest(closest))
            }
            FindingKind::UnknownProperty { model, closest } => {
                write!(f, ": the service's type has no property `{model}`{}", or_closest(closest))
            }
            FindingKind::WireNameCase { model } => {
                write!(f, ": the model names it `{model}`, in another case")
            }
            FindingKind::TypeMismatch { model, service } => {
                write!(f, ": the Rust type is `{model}`, which cannot hold the service's `{service}`")
            }
            FindingKind::LooserType { model, service } => {
                write!(f, ": hint: the Rust type is `{model}`, looser than the service's `{service}`")
            }
            FindingKind::RequiredButNullable => write!(
                f,
                ": the field is required but the service declares the property nullable: make it an `Option`"
            ),
            FindingKind::ComputedSentOnCreate => {
                write!(f, ": the service computes it, but the model sends it on create: mark it `read_only`")
            }
            FindingKind::KeyDiffers { model, service } => {
                write!(f, ": the key is {model:?}, the service's is {service:?}")
            }
            FindingKind::PathNotInContainer { path, closest } => write!(
                f,
                ": the container has no entity set or singleton for `{path}`{}",
                or_closest(closest)
            ),
            FindingKind::NavigationTarget { model, service } => {
                write!(f, ": the navigation property leads to `{model}`, the service's to `{service}`")
            }
            FindingKind::NarrowerTarget { model, service } => write!(
                f,
                ": hint: the navigation property leads to `{model}`, derived from the service's `{service}`: a value of another type fails to read"
            ),
            FindingKind::NavigationMismatch { service_navigation: true } => {
                write!(f, ": the service declares a navigation property; mark it `navigation`")
            }
            FindingKind::NavigationMismatch { service_navigation: false } => {
                write!(f, ": the service declares a structural property, not a navigation property")
            }
            FindingKind::UnknownMember { member, closest } => {
                write!(f, ": the service's enumeration has no member `{member}`{}", or_closest(closest))
            }
            FindingKind::UnknownOperation { closest } => {
                write!(f, ": the service has no bound operation of this name{}", or_closest(closest))
            }
            FindingKind::BindingDiffers { model, service } => {
                write!(f, ": the model binds it to `{model}`, the service to {}", service.join(", "))
            }
            FindingKind::OperationKindDiffers { service } => {
                let (service, model) = match service {
                    OperationKind::Action => ("an action", "function"),
                    OperationKind::Function => ("a function", "action"),
                };
                write!(f, ": the service declares {service}; the model says `{model}`")
            }
            FindingKind::MissingParameter => {
                write!(f, ": the service requires this parameter, which the model does not send")
            }
            FindingKind::ReturnTypeDiffers { model, service: Some(service) } => {
                write!(f, ": the Rust return type is `{model}`, which cannot hold the service's `{service}`")
            }
            FindingKind::ReturnTypeDiffers { model, service: None } => {
                write!(f, ": the model reads a `{model}` from it, but the service returns nothing")
            }
        }
    }
}
