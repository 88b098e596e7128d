//! A listing holds one page at a time: its peak memory does not grow with the number of pages.
//!
//! `allocation_counter` is this binary's global allocator; it counts the allocations of the
//! measuring thread, on which the client's single-threaded runtime runs (the server has a
//! thread of its own).

#[path = "common/pages.rs"]
mod pages;

use odata::client::Client;
use odata::{DateTimeOffset, ODataResource, Service};

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub mail: Option<String>,
    pub account_enabled: Option<bool>,
    pub business_phones: Option<Vec<String>>,
    pub created_date_time: Option<DateTimeOffset>,
}

/// Lists every user of a server of `pages` pages; the peak bytes allocated meanwhile.
fn peak_bytes_listing(pages: usize) -> u64 {
    let listing = pages::serve(pages, 100);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = Client::new(Service::new(listing.root)).unwrap();
    let mut seen = 0;
    let counted = allocation_counter::measure(|| {
        runtime.block_on(async {
            let mut users = client.list::<User>().items();
            while let Some(user) = users.try_next().await.unwrap() {
                assert!(user.mail.is_some());
                seen += 1;
            }
        })
    });
    assert_eq!(seen, pages * 100);
    counted.bytes_max
}

#[test]
fn peak_memory_of_a_listing_is_bounded_by_a_page_not_the_listing() {
    let ten_pages = peak_bytes_listing(10);
    let hundred_pages = peak_bytes_listing(100);
    eprintln!("peak bytes: 10 pages {ten_pages}, 100 pages {hundred_pages}");
    // One page of 100 users is ~30 KB of JSON; all 100 pages would be ~3 MB.
    assert!(
        hundred_pages < ten_pages + ten_pages / 2,
        "10 pages: {ten_pages} B at peak, 100 pages: {hundred_pages} B"
    );
    assert!(hundred_pages < 1_000_000, "{hundred_pages} B at peak");
}
