//! What the commands share: the opened core (database, vault, order book), the settings and the
//! store clients built from them.

use std::sync::{Arc, RwLock};

use tauri::Wry;
use tauri_plugin_store::Store;

use crate::core::{AppCore, StartupNotice};
use crate::ipc::{AppError, AppErrorKind};
use crate::settings::{Settings, SETTINGS_KEY};
use crate::stores::gmailstore::{GmailStoreClient, DEFAULT_BASE_URL};
use crate::GMAILSTORE_URL_ENV;

/// The GmailStore client, or why it could not be built (kept so every command can say so, rather
/// than the app refusing to open), and the address it was built for.
struct GmailStoreSlot {
    client: Result<GmailStoreClient, String>,
    url: String,
}

pub struct AppState {
    pub core: AppCore,
    pub notices: Vec<StartupNotice>,
    settings: RwLock<Settings>,
    settings_store: Arc<Store<Wry>>,
    gmailstore: RwLock<GmailStoreSlot>,
}

impl AppState {
    pub fn new(core: AppCore, notices: Vec<StartupNotice>, settings_store: Arc<Store<Wry>>) -> Self {
        let settings = settings_store
            .get(SETTINGS_KEY)
            .and_then(|value| serde_json::from_value::<Settings>(value).ok())
            .and_then(|settings| settings.normalised().ok())
            .unwrap_or_default();
        let gmailstore = RwLock::new(build_gmailstore(&settings));
        AppState { core, notices, settings: RwLock::new(settings), settings_store, gmailstore }
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
        *self.gmailstore.write().unwrap_or_else(|p| p.into_inner()) = build_gmailstore(&settings);
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings.clone();
        Ok(settings)
    }

    pub fn gmailstore(&self) -> Result<GmailStoreClient, AppError> {
        let slot = self.gmailstore.read().unwrap_or_else(|p| p.into_inner());
        slot.client.clone().map_err(|why| AppError::new(AppErrorKind::InvalidConfig, format!("{}: {why}", slot.url)))
    }

    pub fn gmailstore_url(&self) -> String {
        self.gmailstore.read().unwrap_or_else(|p| p.into_inner()).url.clone()
    }
}

/// The environment variable wins (the demo store, tests), then the setting, then the real store.
fn build_gmailstore(settings: &Settings) -> GmailStoreSlot {
    let url = std::env::var(GMAILSTORE_URL_ENV)
        .ok()
        .filter(|u| !u.trim().is_empty())
        .or_else(|| settings.gmailstore_url.clone())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    let client = GmailStoreClient::builder().base_url(url.clone()).proxy(settings.proxy.clone()).build().map_err(|e| e.to_string());
    GmailStoreSlot { client, url }
}
