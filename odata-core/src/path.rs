//! Addresses of entities that an entity set alone does not reach: singletons (`/me`) and
//! contained entities (`/users/{id}/messages/{id}`), built from their parent one segment at a
//! time, every key escaped as everywhere, and the requests on them.

use core::marker::PhantomData;

use http::{Method, Request};
use percent_encoding::utf8_percent_encode;

use crate::service::or_panic;
use crate::{
    CollectionBound, EntityBound, EntitySet, Error, ODataKey, ODataPatch, ODataResource, Service, Singleton,
};

/// A navigation property's name is one path segment, escaped as a key segment is, so that no
/// name can add a segment or a query.
use crate::key::KEY_ESCAPED as SEGMENT_ESCAPED;

/// The address of one entity of type `T`: in its entity set, a singleton, or reached through
/// a navigation property of its parent. Built by [`Service::entity`] and
/// [`Service::singleton`]; the requests on it are [`Service::get_at`], [`Service::update_at`],
/// [`Service::delete_at`] and [`Service::invoke_at`].
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
///     service.get_at(&message).uri(),
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
/// navigation property of a parent. [`key`](Self::key) addresses one of them; the requests on
/// it are [`Service::list_at`] and [`Service::create_at`].
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

    /// The collection that `T`'s collection-valued navigation property `property` holds, of
    /// entities of type `U`: `/users/{id}/messages`.
    pub fn navigate<U: ODataResource>(&self, property: &str) -> CollectionPath<U> {
        CollectionPath { url: self.segment(property), style: self.style, entity: PhantomData }
    }

    /// The entity that `T`'s single-valued navigation property `property` holds: `/users/{id}/manager`.
    pub fn navigate_one<U: ODataResource>(&self, property: &str) -> EntityPath<U> {
        EntityPath { url: self.segment(property), style: self.style, entity: PhantomData }
    }

    fn segment(&self, property: &str) -> String {
        let mut url = self.url.clone();
        url.push('/');
        url.extend(utf8_percent_encode(property, SEGMENT_ESCAPED));
        url
    }
}

impl<T: ODataResource> CollectionPath<T> {
    /// The URL this path addresses.
    pub fn url(&self) -> &str {
        &self.url
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

impl Service {
    /// The entity of `T`'s entity set with this key, as the first segment of a path to what it
    /// contains.
    ///
    /// # Panics
    /// When the key holds another number of values than `T` has key properties.
    #[track_caller]
    pub fn entity<T: EntitySet>(&self, key: impl ODataKey) -> EntityPath<T> {
        self.entity_set::<T>().key(key)
    }

    /// `T`'s entity set, as a [`CollectionPath`].
    pub fn entity_set<T: EntitySet>(&self) -> CollectionPath<T> {
        CollectionPath { url: self.collection_url::<T>(), style: self.key_style(), entity: PhantomData }
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
        let mut url = self.root().to_owned();
        url.extend(utf8_percent_encode(T::SINGLETON_PATH, crate::service::PATH_ESCAPED));
        EntityPath { url, style: self.key_style(), entity: PhantomData }
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
        self.request(Method::GET, path.url.clone(), None)
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
        self.request(Method::GET, path.url.clone(), None)
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
        let body = serde_json::to_vec(&entity.create_payload()).map_err(Error::Serialize)?;
        self.request(Method::POST, path.url.clone(), Some(body))
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
        self.patch_request(path.url.clone(), patch)
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
        self.request(Method::DELETE, path.url.clone(), None)
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
        self.invoke_request(path.url.clone(), operation)
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
        self.invoke_request(path.url.clone(), operation)
    }
}
