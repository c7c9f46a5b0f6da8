//! A restore's settings: what a backup's `settings.json` brings to this computer. Like the orders
//! and the saved keys, it fills what is missing and replaces nothing: a setting this computer
//! still has at its default takes the backup's value, one the buyer changed here stays as it is.
//! (A switch turned off here by hand reads the same as one never touched: off is the default.)
//! Each setting taken is named, so the buyer sees what changed.

use serde::Serialize;
use ts_rs::TS;

use super::model::Settings;

/// A setting a restore took from the backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SettingName {
    Language,
    DefaultContactEmail,
    DefaultCoin,
    GmailstoreUrl,
    EmailOrderUrl,
    Proxy,
    AutoCopyCode,
    CodeSound,
    WatchPaused,
}

/// `here` with what the backup's settings add, and the names of the settings taken.
pub fn fill_from_backup(here: &Settings, backup: &serde_json::Value) -> (Settings, Vec<SettingName>) {
    let from = readable_settings(backup);
    let mut filled = here.clone();
    let mut taken = Vec::new();
    take(&mut filled.language, from.language, SettingName::Language, &mut taken);
    take(&mut filled.default_contact_email, from.default_contact_email, SettingName::DefaultContactEmail, &mut taken);
    take(&mut filled.default_coin, from.default_coin, SettingName::DefaultCoin, &mut taken);
    take(&mut filled.gmailstore_url, from.gmailstore_url, SettingName::GmailstoreUrl, &mut taken);
    take(&mut filled.email_order_url, from.email_order_url, SettingName::EmailOrderUrl, &mut taken);
    take(&mut filled.proxy, from.proxy, SettingName::Proxy, &mut taken);
    take(&mut filled.auto_copy_code, from.auto_copy_code, SettingName::AutoCopyCode, &mut taken);
    take(&mut filled.code_sound, from.code_sound, SettingName::CodeSound, &mut taken);
    take(&mut filled.watch_paused, from.watch_paused, SettingName::WatchPaused, &mut taken);
    // A guide closed on either computer is not shown again; not worth naming.
    filled.guide_seen |= from.guide_seen;
    (filled, taken)
}

fn take<T: Default + PartialEq>(here: &mut T, backup: T, name: SettingName, taken: &mut Vec<SettingName>) {
    if *here == T::default() && backup != T::default() {
        *here = backup;
        taken.push(name);
    }
}

/// The backup's settings that this version reads and accepts, one by one: a field a newer
/// Mailcart wrote in a form this one does not know, or a value this one refuses (an address
/// it would not save), is left out without losing the others.
fn readable_settings(backup: &serde_json::Value) -> Settings {
    let Some(object) = backup.as_object() else { return Settings::default() };
    let accepted = |key: &String, value: &serde_json::Value| {
        let alone = serde_json::Value::Object([(key.clone(), value.clone())].into_iter().collect());
        serde_json::from_value::<Settings>(alone).is_ok_and(|settings| settings.normalised().is_ok())
    };
    let readable: serde_json::Map<String, serde_json::Value> = object.iter().filter(|(key, value)| accepted(key, value)).map(|(k, v)| (k.clone(), v.clone())).collect();
    serde_json::from_value::<Settings>(serde_json::Value::Object(readable)).ok().and_then(|settings| settings.normalised().ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Coin, LanguageChoice};
    use serde_json::json;

    #[test]
    fn a_new_computer_takes_every_setting_the_backup_has() {
        let backup = json!({
            "language": "zh", "defaultContactEmail": "me@example.com", "defaultCoin": "trc20_usdt",
            "emailOrderUrl": "https://codes.example.com", "proxy": "socks5://127.0.0.1:1080",
            "autoCopyCode": true, "codeSound": false, "watchPaused": true, "guideSeen": true
        });
        let (filled, taken) = fill_from_backup(&Settings::default(), &backup);
        assert_eq!(filled.language, LanguageChoice::Zh);
        assert_eq!(filled.default_coin, Some(Coin::Trc20Usdt));
        assert_eq!(filled.email_order_url.as_deref(), Some("https://codes.example.com"));
        assert_eq!(filled.proxy.as_deref(), Some("socks5://127.0.0.1:1080"));
        assert!(filled.auto_copy_code && filled.watch_paused && filled.guide_seen && !filled.code_sound);
        use SettingName::*;
        assert_eq!(taken, [Language, DefaultContactEmail, DefaultCoin, EmailOrderUrl, Proxy, AutoCopyCode, WatchPaused]);
    }

    #[test]
    fn what_the_buyer_set_on_this_computer_stays() {
        let here = Settings {
            language: LanguageChoice::En,
            email_order_url: Some("https://here.example.com".into()),
            auto_copy_code: true,
            ..Settings::default()
        };
        let backup = json!({"language": "zh", "emailOrderUrl": "https://there.example.com", "gmailstoreUrl": "https://getgmailstore.com/api", "autoCopyCode": false});
        let (filled, taken) = fill_from_backup(&here, &backup);
        assert_eq!(filled.language, LanguageChoice::En);
        assert_eq!(filled.email_order_url.as_deref(), Some("https://here.example.com"));
        assert!(filled.auto_copy_code);
        assert_eq!(filled.gmailstore_url.as_deref(), Some("https://getgmailstore.com/api"));
        assert_eq!(taken, [SettingName::GmailstoreUrl]);
    }

    #[test]
    fn a_field_this_version_cannot_read_or_would_refuse_is_left_out_alone() {
        let backup = json!({
            "language": "ja", "proxy": "ftp://x:21", "gmailstoreUrl": "http://evil.example/api",
            "emailOrderUrl": "https://codes.example.com", "codeSound": "yes", "futureField": {"a": 1}
        });
        let (filled, taken) = fill_from_backup(&Settings::default(), &backup);
        assert_eq!(taken, [SettingName::EmailOrderUrl]);
        assert_eq!(filled, Settings { email_order_url: Some("https://codes.example.com".into()), ..Settings::default() });
        assert_eq!(fill_from_backup(&Settings::default(), &json!("not an object")), (Settings::default(), Vec::new()));
    }
}
