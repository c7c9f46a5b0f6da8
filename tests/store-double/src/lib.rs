//! A local double of the stores' documented HTTP contracts, for Mailcart's tests and demo.
//!
//! It serves what `docs/api/` documents and nothing more generous: the same error bodies, the
//! same shapes. Faults are injected through [`Faults`] (in process) or `/__control` (over HTTP).

mod control;
pub mod email_order;
mod faults;
mod gmailstore;
mod hits;
pub mod shapes;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use faults::{Fault, FaultKind, Faults};
pub use gmailstore::orders::{accounts_for, DoubleOrder, DoubleStatus, PaymentConfig};
pub use hits::Hits;

/// Everything the double's handlers share.
#[derive(Default)]
pub struct DoubleState {
    pub faults: Faults,
    pub hits: Hits,
    pub(crate) catalogue: gmailstore::Catalogue,
    pub gmailstore_orders: gmailstore::orders::Orders,
    pub gmailstore_users: gmailstore::users::Users,
    pub gmailstore_query_limits: gmailstore::rate_limit::QueryLimits,
    pub gmailstore_payment_config: gmailstore::orders::PaymentConfigCell,
    pub email_order: email_order::EmailOrderState,
    /// The answer shapes the document (`docs/api/`) leaves open (see `shapes`).
    pub shapes: shapes::ShapeCell,
}

/// A running double: its address and its shared state, stopped on drop.
pub struct RunningDouble {
    pub addr: SocketAddr,
    pub state: Arc<DoubleState>,
    task: JoinHandle<()>,
}

impl RunningDouble {
    /// The email-order service's base URL (its paths start with `/api/buyEmailOrder/open`).
    pub fn email_order_base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The GmailStore base URL the app should use, e.g. `http://127.0.0.1:4000/api`.
    pub fn gmailstore_base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }
}

impl Drop for RunningDouble {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The whole router: store endpoints behind the fault and hit-count layers, control endpoints
/// outside them (so a test can always reach the controls).
pub fn router(state: Arc<DoubleState>) -> Router {
    let stores = Router::new()
        .nest("/api/buyEmailOrder/open", email_order::routes())
        .nest("/api", gmailstore::routes())
        .layer(axum::middleware::from_fn_with_state(state.clone(), faults::apply))
        .layer(axum::middleware::from_fn_with_state(state.clone(), hits::count));
    Router::new()
        .merge(stores)
        .nest("/__control", control::routes())
        .with_state(state)
}

/// Binds `addr` (use port 0 for a free port) and serves until the returned value is dropped.
pub async fn spawn(addr: SocketAddr) -> std::io::Result<RunningDouble> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(DoubleState::default());
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        // Serving only ends when the task is aborted; an error here means the listener died.
        if let Err(err) = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await {
            eprintln!("store double stopped: {err}");
        }
    });
    Ok(RunningDouble { addr, state, task })
}

/// A double on a free loopback port.
pub async fn spawn_local() -> std::io::Result<RunningDouble> {
    spawn(SocketAddr::from(([127, 0, 0, 1], 0))).await
}
