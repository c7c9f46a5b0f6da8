//! What the commands share: the opened data folder (database, vault, order book), the settings and the
//! store clients built from them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tauri::Wry;
use tauri_plugin_store::Store;

use crate::data_folder::{DataFolder, StartupNotice};
use crate::checkout::saved_login::{EMAIL_SECRET, TOKEN_SECRET};
use crate::ipc::{AppError, AppErrorKind, LoginStatus};
use crate::settings::{Settings, SETTINGS_KEY};
use crate::stores::gmailstore::{GmailStoreClient, QueryLimiter, DEFAULT_BASE_URL};
use crate::stores::email_order::{EmailOrderClient, HeldKeys};
use crate::config;

/// The store clients the settings shape. Each is kept with why it could not be built, if it could
/// not (so every command can say so, rather than the app refusing to open).
///
/// Built on first use, or by `build_clients` right after `setup`: building one reads the system's
/// proxy settings and clones the shared TLS connector (`stores::tls`, made on its own thread
/// earlier: tens of milliseconds on Linux that the window's first paint must not wait for).
struct Clients {
    gmailstore: Result<GmailStoreClient, String>,
    /// The email-order client, when its address is set (it has no default).
    email_order: Option<Result<EmailOrderClient, String>>,
}

/// The record of recent order lookups in the data folder (see `stores::gmailstore::limiter`).
const LOOKUP_LIMIT_FILE: &str = "lookup-limit.json";

pub struct AppState {
    pub folder: DataFolder,
    pub notices: Vec<StartupNotice>,
    settings: RwLock<Settings>,
    settings_store: Arc<Store<Wry>>,
    /// `None` until first needed, and again after a settings change that shapes them.
    clients: RwLock<Option<Clients>>,
    /// Keys held after a 401 from the email-order service, shared by every client built (not sent
    /// again until the user asks).
    held_keys: HeldKeys,
    /// The store's lookup limit, shared by every GmailStore client built and kept across restarts
    /// (the store counts per IP, not per client).
    query_limiter: Arc<QueryLimiter>,
    /// The balance from the last login answer (the token itself stays in the vault).
    login: RwLock<Option<LoginStatus>>,
    /// When each order was last checked with the store.
    last_checks: Mutex<HashMap<i64, Instant>>,
    /// The backup opened for a restore, until it is merged (`commands::backup`).
    pub opened_backup: crate::backup::OpenedBackup<crate::backup::BackupContents>,
    /// The stock and price watches (`watch`).
    pub watches: crate::watch::WatchBook,
}

impl AppState {
    pub fn new(folder: DataFolder, notices: Vec<StartupNotice>, settings_store: Arc<Store<Wry>>) -> Self {
        let settings = settings_store
            .get(SETTINGS_KEY)
            .and_then(|value| serde_json::from_value::<Settings>(value).ok())
            .and_then(|settings| settings.normalised().ok())
            .unwrap_or_default();
        let query_limiter = Arc::new(QueryLimiter::persisted(&folder.data_dir.join(LOOKUP_LIMIT_FILE)));
        let watches = crate::watch::WatchBook::open(&folder.data_dir);
        AppState {
            watches,
            clients: RwLock::new(None),
            held_keys: HeldKeys::default(),
            query_limiter,
            folder,
            notices,
            settings: RwLock::new(settings),
            settings_store,
            login: RwLock::new(None),
            last_checks: Mutex::new(HashMap::new()),
            opened_backup: Default::default(),
        }
    }

    pub fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Checks, saves to `settings.json`, and rebuilds the clients the settings shape.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings, AppError> {
        let settings = settings.normalised()?;
        let value = serde_json::to_value(&settings).map_err(|e| AppError::new(AppErrorKind::Storage, e.to_string()))?;
        self.settings_store.set(SETTINGS_KEY, value);
        self.settings_store.save().map_err(|e| AppError::new(AppErrorKind::Storage, format!("could not save settings: {e}")))?;
        // The clients are rebuilt only when what they are built from changed (not for the contact
        // email remembered after each checkout). The clients' lock is taken first, here as where
        // they are built, so that no client is built from the settings being replaced.
        let mut clients = self.clients.write().unwrap_or_else(|p| p.into_inner());
        let before = self.settings();
        let shapes_clients = |s: &Settings| (s.gmailstore_url.clone(), s.email_order_url.clone(), s.proxy.clone());
        if shapes_clients(&before) != shapes_clients(&settings) {
            *clients = None;
        }
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings.clone();
        Ok(settings)
    }

    /// Builds the store clients now if they are not built yet.
    pub fn build_clients(&self) {
        self.with_clients(|_| ());
    }

    fn with_clients<T>(&self, read: impl FnOnce(&Clients) -> T) -> T {
        if let Some(clients) = &*self.clients.read().unwrap_or_else(|p| p.into_inner()) {
            return read(clients);
        }
        let mut slot = self.clients.write().unwrap_or_else(|p| p.into_inner());
        let clients = slot.get_or_insert_with(|| {
            let settings = self.settings();
            Clients {
                gmailstore: build_gmailstore(&settings, &self.query_limiter),
                email_order: build_email_order(&settings, &self.held_keys),
            }
        });
        read(clients)
    }

    pub fn gmailstore(&self) -> Result<GmailStoreClient, AppError> {
        self.with_clients(|clients| clients.gmailstore.clone())
            .map_err(|why| AppError::new(AppErrorKind::InvalidConfig, format!("{}: {why}", self.gmailstore_url())))
    }

    /// The saved login as the UI may see it: whether there is one, its email, the last balance.
    pub fn login_status(&self) -> Result<LoginStatus, AppError> {
        let db = &self.folder.db;
        if !self.folder.vault.is_unlocked() || !self.folder.vault.has_secret(db, TOKEN_SECRET)? {
            return Ok(LoginStatus::default());
        }
        let known = self.login.read().unwrap_or_else(|p| p.into_inner()).clone();
        let email = self.folder.vault.load_secret(db, EMAIL_SECRET)?.map(|e| e.expose().clone());
        Ok(LoginStatus { logged_in: true, email, ..known.unwrap_or_default() })
    }

    pub fn set_login_status(&self, status: LoginStatus) {
        *self.login.write().unwrap_or_else(|p| p.into_inner()) = Some(status);
    }

    /// The balance from the last login answer, to clear when the login is gone.
    pub fn login_cache(&self) -> std::sync::RwLockWriteGuard<'_, Option<LoginStatus>> {
        self.login.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps a contact email that worked as the default for the next checkout.
    pub fn remember_contact_email(&self, email: &str) {
        let mut settings = self.settings();
        if settings.default_contact_email.as_deref() == Some(email) {
            return;
        }
        settings.default_contact_email = Some(email.to_owned());
        if let Err(error) = self.save_settings(settings) {
            log::warn!("could not remember the contact email: {}", error.message);
        }
    }

    /// Lets the next check of order `id` go out whenever it comes.
    pub fn forget_check_slot(&self, id: i64) {
        self.last_checks.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    /// Whether order `id` may be checked with the store now; records the check if so.
    pub fn take_check_slot(&self, id: i64, interval: Duration) -> bool {
        let mut checks = self.last_checks.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match checks.get(&id) {
            Some(last) if now.duration_since(*last) < interval => false,
            _ => {
                checks.insert(id, now);
                true
            }
        }
    }

    pub fn email_order(&self) -> Result<EmailOrderClient, AppError> {
        self.with_clients(|clients| match &clients.email_order {
            Some(Ok(client)) => Ok(client.clone()),
            Some(Err(why)) => Err(AppError::new(AppErrorKind::InvalidConfig, why.clone())),
            None => Err(AppError::new(AppErrorKind::NotConfigured, "set the email-order service's address and API key first")),
        })
    }

    /// The client for `url` (to check a key before saving it; empty: the one in use), sharing the
    /// refused keys.
    pub fn email_order_at(&self, url: &str) -> Result<EmailOrderClient, AppError> {
        if url.is_empty() {
            return self.email_order();
        }
        new_email_order_client(url, &self.settings(), &self.held_keys).map_err(|why| AppError::invalid("emailOrderUrl", why))
    }

    /// Keeps `url` as the email-order service's address (empty: nothing changes).
    pub fn remember_email_order_url(&self, url: &str) -> Result<(), AppError> {
        if !url.is_empty() {
            let mut settings = self.settings();
            settings.email_order_url = Some(url.to_owned());
            self.save_settings(settings)?;
        }
        Ok(())
    }

    pub fn email_order_url(&self) -> Option<String> {
        self.with_clients(|clients| match &clients.email_order {
            Some(Ok(client)) => Some(client.base_url().to_string()),
            _ => None,
        })
    }

    /// The GmailStore address in use (known without building its client).
    pub fn gmailstore_url(&self) -> String {
        gmailstore_url(&self.settings())
    }
}

/// The environment variable wins (demo, tests), then the setting; there is no default address.
fn build_email_order(settings: &Settings, held: &HeldKeys) -> Option<Result<EmailOrderClient, String>> {
    let url = config::email_order_url().or_else(|| settings.email_order_url.clone())?;
    Some(new_email_order_client(&url, settings, held))
}

fn new_email_order_client(url: &str, settings: &Settings, held: &HeldKeys) -> Result<EmailOrderClient, String> {
    EmailOrderClient::builder(url).proxy(settings.proxy.clone()).held_keys(held.clone()).build()
}

/// The environment variable wins (the demo store, tests), then the setting, then the real store.
fn gmailstore_url(settings: &Settings) -> String {
    config::gmailstore_url().or_else(|| settings.gmailstore_url.clone()).unwrap_or_else(|| DEFAULT_BASE_URL.to_owned())
}

fn build_gmailstore(settings: &Settings, query_limiter: &Arc<QueryLimiter>) -> Result<GmailStoreClient, String> {
    GmailStoreClient::builder()
        .base_url(gmailstore_url(settings))
        .proxy(settings.proxy.clone())
        .query_limiter(query_limiter.clone())
        .build()
        .map_err(|e| e.to_string())
}
