//! A loopback server of a listing: `pages` pages of `per_page` Graph users, linked by
//! `@odata.nextLink`, answered from memory over keep-alive HTTP/1.1, on a thread of its
//! own (so that a measurement of the client's thread does not count it).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The listing's root and first page's URL.
pub struct Listing {
    pub root: String,
    pub first: String,
}

fn page_body(root: &str, page: usize, pages: usize, per_page: usize) -> Vec<u8> {
    let mut body =
        String::from(r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":["#);
    for index in 0..per_page {
        let id = page * per_page + index;
        if index > 0 {
            body.push(',');
        }
        write!(
            body,
            r#"{{"id":"{id:08x}-5f8e-4b8c-9c1d-7a4e2b6d{id:04x}","displayName":"User {id}","givenName":"Given {id}","surname":"Surname","mail":"user{id}@contoso.example","jobTitle":"Engineer","mobilePhone":null,"officeLocation":"Building {page}","accountEnabled":true,"businessPhones":["+1 425 555 {id:04}"],"createdDateTime":"2024-03-0{}T10:20:30Z"}}"#,
            1 + id % 9
        )
        .unwrap();
    }
    body.push(']');
    if page + 1 < pages {
        write!(body, r#","@odata.nextLink":"{root}/users?$skiptoken={}""#, page + 1).unwrap();
    }
    body.push('}');
    body.into_bytes()
}

/// Starts the server; it lives as long as the process.
pub fn serve(pages: usize, per_page: usize) -> Listing {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address: SocketAddr = listener.local_addr().unwrap();
    let root = format!("http://{address}/v1.0");
    let bodies: Arc<Vec<Vec<u8>>> =
        Arc::new((0..pages).map(|page| page_body(&root, page, pages, per_page)).collect());
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (connection, _) = listener.accept().await.unwrap();
                // Each answer is one write; without this, Nagle and delayed ACKs add 40 ms.
                connection.set_nodelay(true).unwrap();
                tokio::spawn(answer(connection, bodies.clone()));
            }
        });
    });
    Listing { first: format!("{root}/users"), root }
}

async fn answer(mut connection: tokio::net::TcpStream, bodies: Arc<Vec<Vec<u8>>>) {
    let mut buffer = Vec::with_capacity(4096);
    loop {
        // GETs only: a request ends with its blank line.
        let end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end + 4;
            }
            let mut chunk = [0; 4096];
            match connection.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        buffer.drain(..end);
        let target = head.split(' ').nth(1).unwrap_or("/");
        let page =
            target.split_once("$skiptoken=").and_then(|(_, page)| page.parse::<usize>().ok()).unwrap_or(0);
        let Some(body) = bodies.get(page) else { return };
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if connection.write_all(head.as_bytes()).await.is_err() || connection.write_all(body).await.is_err() {
            return;
        }
    }
}
