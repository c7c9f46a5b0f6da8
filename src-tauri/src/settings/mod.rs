//! Non-secret preferences: what they are, how they are checked, and how a damaged settings file is
//! set aside. Secrets never go here (they go to the vault).

mod file_check;
mod from_backup;
mod model;

pub use file_check::{check_settings_file, SETTINGS_FILE};
pub use from_backup::{fill_from_backup, SettingName};
pub use model::{is_plausible_email, Coin, LanguageChoice, Settings, SettingsError, SETTINGS_KEY};
