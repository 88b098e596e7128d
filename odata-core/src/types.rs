//! The traits that `#[derive(ODataResource)]` and `#[derive(ODataComplex)]` implement.

use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};

use crate::open::Kept;
use crate::payload::{CreatePayload, UpdatePayload};
use crate::wire::View;
use crate::{Annotations, KeyStyle, ODataPatch};

/// A structured OData type (entity or complex) with a namespace-qualified name.
///
/// Implemented by both derives, together with [`serde::Serialize`] and
/// [`serde::Deserialize`] in the service's JSON format.
///
/// ```
/// use odata::{ODataComplex, ODataType};
///
/// #[derive(ODataComplex)]
/// #[odata(type = "microsoft.graph.mimeContent")]
/// pub struct MimeContent {
///     pub r#type: Option<String>,
/// }
///
/// assert_eq!(MimeContent::TYPE_NAME, "microsoft.graph.mimeContent");
/// assert_eq!(MimeContent::PROPERTIES[0].name, "type");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData type",
    label = "not an OData type",
    note = "derive `ODataResource` (an entity type) or `ODataComplex` (a complex type) for it"
)]
pub trait ODataType: Serialize + DeserializeOwned {
    /// The namespace-qualified type name, without the `#` of an `@odata.type` annotation.
    const TYPE_NAME: &'static str;

    /// The declared properties, in declaration order, by wire name.
    const PROPERTIES: &'static [Property];

    /// Writes this value as the given view: the wire format that [`Serialize`] writes in
    /// full and that [`CreatePayload`] and [`UpdatePayload`] write in part. In full by
    /// default: only an entity type's create and update payloads leave properties out, so
    /// only an entity type overrides this (and its `Serialize` must then not call this
    /// default).
    #[doc(hidden)]
    #[inline]
    fn __serialize_view<S: Serializer>(&self, serializer: S, view: View) -> Result<S::Ok, S::Error> {
        let _ = view;
        self.serialize(serializer)
    }

    /// The instance annotations this value was read with (`@odata.etag`, ...), when its type
    /// keeps them in an `#[odata(annotations)]` field.
    #[inline]
    fn annotations(&self) -> Option<&Annotations> {
        self.__kept().annotations
    }

    /// The members this value keeps that its type does not declare: its own
    /// `#[odata(additional)]` and `#[odata(annotations)]` fields, or its base's.
    #[doc(hidden)]
    #[inline]
    fn __kept(&self) -> Kept<'_> {
        Kept::default()
    }
}

/// An OData entity type that lives in an entity set (a collection with a path of its own).
///
/// ```
/// use odata::{ODataResource, ODataType};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
///         collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
/// pub struct AndroidForWorkEnrollmentProfile {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
/// }
///
/// let profile = AndroidForWorkEnrollmentProfile {
///     id: Some("e6742553".into()),
///     display_name: Some("Kiosk".into()),
/// };
/// assert_eq!(
///     AndroidForWorkEnrollmentProfile::COLLECTION_PATH,
///     "/deviceManagement/androidForWorkEnrollmentProfiles"
/// );
/// assert_eq!(AndroidForWorkEnrollmentProfile::KEY, "id");
/// let body = serde_json::to_string(&profile.create_payload()).unwrap();
/// assert_eq!(
///     body,
///     r##"{"@odata.type":"#microsoft.graph.androidForWorkEnrollmentProfile","displayName":"Kiosk"}"##
/// );
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an OData entity type",
    label = "not an entity type",
    note = "derive `ODataResource` for it, with its `type` and key"
)]
pub trait ODataResource: ODataType {
    /// The wire name of the key property; the first of them for a composite key, `""` for an
    /// entity type without a key (the type of a singleton). The first of [`KEYS`](Self::KEYS).
    const KEY: &'static str = match Self::KEYS {
        [first, ..] => first,
        [] => "",
    };

    /// The wire names of the key properties, in declaration order: one for most entity
    /// types, several for a composite key, none for an entity type without a key.
    const KEYS: &'static [&'static str];

    /// The body of a create (POST) request: every property that is not read-only and is set,
    /// with `@odata.type` first.
    fn create_payload(&self) -> CreatePayload<'_, Self>
    where
        Self: Sized,
    {
        CreatePayload::new(self)
    }

    /// The body of an update (PATCH) request: every property that is set and neither
    /// read-only nor the key, with `@odata.type` first.
    fn update_payload(&self) -> UpdatePayload<'_, Self>
    where
        Self: Sized,
    {
        UpdatePayload::new(self)
    }

    /// Appends this entity's key to its entity set's path; `false` when the key is not set.
    #[doc(hidden)]
    fn __append_key(&self, path: &mut String, style: KeyStyle) -> bool;
}

/// An entity type that has an entity set: `#[odata(collection = "/path")]`, or a base type
/// that has one. What addresses an entity by its set's path and key needs it
/// ([`Service::create`](crate::Service::create), `get`, `list`, `delete`, `update`, `invoke`);
/// an entity type reached only through its parent (contained, such as a user's messages) is
/// addressed with [`Service::entity`](crate::Service::entity) and the paths it leads to.
///
/// The derive also declares `COLLECTION_PATH` as an associated constant of the type itself,
/// so that `User::COLLECTION_PATH` needs no import.
///
/// ```
/// use odata::{EntitySet, ODataResource};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// fn set_of<T: EntitySet>() -> &'static str {
///     T::COLLECTION_PATH
/// }
/// assert_eq!(set_of::<User>(), "/users");
/// assert_eq!(User::COLLECTION_PATH, "/users");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no entity set",
    label = "not an entity type with a `collection`",
    note = "declare its entity set with #[odata(collection = \"/path\")], or address it through its parent: `service.entity::<Parent>(key).navigate::<{Self}>(\"property\")`"
)]
pub trait EntitySet: ODataResource {
    /// The path of the entity set, relative to the service root, starting with `/`.
    const COLLECTION_PATH: &'static str;

    /// The qualified name of the type the entity set is declared with: this type's own, or,
    /// for a derived type that takes its base's set, the base's. Listing a type whose set
    /// is declared with another type adds the cast segment, `/users/microsoft.graph.employee`,
    /// so that the service lists (and filters) that type's entities only.
    const SET_TYPE_NAME: &'static str = <Self as ODataType>::TYPE_NAME;
}

/// The type of a singleton (`/me`, `/admin`): `#[odata(singleton = "/path")]`, addressed with
/// [`Service::singleton`](crate::Service::singleton).
///
/// ```
/// use odata::{ODataResource, Singleton};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.adminRoot", singleton = "/admin")]
/// pub struct AdminRoot {
///     pub display_name: Option<String>,
/// }
///
/// assert_eq!(<AdminRoot as Singleton>::SINGLETON_PATH, "/admin");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the type of a singleton",
    label = "not an entity type with a `singleton` path",
    note = "declare its path with #[odata(singleton = \"/path\")]"
)]
pub trait Singleton: ODataResource {
    /// The singleton's path, relative to the service root, starting with `/`.
    const SINGLETON_PATH: &'static str;
}

/// An entity type with a generated patch type, `{Entity}Patch`, whose fields are
/// [`Change`](crate::Change)s of exactly the writable properties.
///
/// ```
/// use odata::{Change, ODataResource, Patchable};
///
/// #[derive(Debug, Clone, PartialEq, ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub display_name: Option<String>,
///     pub job_title: Option<String>,
/// }
///
/// let read = User { id: Some("1".into()), display_name: Some("Adele".into()), job_title: Some("PM".into()) };
/// let mut modified = read.clone();
/// modified.job_title = None;
///
/// let patch = read.diff(modified);
/// assert_eq!(patch, UserPatch { job_title: Change::Null, ..Default::default() });
/// let request = odata::Service::new("https://graph.microsoft.com/v1.0").update("1", &patch);
/// assert_eq!(request.body(), br##"{"@odata.type":"#microsoft.graph.user","jobTitle":null}"##);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no generated patch",
    label = "not an entity struct with a `{{Entity}}Patch`",
    note = "a derived entity type's `base`, and every type `diff` is called on, is a struct that derives `ODataResource` without `patch = false`"
)]
pub trait Patchable: ODataResource {
    /// The generated `{Entity}Patch`.
    type Patch: ODataPatch<Resource = Self> + crate::__private::PatchChanges<Entity = Self> + Default;

    /// The patch that turns `self` (the entity as read) into `modified`: exactly the writable
    /// properties whose values differ; a property set before and `None` now becomes `null`.
    /// `if_match` is the etag `self` was read with.
    #[inline]
    fn diff(&self, modified: Self) -> Self::Patch
    where
        Self: Sized,
    {
        crate::patch::diff::<Self::Patch>(self, modified)
    }
}

/// A boxed OData type is the type itself, on the wire and in its metadata.
impl<T: ODataType> ODataType for Box<T> {
    const TYPE_NAME: &'static str = T::TYPE_NAME;
    const PROPERTIES: &'static [Property] = T::PROPERTIES;

    fn __serialize_view<S: Serializer>(&self, serializer: S, view: View) -> Result<S::Ok, S::Error> {
        (**self).__serialize_view(serializer, view)
    }

    #[inline]
    fn annotations(&self) -> Option<&Annotations> {
        (**self).annotations()
    }

    #[inline]
    fn __kept(&self) -> Kept<'_> {
        (**self).__kept()
    }
}

/// A boxed entity is the entity itself.
impl<T: EntitySet> EntitySet for Box<T> {
    const COLLECTION_PATH: &'static str = T::COLLECTION_PATH;
    const SET_TYPE_NAME: &'static str = T::SET_TYPE_NAME;
}

/// A boxed entity is the entity itself.
impl<T: ODataResource> ODataResource for Box<T> {
    const KEY: &'static str = T::KEY;
    const KEYS: &'static [&'static str] = T::KEYS;

    fn __append_key(&self, path: &mut String, style: KeyStyle) -> bool {
        (**self).__append_key(path, style)
    }
}

/// What the runtime knows of one declared property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Property {
    /// The property's name on the wire.
    pub name: &'static str,
    /// Set by the service only: left out of create and update payloads.
    pub read_only: bool,
    /// The entity's key property.
    pub key: bool,
    /// Declared as `Option<_>`: absent and `null` read as `None`, and `None` is not written.
    pub optional: bool,
    /// A navigation property: read when the service expands it, never sent in a create or
    /// PATCH payload.
    pub navigation: bool,
}

impl Property {
    /// A writable, required, non-key property.
    pub const fn new(name: &'static str) -> Self {
        Property { name, read_only: false, key: false, optional: false, navigation: false }
    }

    /// A property as the derives declare it, in one call: a chain of builder calls per
    /// property is paid in every entity crate's build.
    #[doc(hidden)]
    pub const fn declared(
        name: &'static str,
        read_only: bool,
        key: bool,
        optional: bool,
        navigation: bool,
    ) -> Self {
        Property { name, read_only, key, optional, navigation }
    }

    /// The same property, marked read-only.
    pub const fn read_only(self) -> Self {
        Property { read_only: true, ..self }
    }

    /// The same property, marked as the key.
    pub const fn key(self) -> Self {
        Property { key: true, ..self }
    }

    /// The same property, marked optional.
    pub const fn optional(self) -> Self {
        Property { optional: true, ..self }
    }

    /// The same property, marked as a navigation property.
    pub const fn navigation(self) -> Self {
        Property { navigation: true, ..self }
    }

    /// Whether a create payload carries it: neither read-only nor a navigation property.
    pub const fn sent_on_create(&self) -> bool {
        !self.read_only && !self.navigation
    }
}
