//! Delta sync through the client: a stream of changes across pages, resumable, and restarted
//! from a full enumeration when the service forgot the sync state.

use core::fmt;
use core::marker::PhantomData;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use odata_core::delta::{DeltaEvent, DeltaLink, DeltaSync, OnExpiry};
use odata_core::{CollectionPath, EntitySet, Error, ODataResource};
use serde::de::DeserializeOwned;

use crate::{Client, ListRequest, Query};

impl Client {
    /// A delta sync of `T`'s entity set (`GET /users/delta`): add `$select`, `$filter` and
    /// headers, then walk its [`changes`](DeltaRequest::changes).
    pub fn delta<T: EntitySet + DeserializeOwned>(&self) -> DeltaRequest<T> {
        DeltaRequest::new(
            self.clone(),
            Start::New(ListRequest::new(self.clone(), self.service().try_delta::<T>())),
        )
    }

    /// A delta sync of the collection at `path` (`/users/{id}/messages/delta`).
    pub fn delta_at<T: ODataResource + DeserializeOwned>(&self, path: &CollectionPath<T>) -> DeltaRequest<T> {
        DeltaRequest::new(
            self.clone(),
            Start::New(ListRequest::new(self.clone(), self.service().try_delta_at(path))),
        )
    }

    /// A delta sync resuming from a stored [`DeltaLink`]: the changes since it was given,
    /// with the query and headers of the sync that gave it.
    pub fn resume_delta<T: DeserializeOwned>(&self, link: &DeltaLink) -> DeltaRequest<T> {
        DeltaRequest::new(
            self.clone(),
            Start::Resume(DeltaSync::resume(self.service().clone(), link).map(Box::new)),
        )
    }
}

enum Start<T> {
    New(ListRequest<T>),
    Resume(Result<Box<DeltaSync>, Error>),
}

/// A delta sync to be walked: its query options and headers, what a `410 Gone` does, then
/// [`changes`](Self::changes).
#[must_use = "a delta sync does nothing until its changes are walked"]
pub struct DeltaRequest<T> {
    client: Client,
    start: Start<T>,
    on_expiry: OnExpiry,
}

impl<T> fmt::Debug for DeltaRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let resumed = matches!(self.start, Start::Resume(_));
        f.debug_struct("DeltaRequest")
            .field("resumed", &resumed)
            .field("on_expiry", &self.on_expiry)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> DeltaRequest<T> {
    fn new(client: Client, start: Start<T>) -> Self {
        DeltaRequest { client, start, on_expiry: OnExpiry::default() }
    }

    /// Adds query options (`$select`, `$filter` where the service allows it) to the first
    /// request, as [`ListRequest::query`] does. A resumed sync takes its query from its link:
    /// adding one to it makes the walk's first item an error.
    pub fn query(mut self, query: impl Query) -> Self {
        self.start = match self.start {
            Start::New(list) => Start::New(list.query(query)),
            Start::Resume(_) => Start::Resume(Err(self.resumed_error("query options"))),
        };
        self
    }

    /// Adds a header to every page's request (`Prefer: return=minimal`,
    /// `Prefer: odata.maxpagesize=...`). A resumed sync keeps the headers of the sync that
    /// gave its link: adding one to it makes the walk's first item an error.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.start = match self.start {
            Start::New(list) => Start::New(list.header(name, value)),
            Start::Resume(_) => Start::Resume(Err(self.resumed_error("headers"))),
        };
        self
    }

    fn resumed_error(&self, what: &str) -> Error {
        Error::InvalidRequest {
            url: self.client.service().root().to_owned(),
            reason: format!(
                "a resumed delta sync keeps the {what} of the sync that gave its link; it takes no others"
            ),
        }
    }

    /// What a `410 Gone` does: [`OnExpiry::Resync`] (the default) starts a full enumeration,
    /// announced by a [`DeltaEvent::Resync`]; [`OnExpiry::Error`] ends the walk with the error.
    pub fn on_expiry(mut self, on_expiry: OnExpiry) -> Self {
        self.on_expiry = on_expiry;
        self
    }

    /// The changes, page by page: a [`Stream`] of [`DeltaEvent`]s that ends with
    /// [`DeltaEvent::Done`] (the link to store), or after the first error. One page is held
    /// at a time.
    pub fn changes(self) -> Changes<T>
    where
        T: Send + 'static,
    {
        let sync = match self.start {
            Start::New(list) => {
                list.into_request().map(|first| DeltaSync::new(self.client.service().clone(), first))
            }
            Start::Resume(sync) => sync.map(|sync| *sync),
        };
        let (walk, error) = match sync {
            Ok(sync) => (Some(Walk { client: self.client, sync: sync.on_expiry(self.on_expiry) }), None),
            Err(error) => (None, Some(error)),
        };
        Changes {
            events: Vec::new().into_iter(),
            walk,
            error,
            fetching: None,
            delta_link: None,
            item: PhantomData,
        }
    }
}

struct Walk {
    client: Client,
    sync: DeltaSync,
}

type Fetch<T> = Pin<Box<dyn Future<Output = (Walk, Option<Result<Vec<DeltaEvent<T>>, Error>>)> + Send>>;

impl Walk {
    async fn next_page<T: DeserializeOwned>(mut self) -> (Walk, Option<Result<Vec<DeltaEvent<T>>, Error>>) {
        let request = match self.sync.next_request() {
            None => return (self, None),
            Some(Ok(request)) => request,
            Some(Err(error)) => return (self, Some(Err(error))),
        };
        let page = match self.client.exchange(request).await {
            Ok((response, exchanged)) => self.sync.read_page(response).map_err(|mut error| {
                if let Error::Request { context, .. } = &mut error {
                    context.attempts = exchanged.attempts;
                    context.client_request_id = exchanged.client_request_id;
                }
                error
            }),
            Err(error) => Err(error),
        };
        (self, Some(page))
    }
}

/// The changes of a delta sync: a [`Stream`] of `Result<DeltaEvent<T>, Error>`, holding one
/// page at a time. [`try_next`](Self::try_next) reads it without a futures crate.
#[must_use = "streams do nothing unless polled"]
pub struct Changes<T> {
    events: std::vec::IntoIter<DeltaEvent<T>>,
    walk: Option<Walk>,
    error: Option<Error>,
    fetching: Option<Fetch<T>>,
    delta_link: Option<DeltaLink>,
    item: PhantomData<fn() -> T>,
}

// Nothing of `Changes` is pinned in place: the fetch is boxed, the rest is moved freely.
impl<T> Unpin for Changes<T> {}

impl<T> fmt::Debug for Changes<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Changes").field("left_on_page", &self.events.len()).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> Changes<T> {
    /// The next event, `Ok(None)` at the end.
    pub async fn try_next(&mut self) -> Result<Option<DeltaEvent<T>>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await.transpose()
    }

    /// The link to store, once the last page is read (also the last event).
    pub fn delta_link(&self) -> Option<&DeltaLink> {
        self.delta_link.as_ref()
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Changes<T> {
    type Item = Result<DeltaEvent<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(error) = this.error.take() {
            return Poll::Ready(Some(Err(error)));
        }
        loop {
            if let Some(event) = this.events.next() {
                if let DeltaEvent::Done(link) = &event {
                    this.delta_link = Some(link.clone());
                }
                return Poll::Ready(Some(Ok(event)));
            }
            let fetch = match &mut this.fetching {
                Some(fetch) => fetch,
                None => {
                    let Some(walk) = this.walk.take() else { return Poll::Ready(None) };
                    this.fetching.insert(Box::pin(walk.next_page::<T>()))
                }
            };
            let Poll::Ready((walk, page)) = fetch.as_mut().poll(cx) else { return Poll::Pending };
            this.fetching = None;
            match page {
                Some(Ok(events)) => {
                    this.walk = Some(walk);
                    this.events = events.into_iter();
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}
