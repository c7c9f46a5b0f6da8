//! The TLS set-up every store client shares: one connector per process, cloned into each client.
//!
//! Why: on Linux, native-tls (OpenSSL) reads and parses the system's whole CA bundle for every
//! connector it makes, ~50 ms of CPU each (measured in issue 15 with `perf`: the "after start"
//! thread spent its ~110 ms building the two store clients almost all in OpenSSL's PEM decoding).
//! The start built two, and every settings change two more. A clone shares the parsed roots. It is
//! made on a thread of its own as soon as the app starts (`warm_up`), beside the window's making, so
//! the clients built later only clone it. On Windows and macOS the connector uses the system's
//! certificate store and costs little either way.
//!
//! The connector is native-tls's default, the same one reqwest makes for a client when it is not
//! given one (system roots, hostname and certificate checks on, SNI on).

use std::sync::OnceLock;

static CONNECTOR: OnceLock<Result<native_tls::TlsConnector, String>> = OnceLock::new();

/// The shared connector (made on first use), or why the system's TLS could not be set up (kept as
/// well: it comes from the system's TLS library, which asking again would not change).
pub fn connector() -> Result<native_tls::TlsConnector, String> {
    CONNECTOR.get_or_init(|| native_tls::TlsConnector::new().map_err(|error| error.to_string())).clone()
}

/// Makes the connector on its own thread now, so that the first client built need not wait for it.
pub fn warm_up() {
    let _ = std::thread::Builder::new().name("tls set-up".into()).spawn(|| {
        let _ = connector();
        crate::start_timeline::mark("tls set up");
    });
}

/// A reqwest client builder that uses the shared connector.
pub fn client_builder() -> Result<reqwest::ClientBuilder, String> {
    Ok(reqwest::Client::builder().tls_backend_preconfigured(connector()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reqwest_takes_the_shared_connector() {
        // A connector of another native-tls version than reqwest's would be "unknown" to it, and
        // every client's build would fail: this is the check that the two stay in step.
        let client = client_builder().expect("the system's TLS").build();
        assert!(client.is_ok(), "reqwest refused the shared connector: {:?}", client.err());
    }
}
