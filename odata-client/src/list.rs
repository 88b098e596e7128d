//! Listings: a query and headers, then every page or every item.

use core::fmt;
use core::marker::PhantomData;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use http::header::{HeaderName, HeaderValue};
use http::{Request, Uri};
use odata_core::{Collection, Error, Pager};
use serde::de::DeserializeOwned;

use crate::{Client, Query};

/// A listing to be sent: add query options and headers, then walk it with
/// [`items`](Self::items) or [`pages`](Self::pages).
///
/// The headers go with every page's request (`ConsistencyLevel: eventual` for `$count` and
/// `$search` on Graph's directory objects, `Prefer: odata.maxpagesize=...`).
#[must_use = "a listing does nothing until it is walked"]
pub struct ListRequest<T> {
    client: Client,
    request: Result<Request<Vec<u8>>, Error>,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for ListRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListRequest").field("request", &self.request).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> ListRequest<T> {
    pub(crate) fn new(client: Client, request: Result<Request<Vec<u8>>, Error>) -> Self {
        ListRequest { client, request, item: PhantomData }
    }

    /// Adds query options to the first request (the next links carry them on): pairs,
    /// which are percent-encoded here, or anything else that implements [`Query`], such as
    /// a typed query builder. Options that refuse ([`Query::check`]) make the listing that
    /// error, before anything is sent.
    pub fn query(mut self, query: impl Query) -> Self {
        if let Err(error) = query.check() {
            self.request = Err(error);
            return self;
        }
        if let Some(level) = query.consistency_level() {
            self = self.header("ConsistencyLevel", level);
        }
        if let Ok(request) = &mut self.request {
            let uri = request.uri();
            let mut options = uri.query().unwrap_or_default().to_owned();
            query.append_to(&mut options);
            let url = format!(
                "{}://{}{}?{options}",
                uri.scheme_str().unwrap_or("https"),
                uri.authority().map_or("", |authority| authority.as_str()),
                uri.path()
            );
            match url.parse::<Uri>() {
                Ok(uri) => *request.uri_mut() = uri,
                Err(error) => {
                    self.request =
                        Err(Error::InvalidRequest { url, reason: format!("the query makes no URL: {error}") })
                }
            }
        }
        self
    }

    /// Adds a header to every page's request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok(request) = &mut self.request {
            match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                (Ok(name), Ok(value)) => {
                    request.headers_mut().append(name, value);
                }
                _ => {
                    self.request = Err(Error::InvalidRequest {
                        url: request.uri().to_string(),
                        reason: format!("`{name}: {value}` is not a valid header"),
                    })
                }
            }
        }
        self
    }

    /// The first request, with its query and headers (for walks other than a listing's).
    pub(crate) fn into_request(self) -> Result<Request<Vec<u8>>, Error> {
        self.request
    }

    /// The listing page by page.
    pub fn pages(self) -> Pages<T> {
        let (pager, error) = match self.request {
            Ok(request) => (Some(Pager::new(self.client.service().clone(), request)), None),
            Err(error) => (None, Some(error)),
        };
        Pages { client: self.client, pager, error, item: PhantomData }
    }

    /// The listing item by item, across pages: a [`Stream`], which ends after the first error.
    pub fn items(self) -> Items<T>
    where
        T: Send + 'static,
    {
        Items { items: Vec::new().into_iter(), pages: Some(self.pages()), fetching: None }
    }
}

/// A listing walked page by page; only the page returned is held.
pub struct Pages<T> {
    client: Client,
    pager: Option<Pager>,
    error: Option<Error>,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("pager", &self.pager).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> Pages<T> {
    /// The next page, `None` after the last one or after an error. A failed page is an
    /// [`Error::Request`] naming the page, its attempts and the service's `request-id`.
    pub async fn next_page(&mut self) -> Option<Result<Collection<T>, Error>> {
        if let Some(error) = self.error.take() {
            self.pager = None;
            return Some(Err(error));
        }
        let pager = self.pager.as_mut()?;
        let page_number = pager.pages_read() + 1;
        let request = match pager.next_request()? {
            Ok(request) => request,
            Err(error) => return Some(Err(error)),
        };
        Some(match self.client.exchange(request).await {
            Ok((response, exchanged)) => pager.read_page(response).map_err(|mut error| {
                if let Error::Request { context, .. } = &mut error {
                    context.attempts = exchanged.attempts;
                    context.client_request_id = exchanged.client_request_id;
                }
                error
            }),
            Err(mut error) => {
                self.pager = None;
                if let Error::Request { context, .. } = &mut error {
                    context.page = Some(page_number);
                }
                Err(error)
            }
        })
    }

    /// The `@odata.deltaLink` of the last page, once it is read.
    pub fn delta_link(&self) -> Option<&str> {
        self.pager.as_ref().and_then(Pager::delta_link)
    }
}

/// A listing walked item by item: a [`Stream`] of `Result<T, Error>`, holding one page at
/// a time. [`try_next`](Self::try_next) reads it without a futures crate.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    /// What is left of the page being read: served without a future per item.
    items: std::vec::IntoIter<T>,
    /// The walk, while no page is being fetched; `None` once it is over.
    pages: Option<Pages<T>>,
    fetching: Option<Fetch<T>>,
}

type Fetch<T> = Pin<Box<dyn Future<Output = (Pages<T>, Option<Result<Collection<T>, Error>>)> + Send>>;

// Nothing of `Items` is pinned in place: the fetch is boxed, the rest is moved freely.
impl<T> Unpin for Items<T> {}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("left_on_page", &self.items.len()).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> Items<T> {
    /// The next item, `Ok(None)` at the end.
    pub async fn try_next(&mut self) -> Result<Option<T>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await.transpose()
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            let fetch = match &mut this.fetching {
                Some(fetch) => fetch,
                None => {
                    let Some(mut pages) = this.pages.take() else { return Poll::Ready(None) };
                    this.fetching.insert(Box::pin(async move {
                        let page = pages.next_page().await;
                        (pages, page)
                    }))
                }
            };
            let Poll::Ready((pages, page)) = fetch.as_mut().poll(cx) else { return Poll::Pending };
            this.fetching = None;
            match page {
                Some(Ok(page)) => {
                    this.pages = Some(pages);
                    this.items = page.value.into_iter();
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}
