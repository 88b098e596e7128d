//! What CSDL needs of each type, as data: the derives give every type a [`TypeDescription`]
//! (a constant reached through a plain function pointer) with its properties' [`EdmType`]s
//! and Rust fields beside the [`Property`] entries the runtime walks. Nothing here is generic
//! per type; [`Document`](super) and the checker walk these tables.

use core::marker::PhantomData;

use crate::{OperationKind, Property};

/// The Edm type of a property (or of a parameter, or a return value), as its Rust type says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EdmType {
    /// What the value is, element of a collection or not.
    pub target: EdmTarget,
    /// `Vec<_>`: `Collection(...)`.
    pub collection: bool,
    /// `Option<_>`: the Rust type admits `null`.
    pub nullable: bool,
    /// `Flags<_>`: a value of a flags enumeration (`IsFlags="true"`).
    pub flags: bool,
}

/// What a value is: a primitive, a described type, or a Rust type CSDL cannot name. Two
/// targets are equal when they name the same type.
#[derive(Debug, Clone, Copy)]
pub enum EdmTarget {
    /// An Edm primitive, by its qualified name (`Edm.String`).
    Primitive(&'static str),
    /// A structured or enumeration type derived with the odata derives.
    Described(fn() -> &'static TypeDescription),
    /// A Rust type with no Edm type of its own (written as `Edm.Untyped`).
    Unknown,
}

impl EdmTarget {
    /// The qualified name (`Edm.String`, `microsoft.graph.user`; `Edm.Untyped` for a type
    /// CSDL cannot name).
    pub fn name(&self) -> &'static str {
        match self {
            EdmTarget::Primitive(name) => name,
            EdmTarget::Described(describe) => describe().name,
            EdmTarget::Unknown => "Edm.Untyped",
        }
    }
}

// By name: the address of a function is no identity (it may differ between codegen units).
impl PartialEq for EdmTarget {
    fn eq(&self, other: &EdmTarget) -> bool {
        matches!((self, other), (EdmTarget::Unknown, EdmTarget::Unknown))
            || (!matches!(self, EdmTarget::Unknown)
                && !matches!(other, EdmTarget::Unknown)
                && self.name() == other.name())
    }
}

impl Eq for EdmTarget {}

impl core::hash::Hash for EdmTarget {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        matches!(self, EdmTarget::Unknown).hash(state);
        self.name().hash(state);
    }
}

impl EdmType {
    /// A Rust type that CSDL cannot name.
    pub const UNKNOWN: EdmType =
        EdmType { target: EdmTarget::Unknown, collection: false, nullable: false, flags: false };

    /// An Edm primitive type, by its qualified name.
    pub const fn primitive(name: &'static str) -> EdmType {
        EdmType { target: EdmTarget::Primitive(name), ..EdmType::UNKNOWN }
    }

    /// A derived type, by the function that returns its description.
    pub const fn described(describe: fn() -> &'static TypeDescription) -> EdmType {
        EdmType { target: EdmTarget::Described(describe), ..EdmType::UNKNOWN }
    }

    /// The qualified name of the element type (`Edm.String`, `microsoft.graph.user`).
    pub fn element_name(&self) -> &'static str {
        self.target.name()
    }

    /// The type as CSDL XML writes it: `Collection(...)` around the element's name.
    pub fn csdl_name(&self) -> String {
        if self.collection {
            format!("Collection({})", self.element_name())
        } else {
            self.element_name().to_owned()
        }
    }
}

/// A Rust type with an Edm type: the Edm primitives here, `Option`, `Vec` and `Box` of one,
/// and every type the derives implement it for.
///
/// ```
/// use odata::csdl::EdmTyped;
///
/// assert_eq!(<Vec<odata::DateTimeOffset> as EdmTyped>::EDM.csdl_name(), "Collection(Edm.DateTimeOffset)");
/// assert!(<Option<i64> as EdmTyped>::EDM.nullable);
/// ```
pub trait EdmTyped {
    /// The Edm type.
    const EDM: EdmType;
}

macro_rules! primitives {
    ($($rust:ty => $edm:literal,)*) => {
        $(impl EdmTyped for $rust {
            const EDM: EdmType = EdmType::primitive($edm);
        })*
    };
}

primitives! {
    String => "Edm.String",
    str => "Edm.String",
    bool => "Edm.Boolean",
    u8 => "Edm.Byte",
    i8 => "Edm.SByte",
    i16 => "Edm.Int16",
    i32 => "Edm.Int32",
    i64 => "Edm.Int64",
    f32 => "Edm.Single",
    f64 => "Edm.Double",
    crate::Int64 => "Edm.Int64",
    crate::Decimal => "Edm.Decimal",
    crate::Guid => "Edm.Guid",
    crate::Date => "Edm.Date",
    crate::TimeOfDay => "Edm.TimeOfDay",
    crate::Duration => "Edm.Duration",
    crate::DateTimeOffset => "Edm.DateTimeOffset",
    crate::Binary => "Edm.Binary",
    crate::Stream => "Edm.Stream",
    crate::Geo => "Edm.Geography",
    serde_json::Value => "Edm.Untyped",
}

impl<T: EdmTyped> EdmTyped for Option<T> {
    const EDM: EdmType = EdmType { nullable: true, ..T::EDM };
}

impl<T: EdmTyped> EdmTyped for Vec<T> {
    const EDM: EdmType = EdmType { collection: true, ..T::EDM };
}

impl<T: EdmTyped + ?Sized> EdmTyped for Box<T> {
    const EDM: EdmType = T::EDM;
}

impl<E: EdmTyped + crate::ODataEnum> EdmTyped for crate::Flags<E> {
    const EDM: EdmType = EdmType { flags: true, ..E::EDM };
}

/// The Edm type of a property's Rust type, for the derives: `Probe::<T>::EDM` is `T`'s when
/// `T` is [`EdmTyped`], and [`EdmType::UNKNOWN`] otherwise (through [`UntypedProbe`]), so that
/// a property of any serde type still compiles.
#[doc(hidden)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: EdmTyped + ?Sized> Probe<T> {
    /// `T`'s Edm type.
    pub const EDM: EdmType = T::EDM;
}

/// The fallback of [`Probe`] for a type that is not [`EdmTyped`].
#[doc(hidden)]
pub trait UntypedProbe {
    /// [`EdmType::UNKNOWN`].
    const EDM: EdmType = EdmType::UNKNOWN;
}

impl<T: ?Sized> UntypedProbe for Probe<T> {}

/// What kind of type a [`TypeDescription`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// An entity type (`ODataResource` on a struct).
    Entity,
    /// A complex type (`ODataComplex` on a struct).
    Complex,
    /// An enumeration type (`ODataEnum`).
    Enum,
    /// An enum over a type hierarchy (`ODataResource` or `ODataComplex` on an enum): it stands
    /// for the root of the hierarchy, its variants for the types of it.
    Hierarchy,
}

/// What CSDL needs of one derived type; the derives write one per type, as a constant.
#[derive(Debug)]
pub struct TypeDescription {
    /// The qualified name.
    pub name: &'static str,
    /// Entity, complex, enumeration, or a hierarchy's enum.
    pub kind: TypeKind,
    /// The base type (`#[odata(base)]`).
    pub base: Option<fn() -> &'static TypeDescription>,
    /// The properties this type declares, its base's not included.
    pub properties: &'static [Property],
    /// The Edm type and Rust field of each of [`properties`](TypeDescription::properties), in
    /// the same order.
    pub property_types: &'static [PropertyType],
    /// The key properties' names, when this type declares the key.
    pub keys: &'static [&'static str],
    /// Undeclared properties are kept (`#[odata(additional)]`): an open type.
    pub open: bool,
    /// The members of an enumeration type, in declaration order.
    pub members: &'static [&'static str],
    /// The entity set's path (`#[odata(collection = "...")]`).
    pub collection: Option<&'static str>,
    /// The singleton's path (`#[odata(singleton = "...")]`).
    pub singleton: Option<&'static str>,
    /// The types of a hierarchy's enum's variants (`None` for a variant of a type that is
    /// not derived).
    pub variants: &'static [Option<fn() -> &'static TypeDescription>],
}

impl TypeDescription {
    /// A description with nothing but a name and a kind, to fill with `..`.
    pub const fn named(name: &'static str, kind: TypeKind) -> TypeDescription {
        TypeDescription {
            name,
            kind,
            base: None,
            properties: &[],
            property_types: &[],
            keys: &[],
            open: false,
            members: &[],
            collection: None,
            singleton: None,
            variants: &[],
        }
    }
}

impl TypeDescription {
    /// The properties this type declares, each with its Edm type and Rust field.
    pub fn described_properties(&self) -> impl Iterator<Item = DescribedProperty> + '_ {
        self.properties.iter().enumerate().map(|(index, property)| {
            let PropertyType { edm, field } = self
                .property_types
                .get(index)
                .copied()
                .unwrap_or(PropertyType { edm: EdmType::UNKNOWN, field: "" });
            DescribedProperty { property, edm, field }
        })
    }
}

/// The Edm type and the Rust field of one property of a [`TypeDescription`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyType {
    /// The Edm type, as the field's Rust type says.
    pub edm: EdmType,
    /// The Rust field that holds it.
    pub field: &'static str,
}

/// A property of a described type: what the runtime knows of it (through `Deref`), its Edm
/// type and its Rust field.
#[derive(Debug, Clone, Copy)]
pub struct DescribedProperty {
    /// The runtime's entry.
    pub property: &'static Property,
    /// The Edm type ([`EdmType::UNKNOWN`] when the derive was not told).
    pub edm: EdmType,
    /// The Rust field (`""` when the derive was not told).
    pub field: &'static str,
}

impl core::ops::Deref for DescribedProperty {
    type Target = Property;

    fn deref(&self) -> &Property {
        self.property
    }
}

/// The properties a type declares itself: `all` less its base's, which come first.
#[doc(hidden)]
pub const fn own_properties(all: &'static [Property], base: &'static [Property]) -> &'static [Property] {
    all.split_at(base.len()).1
}

/// What `odata-codegen` emits for CSDL (a crate's `TYPES` and `OPERATIONS`), passed through
/// with the `csdl` feature and dropped without it, as the derives' descriptions these lists
/// point at are (odata-derive's `csdl`, switched with this crate's by the facade's `csdl`).
/// Expanded where the generated code is, so that the feature of `odata-core` decides, not the
/// features of the crate the code is in: the same text compiles as a crate of its own and
/// inlined into a crate of the user's.
#[cfg(feature = "csdl")]
#[doc(hidden)]
#[macro_export]
macro_rules! __odata_described {
    ($($description:tt)*) => { $($description)* };
}

/// Without the `csdl` feature: no descriptions (see the macro of the same name with it).
#[cfg(not(feature = "csdl"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __odata_described {
    ($($description:tt)*) => {};
}

/// A derived type's [`TypeDescription`], for the derives.
#[doc(hidden)]
pub trait Described {
    /// The description.
    const DESCRIPTION: TypeDescription;

    /// The description, for a function pointer to it (one per type, shared by every use).
    fn description() -> &'static TypeDescription {
        &Self::DESCRIPTION
    }
}

/// What CSDL needs of one bound operation; `#[derive(ODataOperation)]` writes one per
/// operation as [`ODataOperation::DESCRIPTION`](crate::ODataOperation::DESCRIPTION).
///
/// ```
/// use odata::csdl::EdmTarget;
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
/// #[odata(function = "price", binding = Item, returns = odata::Decimal)]
/// pub struct Price {
///     pub currency: String,
///     pub on: Option<odata::Date>,
/// }
///
/// let description = &Price::DESCRIPTION;
/// assert_eq!(description.binding.element_name(), "contoso.item");
/// assert_eq!(description.parameters[1].field, "on");
/// assert_eq!(description.parameters[1].edm.element_name(), "Edm.Date");
/// assert!(description.parameters[1].edm.nullable);
/// assert_eq!(description.returns.unwrap().target, EdmTarget::Primitive("Edm.Decimal"));
/// ```
#[derive(Debug)]
pub struct OperationDescription {
    /// The name as the URL writes it: simple (`createToken`, in its binding type's namespace)
    /// or qualified.
    pub name: &'static str,
    /// Action or function.
    pub kind: OperationKind,
    /// The entity type it is bound to; `collection` when it is bound to a collection of them.
    pub binding: EdmType,
    /// The parameters after the binding parameter, in declaration order.
    pub parameters: &'static [ParameterDescription],
    /// What it returns (`returns = Type`); `None` when the model reads nothing from it.
    pub returns: Option<EdmType>,
}

impl OperationDescription {
    /// The qualified name: a simple name is in its binding type's namespace.
    pub fn qualified_name(&self) -> String {
        if self.name.contains('.') {
            return self.name.to_owned();
        }
        match self.binding.element_name().rsplit_once('.') {
            Some((namespace, _)) => format!("{namespace}.{}", self.name),
            None => self.name.to_owned(),
        }
    }
}

/// One parameter of an [`OperationDescription`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParameterDescription {
    /// The wire name.
    pub name: &'static str,
    /// The Rust field that holds it.
    pub field: &'static str,
    /// The Edm type, as the field's Rust type says (`nullable` for an `Option`).
    pub edm: EdmType,
}
