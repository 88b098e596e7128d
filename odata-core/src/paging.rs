//! Paging, sans-IO: which request comes next, and what a page's answer says.

use http::header::{HeaderMap, HeaderName, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{Request, Response};
use serde::de::DeserializeOwned;

use crate::{from_response, Collection, Error, RequestContext, Service};

/// Walks a listing page by page: the first request, then each page's `@odata.nextLink`,
/// until a page has none.
///
/// Every next request repeats the headers of the first (such as `ConsistencyLevel:
/// eventual` and `Prefer`), but not those that belong to one request only
/// (`Authorization`, `client-request-id`, `Content-Type`, `Content-Length`, `Host`),
/// and only a link below the service's root is followed. A failed page ends the walk with
/// an [`Error::Request`] that names the page, keeps the status, the service's code and
/// message and the `request-id`, and, for a body that does not read, the property at
/// fault. The pager keeps no page: memory stays bounded by the page being read.
///
/// ```
/// use odata::{Collection, ODataResource, Pager, Service};
///
/// #[derive(Debug, ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
/// }
///
/// let service = Service::new("https://graph.microsoft.com/v1.0");
/// let mut first = service.list::<User>();
/// first.headers_mut().insert("consistencylevel", "eventual".parse().unwrap());
/// let mut pager = Pager::new(service, first);
///
/// let request = pager.next_request().unwrap().unwrap();
/// assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users");
/// let answer = http::Response::new(
///     br#"{"value": [{"id": "1"}], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X"}"#.to_vec(),
/// );
/// let page: Collection<User> = pager.read_page(answer).unwrap();
/// assert_eq!(page.value.len(), 1);
///
/// let request = pager.next_request().unwrap().unwrap();
/// assert_eq!(request.uri().query(), Some("$skiptoken=X"));
/// assert_eq!(request.headers()["consistencylevel"], "eventual");
/// let answer = http::Response::new(
///     br#"{"value": [], "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=Y"}"#.to_vec(),
/// );
/// let page: Collection<User> = pager.read_page(answer).unwrap();
/// assert!(page.value.is_empty());
/// assert!(pager.next_request().is_none());
/// assert_eq!(pager.delta_link(), Some("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=Y"));
/// assert_eq!(pager.pages_read(), 2);
/// ```
#[derive(Debug)]
pub struct Pager {
    service: Service,
    repeated: HeaderMap,
    state: State,
    /// The request that is out, whose answer is the next page.
    in_flight: Option<RequestContext>,
    pages_read: u32,
    delta_link: Option<String>,
}

#[derive(Debug)]
enum State {
    First(Box<Request<Vec<u8>>>),
    Next(String),
    Done,
}

/// Headers that describe one request rather than the listing.
pub(crate) const NOT_REPEATED: [HeaderName; 5] =
    [AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderName::from_static("client-request-id")];

impl Pager {
    /// A walk that starts with `first`, such as [`Service::list`]'s request with the query
    /// and headers of the listing, and follows links below `service`'s root.
    pub fn new(service: Service, first: Request<Vec<u8>>) -> Self {
        let mut repeated = first.headers().clone();
        for name in &NOT_REPEATED {
            repeated.remove(name);
        }
        Pager {
            service,
            repeated,
            state: State::First(Box::new(first)),
            in_flight: None,
            pages_read: 0,
            delta_link: None,
        }
    }

    /// The request for the next page; `None` once the last page is read, after an error,
    /// and while the answer to the last request is not read.
    /// A next link that does not lead below the service's root is an [`Error::Request`]
    /// naming the page, around the [`Error::ForeignLink`] (neither shows the link's query
    /// values), and ends the walk.
    pub fn next_request(&mut self) -> Option<Result<Request<Vec<u8>>, Error>> {
        let page = self.pages_read + 1;
        let request = match core::mem::replace(&mut self.state, State::Done) {
            State::First(request) => *request,
            State::Next(link) => match self.service.follow(&link) {
                Ok(mut request) => {
                    let headers = request.headers_mut();
                    for name in self.repeated.keys() {
                        headers.remove(name);
                    }
                    for (name, value) in &self.repeated {
                        headers.append(name, value.clone());
                    }
                    request
                }
                Err(error) => return Some(Err(error.in_request(RequestContext::unsent_page(&link, page)))),
            },
            State::Done => return None,
        };
        let mut context = RequestContext::new(&request);
        context.page = Some(page);
        self.in_flight = Some(context);
        Some(Ok(request))
    }

    /// Reads the answer to the last [`next_request`](Self::next_request) as a page, and
    /// remembers its next and delta links. (Without a request out, the answer is read as
    /// the first page of a walk that ends with it, unless it links on.)
    ///
    /// An answer that is not a success, or whose body does not read as a page of `T`, is an
    /// [`Error::Request`] naming the page (and its `request-id`, if the answer has one), and
    /// ends the walk.
    pub fn read_page<T: DeserializeOwned>(
        &mut self,
        response: Response<impl AsRef<[u8]>>,
    ) -> Result<Collection<T>, Error> {
        self.state = State::Done;
        self.pages_read += 1;
        let context = self.in_flight.take().map(|context| context.with_response(&response));
        let page: Collection<T> = from_response(response).map_err(|error| match context {
            Some(context) => error.in_request(context),
            None => error,
        })?;
        if let Some(link) = &page.next_link {
            self.state = State::Next(link.clone());
        }
        if page.delta_link.is_some() {
            self.delta_link.clone_from(&page.delta_link);
        }
        Ok(page)
    }

    /// How many pages were read so far, failed ones included.
    pub fn pages_read(&self) -> u32 {
        self.pages_read
    }

    /// The `@odata.deltaLink` of the last page, once it is read: where later changes are.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// Whether the walk is over: the last page was read, or a page failed.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done) && self.in_flight.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;
    use serde_json::Value;

    const ROOT: &str = "https://graph.microsoft.com/v1.0";

    fn page(body: &str) -> Response<Vec<u8>> {
        Response::new(body.as_bytes().to_vec())
    }

    fn first_request() -> Request<Vec<u8>> {
        Request::get(format!("{ROOT}/users?$count=true&$search=%22displayName:a%22"))
            .header("consistencylevel", "eventual")
            .header("prefer", "odata.maxpagesize=2")
            .header("prefer", "outlook.body-content-type=\"text\"")
            .header("authorization", "Bearer first-token")
            .header("client-request-id", "first-id")
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn next_requests_repeat_the_listing_headers_but_not_the_per_request_ones() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        let first = pager.next_request().unwrap().unwrap();
        assert_eq!(first.headers()["authorization"], "Bearer first-token");
        let link = format!("{ROOT}/users?$skiptoken=abc");
        pager.read_page::<Value>(page(&format!(r#"{{"value": [1], "@odata.nextLink": "{link}"}}"#))).unwrap();

        let next = pager.next_request().unwrap().unwrap();
        assert_eq!(next.uri(), link.as_str());
        assert_eq!(next.method(), "GET");
        assert_eq!(next.headers()["consistencylevel"], "eventual");
        let prefer: Vec<_> = next.headers().get_all("prefer").iter().collect();
        assert_eq!(prefer, ["odata.maxpagesize=2", "outlook.body-content-type=\"text\""]);
        assert_eq!(next.headers().get_all("accept").iter().count(), 1);
        assert!(next.headers().get("authorization").is_none());
        assert!(next.headers().get("client-request-id").is_none());
    }

    #[test]
    fn a_link_outside_the_root_is_not_followed_and_ends_the_walk() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        pager.next_request().unwrap().unwrap();
        let body = r#"{"value": [], "@odata.nextLink": "https://graph.microsoft.com.attacker.example/v1.0/users?x=s3cret"}"#;
        pager.read_page::<Value>(page(body)).unwrap();
        let error = pager.next_request().unwrap().unwrap_err();
        let Error::Request { context, source } = &error else { panic!("{error:?}") };
        assert!(matches!(**source, Error::ForeignLink { .. }), "{error}");
        assert_eq!((context.page, context.attempts), (Some(2), 0));
        let text = error.to_string();
        assert!(text.contains("page 2") && text.contains("users?x=..."), "{text}");
        assert!(!text.contains("s3cret") && !format!("{error:?}").contains("s3cret"), "{error:?}");
        assert!(pager.next_request().is_none());
        assert!(pager.is_done());
    }

    #[test]
    fn an_error_page_keeps_status_code_message_request_id_and_names_the_page() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        pager.next_request().unwrap().unwrap();
        pager
            .read_page::<Value>(page(&format!(
                r#"{{"value": [], "@odata.nextLink": "{ROOT}/users?$skiptoken=s3cret"}}"#
            )))
            .unwrap();
        pager.next_request().unwrap().unwrap();
        let answer = Response::builder()
            .status(503)
            .header("request-id", "d0e6a5f4")
            .body(br#"{"error": {"code": "serviceNotAvailable", "message": "Try later"}}"#.to_vec())
            .unwrap();
        let error = pager.read_page::<Value>(answer).unwrap_err();
        assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(error.service_error().unwrap().code, "serviceNotAvailable");
        assert_eq!(error.service_error().unwrap().message, "Try later");
        assert_eq!(error.request_id(), Some("d0e6a5f4"));
        assert_eq!(error.context().unwrap().page, Some(2));
        let text = error.to_string();
        assert!(text.contains("page 2") && text.contains("$skiptoken=..."), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
        assert!(pager.next_request().is_none());
    }

    #[test]
    fn a_page_that_does_not_read_names_the_page_and_the_property() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        pager.next_request().unwrap().unwrap();
        let error = pager.read_page::<String>(page(r#"{"value": ["1", 7]}"#)).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("page 1") && text.contains("property `value`"), "{text}");
        assert!(matches!(&error, Error::Request { source, .. } if matches!(**source, Error::Body { .. })));
    }

    #[test]
    fn the_delta_link_of_the_last_page_is_kept() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        pager.next_request().unwrap().unwrap();
        let body = format!(r#"{{"value": [], "@odata.deltaLink": "{ROOT}/users/delta?$deltatoken=t"}}"#);
        let page = pager.read_page::<Value>(page(&body)).unwrap();
        assert_eq!(page.delta_link.as_deref(), pager.delta_link());
        assert_eq!(pager.delta_link(), Some(format!("{ROOT}/users/delta?$deltatoken=t").as_str()));
        assert!(pager.next_request().is_none());
        assert_eq!(pager.pages_read(), 1);
    }

    #[test]
    fn no_second_request_goes_out_before_the_first_answer_is_read() {
        let mut pager = Pager::new(Service::new(ROOT), first_request());
        pager.next_request().unwrap().unwrap();
        assert!(pager.next_request().is_none());
        assert!(!pager.is_done());
    }
}
