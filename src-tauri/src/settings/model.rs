//! The settings the user can change, and their rules.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::endpoint::parse_base_url;
pub use crate::stores::gmailstore::Coin;

/// The key under which the settings object is kept in `settings.json`.
pub const SETTINGS_KEY: &str = "settings";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LanguageChoice {
    #[default]
    System,
    Zh,
    En,
}

impl LanguageChoice {
    /// The language this choice means on this computer (`System`: the system's).
    pub fn resolve(self) -> crate::locale::UiLanguage {
        match self {
            LanguageChoice::Zh => crate::locale::UiLanguage::Zh,
            LanguageChoice::En => crate::locale::UiLanguage::En,
            LanguageChoice::System => crate::locale::UiLanguage::of_system(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub language: LanguageChoice,
    pub default_contact_email: Option<String>,
    pub default_coin: Option<Coin>,
    /// GmailStore API base; the real store when empty.
    pub gmailstore_url: Option<String>,
    /// The email-order service's base address (it has no default).
    pub email_order_url: Option<String>,
    /// `http://`, `https://`, `socks5://` or `socks5h://` proxy for all store calls.
    pub proxy: Option<String>,
    /// Receive-code orders: put the newest code on the clipboard when it arrives (off unless the
    /// buyer asks: the clipboard is theirs).
    pub auto_copy_code: bool,
    /// Receive-code orders: a short chime when a code arrives.
    pub code_sound: bool,
    /// Stock and price watch: no checks of the product list while set (`watch`). Setting a watch
    /// is the buyer asking to be told; this is how they stop the checks without losing the marks.
    pub watch_paused: bool,
    /// The buyer closed the first-run guide (it is not shown at start again; Settings reopens it).
    pub guide_seen: bool,
}

/// A setting that cannot be saved, named so the UI can put the message beside its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase", tag = "field", content = "reason")]
pub enum SettingsError {
    #[error("contact email: {0}")]
    DefaultContactEmail(String),
    #[error("GmailStore address: {0}")]
    GmailStoreUrl(String),
    #[error("email-order address: {0}")]
    EmailOrderUrl(String),
    #[error("proxy: {0}")]
    Proxy(String),
}

impl Settings {
    /// Trims fields, turns empty text into "not set", and checks every field.
    pub fn normalised(mut self) -> Result<Settings, SettingsError> {
        fn clean(field: &mut Option<String>) {
            *field = field.take().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        }
        clean(&mut self.default_contact_email);
        clean(&mut self.gmailstore_url);
        clean(&mut self.email_order_url);
        clean(&mut self.proxy);
        if let Some(email) = &self.default_contact_email {
            if !is_plausible_email(email) {
                return Err(SettingsError::DefaultContactEmail("not an email address".into()));
            }
        }
        if let Some(url) = &self.gmailstore_url {
            parse_base_url(url).map_err(|e| SettingsError::GmailStoreUrl(e.to_string()))?;
        }
        if let Some(url) = &self.email_order_url {
            parse_base_url(url).map_err(|e| SettingsError::EmailOrderUrl(e.to_string()))?;
        }
        if let Some(proxy) = &self.proxy {
            check_proxy(proxy).map_err(SettingsError::Proxy)?;
        }
        Ok(self)
    }
}

/// One `@`, something before it, a dotted domain after it, no spaces: enough to catch typos
/// without refusing real addresses.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
        && text.len() <= 254
}

fn check_proxy(text: &str) -> Result<(), String> {
    let url = url::Url::parse(text).map_err(|_| "not a valid address (e.g. socks5://127.0.0.1:1080)".to_owned())?;
    if !matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h") {
        return Err("only http, https, socks5 and socks5h proxies are supported".into());
    }
    if url.host_str().is_none() || url.port_or_known_default().is_none() {
        return Err("the proxy needs a host and a port".into());
    }
    // A proxy password would be a secret in a plain settings file.
    if !url.username().is_empty() || url.password().is_some() {
        return Err("proxies that need a user name and password are not supported".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_become_unset_and_good_values_pass() {
        let settings = Settings {
            default_contact_email: Some("  buyer@example.com ".into()),
            gmailstore_url: Some("   ".into()),
            proxy: Some("socks5://127.0.0.1:1080".into()),
            ..Settings::default()
        }
        .normalised()
        .unwrap();
        assert_eq!(settings.default_contact_email.as_deref(), Some("buyer@example.com"));
        assert_eq!(settings.gmailstore_url, None);
    }

    #[test]
    fn bad_values_name_their_field() {
        let bad = |s: Settings| s.normalised().unwrap_err();
        assert!(matches!(bad(Settings { default_contact_email: Some("buyer@".into()), ..Default::default() }), SettingsError::DefaultContactEmail(_)));
        assert!(matches!(bad(Settings { gmailstore_url: Some("http://evil.example/api".into()), ..Default::default() }), SettingsError::GmailStoreUrl(_)));
        assert!(matches!(bad(Settings { email_order_url: Some("nonsense".into()), ..Default::default() }), SettingsError::EmailOrderUrl(_)));
        assert!(matches!(bad(Settings { proxy: Some("ftp://x:21".into()), ..Default::default() }), SettingsError::Proxy(_)));
        assert!(matches!(bad(Settings { proxy: Some("http://user:pw@proxy:8080".into()), ..Default::default() }), SettingsError::Proxy(_)));
    }

    #[test]
    fn the_settings_object_reads_with_missing_and_unknown_fields() {
        let settings: Settings = serde_json::from_str(r#"{"language":"zh","defaultCoin":"trc20_usdt","futureField":1}"#).unwrap();
        assert_eq!(settings.language, LanguageChoice::Zh);
        assert_eq!(settings.default_coin, Some(Coin::Trc20Usdt));
        assert_eq!(settings.proxy, None);
    }

    #[test]
    fn email_plausibility() {
        for good in ["a@b.co", "first.last+tag@mail.example.cn", "用户@例子.中国"] {
            assert!(is_plausible_email(good), "{good}");
        }
        for bad in ["", "a", "a@b", "@b.co", "a@b.co@c.d", "a b@c.d", "a@.b", "a@b."] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
