//! A request made by a path's verb, typed by what its answer reads as: so that a client sends
//! every verb with one call and reads each answer as the verb wants.

use core::fmt;
use core::marker::PhantomData;

use http::{Request, Response};
use serde::de::DeserializeOwned;

use crate::{ensure_success, from_response, operation_result, Error, ODataOperation};

/// An HTTP request built by a verb of a path ([`EntityPath::get`](crate::EntityPath::get),
/// [`CollectionPath::list`](crate::CollectionPath::list), ...), with `A`, the [`Answer`](answer::Answer) its
/// response is read as. Send [`into_http`](Self::into_http) with any HTTP client and read the
/// response with [`A::read`](answer::Answer::read), or give it to `odata::client::Client::execute`,
/// which does both.
///
/// ```
/// use odata::{answer::Answer, ODataResource, Service};
///
/// #[derive(Debug, ODataResource, PartialEq)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// let service = Service::new("https://graph.microsoft.com/v1.0");
/// let request = service.entity::<User>("1").get().unwrap();
/// assert_eq!(request.http().uri(), "https://graph.microsoft.com/v1.0/users/1");
///
/// let response = http::Response::builder().status(200).body(br#"{"id": "1"}"#.to_vec()).unwrap();
/// let user = odata::answer::Body::<User>::read(response).unwrap();
/// assert_eq!(user.id.as_deref(), Some("1"));
/// ```
pub struct ODataRequest<A> {
    request: Request<Vec<u8>>,
    answer: PhantomData<fn() -> A>,
}

impl<A> ODataRequest<A> {
    pub(crate) fn new(request: Request<Vec<u8>>) -> Self {
        ODataRequest { request, answer: PhantomData }
    }

    /// The HTTP request.
    pub fn http(&self) -> &Request<Vec<u8>> {
        &self.request
    }

    /// The HTTP request, to send.
    pub fn into_http(self) -> Request<Vec<u8>> {
        self.request
    }
}

impl<A> From<ODataRequest<A>> for Request<Vec<u8>> {
    fn from(request: ODataRequest<A>) -> Self {
        request.request
    }
}

impl<A> fmt::Debug for ODataRequest<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ODataRequest").field(&self.request).finish()
    }
}

/// What the answer to an [`ODataRequest`] is read as.
pub mod answer {
    use super::*;

    /// How the response to a request is read: a body of a type, no content, or an
    /// operation's return value.
    pub trait Answer {
        /// What the response reads as.
        type Output;

        /// Reads `response`: a failure is the service's error, as in
        /// [`from_response`](crate::from_response).
        ///
        /// # Errors
        /// [`Error::Service`] or [`Error::Status`] for a failure; [`Error::Body`] when the
        /// body is not what the request expects.
        fn read(response: Response<impl AsRef<[u8]>>) -> Result<Self::Output, Error>;
    }

    /// A body read as `T`: an entity, or a page of a collection
    /// ([`Collection<T>`](crate::Collection)).
    ///
    /// ```
    /// use odata::answer::{Answer, Body};
    /// let response = http::Response::builder().status(200).body(br#""a""#.to_vec()).unwrap();
    /// assert_eq!(Body::<String>::read(response).unwrap(), "a");
    /// ```
    pub struct Body<T>(PhantomData<fn() -> T>);

    impl<T: DeserializeOwned> Answer for Body<T> {
        type Output = T;

        fn read(response: Response<impl AsRef<[u8]>>) -> Result<T, Error> {
            from_response(response)
        }
    }

    /// No content: only the success is checked (`204 No Content` of an update or a delete).
    ///
    /// ```
    /// use odata::answer::{Answer, NoContent};
    /// let response = http::Response::builder().status(404).body(Vec::new()).unwrap();
    /// assert!(NoContent::read(response).is_err());
    /// ```
    pub struct NoContent;

    impl Answer for NoContent {
        type Output = ();

        fn read(response: Response<impl AsRef<[u8]>>) -> Result<(), Error> {
            ensure_success(response)
        }
    }

    /// What the operation `O` returns, `O::Output`, read by
    /// [`operation_result`](crate::operation_result).
    ///
    /// ```
    /// use odata::answer::{Answer, Returns};
    /// use odata::{ODataOperation, ODataResource};
    ///
    /// #[derive(ODataResource)]
    /// #[odata(type = "microsoft.graph.user", collection = "/users")]
    /// pub struct User {
    ///     #[odata(key, read_only)]
    ///     pub id: Option<String>,
    /// }
    ///
    /// #[derive(ODataOperation)]
    /// #[odata(function = "reminderView", binding = User, returns = Vec<String>)]
    /// pub struct ReminderView;
    ///
    /// let response = http::Response::builder().status(200).body(br#"{"value": ["a"]}"#.to_vec()).unwrap();
    /// assert_eq!(Returns::<ReminderView>::read(response).unwrap(), ["a"]);
    /// ```
    pub struct Returns<O>(PhantomData<fn() -> O>);

    impl<O: ODataOperation> Answer for Returns<O> {
        type Output = O::Output;

        fn read(response: Response<impl AsRef<[u8]>>) -> Result<O::Output, Error> {
            operation_result::<O>(response)
        }
    }
}
