//! Typed addresses and the verbs on them: every request starts from a path (an entity set, a
//! singleton, an entity by key, what a navigation property or a cast leads to) and ends with a
//! verb. Every URL a request goes to is written here, one segment at a time, every key and
//! name escaped so that it cannot leave its segment.

use core::marker::PhantomData;

use http::header::HeaderValue;
use http::{Method, Request};
use percent_encoding::utf8_percent_encode;

use crate::answer::{Body, NoContent, Returns};
use crate::operation::{append_function_parameters, ActionBody};
use crate::patch::PatchBody;
use crate::query::{DerivedFrom, Prop, Query};
use crate::service::{if_match, or_panic, request, PATH_ESCAPED};
use crate::{
    Collection, CollectionBound, EntityBound, EntitySet, Error, ODataKey, ODataOperation, ODataPatch,
    ODataRequest, ODataResource, ODataType, OperationKind, Service, Singleton,
};

/// Graph's header for advanced queries on directory objects.
const CONSISTENCY_LEVEL: &str = "consistencylevel";

/// A navigation property's name is one path segment, escaped as a key segment is, so that no
/// name can add a segment or a query.
use crate::key::KEY_ESCAPED as SEGMENT_ESCAPED;

/// The address of one entity of type `T`: in its entity set, a singleton, or reached through
/// a navigation property of its parent. Built by [`Service::entity`],
/// [`Service::singleton`], [`Service::entity_at`], [`CollectionPath::key`] and
/// [`nav`](Self::nav); its verbs are [`get`](Self::get), [`get_with`](Self::get_with),
/// [`update`](Self::update), [`delete`](Self::delete) and [`invoke`](Self::invoke)
/// ([`Service::get_at`] and its kin are shorthands for them).
///
/// ```
/// use odata::{ODataResource, Service};
///
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// // Reached only through a user: no entity set of its own.
/// #[derive(ODataResource)]
/// #[odata(type = "microsoft.graph.message")]
/// pub struct Message {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     pub subject: Option<String>,
/// }
///
/// let service = Service::new("https://graph.microsoft.com/v1.0");
/// let message = service.entity::<User>("adele@contoso.com").navigate::<Message>("messages").key("AAM/kA=");
/// assert_eq!(
///     message.get().unwrap().http().uri(),
///     "https://graph.microsoft.com/v1.0/users/adele%40contoso.com/messages/AAM%2FkA%3D"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPath<T> {
    url: String,
    style: crate::KeyStyle,
    entity: PhantomData<fn() -> T>,
}

/// The address of a collection of entities of type `T`: an entity set, or a collection-valued
/// navigation property of a parent. [`key`](Self::key) addresses one of them,
/// [`cast`](Self::cast) those of a derived type; its verbs are [`list`](Self::list),
/// [`list_with`](Self::list_with), [`create`](Self::create), [`invoke`](Self::invoke) and
/// [`delta`](Self::delta) ([`Service::list_at`] and its kin are shorthands for them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionPath<T> {
    url: String,
    style: crate::KeyStyle,
    entity: PhantomData<fn() -> T>,
}

impl<T> EntityPath<T> {
    /// The URL this path addresses.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What `T`'s navigation property `property` holds, named by its typed handle (the
    /// handle `$select` and `$expand` take): a [`CollectionPath`] for a collection-valued
    /// property (`/users/{id}/messages`), an [`EntityPath`] for a single-valued one
    /// (`/users/{id}/manager`). A handle of another type's property, or of a property that is
    /// not a navigation property, does not compile.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     #[odata(navigation)]
    ///     pub manager: Option<Box<User>>,
    ///     #[odata(navigation)]
    ///     pub messages: Option<Vec<Message>>,
    /// }
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.message")]
    /// pub struct Message {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let adele = service.entity::<User>("adele");
    /// let message: odata::EntityPath<Message> = adele.nav(User::fields().messages).key("AAM=");
    /// assert_eq!(message.url(), "https://graph.microsoft.com/v1.0/users/adele/messages/AAM%3D");
    /// let manager: odata::EntityPath<User> = adele.nav(User::fields().manager);
    /// assert_eq!(manager.url(), "https://graph.microsoft.com/v1.0/users/adele/manager");
    /// ```
    pub fn nav<P: Navigation<T>>(&self, property: P) -> P::Path {
        P::__path_below(property, self.url.clone(), self.style)
    }

    /// This entity cast to its derived type `D` (`/users/{id}/microsoft.graph.employee`), so
    /// that `D`'s navigation properties and bound operations apply; a type not derived from
    /// `T` does not compile.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.directoryObject", collection = "/directoryObjects")]
    /// pub struct DirectoryObject {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.group")]
    /// pub struct Group {
    ///     #[odata(base)]
    ///     pub base: DirectoryObject,
    ///     #[odata(navigation)]
    ///     pub members: Option<Vec<DirectoryObject>>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let members = service.entity::<DirectoryObject>("g1").cast::<Group>().nav(Group::fields().members);
    /// assert_eq!(members.url(), "https://graph.microsoft.com/v1.0/directoryObjects/g1/microsoft.graph.group/members");
    /// ```
    pub fn cast<D: DerivedFrom<T> + ODataType>(&self) -> EntityPath<D> {
        EntityPath { url: self.segment(D::TYPE_NAME), style: self.style, entity: PhantomData }
    }

    /// The collection that `T`'s collection-valued navigation property `property` holds, of
    /// entities of type `U`: `/users/{id}/messages`.
    ///
    /// The unchecked escape hatch: neither the name nor `U` is checked against `T`'s
    /// properties (a misspelt name is a request for nothing). Prefer [`nav`](Self::nav), which
    /// takes the property's typed handle.
    pub fn navigate<U: ODataResource>(&self, property: &str) -> CollectionPath<U> {
        CollectionPath { url: self.segment(property), style: self.style, entity: PhantomData }
    }

    /// The entity that `T`'s single-valued navigation property `property` holds:
    /// `/users/{id}/manager`. Unchecked, as [`navigate`](Self::navigate); prefer
    /// [`nav`](Self::nav).
    pub fn navigate_one<U: ODataResource>(&self, property: &str) -> EntityPath<U> {
        EntityPath { url: self.segment(property), style: self.style, entity: PhantomData }
    }

    fn segment(&self, segment: &str) -> String {
        let mut url = self.url.clone();
        push_segment(&mut url, segment);
        url
    }
}

/// Appends `/segment` to `url`, escaped so that it stays one segment.
fn push_segment(url: &mut String, segment: &str) {
    url.push('/');
    url.extend(utf8_percent_encode(segment, SEGMENT_ESCAPED));
}

/// A navigation property of `T`, by its typed handle: what [`EntityPath::nav`] takes. It is
/// implemented for the handles the derive makes (`T::fields().messages`): a `Prop<T, Vec<M>>`
/// leads to a [`CollectionPath<M>`], a `Prop<T, M>` to an [`EntityPath<M>`], for an entity
/// type `M`. A derived type's handles of its base's properties are its own (their owner is
/// the derived type), so they navigate from it too.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a navigation property of `{T}`",
    label = "not a handle of a navigation property of `{T}`",
    note = "`nav` takes the handle of a navigation property of `{T}`, `{T}::fields().<property>`: one holding an entity type or a `Vec` of one, not a primitive or complex value",
    note = "for a derived type's navigation properties, cast first: `.cast::<Derived>().nav(Derived::fields().property)`"
)]
pub trait Navigation<T> {
    /// Where the property leads: [`EntityPath`] or [`CollectionPath`].
    type Path;

    /// The path of the property below the entity at `parent`.
    #[doc(hidden)]
    fn __path_below(self, parent: String, style: crate::KeyStyle) -> Self::Path;
}

/// `parent` followed by the segments of `property`'s path (one, or a cast and the property).
fn below<Owner, Held>(mut parent: String, property: Prop<Owner, Held>) -> String {
    for segment in property.path().segments() {
        push_segment(&mut parent, segment);
    }
    parent
}

// Not recommended: a handle of a primitive or complex property is reported as not being a
// navigation property, on the handle, rather than as its type not being an entity type.
#[diagnostic::do_not_recommend]
impl<T, M: ODataResource> Navigation<T> for Prop<T, M> {
    type Path = EntityPath<M>;

    fn __path_below(self, parent: String, style: crate::KeyStyle) -> EntityPath<M> {
        EntityPath { url: below(parent, self), style, entity: PhantomData }
    }
}

#[diagnostic::do_not_recommend]
impl<T, M: ODataResource> Navigation<T> for Prop<T, Vec<M>> {
    type Path = CollectionPath<M>;

    fn __path_below(self, parent: String, style: crate::KeyStyle) -> CollectionPath<M> {
        CollectionPath { url: below(parent, self), style, entity: PhantomData }
    }
}

impl<T: ODataResource> CollectionPath<T> {
    /// The URL this path addresses.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The entities of the collection that are of the derived type `D`
    /// (`/users/{id}/memberOf/microsoft.graph.group`); a type not derived from `T` does not
    /// compile.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.directoryObject", collection = "/directoryObjects")]
    /// pub struct DirectoryObject {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     #[odata(navigation)]
    ///     pub member_of: Option<Vec<DirectoryObject>>,
    /// }
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.group")]
    /// pub struct Group {
    ///     #[odata(base)]
    ///     pub base: DirectoryObject,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let groups = service.entity::<DirectoryObject>("u1").nav(DirectoryObject::fields().member_of).cast::<Group>();
    /// assert_eq!(
    ///     groups.url(),
    ///     "https://graph.microsoft.com/v1.0/directoryObjects/u1/memberOf/microsoft.graph.group"
    /// );
    /// ```
    pub fn cast<D: DerivedFrom<T> + ODataResource>(&self) -> CollectionPath<D> {
        let mut url = self.url.clone();
        push_segment(&mut url, D::TYPE_NAME);
        CollectionPath { url, style: self.style, entity: PhantomData }
    }

    /// The entity of the collection with this key (a tuple for a composite key, as in
    /// [`Service::entity_url`]), escaped so that it cannot leave its segment.
    ///
    /// # Panics
    /// When the key holds another number of values than `T` has key properties;
    /// [`try_key`](Self::try_key) returns that error.
    #[track_caller]
    pub fn key(&self, key: impl ODataKey) -> EntityPath<T> {
        or_panic(self.try_key(key))
    }

    /// The entity of the collection with this key, as [`key`](Self::key).
    ///
    /// # Errors
    /// [`Error::KeyMismatch`] when the key holds another number of values than `T` has key
    /// properties.
    pub fn try_key(&self, key: impl ODataKey) -> Result<EntityPath<T>, Error> {
        let mut url = self.url.clone();
        key.__append_key_of(T::KEYS, &mut url, self.style).map_err(|given| Error::KeyMismatch {
            type_name: T::TYPE_NAME,
            keys: T::KEYS,
            given,
        })?;
        Ok(EntityPath { url, style: self.style, entity: PhantomData })
    }
}

/// The verbs on one entity: each a request, or an error naming what is wrong with it.
impl<T> EntityPath<T> {
    /// `GET` of the entity.
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH).
    pub fn get(&self) -> Result<ODataRequest<Body<T>>, Error> {
        request(Method::GET, self.url.clone(), None).map(ODataRequest::new)
    }

    /// `GET` of the entity with these query options: `$select` and `$expand` are the ones
    /// that apply to one entity.
    ///
    /// ```
    /// use odata::query::Query;
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     pub display_name: Option<String>,
    ///     #[odata(navigation)]
    ///     pub manager: Option<Box<User>>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let fields = User::fields();
    /// let query = Query::<User>::new().select(fields.display_name).expand(fields.manager);
    /// let request = service.entity::<User>("1").get_with(&query).unwrap();
    /// assert_eq!(
    ///     request.http().uri(),
    ///     "https://graph.microsoft.com/v1.0/users/1?$select=displayName&$expand=manager"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH); [`Error::InvalidRequest`] when the query
    /// refused an option ([`Query::check`]).
    pub fn get_with(&self, query: &Query<T>) -> Result<ODataRequest<Body<T>>, Error> {
        query_request(self.url.clone(), query).map(ODataRequest::new)
    }

    /// `PATCH` of the entity: the body holds `@odata.type` and what `patch` changes, and
    /// `If-Match` carries the patch's etag when it has one (see [`Service::update`]).
    ///
    /// # Errors
    /// [`Error::Serialize`] when a property's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH); [`Error::InvalidEtag`] when the patch's
    /// etag cannot be sent as a header.
    pub fn update<P: ODataPatch<Resource = T>>(&self, patch: &P) -> Result<ODataRequest<NoContent>, Error> {
        let body = serde_json::to_vec(&PatchBody(patch)).map_err(Error::Serialize)?;
        let mut request = request(Method::PATCH, self.url.clone(), Some(body))?;
        if let Some(etag) = patch.etag() {
            if_match(&mut request, etag)?;
        }
        Ok(ODataRequest::new(request))
    }

    /// `DELETE` of the entity.
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH).
    pub fn delete(&self) -> Result<ODataRequest<NoContent>, Error> {
        request(Method::DELETE, self.url.clone(), None).map(ODataRequest::new)
    }

    /// Calls an operation bound to `T` on this entity: an action is a `POST` to
    /// `.../{name}` with its parameters as a JSON object (no body when it declares none), a
    /// function a `GET` of `.../{name}(p=literal,...)`.
    ///
    /// ```
    /// use odata::{ODataOperation, ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", singleton = "/me")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// #[derive(ODataOperation)]
    /// #[odata(action = "changePassword", binding = User)]
    /// pub struct ChangePassword {
    ///     pub current_password: String,
    ///     pub new_password: String,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let change = ChangePassword { current_password: "a".into(), new_password: "b".into() };
    /// let request = service.singleton::<User>().invoke(&change).unwrap().into_http();
    /// assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/me/changePassword");
    /// assert_eq!(request.body(), br#"{"currentPassword":"a","newPassword":"b"}"#);
    /// ```
    ///
    /// # Errors
    /// [`Error::Serialize`] when an action parameter's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL (with a function's parameters) is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH); [`Error::InvalidRequest`] when a
    /// hand-written [`ODataLiteral`](crate::ODataLiteral) writes what a URL cannot hold.
    pub fn invoke<O: EntityBound<Binding = T>>(
        &self,
        operation: &O,
    ) -> Result<ODataRequest<Returns<O>>, Error> {
        invoke_request(self.url.clone(), operation).map(ODataRequest::new)
    }
}

/// The verbs on a collection: each a request, or an error naming what is wrong with it.
impl<T> CollectionPath<T> {
    /// `GET` of the collection: its first page.
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH).
    pub fn list(&self) -> Result<ODataRequest<Body<Collection<T>>>, Error> {
        request(Method::GET, self.url.clone(), None).map(ODataRequest::new)
    }

    /// `GET` of the collection with these query options, and `ConsistencyLevel: eventual`
    /// when the query is one of Graph's advanced queries or asks for it.
    ///
    /// ```
    /// use odata::query::Query;
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    ///     pub display_name: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let query = Query::<User>::new().filter(User::fields().display_name.eq("Adele")).top(5);
    /// let request = service.entity_set::<User>().list_with(&query).unwrap();
    /// assert_eq!(
    ///     request.http().uri(),
    ///     "https://graph.microsoft.com/v1.0/users?$filter=displayName%20eq%20'Adele'&$top=5"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH); [`Error::InvalidRequest`] when the query
    /// refused an option ([`Query::check`]).
    pub fn list_with(&self, query: &Query<T>) -> Result<ODataRequest<Body<Collection<T>>>, Error> {
        query_request(self.url.clone(), query).map(ODataRequest::new)
    }

    /// Calls an operation bound to a collection of `T` on this collection
    /// (`/users/delta()`, `/users/{id}/messages/delta()`), as
    /// [`EntityPath::invoke`] calls one on an entity.
    ///
    /// # Errors
    /// As [`EntityPath::invoke`].
    pub fn invoke<O: CollectionBound<Binding = T>>(
        &self,
        operation: &O,
    ) -> Result<ODataRequest<Returns<O>>, Error> {
        invoke_request(self.url.clone(), operation).map(ODataRequest::new)
    }

    /// `GET` of the collection's `delta` function (`/users/delta`): the first page of a full
    /// enumeration, whose last page links to later changes.
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH).
    pub fn delta(&self) -> Result<ODataRequest<Body<Collection<T>>>, Error> {
        request(Method::GET, self.segment("delta"), None).map(ODataRequest::new)
    }

    fn segment(&self, segment: &str) -> String {
        let mut url = self.url.clone();
        push_segment(&mut url, segment);
        url
    }
}

impl<T: ODataResource> CollectionPath<T> {
    /// `POST` of the entity's create payload to the collection; the answer is the entity the
    /// service made.
    ///
    /// # Errors
    /// [`Error::Serialize`] when a property's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL is longer than
    /// [`MAX_URL_LENGTH`](Service::MAX_URL_LENGTH).
    pub fn create(&self, entity: &T) -> Result<ODataRequest<Body<T>>, Error> {
        let body = serde_json::to_vec(&entity.create_payload()).map_err(Error::Serialize)?;
        request(Method::POST, self.url.clone(), Some(body)).map(ODataRequest::new)
    }
}

/// `GET` of `url` with `query`'s options, and `ConsistencyLevel` when the query wants it; a
/// query that refused an option is an error naming it.
fn query_request<T>(mut url: String, query: &Query<T>) -> Result<Request<Vec<u8>>, Error> {
    if let Err(refused) = query.check() {
        return Err(Error::InvalidRequest { url, reason: refused.to_string() });
    }
    if !query.is_empty() {
        url.reserve(1 + query.encoded_len());
        url.push('?');
        query.write_query_string(&mut url);
    }
    let mut request = request(Method::GET, url, None)?;
    if let Some(level) = query.consistency_level() {
        request.headers_mut().insert(CONSISTENCY_LEVEL, HeaderValue::from_static(level));
    }
    Ok(request)
}

/// The request of `operation` on what `url` addresses.
fn invoke_request<O: ODataOperation>(mut url: String, operation: &O) -> Result<Request<Vec<u8>>, Error> {
    url.push('/');
    url.extend(utf8_percent_encode(O::NAME, PATH_ESCAPED));
    match O::KIND {
        OperationKind::Action => {
            // Graph documents parameterless actions such as `revokeToken` without a body.
            let body = if O::PARAMETERS.is_empty() {
                None
            } else {
                Some(serde_json::to_vec(&ActionBody(operation)).map_err(Error::Serialize)?)
            };
            request(Method::POST, url, body)
        }
        OperationKind::Function => {
            append_function_parameters(operation, &mut url);
            request(Method::GET, url, None)
        }
    }
}

/// Where requests start: the paths of entity sets, singletons and entities by key.
impl Service {
    /// The entity of `T`'s entity set with this key, as the first segment of a path to what it
    /// contains. A derived type is addressed in its base's set without a cast (`/users/{id}`).
    ///
    /// # Panics
    /// When the key holds another number of values than `T` has key properties;
    /// [`CollectionPath::try_key`] on [`entity_set`](Self::entity_set) returns that error.
    #[track_caller]
    pub fn entity<T: EntitySet>(&self, key: impl ODataKey) -> EntityPath<T> {
        or_panic(self.entity_by_key(key))
    }

    pub(crate) fn entity_by_key<T: EntitySet>(&self, key: impl ODataKey) -> Result<EntityPath<T>, Error> {
        self.collection_at::<T>(T::COLLECTION_PATH).try_key(key)
    }

    /// `T`'s entity set, as a [`CollectionPath`]. A derived type listed through its base's set
    /// is cast to (`/users/microsoft.graph.employee`), so that the service lists and filters
    /// only that type.
    pub fn entity_set<T: EntitySet>(&self) -> CollectionPath<T> {
        CollectionPath { url: self.list_url::<T>(), style: self.key_style(), entity: PhantomData }
    }

    /// The URL of `T`'s entity set.
    pub fn collection_url<T: EntitySet>(&self) -> String {
        self.url_at(T::COLLECTION_PATH)
    }

    /// The URL that lists `T`: its entity set's, and, for a type listed through a set declared
    /// with another type (a derived type through its base's), the cast segment to it.
    pub(crate) fn list_url<T: EntitySet>(&self) -> String {
        let mut url = self.collection_url::<T>();
        if T::SET_TYPE_NAME != T::TYPE_NAME {
            push_segment(&mut url, T::TYPE_NAME);
        }
        url
    }

    /// The URL of the entity of type `T` with this key: a tuple of the values of a composite
    /// key, in the order `T` declares its key properties.
    ///
    /// # Errors
    /// [`Error::KeyMismatch`] when the key holds another number of values than `T` has key
    /// properties.
    pub fn entity_url<T: EntitySet>(&self, key: impl ODataKey) -> Result<String, Error> {
        self.entity_by_key::<T>(key).map(|path| path.url)
    }

    /// The path of `entity` in its entity set, by the key it holds.
    pub(crate) fn path_of<T: EntitySet>(&self, entity: &T) -> Result<EntityPath<T>, Error> {
        let mut url = self.collection_url::<T>();
        if !entity.__append_key(&mut url, self.key_style()) {
            return Err(Error::MissingKey { type_name: T::TYPE_NAME, key: T::KEY });
        }
        Ok(EntityPath { url, style: self.key_style(), entity: PhantomData })
    }

    /// The collection of entities of type `T` at `path` below the root (`/users`): what a
    /// generated crate's entry points return for each entity set, so that a type may have
    /// several sets. `path` is escaped where a URL cannot hold it as it is.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let users = service.collection_at::<User>("/users");
    /// assert_eq!(users.key("a").url(), "https://graph.microsoft.com/v1.0/users/a");
    /// ```
    pub fn collection_at<T: ODataResource>(&self, path: &str) -> CollectionPath<T> {
        CollectionPath { url: self.url_at(path), style: self.key_style(), entity: PhantomData }
    }

    /// The entity of type `T` at `path` below the root (`/me`): what a generated crate's entry
    /// points return for each singleton, so that a type with an entity set may be a
    /// singleton's too. `path` is escaped where a URL cannot hold it as it is.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// assert_eq!(service.entity_at::<User>("/me").url(), "https://graph.microsoft.com/v1.0/me");
    /// ```
    pub fn entity_at<T>(&self, path: &str) -> EntityPath<T> {
        EntityPath { url: self.url_at(path), style: self.key_style(), entity: PhantomData }
    }

    fn url_at(&self, path: &str) -> String {
        let mut url = self.root().to_owned();
        url.extend(utf8_percent_encode(path, PATH_ESCAPED));
        url
    }

    /// The singleton of type `T`: `/me`, `/admin`.
    ///
    /// ```
    /// use odata::{ODataResource, Service};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.adminRoot", singleton = "/admin")]
    /// pub struct AdminRoot {
    ///     pub display_name: Option<String>,
    /// }
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// assert_eq!(service.get_at(&service.singleton::<AdminRoot>()).uri(), "https://graph.microsoft.com/v1.0/admin");
    /// ```
    pub fn singleton<T: Singleton>(&self) -> EntityPath<T> {
        self.entity_at(T::SINGLETON_PATH)
    }

    /// `GET` of the entity at `path`.
    ///
    /// # Panics
    /// Where [`try_get_at`](Self::try_get_at) returns an error: a URL longer than
    /// [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    #[track_caller]
    pub fn get_at<T>(&self, path: &EntityPath<T>) -> Request<Vec<u8>> {
        or_panic(self.try_get_at(path))
    }

    /// `GET` of the entity at `path`, as [`get_at`](Self::get_at).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_get_at<T>(&self, path: &EntityPath<T>) -> Result<Request<Vec<u8>>, Error> {
        path.get().map(ODataRequest::into_http)
    }

    /// `GET` of the collection at `path`: the first page of a [`Collection<T>`](crate::Collection).
    ///
    /// # Panics
    /// Where [`try_list_at`](Self::try_list_at) returns an error.
    #[track_caller]
    pub fn list_at<T>(&self, path: &CollectionPath<T>) -> Request<Vec<u8>> {
        or_panic(self.try_list_at(path))
    }

    /// `GET` of the collection at `path`, as [`list_at`](Self::list_at).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_list_at<T>(&self, path: &CollectionPath<T>) -> Result<Request<Vec<u8>>, Error> {
        path.list().map(ODataRequest::into_http)
    }

    /// `POST` of the entity's create payload to the collection at `path`.
    ///
    /// # Panics
    /// Where [`try_create_at`](Self::try_create_at) returns an error.
    #[track_caller]
    pub fn create_at<T: ODataResource>(&self, path: &CollectionPath<T>, entity: &T) -> Request<Vec<u8>> {
        or_panic(self.try_create_at(path, entity))
    }

    /// `POST` of the entity's create payload to the collection at `path`, as
    /// [`create_at`](Self::create_at).
    ///
    /// # Errors
    /// [`Error::Serialize`] when a property's `Serialize` implementation fails;
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_create_at<T: ODataResource>(
        &self,
        path: &CollectionPath<T>,
        entity: &T,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.create(entity).map(ODataRequest::into_http)
    }

    /// `PATCH` of the entity at `path`, as [`update`](Self::update) sends it.
    ///
    /// # Panics
    /// Where [`try_update_at`](Self::try_update_at) returns an error.
    #[track_caller]
    pub fn update_at<P: ODataPatch>(&self, path: &EntityPath<P::Resource>, patch: &P) -> Request<Vec<u8>> {
        or_panic(self.try_update_at(path, patch))
    }

    /// `PATCH` of the entity at `path`, as [`update_at`](Self::update_at).
    ///
    /// # Errors
    /// As [`try_update`](Self::try_update).
    pub fn try_update_at<P: ODataPatch>(
        &self,
        path: &EntityPath<P::Resource>,
        patch: &P,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.update(patch).map(ODataRequest::into_http)
    }

    /// `DELETE` of the entity at `path`.
    ///
    /// # Panics
    /// Where [`try_delete_at`](Self::try_delete_at) returns an error.
    #[track_caller]
    pub fn delete_at<T>(&self, path: &EntityPath<T>) -> Request<Vec<u8>> {
        or_panic(self.try_delete_at(path))
    }

    /// `DELETE` of the entity at `path`, as [`delete_at`](Self::delete_at).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH).
    pub fn try_delete_at<T>(&self, path: &EntityPath<T>) -> Result<Request<Vec<u8>>, Error> {
        path.delete().map(ODataRequest::into_http)
    }

    /// Calls a bound operation on the entity at `path`, as [`invoke`](Self::invoke) does on
    /// an entity of a set.
    ///
    /// # Panics
    /// Where [`try_invoke_at`](Self::try_invoke_at) returns an error.
    #[track_caller]
    pub fn invoke_at<O: EntityBound>(
        &self,
        path: &EntityPath<O::Binding>,
        operation: &O,
    ) -> Request<Vec<u8>> {
        or_panic(self.try_invoke_at(path, operation))
    }

    /// Calls a bound operation on the entity at `path`, as [`invoke_at`](Self::invoke_at).
    ///
    /// # Errors
    /// As [`try_invoke`](Self::try_invoke).
    pub fn try_invoke_at<O: EntityBound>(
        &self,
        path: &EntityPath<O::Binding>,
        operation: &O,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.invoke(operation).map(ODataRequest::into_http)
    }

    /// Calls a collection-bound operation on the collection at `path` (a contained
    /// collection, such as `/users/{id}/messages/delta()`).
    ///
    /// # Panics
    /// Where [`try_invoke_on`](Self::try_invoke_on) returns an error.
    #[track_caller]
    pub fn invoke_on<O: CollectionBound>(
        &self,
        path: &CollectionPath<O::Binding>,
        operation: &O,
    ) -> Request<Vec<u8>> {
        or_panic(self.try_invoke_on(path, operation))
    }

    /// Calls a collection-bound operation on the collection at `path`, as
    /// [`invoke_on`](Self::invoke_on).
    ///
    /// # Errors
    /// As [`try_invoke`](Self::try_invoke).
    pub fn try_invoke_on<O: CollectionBound>(
        &self,
        path: &CollectionPath<O::Binding>,
        operation: &O,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.invoke(operation).map(ODataRequest::into_http)
    }
}
