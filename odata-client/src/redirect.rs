//! Which redirects a client follows, and the request that follows one.

use http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, LOCATION, PROXY_AUTHORIZATION};
use http::{HeaderMap, Method, StatusCode};
use odata_core::Error;
use reqwest::Url;

/// The most redirects one attempt follows in a row.
pub(crate) const MAX_REDIRECTS: usize = 10;

/// Which redirects a [`Client`](crate::Client) follows; set with
/// [`ClientBuilder::redirects`](crate::ClientBuilder::redirects).
///
/// A redirect that is not followed is an [`Error::Redirect`] naming its status and where it
/// leads (its query values hidden), never an answer read from elsewhere. A followed redirect
/// is sent as browsers send it (a `303`, and a `301` or `302` of a `POST`, become a `GET`
/// without the body; the others keep method and body), never with a `Referer`, and with the
/// token only where it leads to the service's own origin. At most 10 are followed in a row.
///
/// ```
/// use odata::client::{Client, Redirects};
/// use odata::Service;
///
/// // Follows redirects to other hosts too (a CDN, a download URL), without the token.
/// let client = Client::builder(Service::new("https://graph.microsoft.com/v1.0"))
///     .redirects(Redirects::AnyOrigin)
///     .build()
///     .unwrap();
/// # let _ = client;
/// assert_eq!(Redirects::default(), Redirects::SameOrigin);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Redirects {
    /// None: every redirect is an error naming it.
    Never,
    /// Those that stay on the request's origin (scheme, host and port): a redirect to
    /// another origin is an error naming it. The default.
    #[default]
    SameOrigin,
    /// Any, also to another origin, where neither the token nor `Cookie` and
    /// `Proxy-Authorization` headers go.
    AnyOrigin,
}

/// What comes after an answer.
pub(crate) enum Next {
    /// The answer is the one to read.
    Answer,
    /// A redirect to follow: to `url`, with `method`, the body kept or not.
    Follow { url: Url, method: Method, keep_body: bool },
}

/// Whether both URLs have one scheme, host and port (a default port written or not).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

impl Redirects {
    /// What comes after an answer of `status` with `headers` to `method` of `url`, the
    /// `hops`-th redirect of the attempt so far.
    pub(crate) fn next(
        self,
        url: &Url,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
        hops: usize,
    ) -> Result<Next, Error> {
        if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            return Ok(Next::Answer);
        }
        // A redirect without a `Location` says where to go no more than any other answer.
        let Some(location) = headers.get(LOCATION) else { return Ok(Next::Answer) };
        let location = String::from_utf8_lossy(location.as_bytes());
        let next = match url.join(&location) {
            Ok(next) if matches!(next.scheme(), "http" | "https") => next,
            Ok(_) => {
                return Err(Error::redirect(status, &location, "it does not lead to an http or https URL"))
            }
            Err(error) => {
                return Err(Error::redirect(
                    status,
                    &location,
                    format!("its `Location` is not a URL: {error}"),
                ))
            }
        };
        let refused = match self {
            Redirects::Never => Some("the client follows no redirects (`Redirects::Never`)"),
            Redirects::SameOrigin if !same_origin(url, &next) => Some(
                "it leads to another origin than the request's; \
                 `ClientBuilder::redirects(Redirects::AnyOrigin)` follows it, without the token",
            ),
            _ if hops >= MAX_REDIRECTS => Some("it is more than the 10 redirects an attempt follows"),
            _ => None,
        };
        if let Some(reason) = refused {
            return Err(Error::redirect(status, next.as_str(), reason));
        }
        let (method, keep_body) = match status {
            StatusCode::SEE_OTHER if *method != Method::HEAD => (Method::GET, false),
            StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND if *method == Method::POST => {
                (Method::GET, false)
            }
            _ => (method.clone(), true),
        };
        Ok(Next::Follow { url: next, method, keep_body })
    }
}

/// The headers of the request that follows a redirect: without credentials when it leaves
/// the origin, without those of the body when the body is left out.
pub(crate) fn follow_headers(headers: &mut HeaderMap, leaves_origin: bool, keep_body: bool) {
    if leaves_origin {
        for name in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION] {
            headers.remove(name);
        }
    }
    if !keep_body {
        headers.remove(CONTENT_TYPE);
        headers.remove(CONTENT_LENGTH);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(location: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, location.parse().unwrap());
        headers
    }

    #[test]
    fn only_the_policy_s_redirects_are_followed() {
        let url = Url::parse("https://graph.example/v1.0/users?$top=1").unwrap();
        let found = StatusCode::FOUND;
        let same = redirect("/v1.0/people?x=1");
        let other = redirect("https://other.example/moved?s3cret=1");
        let Ok(Next::Follow { url: next, method, keep_body }) =
            Redirects::SameOrigin.next(&url, &Method::GET, found, &same, 0)
        else {
            panic!("a same-origin redirect is followed")
        };
        assert_eq!(
            (next.as_str(), method, keep_body),
            ("https://graph.example/v1.0/people?x=1", Method::GET, true)
        );
        let error = match Redirects::SameOrigin.next(&url, &Method::GET, found, &other, 0) {
            Err(error) => error,
            Ok(_) => panic!("another origin is not followed"),
        };
        let text = error.to_string();
        assert!(text.contains("302") && text.contains("https://other.example/moved?s3cret=..."), "{text}");
        assert!(matches!(
            Redirects::AnyOrigin.next(&url, &Method::GET, found, &other, 0),
            Ok(Next::Follow { .. })
        ));
        assert!(Redirects::Never.next(&url, &Method::GET, found, &same, 0).is_err());
        assert!(Redirects::AnyOrigin.next(&url, &Method::GET, found, &same, MAX_REDIRECTS).is_err());
        // Not a redirect, or one without a location: the answer.
        assert!(matches!(
            Redirects::Never.next(&url, &Method::GET, StatusCode::OK, &same, 0),
            Ok(Next::Answer)
        ));
        let none = HeaderMap::new();
        assert!(matches!(Redirects::Never.next(&url, &Method::GET, found, &none, 0), Ok(Next::Answer)));
        assert!(Redirects::AnyOrigin
            .next(&url, &Method::GET, found, &redirect("ftp://x.example/"), 0)
            .is_err());
    }

    #[test]
    fn see_other_and_a_moved_post_become_a_get_without_body() {
        let url = Url::parse("https://graph.example/v1.0/users").unwrap();
        let same = redirect("/v1.0/elsewhere");
        for (status, method, expected, kept) in [
            (StatusCode::SEE_OTHER, Method::POST, Method::GET, false),
            (StatusCode::FOUND, Method::POST, Method::GET, false),
            (StatusCode::MOVED_PERMANENTLY, Method::POST, Method::GET, false),
            (StatusCode::TEMPORARY_REDIRECT, Method::POST, Method::POST, true),
            (StatusCode::PERMANENT_REDIRECT, Method::PATCH, Method::PATCH, true),
            (StatusCode::FOUND, Method::DELETE, Method::DELETE, true),
        ] {
            let Ok(Next::Follow { method: next, keep_body, .. }) =
                Redirects::SameOrigin.next(&url, &method, status, &same, 0)
            else {
                panic!("{status} is followed")
            };
            assert_eq!((next, keep_body), (expected, kept), "{status} {method}");
        }
        let mut headers = HeaderMap::new();
        for name in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, CONTENT_TYPE, CONTENT_LENGTH] {
            headers.insert(name, "x".parse().unwrap());
        }
        headers.insert("consistencylevel", "eventual".parse().unwrap());
        follow_headers(&mut headers, true, false);
        assert_eq!(headers.keys().map(|name| name.as_str()).collect::<Vec<_>>(), ["consistencylevel"]);
    }
}
