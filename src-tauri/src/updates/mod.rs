//! Updates: which feed to ask, what the UI is offered, and what a failed update tells the user.
//! The check, download and signature verification themselves are tauri-plugin-updater's; the
//! public key it verifies with is in `tauri.conf.json` (`plugins.updater.pubkey`), so a feed can
//! announce anything but only a package signed by the release key is ever installed.

use serde::Serialize;
use ts_rs::TS;
use url::Url;

use crate::endpoint::{check_feed_url, EndpointError};

/// The feed to ask instead of the configured one, if the environment names one. A value that is
/// not an acceptable address is an error (the caller logs it and skips the check) rather than a
/// silent fall-back, so a mistyped test setting is visible in the log.
pub fn feed_override() -> Result<Option<Url>, EndpointError> {
    crate::config::update_feed().map(|text| check_feed_url(&text)).transpose()
}

/// A newer version the feed announces, as the UI offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes from the feed, shown as plain text.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The release date as the feed wrote it (RFC 3339), when it gave one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl UpdateOffer {
    /// What the UI is offered of an update the feed announced.
    pub fn of(update: &tauri_plugin_updater::Update) -> Self {
        UpdateOffer {
            version: update.version.clone(),
            current_version: update.current_version.clone(),
            notes: update.body.clone().filter(|notes| !notes.trim().is_empty()),
            date: update.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_owned),
        }
    }
}

/// Why an accepted update did not install.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The package does not carry a valid signature from the release key: it is refused.
    #[error("the update's signature does not match Mailcart's release key: {0}")]
    BadSignature(String),
    #[error("the update could not be downloaded: {0}")]
    Download(String),
    #[error("the update could not be installed: {0}")]
    Install(String),
    /// Nothing to install: no check offered an update in this session.
    #[error("no update is waiting to be installed")]
    NothingOffered,
}

impl UpdateError {
    /// Sorts the plugin's error. Its signature failures are the minisign and base64 errors (a
    /// signature from another key, a tampered package, or a signature that is not one at all).
    pub fn from_plugin(error: tauri_plugin_updater::Error) -> Self {
        use tauri_plugin_updater::Error as E;
        match error {
            E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) | E::SignedVersionMismatch { .. } | E::MissingSignedVersion => {
                UpdateError::BadSignature(error.to_string())
            }
            E::Reqwest(_) | E::Network(_) => UpdateError::Download(error.to_string()),
            other => UpdateError::Install(other.to_string()),
        }
    }
}
