//! The typed model of a CSDL document: every type reference resolved to a [`TypeId`], every
//! annotation the generator reads attached to its element. Built by [`crate::parse_metadata`].

/// The index of a type in [`Model::types`].
pub type TypeId = usize;

/// A whole `$metadata` document.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The schemas, in document order.
    pub schemas: Vec<Schema>,
    /// Every entity, complex and enum type of every schema, in document order.
    pub types: Vec<TypeDef>,
    /// Every action and function, bound or not, in document order.
    pub operations: Vec<Operation>,
    /// The entity sets of the entity container, in document order.
    pub entity_sets: Vec<ContainerItem>,
    /// The singletons of the entity container, in document order.
    pub singletons: Vec<ContainerItem>,
    /// The entity container's `Name` (`GraphService`), `None` for a document without one.
    pub container: Option<String>,
    /// The index in [`Model::schemas`] of the default namespace: the schema holding the entity
    /// container, or the first schema.
    pub default_schema: usize,
}

/// A `<Schema>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// `Namespace`, such as `microsoft.graph`.
    pub namespace: String,
    /// `Alias`, such as `graph`.
    pub alias: Option<String>,
}

/// An entity, complex or enum type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The index of the declaring schema in [`Model::schemas`].
    pub schema: usize,
    /// The simple name, such as `user`.
    pub name: String,
    /// The qualified name, such as `microsoft.graph.user`.
    pub qualified_name: String,
    /// `Core.Description`.
    pub description: Option<String>,
    /// The line of the declaring element.
    pub line: u32,
    /// What kind of type it is.
    pub kind: TypeKind,
}

/// The kind of a [`TypeDef`].
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// `<EntityType>`.
    Entity(Structured),
    /// `<ComplexType>`.
    Complex(Structured),
    /// `<EnumType>`.
    Enum(Enumeration),
}

/// The parts shared by entity and complex types.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structured {
    /// `BaseType`.
    pub base: Option<TypeId>,
    /// `Abstract="true"`.
    pub is_abstract: bool,
    /// `OpenType="true"`.
    pub is_open: bool,
    /// `HasStream="true"`.
    pub has_stream: bool,
    /// The names of the `<Key>`'s `<PropertyRef>`s, empty when the type declares no key.
    pub key: Vec<String>,
    /// The structural properties, in declaration order.
    pub properties: Vec<Property>,
    /// The navigation properties, in declaration order.
    pub navigation: Vec<Property>,
}

/// A `<Property>`, `<NavigationProperty>` or `<Parameter>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// The resolved type.
    pub ty: TypeRef,
    /// `Nullable` (default `true`).
    pub nullable: bool,
    /// `ContainsTarget="true"` (navigation properties only).
    pub contains_target: bool,
    /// `Core.Description`.
    pub description: Option<String>,
    /// `Core.Computed`.
    pub computed: bool,
    /// `Core.Permissions` is exactly `Read`.
    pub permissions_read: bool,
    /// The facets no Rust type of the generated crate carries (`MaxLength`, `Precision`,
    /// `Scale`, `SRID`), as name and value in document order: kept so that a comparison can
    /// say they are lost.
    pub facets: Vec<(String, String)>,
}

/// A resolved type reference: `Type="graph.user"` or `Type="Collection(Edm.String)"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeRef {
    /// `Collection(...)`.
    pub collection: bool,
    /// The element type.
    pub target: Target,
}

/// The element type of a [`TypeRef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An `Edm.*` type.
    Primitive(Primitive),
    /// A type of the model.
    Type(TypeId),
}

/// The `Edm` primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    Date,
    TimeOfDay,
    Duration,
    DateTimeOffset,
    Binary,
    Stream,
    Untyped,
    /// Any `Edm.Geography*` or `Edm.Geometry*` type.
    Geo,
}

impl Primitive {
    /// The primitive type of a qualified `Edm.*` name.
    pub fn from_edm_name(name: &str) -> Option<Primitive> {
        let simple = name.strip_prefix("Edm.")?;
        Some(match simple {
            "String" => Primitive::String,
            "Boolean" => Primitive::Boolean,
            "Byte" => Primitive::Byte,
            "SByte" => Primitive::SByte,
            "Int16" => Primitive::Int16,
            "Int32" => Primitive::Int32,
            "Int64" => Primitive::Int64,
            "Single" => Primitive::Single,
            "Double" => Primitive::Double,
            "Decimal" => Primitive::Decimal,
            "Guid" => Primitive::Guid,
            "Date" => Primitive::Date,
            "TimeOfDay" => Primitive::TimeOfDay,
            "Duration" => Primitive::Duration,
            "DateTimeOffset" => Primitive::DateTimeOffset,
            "Binary" => Primitive::Binary,
            "Stream" => Primitive::Stream,
            "Untyped" => Primitive::Untyped,
            other if other.starts_with("Geography") || other.starts_with("Geometry") => Primitive::Geo,
            _ => return None,
        })
    }

    /// The Rust type the generated code uses.
    pub fn rust_type(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "bool",
            Primitive::Byte => "u8",
            Primitive::SByte => "i8",
            Primitive::Int16 => "i16",
            Primitive::Int32 => "i32",
            Primitive::Int64 => "odata::Int64",
            Primitive::Single => "f32",
            Primitive::Double => "f64",
            Primitive::Decimal => "odata::Decimal",
            Primitive::Guid => "odata::Guid",
            Primitive::Date => "odata::Date",
            Primitive::TimeOfDay => "odata::TimeOfDay",
            Primitive::Duration => "odata::Duration",
            Primitive::DateTimeOffset => "odata::DateTimeOffset",
            Primitive::Binary => "odata::Binary",
            Primitive::Stream => "odata::Stream",
            Primitive::Untyped => "odata::json::Value",
            Primitive::Geo => "odata::Geo",
        }
    }
}

/// An `<EnumType>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Enumeration {
    /// `IsFlags="true"`.
    pub is_flags: bool,
    /// The members, in declaration order.
    pub members: Vec<EnumMember>,
}

/// An enum type's `<Member>`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// The wire name.
    pub name: String,
    /// `Value`, when given.
    pub value: Option<i64>,
    /// `Core.Description`.
    pub description: Option<String>,
}

/// Whether an [`Operation`] is an action or a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// `<Action>`: a POST.
    Action,
    /// `<Function>`: a GET.
    Function,
}

/// An `<Action>` or `<Function>` overload.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The index of the declaring schema in [`Model::schemas`].
    pub schema: usize,
    /// The simple name.
    pub name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// The first parameter's type when `IsBound="true"`.
    pub binding: Option<TypeRef>,
    /// The parameters after the binding parameter.
    pub parameters: Vec<Property>,
    /// `<ReturnType>`.
    pub returns: Option<TypeRef>,
    /// `Core.Description`.
    pub description: Option<String>,
    /// The line of the declaring element.
    pub line: u32,
}

/// An `<EntitySet>` or `<Singleton>`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerItem {
    /// The name: the path segment below the service root.
    pub name: String,
    /// The entity type.
    pub ty: TypeId,
    /// `Core.Description`.
    pub description: Option<String>,
}

impl Model {
    /// The entity or complex parts of a type, `None` for an enum type.
    pub fn structured(&self, id: TypeId) -> Option<&Structured> {
        match &self.types[id].kind {
            TypeKind::Entity(structured) | TypeKind::Complex(structured) => Some(structured),
            TypeKind::Enum(_) => None,
        }
    }

    /// Whether a type is an entity type.
    pub fn is_entity(&self, id: TypeId) -> bool {
        matches!(self.types[id].kind, TypeKind::Entity(_))
    }

    /// The namespace of a type.
    pub fn namespace_of(&self, id: TypeId) -> &str {
        &self.schemas[self.types[id].schema].namespace
    }
}
