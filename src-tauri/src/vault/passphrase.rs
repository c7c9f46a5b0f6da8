//! The passphrase path, for machines without a usable keychain: the data key is wrapped (sealed)
//! under a key derived from the passphrase with Argon2id. Changing the passphrase re-wraps the
//! same data key, so nothing sealed has to be sealed again.

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use super::seal::{self, DataKey, SealError, KEY_LEN};
use super::secret::Secret;

const WRAP_RECORD: &str = "vault/data-key";
const SALT_LEN: usize = 16;

/// Argon2id cost, stored beside the wrap so it can be raised later without breaking old vaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// OWASP's Argon2id recommendation (46 MiB, 1 pass, 1 lane): about a quarter second here.
    pub const RECOMMENDED: KdfParams = KdfParams { memory_kib: 47_104, iterations: 1, parallelism: 1 };
    /// Cheap parameters for tests that create many vaults.
    pub const FAST_FOR_TESTS: KdfParams = KdfParams { memory_kib: 1_024, iterations: 1, parallelism: 1 };
}

/// The data key sealed under a passphrase-derived key, with what is needed to derive it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassphraseWrap {
    pub salt: Vec<u8>,
    pub params: KdfParams,
    pub wrapped_key: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum PassphraseError {
    #[error("the passphrase is not correct")]
    Wrong,
    #[error("a passphrase needs at least {0} characters")]
    TooShort(usize),
    #[error("the key could not be derived: {0}")]
    Kdf(String),
    #[error(transparent)]
    Seal(#[from] SealError),
}

pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub(crate) fn derive(passphrase: &Secret<String>, salt: &[u8], params: KdfParams) -> Result<DataKey, PassphraseError> {
    let argon_params = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(KEY_LEN))
        .map_err(|e| PassphraseError::Kdf(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, out.as_mut())
        .map_err(|e| PassphraseError::Kdf(e.to_string()))?;
    Ok(DataKey::from_bytes(out.as_ref())?)
}

pub fn wrap(key: &DataKey, passphrase: &Secret<String>, params: KdfParams) -> Result<PassphraseWrap, PassphraseError> {
    if passphrase.expose().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort(MIN_PASSPHRASE_CHARS));
    }
    let mut salt = vec![0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|_| SealError::NoRandomness)?;
    let kek = derive(passphrase, &salt, params)?;
    let wrapped_key = seal::seal(&kek, WRAP_RECORD, key.as_bytes())?;
    Ok(PassphraseWrap { salt, params, wrapped_key })
}

pub fn unwrap(wrap: &PassphraseWrap, passphrase: &Secret<String>) -> Result<DataKey, PassphraseError> {
    let kek = derive(passphrase, &wrap.salt, wrap.params)?;
    let bytes = seal::open(&kek, WRAP_RECORD, &wrap.wrapped_key).map_err(|error| match error {
        SealError::CannotOpen => PassphraseError::Wrong,
        other => PassphraseError::Seal(other),
    })?;
    Ok(DataKey::from_bytes(&bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_gives_back_the_same_key_and_a_wrong_one_is_refused() {
        let key = DataKey::generate().unwrap();
        let wrapped = wrap(&key, &Secret::from("correct horse"), KdfParams::FAST_FOR_TESTS).unwrap();
        assert_eq!(unwrap(&wrapped, &Secret::from("correct horse")).unwrap().as_bytes(), key.as_bytes());
        assert_eq!(unwrap(&wrapped, &Secret::from("correct horsE")).unwrap_err(), PassphraseError::Wrong);
    }

    #[test]
    fn short_passphrases_are_refused() {
        let key = DataKey::generate().unwrap();
        assert_eq!(wrap(&key, &Secret::from("1234567"), KdfParams::FAST_FOR_TESTS).unwrap_err(), PassphraseError::TooShort(8));
        // Characters, not bytes: eight Chinese characters are enough.
        assert!(wrap(&key, &Secret::from("八个汉字的密码短语"), KdfParams::FAST_FOR_TESTS).is_ok());
    }
}
