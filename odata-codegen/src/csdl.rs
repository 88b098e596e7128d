//! Reading a CSDL XML document into the typed [`Model`]: two passes (declare every type, then
//! read every member with its type references resolved), then the `<Annotations>` blocks.
//! Every problem is collected with its element and line; nothing is reported half-way.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};

use crate::error::{Diagnostic, Error};
use crate::model::{
    ContainerItem, EnumMember, Enumeration, Model, Operation, OperationKind, Primitive, Property, Schema,
    Structured, Target, TypeDef, TypeId, TypeKind, TypeRef,
};

const EDMX_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edm";
const CORE_VOCABULARY: &str = "Org.OData.Core.V1";
/// The facets of a property that no generated Rust type carries, kept in the model so that a
/// comparison can name them.
const FACETS: &[&str] = &["MaxLength", "Precision", "Scale", "SRID"];

/// Parses a whole CSDL document.
/// Parses a CSDL document into the typed model the generator works from, every type reference
/// resolved; every problem is reported at once, each with its element and line.
///
/// ```
/// let error = odata_codegen::parse_metadata("<notes/>").unwrap_err();
/// assert!(error.to_string().contains("line 1: <notes>: not a CSDL document"), "{error}");
/// ```
pub fn parse_metadata(text: &str) -> Result<Model, Error> {
    parse(text)
}

pub fn parse(text: &str) -> Result<Model, Error> {
    // The byte-order mark Graph's file starts with is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = Document::parse(text).map_err(|error| xml_error(text, &error))?;
    let mut reader = Reader::new(&document);
    let model = reader.read();
    if reader.diagnostics.is_empty() {
        Ok(model)
    } else {
        // Checks that run after the passes report in document order too.
        reader.diagnostics.sort_by_key(|diagnostic| diagnostic.line);
        Err(Error::Invalid { file: None, diagnostics: reader.diagnostics })
    }
}

/// An XML error with its line. The parser gives no position when the document ends early (a
/// cut-off download): then the error is at the last line, naming the innermost element left
/// open.
fn xml_error(text: &str, error: &roxmltree::Error) -> Error {
    use roxmltree::Error as XmlError;
    let at_end =
        matches!(error, XmlError::UnexpectedEndOfStream | XmlError::UnclosedRootNode | XmlError::NoRootNode);
    if !at_end {
        return Error::Xml { file: None, line: error.pos().row, message: error.to_string() };
    }
    let line = u32::try_from(text.lines().count().max(1)).unwrap_or(u32::MAX);
    let message = match innermost_open_element(text) {
        Some((element, opened)) => {
            format!("the document ends inside {element} (opened at line {opened}): it is cut off")
        }
        None => format!("{error}: the document is empty or cut off"),
    };
    Error::Xml { file: None, line, message }
}

/// The innermost element left open at the end of a document, and its line: a scan of the tags
/// that skips comments, processing instructions, CDATA and declarations.
fn innermost_open_element(text: &str) -> Option<(String, usize)> {
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start..];
        let line = text[..offset + start].matches('\n').count() + 1;
        let skip_to = |terminator: &str| tag.find(terminator).map(|end| end + terminator.len());
        let consumed = if tag.starts_with("<!--") {
            skip_to("-->")
        } else if tag.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if tag.starts_with("<?") {
            skip_to("?>")
        } else {
            match tag.find('>') {
                Some(end) => {
                    let inner = &tag[1..end];
                    if let Some(name) = inner.strip_prefix('/') {
                        let name = name.trim();
                        if let Some(position) =
                            open.iter().rposition(|(open_name, _)| tag_name(open_name) == name)
                        {
                            open.truncate(position);
                        }
                    } else if !inner.starts_with('!') && !inner.ends_with('/') {
                        open.push((describe_tag(inner), line));
                    }
                    Some(end + 1)
                }
                None => {
                    // The tag itself is cut.
                    let inner = tag[1..].lines().next().unwrap_or_default();
                    open.push((describe_tag(inner), line));
                    None
                }
            }
        };
        let Some(consumed) = consumed else { break };
        offset += start + consumed;
        rest = &rest[start + consumed..];
    }
    open.pop()
}

/// `<Property Name="b">` from the text inside a tag's brackets.
fn describe_tag(inner: &str) -> String {
    let name = tag_name(inner);
    let attribute = ["Name", "Target"].iter().find_map(|attribute| {
        let marker = format!(" {attribute}=\"");
        let start = inner.find(&marker)? + marker.len();
        let end = inner[start..].find('"')? + start;
        Some(format!(" {attribute}=\"{}\"", &inner[start..end]))
    });
    format!("<{name}{}>", attribute.unwrap_or_default())
}

fn tag_name(inner: &str) -> &str {
    inner.split(|c: char| c.is_whitespace() || c == '/' || c == '>').next().unwrap_or_default()
}

/// The Core annotations the generator reads, found inline or in an `<Annotations>` block.
#[derive(Default)]
struct CoreAnnotations {
    description: Option<String>,
    computed: Option<bool>,
    permissions_read: Option<bool>,
}

/// What an `<Annotations Target="...">` names.
enum AnnotationTarget {
    Type(TypeId),
    Property(TypeId, usize),
    Navigation(TypeId, usize),
    Member(TypeId, usize),
    Operation(usize),
    Parameter(usize, usize),
    /// An entity set (`false`) or singleton (`true`) of the entity container, by index.
    ContainerItem(bool, usize),
}

struct Reader<'a, 'input> {
    document: &'a Document<'input>,
    diagnostics: Vec<Diagnostic>,
    /// Namespace and alias, both mapped to the namespace.
    namespaces: BTreeMap<String, String>,
    /// Vocabulary namespace and alias (`edmx:Include`), both mapped to the namespace.
    vocabularies: BTreeMap<String, String>,
    /// Qualified name to type.
    type_ids: BTreeMap<String, TypeId>,
    /// Per operation, its parameter types as written with aliases resolved (binding first), to
    /// match `<Annotations Target="ns.op(ns.type, Edm.String)">`.
    signatures: Vec<Vec<String>>,
    /// The byte offset of each line's start: `text_pos_at` scans the text on every call.
    line_starts: Vec<usize>,
}

impl<'a, 'input> Reader<'a, 'input> {
    fn new(document: &'a Document<'input>) -> Self {
        Reader {
            document,
            diagnostics: Vec::new(),
            namespaces: BTreeMap::new(),
            vocabularies: BTreeMap::new(),
            type_ids: BTreeMap::new(),
            signatures: Vec::new(),
            line_starts: std::iter::once(0)
                .chain(document.input_text().match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
        }
    }

    fn line(&self, node: Node) -> u32 {
        let offset = node.range().start;
        let line = self.line_starts.partition_point(|start| *start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    fn error(&mut self, node: Node, message: impl Into<String>) {
        let diagnostic =
            Diagnostic { line: self.line(node), element: describe(node), message: message.into() };
        self.diagnostics.push(diagnostic);
    }

    /// A required attribute, or an error naming it.
    fn required<'n>(&mut self, node: Node<'n, '_>, attribute: &str) -> Option<&'n str> {
        let value = node.attribute(attribute);
        if value.is_none() {
            self.error(node, format!("the required attribute `{attribute}` is missing"));
        }
        value
    }

    fn boolean(&mut self, node: Node, attribute: &str, default: bool) -> bool {
        match node.attribute(attribute) {
            None => default,
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                self.error(node, format!("`{attribute}` must be `true` or `false`, not `{other}`"));
                default
            }
        }
    }

    fn read(&mut self) -> Model {
        let mut model = Model {
            schemas: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            container: None,
            default_schema: 0,
        };
        let root = self.document.root_element();
        if root.tag_name().name() != "Edmx" || root.tag_name().namespace() != Some(EDMX_NAMESPACE) {
            self.error(root, format!("not a CSDL document: the root element must be `<edmx:Edmx>` in the namespace `{EDMX_NAMESPACE}`"));
            return model;
        }
        for reference in edmx_children(root, "Reference") {
            for include in edmx_children(reference, "Include") {
                if let Some(namespace) = self.required(include, "Namespace") {
                    self.vocabularies.insert(namespace.to_owned(), namespace.to_owned());
                    if let Some(alias) = include.attribute("Alias") {
                        self.vocabularies.insert(alias.to_owned(), namespace.to_owned());
                    }
                }
            }
        }
        let Some(data_services) = edmx_children(root, "DataServices").next() else {
            self.error(root, "`<edmx:DataServices>` is missing");
            return model;
        };
        let schema_nodes: Vec<Node> = edm_children(data_services, "Schema").collect();
        if schema_nodes.is_empty() {
            self.error(data_services, "the document declares no `<Schema>`");
        }

        // Pass 1: namespaces and type names, so that any reference can resolve.
        for &schema_node in &schema_nodes {
            let namespace = self.required(schema_node, "Namespace").unwrap_or_default().to_owned();
            let alias = schema_node.attribute("Alias").map(str::to_owned);
            for name in std::iter::once(&namespace).chain(alias.as_ref()) {
                if self.namespaces.insert(name.clone(), namespace.clone()).is_some() {
                    self.error(schema_node, format!("the namespace or alias `{name}` is declared twice"));
                }
            }
            let schema = model.schemas.len();
            model.schemas.push(Schema { namespace: namespace.clone(), alias });
            for node in schema_node.children().filter(|node| is_edm(*node)) {
                let kind = match node.tag_name().name() {
                    "EntityType" => TypeKind::Entity(Structured::default()),
                    "ComplexType" => TypeKind::Complex(Structured::default()),
                    "EnumType" => TypeKind::Enum(Enumeration::default()),
                    _ => continue,
                };
                let Some(name) = self.required(node, "Name") else { continue };
                let qualified_name = format!("{namespace}.{name}");
                if self.type_ids.contains_key(&qualified_name) {
                    self.error(node, format!("the type `{qualified_name}` is declared twice"));
                    continue;
                }
                self.type_ids.insert(qualified_name.clone(), model.types.len());
                let line = self.line(node);
                let name = name.to_owned();
                model.types.push(TypeDef { schema, name, qualified_name, description: None, line, kind });
            }
        }

        // Pass 2: the members of every type, operations and the entity container.
        let mut container_schema = None;
        for (schema, &schema_node) in schema_nodes.iter().enumerate() {
            let namespace = model.schemas[schema].namespace.clone();
            for node in schema_node.children().filter(|node| is_edm(*node)) {
                match node.tag_name().name() {
                    "EntityType" | "ComplexType" | "EnumType" => self.read_type(&mut model, &namespace, node),
                    "Action" | "Function" => self.read_operation(&mut model, schema, node),
                    "EntityContainer" => {
                        if container_schema.is_some() {
                            self.error(node, "a second `<EntityContainer>`: a service has one");
                        }
                        container_schema = Some(schema);
                        model.container = node.attribute("Name").map(str::to_owned);
                        self.read_container(&mut model, node);
                    }
                    _ => {}
                }
            }
        }
        model.default_schema = container_schema.unwrap_or(0);

        // Pass 3: `<Annotations Target="...">` blocks, wherever they are.
        for &schema_node in &schema_nodes {
            for block in edm_children(schema_node, "Annotations") {
                self.read_annotations_block(&mut model, block);
            }
        }
        self.check_hierarchies(&model);
        model
    }

    fn read_type(&mut self, model: &mut Model, namespace: &str, node: Node) {
        let Some(name) = node.attribute("Name") else { return };
        let Some(&id) = self.type_ids.get(&format!("{namespace}.{name}")) else { return };
        if model.types[id].line != self.line(node) {
            return; // a duplicate, already reported
        }
        let annotations = self.annotation_children(node);
        model.types[id].description = annotations.description;
        let kind = match node.tag_name().name() {
            "EnumType" => TypeKind::Enum(self.read_enum(node)),
            "EntityType" => TypeKind::Entity(self.read_structured(model, node, true)),
            _ => TypeKind::Complex(self.read_structured(model, node, false)),
        };
        model.types[id].kind = kind;
    }

    fn read_enum(&mut self, node: Node) -> Enumeration {
        let is_flags = self.boolean(node, "IsFlags", false);
        let mut members: Vec<EnumMember> = Vec::new();
        for member in edm_children(node, "Member") {
            let Some(name) = self.required(member, "Name") else { continue };
            if members.iter().any(|known| known.name == name) {
                self.error(member, format!("the member `{name}` is declared twice"));
                continue;
            }
            let value = match member.attribute("Value") {
                None => None,
                Some(text) => match text.trim().parse::<i64>() {
                    Ok(value) => Some(value),
                    Err(_) => {
                        self.error(member, format!("`Value` must be an integer, not `{text}`"));
                        None
                    }
                },
            };
            let description = self.annotation_children(member).description;
            members.push(EnumMember { name: name.to_owned(), value, description });
        }
        Enumeration { is_flags, members }
    }

    fn read_structured(&mut self, model: &Model, node: Node, is_entity: bool) -> Structured {
        let mut structured = Structured {
            is_abstract: self.boolean(node, "Abstract", false),
            is_open: self.boolean(node, "OpenType", false),
            has_stream: is_entity && self.boolean(node, "HasStream", false),
            ..Structured::default()
        };
        if let Some(base) = node.attribute("BaseType") {
            match self.resolve_named(base) {
                Some(id) if model.is_entity(id) == is_entity && model.structured(id).is_some() => {
                    structured.base = Some(id)
                }
                Some(_) => {
                    let expected = if is_entity { "an entity type" } else { "a complex type" };
                    self.error(node, format!("the base type `{base}` is not {expected}"));
                }
                None => self.error(node, format!("undefined base type `{base}`")),
            }
        }
        for key in edm_children(node, "Key") {
            if !is_entity {
                self.error(key, "a complex type cannot have a key");
            }
            for property_ref in edm_children(key, "PropertyRef") {
                if let Some(name) = self.required(property_ref, "Name") {
                    structured.key.push(name.to_owned());
                }
            }
        }
        for child in node.children().filter(|child| is_edm(*child)) {
            let navigation = match child.tag_name().name() {
                "Property" => false,
                "NavigationProperty" => true,
                _ => continue,
            };
            let Some(property) = self.read_property(model, child, navigation) else { continue };
            let duplicate =
                structured.properties.iter().chain(&structured.navigation).any(|p| p.name == property.name);
            if duplicate {
                self.error(child, format!("the property `{}` is declared twice", property.name));
            } else if navigation {
                structured.navigation.push(property);
            } else {
                structured.properties.push(property);
            }
        }
        structured
    }

    /// A `<Property>`, `<NavigationProperty>` or `<Parameter>`.
    fn read_property(&mut self, model: &Model, node: Node, navigation: bool) -> Option<Property> {
        let name = self.required(node, "Name");
        let ty = self.required(node, "Type").and_then(|ty| self.resolve_type(node, ty));
        let nullable = self.boolean(node, "Nullable", true);
        let contains_target = self.boolean(node, "ContainsTarget", false);
        let facets = node
            .attributes()
            .filter(|attribute| FACETS.contains(&attribute.name()))
            .map(|attribute| (attribute.name().to_owned(), attribute.value().to_owned()))
            .collect();
        let annotations = self.annotation_children(node);
        let (name, ty) = (name?, ty?);
        if let Target::Type(id) = ty.target {
            if navigation && !model.is_entity(id) {
                self.error(
                    node,
                    format!(
                        "a navigation property must have an entity type, not `{}`",
                        model.types[id].qualified_name
                    ),
                );
                return None;
            }
            if !navigation && node.tag_name().name() == "Property" && model.is_entity(id) {
                self.error(node, format!("a structural property cannot have the entity type `{}`: declare a NavigationProperty", model.types[id].qualified_name));
                return None;
            }
        } else if navigation {
            self.error(node, "a navigation property must have an entity type, not a primitive type");
            return None;
        }
        Some(Property {
            name: name.to_owned(),
            ty,
            nullable,
            contains_target,
            description: annotations.description,
            computed: annotations.computed.unwrap_or(false),
            permissions_read: annotations.permissions_read.unwrap_or(false),
            facets,
        })
    }

    fn read_operation(&mut self, model: &mut Model, schema: usize, node: Node) {
        let Some(name) = self.required(node, "Name") else { return };
        let kind =
            if node.tag_name().name() == "Action" { OperationKind::Action } else { OperationKind::Function };
        let is_bound = self.boolean(node, "IsBound", false);
        let mut parameters = Vec::new();
        let mut signature = Vec::new();
        for parameter in edm_children(node, "Parameter") {
            if let Some(ty) = parameter.attribute("Type") {
                signature.push(self.canonical_type(ty));
            }
            if let Some(parameter) = self.read_property(model, parameter, false) {
                parameters.push(parameter);
            }
        }
        let binding = if is_bound {
            if edm_children(node, "Parameter").next().is_none() {
                self.error(node, "a bound operation needs a binding parameter");
                return;
            }
            if parameters.is_empty() {
                return; // the binding parameter was bad, already reported
            }
            Some(parameters.remove(0).ty)
        } else {
            None
        };
        let returns = edm_children(node, "ReturnType")
            .next()
            .and_then(|ty| self.required(ty, "Type").map(|name| (ty, name)))
            .and_then(|(ty, name)| self.resolve_type(ty, name));
        let description = self.annotation_children(node).description;
        let line = self.line(node);
        let name = name.to_owned();
        model.operations.push(Operation {
            schema,
            name,
            kind,
            binding,
            parameters,
            returns,
            description,
            line,
        });
        self.signatures.push(signature);
    }

    fn read_container(&mut self, model: &mut Model, container: Node) {
        for node in container.children().filter(|node| is_edm(*node)) {
            let (attribute, singleton) = match node.tag_name().name() {
                "EntitySet" => ("EntityType", false),
                "Singleton" => ("Type", true),
                _ => continue,
            };
            let (Some(name), Some(ty)) = (self.required(node, "Name"), self.required(node, attribute)) else {
                continue;
            };
            match self.resolve_named(ty) {
                Some(id) if model.is_entity(id) => {
                    let description = self.annotation_children(node).description;
                    let item = ContainerItem { name: name.to_owned(), ty: id, description };
                    if singleton {
                        model.singletons.push(item)
                    } else {
                        model.entity_sets.push(item)
                    }
                }
                Some(_) => self.error(node, format!("`{ty}` is not an entity type")),
                None => self.error(node, format!("undefined type `{ty}`")),
            }
        }
    }

    fn check_hierarchies(&mut self, model: &Model) {
        for (id, ty) in model.types.iter().enumerate() {
            let Some(structured) = model.structured(id) else { continue };
            let tag = if model.is_entity(id) { "EntityType" } else { "ComplexType" };
            let element = format!("<{tag} Name=\"{}\">", ty.name);
            // A base chain longer than the number of types loops.
            let mut ancestor = structured.base;
            let mut steps = 0;
            while let Some(current) = ancestor {
                steps += 1;
                if current == id || steps > model.types.len() {
                    let message = format!("the base types of `{}` form a cycle", ty.qualified_name);
                    self.diagnostics.push(Diagnostic { line: ty.line, element: element.clone(), message });
                    break;
                }
                ancestor = model.structured(current).and_then(|s| s.base);
            }
            if ancestor.is_some() {
                continue;
            }
            for key in &structured.key {
                if find_property(model, id, key).is_none() {
                    let message =
                        format!("the key names `{key}`, which is not a property of `{}`", ty.qualified_name);
                    self.diagnostics.push(Diagnostic { line: ty.line, element: element.clone(), message });
                }
            }
        }
    }

    fn read_annotations_block(&mut self, model: &mut Model, block: Node) {
        let Some(target) = self.required(block, "Target") else { return };
        let annotations = self.annotation_children(block);
        let Some(target) = self.resolve_target(model, target) else {
            // Targets the generator does not use (entity sets, terms, ...) are not errors.
            return;
        };
        let (description, computed, permissions_read) = match target {
            AnnotationTarget::Type(id) => (&mut model.types[id].description, None, None),
            AnnotationTarget::Property(id, index) | AnnotationTarget::Navigation(id, index) => {
                let navigation = matches!(target, AnnotationTarget::Navigation(..));
                let Some(structured) = structured_mut(model, id) else { return };
                let property = if navigation {
                    &mut structured.navigation[index]
                } else {
                    &mut structured.properties[index]
                };
                (
                    &mut property.description,
                    Some(&mut property.computed),
                    Some(&mut property.permissions_read),
                )
            }
            AnnotationTarget::Member(id, index) => {
                let TypeKind::Enum(enumeration) = &mut model.types[id].kind else { return };
                (&mut enumeration.members[index].description, None, None)
            }
            AnnotationTarget::Operation(index) => (&mut model.operations[index].description, None, None),
            AnnotationTarget::ContainerItem(singleton, index) => {
                let items = if singleton { &mut model.singletons } else { &mut model.entity_sets };
                (&mut items[index].description, None, None)
            }
            AnnotationTarget::Parameter(index, parameter) => {
                let parameter = &mut model.operations[index].parameters[parameter];
                (&mut parameter.description, None, None)
            }
        };
        if annotations.description.is_some() {
            *description = annotations.description;
        }
        if let (Some(slot), Some(value)) = (computed, annotations.computed) {
            *slot = value;
        }
        if let (Some(slot), Some(value)) = (permissions_read, annotations.permissions_read) {
            *slot = value;
        }
    }

    fn resolve_target(&self, model: &Model, target: &str) -> Option<AnnotationTarget> {
        if let Some(open) = target.find('(') {
            let close = target.rfind(')')?;
            let name = self.resolve_qualified(&target[..open])?;
            let signature: Vec<String> = target[open + 1..close]
                .split(',')
                .map(str::trim)
                .filter(|ty| !ty.is_empty())
                .map(|ty| self.canonical_type(ty))
                .collect();
            let index = model.operations.iter().enumerate().position(|(index, operation)| {
                format!("{}.{}", model.schemas[operation.schema].namespace, operation.name) == name
                    && self.signatures[index] == signature
            })?;
            return match target[close + 1..].strip_prefix('/') {
                None => Some(AnnotationTarget::Operation(index)),
                Some(parameter) => {
                    let position =
                        model.operations[index].parameters.iter().position(|p| p.name == parameter)?;
                    Some(AnnotationTarget::Parameter(index, position))
                }
            };
        }
        let (path, member) = match target.split_once('/') {
            Some((path, member)) => (path, Some(member)),
            None => (target, None),
        };
        if let (Some(container), Some(member)) = (&model.container, member) {
            let namespace = &model.schemas[model.default_schema].namespace;
            if self
                .resolve_qualified(path)
                .is_some_and(|qualified| qualified == format!("{namespace}.{container}"))
            {
                let find =
                    |items: &[crate::model::ContainerItem]| items.iter().position(|i| i.name == member);
                return find(&model.entity_sets)
                    .map(|index| AnnotationTarget::ContainerItem(false, index))
                    .or_else(|| {
                        find(&model.singletons).map(|index| AnnotationTarget::ContainerItem(true, index))
                    });
            }
        }
        let id = self.resolve_named(path)?;
        let Some(member) = member else { return Some(AnnotationTarget::Type(id)) };
        match &model.types[id].kind {
            TypeKind::Enum(enumeration) => enumeration
                .members
                .iter()
                .position(|m| m.name == member)
                .map(|index| AnnotationTarget::Member(id, index)),
            TypeKind::Entity(structured) | TypeKind::Complex(structured) => {
                if let Some(index) = structured.properties.iter().position(|p| p.name == member) {
                    Some(AnnotationTarget::Property(id, index))
                } else {
                    structured
                        .navigation
                        .iter()
                        .position(|p| p.name == member)
                        .map(|i| AnnotationTarget::Navigation(id, i))
                }
            }
        }
    }

    /// The Core annotations among a node's `<Annotation>` children (inline, or in a block).
    fn annotation_children(&mut self, node: Node) -> CoreAnnotations {
        let mut found = CoreAnnotations::default();
        for annotation in edm_children(node, "Annotation") {
            if annotation.attribute("Qualifier").is_some() {
                continue; // a qualified annotation applies only in its own context
            }
            let Some(term) = self.required(annotation, "Term") else { continue };
            let Some((vocabulary, term)) = term.rsplit_once('.') else { continue };
            let vocabulary = self.vocabularies.get(vocabulary).map(String::as_str).unwrap_or(vocabulary);
            if vocabulary != CORE_VOCABULARY {
                continue;
            }
            match term {
                "Description" => match annotation_value(annotation, "String") {
                    Some(text) => found.description = Some(text),
                    None => self.error(annotation, "`Core.Description` needs a `String` value"),
                },
                "Computed" => {
                    let value = annotation_value(annotation, "Bool");
                    found.computed = Some(match value.as_deref() {
                        None | Some("true") => true,
                        Some("false") => false,
                        Some(other) => {
                            self.error(
                                annotation,
                                format!("`Core.Computed` must be `true` or `false`, not `{other}`"),
                            );
                            false
                        }
                    });
                }
                "Permissions" => {
                    let value = annotation_value(annotation, "EnumMember").unwrap_or_default();
                    let permissions: Vec<&str> = value
                        .split_whitespace()
                        .map(|member| member.rsplit('/').next().unwrap_or(member))
                        .collect();
                    found.permissions_read =
                        Some(!permissions.is_empty() && permissions.iter().all(|p| *p == "Read"));
                }
                _ => {}
            }
        }
        found
    }

    /// `alias.name` or `namespace.name` as `namespace.name`.
    fn resolve_qualified(&self, name: &str) -> Option<String> {
        let (namespace, simple) = name.rsplit_once('.')?;
        let namespace = self.namespaces.get(namespace)?;
        Some(format!("{namespace}.{simple}"))
    }

    fn resolve_named(&self, name: &str) -> Option<TypeId> {
        self.resolve_qualified(name).and_then(|qualified| self.type_ids.get(&qualified).copied())
    }

    /// A type as written, aliases resolved, for matching operation signatures.
    fn canonical_type(&self, ty: &str) -> String {
        match ty.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            Some(inner) => format!("Collection({})", self.canonical_type(inner.trim())),
            None if ty.starts_with("Edm.") => ty.to_owned(),
            None => self.resolve_qualified(ty).unwrap_or_else(|| ty.to_owned()),
        }
    }

    fn resolve_type(&mut self, node: Node, ty: &str) -> Option<TypeRef> {
        let (collection, element) = match ty.strip_prefix("Collection(") {
            Some(rest) => match rest.strip_suffix(')') {
                Some(inner) => (true, inner.trim()),
                None => {
                    self.error(node, format!("`{ty}`: `Collection(` is not closed"));
                    return None;
                }
            },
            None => (false, ty),
        };
        if element.starts_with("Edm.") {
            return match Primitive::from_edm_name(element) {
                Some(primitive) => Some(TypeRef { collection, target: Target::Primitive(primitive) }),
                None => {
                    self.error(node, format!("unknown primitive type `{element}`"));
                    None
                }
            };
        }
        match self.resolve_named(element) {
            Some(id) => Some(TypeRef { collection, target: Target::Type(id) }),
            None => {
                self.error(node, format!("undefined type `{element}`"));
                None
            }
        }
    }
}

/// The property `name` of a type or one of its base types.
pub fn find_property(model: &Model, id: TypeId, name: &str) -> Option<(TypeId, usize)> {
    let mut current = Some(id);
    let mut steps = 0;
    while let Some(ty) = current {
        let structured = model.structured(ty)?;
        if let Some(index) = structured.properties.iter().position(|p| p.name == name) {
            return Some((ty, index));
        }
        current = structured.base;
        steps += 1;
        if steps > model.types.len() {
            return None;
        }
    }
    None
}

fn structured_mut(model: &mut Model, id: TypeId) -> Option<&mut Structured> {
    match &mut model.types[id].kind {
        TypeKind::Entity(structured) | TypeKind::Complex(structured) => Some(structured),
        TypeKind::Enum(_) => None,
    }
}

/// An annotation's value: the attribute `kind` (`String="..."`) or the child element
/// (`<String>...</String>`, `<EnumMember>...</EnumMember>`).
fn annotation_value(annotation: Node, kind: &str) -> Option<String> {
    if let Some(value) = annotation.attribute(kind) {
        return Some(value.to_owned());
    }
    edm_children(annotation, kind).next().map(|child| child.text().unwrap_or_default().to_owned())
}

fn is_edm(node: Node) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(EDM_NAMESPACE)
}

fn edm_children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |child| is_edm(*child) && child.tag_name().name() == name)
}

fn edmx_children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |child| {
        child.is_element()
            && child.tag_name().namespace() == Some(EDMX_NAMESPACE)
            && child.tag_name().name() == name
    })
}

/// `<Property Name="manager">`, `<Annotations Target="...">` or `<Key>`.
fn describe(node: Node) -> String {
    let tag = node.tag_name();
    let prefix = if tag.namespace() == Some(EDMX_NAMESPACE) { "edmx:" } else { "" };
    let name = tag.name();
    match node
        .attribute("Name")
        .map(|n| ("Name", n))
        .or_else(|| node.attribute("Target").map(|t| ("Target", t)))
    {
        Some((attribute, value)) => format!("<{prefix}{name} {attribute}=\"{value}\">"),
        None => match node.attribute("Term") {
            Some(term) => format!("<{prefix}{name} Term=\"{term}\">"),
            None => format!("<{prefix}{name}>"),
        },
    }
}
