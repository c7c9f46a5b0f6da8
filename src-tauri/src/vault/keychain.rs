//! Where the data key lives when the OS has a keychain: through keyring-core's default store,
//! set once at start to the platform's native store (Windows Credential Manager, macOS Keychain),
//! and through libsecret on Linux (`secret_service`). Tests set keyring-core's mock store instead.

#[cfg(not(target_os = "linux"))]
use std::sync::Arc;

use keyring_core::{Entry, Error as KeyringError};

pub const KEYCHAIN_SERVICE: &str = "app.mailcart.desktop";
pub const KEYCHAIN_USER: &str = "data-key";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeychainError {
    /// No keychain on this machine, or it is locked / refused access.
    #[error("the system keychain is not available: {0}")]
    Unavailable(String),
    #[error("the system keychain failed: {0}")]
    Failed(String),
}

/// Storage for the one data key. A trait so the vault's logic is tested without a real keychain.
pub trait KeyStorage: Send + Sync {
    fn load(&self) -> Result<Option<Vec<u8>>, KeychainError>;
    fn save(&self, key: &[u8]) -> Result<(), KeychainError>;
}

/// The data key in keyring-core's default store.
pub struct KeyringKeyStorage {
    service: String,
    user: String,
}

impl KeyringKeyStorage {
    pub fn new(service: &str, user: &str) -> Self {
        KeyringKeyStorage { service: service.to_owned(), user: user.to_owned() }
    }

    fn entry(&self) -> Result<Entry, KeychainError> {
        Entry::new(&self.service, &self.user).map_err(classify)
    }
}

impl Default for KeyringKeyStorage {
    fn default() -> Self {
        Self::new(&crate::demo::keychain_service(crate::demo::is_demo()), KEYCHAIN_USER)
    }
}

impl KeyStorage for KeyringKeyStorage {
    fn load(&self) -> Result<Option<Vec<u8>>, KeychainError> {
        match self.entry()?.get_secret() {
            Ok(bytes) => Ok(Some(bytes)),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(other)),
        }
    }

    fn save(&self, key: &[u8]) -> Result<(), KeychainError> {
        self.entry()?.set_secret(key).map_err(classify)
    }
}

fn classify(error: KeyringError) -> KeychainError {
    match error {
        KeyringError::NoDefaultStore | KeyringError::NoStorageAccess(_) | KeyringError::PlatformFailure(_) => {
            KeychainError::Unavailable(error.to_string())
        }
        other => KeychainError::Failed(other.to_string()),
    }
}

/// Where this OS keeps the data key: the Secret Service through libsecret on Linux
/// (`secret_service`), keyring-core's native store elsewhere. Called once at start; a keychain
/// that is not there says so at the first load, and the vault takes its passphrase path.
pub fn platform_key_storage() -> Box<dyn KeyStorage> {
    #[cfg(target_os = "linux")]
    {
        Box::new(super::secret_service::SecretServiceKeyStorage::default())
    }
    #[cfg(not(target_os = "linux"))]
    {
        if let Err(error) = install_platform_store() {
            log::warn!("no system keychain: {error}");
        }
        Box::new(KeyringKeyStorage::default())
    }
}

/// Sets keyring-core's default store to this OS's native keychain; an error means "no keychain
/// here".
#[cfg(not(target_os = "linux"))]
fn install_platform_store() -> Result<(), KeychainError> {
    let store = platform_store()?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<keyring_core::CredentialStore>, KeychainError> {
    Ok(apple_native_keyring_store::keychain::Store::new().map_err(classify)?)
}

#[cfg(windows)]
fn platform_store() -> Result<Arc<keyring_core::CredentialStore>, KeychainError> {
    Ok(windows_native_keyring_store::Store::new().map_err(classify)?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_store() -> Result<Arc<keyring_core::CredentialStore>, KeychainError> {
    Err(KeychainError::Unavailable("no keychain support on this system".into()))
}

/// A machine without a keychain: every call says so. Used where the keychain must not be touched
/// (command-line tools, tests of the no-keychain path).
pub struct NoKeyStorage;

impl KeyStorage for NoKeyStorage {
    fn load(&self) -> Result<Option<Vec<u8>>, KeychainError> {
        Err(KeychainError::Unavailable("no keychain is used here".into()))
    }

    fn save(&self, _key: &[u8]) -> Result<(), KeychainError> {
        Err(KeychainError::Unavailable("no keychain is used here".into()))
    }
}

/// The native keychains of Windows and macOS. These run only there (the release workflow's
/// machines, a developer's Mac or PC); `npm test` compiles them for both systems, so a change in
/// the platform crates' API fails here first. They use a service name of their own and remove
/// what they wrote.
#[cfg(all(test, any(windows, target_os = "macos")))]
mod native_store_tests {
    use super::*;

    #[test]
    fn the_native_store_opens_and_keeps_a_data_key_byte_for_byte() {
        let store = platform_store().expect("Windows and macOS always have a keychain");
        // An entry in that store directly: the process-wide default store stays the tests' mock.
        let service = format!("{KEYCHAIN_SERVICE}.test-{}", std::process::id());
        let entry = Entry::new_in_store(&store, &service, KEYCHAIN_USER).unwrap();
        assert!(matches!(entry.get_secret(), Err(KeyringError::NoEntry)), "nothing stored yet");
        let key: Vec<u8> = (0..32).map(|i| (i * 7 + 3) as u8).collect();
        entry.set_secret(&key).unwrap();
        let loaded = entry.get_secret();
        entry.delete_credential().unwrap();
        assert_eq!(loaded.unwrap(), key);
        assert!(matches!(entry.get_secret(), Err(KeyringError::NoEntry)), "removed again");
    }
}
