//! `npm run bench` part: the time of one catalogue call through Mailcart's GmailStore client
//! (request, exact-decimal decoding, typed products), median and 90th percentile over N calls
//! against a store on loopback. The bench script runs `curl` against the same URL as the baseline.
//!
//! Usage: api_call_bench <store base url, e.g. http://127.0.0.1:PORT/api> [calls]
//! Prints one line: `api_call<TAB>median_us<TAB>p90_us<TAB>calls`.

use std::time::{Duration, Instant};

use mailcart_lib::stores::gmailstore::{GmailStoreClient, RetryPolicy};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let base_url = args.next().expect("usage: api_call_bench <store base url> [calls]");
    let calls: usize = args.next().map_or(200, |n| n.parse().expect("calls is a number"));
    // As the app uses it: one long-lived client (connections kept alive), no retries to blur a figure.
    let client = GmailStoreClient::builder()
        .base_url(base_url)
        .request_timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .build()
        .expect("a loopback store address");
    for _ in 0..5 {
        client.products().await.expect("warm-up call");
    }
    let mut samples = Vec::with_capacity(calls);
    for _ in 0..calls {
        let start = Instant::now();
        let products = client.products().await.expect("catalogue call");
        samples.push(start.elapsed());
        assert!(!products.is_empty(), "the store listed no products");
    }
    samples.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("api_call\t{:.1}\t{:.1}\t{calls}", us(samples[calls / 2]), us(samples[calls * 9 / 10]));
}
