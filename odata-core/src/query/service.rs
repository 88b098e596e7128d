//! Requests with query options.

use http::Request;

use super::Query;
use crate::service::or_panic;
use crate::{CollectionPath, EntitySet, Error, ODataKey, ODataRequest, Service};

impl Service {
    /// `GET` of `T`'s entity set with these query options, and `ConsistencyLevel: eventual`
    /// when the query is one of Graph's advanced queries or asks for it. A derived type listed
    /// through its base's set is cast to (`/users/microsoft.graph.employee?$filter=...`), so
    /// that its own properties can be filtered on and only its entities are listed.
    ///
    /// ```
    /// use odata::query::{Prop, Query};
    /// use odata::Service;
    ///
    /// #[derive(odata::ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User { #[odata(key)] pub id: String, pub display_name: Option<String> }
    /// const DISPLAY_NAME: Prop<User, String> = Prop::new("displayName");
    ///
    /// let service = Service::new("https://graph.microsoft.com/v1.0");
    /// let request = service.list_with(&Query::<User>::new().filter(DISPLAY_NAME.ends_with("son")).count(true));
    /// assert_eq!(
    ///     request.uri(),
    ///     "https://graph.microsoft.com/v1.0/users?$filter=endswith(displayName,'son')&$count=true"
    /// );
    /// assert_eq!(request.headers()["consistencylevel"], "eventual");
    ///
    /// #[derive(odata::ODataResource)]
    /// #[odata(type = "microsoft.graph.employee")]
    /// pub struct Employee { #[odata(base)] pub base: User, pub employee_id: Option<String> }
    ///
    /// let query = Query::<Employee>::new().filter(Employee::fields().employee_id.eq("x"));
    /// assert_eq!(
    ///     service.list_with(&query).uri(),
    ///     "https://graph.microsoft.com/v1.0/users/microsoft.graph.employee?$filter=employeeId%20eq%20'x'"
    /// );
    /// ```
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold, or the query refused
    /// an option (an empty `$skiptoken`, see [`Query::check`]);
    /// [`try_list_with`](Self::try_list_with) returns those errors.
    #[track_caller]
    pub fn list_with<T: EntitySet>(&self, query: &Query<T>) -> Request<Vec<u8>> {
        or_panic(self.try_list_with(query))
    }

    /// `GET` of `T`'s entity set with these query options, as [`list_with`](Self::list_with).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH);
    /// [`Error::InvalidRequest`] when the query refused an option ([`Query::check`]).
    pub fn try_list_with<T: EntitySet>(&self, query: &Query<T>) -> Result<Request<Vec<u8>>, Error> {
        self.entity_set::<T>().list_with(query).map(ODataRequest::into_http)
    }

    /// `GET` of the collection at `path` (a contained collection, such as a user's
    /// messages) with these query options.
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH);
    /// [`Error::InvalidRequest`] when the query refused an option ([`Query::check`]).
    pub fn try_list_at_with<T: crate::ODataResource>(
        &self,
        path: &CollectionPath<T>,
        query: &Query<T>,
    ) -> Result<Request<Vec<u8>>, Error> {
        path.list_with(query).map(ODataRequest::into_http)
    }

    /// `GET` of the entity of type `T` with this key, with these query options (`$select`
    /// and `$expand` are the ones that apply to one entity).
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold, the key holds
    /// another number of values than `T` has key properties, or the query refused an option;
    /// [`try_get_with`](Self::try_get_with) returns those errors.
    #[track_caller]
    pub fn get_with<T: EntitySet>(&self, key: impl ODataKey, query: &Query<T>) -> Request<Vec<u8>> {
        or_panic(self.try_get_with(key, query))
    }

    /// `GET` of the entity of type `T` with this key and these query options, as
    /// [`get_with`](Self::get_with).
    ///
    /// # Errors
    /// [`Error::UrlTooLong`] when the URL is longer than [`MAX_URL_LENGTH`](Self::MAX_URL_LENGTH);
    /// [`Error::KeyMismatch`] when the key holds another number of values than `T` has key
    /// properties; [`Error::InvalidRequest`] when the query refused an option ([`Query::check`]).
    pub fn try_get_with<T: EntitySet>(
        &self,
        key: impl ODataKey,
        query: &Query<T>,
    ) -> Result<Request<Vec<u8>>, Error> {
        self.entity_by_key::<T>(key)?.get_with(query).map(ODataRequest::into_http)
    }
}
