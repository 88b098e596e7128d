//! Requests with query options.

use http::header::HeaderValue;
use http::{Request, Uri};

use super::Query;
use crate::{ODataKey, ODataResource, Service};

/// Graph's header for advanced queries on directory objects.
const CONSISTENCY_LEVEL: &str = "consistencylevel";

/// Puts `query` on `request`'s URL and sends `ConsistencyLevel` when the query wants it.
#[track_caller]
fn with_query<T>(mut request: Request<Vec<u8>>, query: &Query<T>) -> Request<Vec<u8>> {
    if !query.is_empty() {
        let base = request.uri().to_string();
        let mut url = String::with_capacity(base.len() + 1 + query.encoded_len());
        url.push_str(&base);
        url.push('?');
        query.write_query_string(&mut url);
        *request.uri_mut() = match Uri::try_from(url) {
            Ok(uri) => uri,
            // Every part is escaped: only length can fail.
            Err(error) => panic!("cannot make a request URI: {error}"),
        };
    }
    if let Some(level) = query.consistency_level() {
        request.headers_mut().insert(CONSISTENCY_LEVEL, HeaderValue::from_static(level));
    }
    request
}

impl Service {
    /// `GET` of `T`'s entity set with these query options, and `ConsistencyLevel: eventual`
    /// when the query is one of Graph's advanced queries or asks for it.
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
    /// ```
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold.
    #[track_caller]
    pub fn list_with<T: ODataResource>(&self, query: &Query<T>) -> Request<Vec<u8>> {
        with_query(self.list::<T>(), query)
    }

    /// `GET` of the entity of type `T` with this key, with these query options (`$select`
    /// and `$expand` are the ones that apply to one entity).
    ///
    /// # Panics
    /// If the URL exceeds the 65,534 bytes that [`http::Uri`] can hold.
    #[track_caller]
    pub fn get_with<T: ODataResource>(&self, key: impl ODataKey, query: &Query<T>) -> Request<Vec<u8>> {
        with_query(self.get::<T>(key), query)
    }
}
