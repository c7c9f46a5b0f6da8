//! Sealing: XChaCha20-Poly1305 with a random 192-bit nonce, a format version byte, and associated
//! data that names the record, so a sealed value moved to another record (or another field) fails
//! to open instead of showing the wrong secret.
//!
//! Format v1: `[0x01][nonce: 24 bytes][ciphertext + 16-byte tag]`.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::{Zeroize, Zeroizing};

const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
pub const KEY_LEN: usize = 32;

/// The 256-bit data key every sealed value of this installation is sealed with.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl DataKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, SealError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        getrandom::fill(bytes.as_mut()).map_err(|_| SealError::NoRandomness)?;
        Ok(DataKey(bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, SealError> {
        let array: [u8; KEY_LEN] = bytes.try_into().map_err(|_| SealError::BadKeyLength(bytes.len()))?;
        Ok(DataKey(Zeroizing::new(array)))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealError {
    #[error("the operating system gave no random bytes")]
    NoRandomness,
    #[error("a data key must be 32 bytes, not {0}")]
    BadKeyLength(usize),
    #[error("sealed value is too short or has an unknown format")]
    UnknownFormat,
    /// Wrong key, wrong record name, or the bytes were changed.
    #[error("sealed value could not be opened (wrong key or damaged)")]
    CannotOpen,
}

fn associated_data(record: &str) -> Vec<u8> {
    format!("mailcart/v1/{record}").into_bytes()
}

/// Seals `plaintext` for the record named `record` (e.g. `order/<uid>/token`).
pub fn seal(key: &DataKey, record: &str, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| SealError::NoRandomness)?;
    let aad = associated_data(record);
    let ciphertext = key
        .cipher()
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: &aad })
        .map_err(|_| SealError::CannotOpen)?;
    let mut sealed = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    sealed.push(FORMAT_V1);
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    Ok(sealed)
}

/// Opens a value sealed by [`seal`] for the same record.
pub fn open(key: &DataKey, record: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != FORMAT_V1 {
        return Err(SealError::UnknownFormat);
    }
    let (nonce, ciphertext) = sealed[1..].split_at(NONCE_LEN);
    let aad = associated_data(record);
    key.cipher()
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: &aad })
        .map(Zeroizing::new)
        .map_err(|_| SealError::CannotOpen)
}

/// A keyed tag of `data` for lookups by equality (a sealed value cannot be found by its text:
/// every seal uses a fresh nonce). BLAKE2b-256 keyed with the data key, over a domain name and the
/// data: equal inputs give equal tags under one key, and a tag tells nothing without the key.
pub fn tag(key: &DataKey, domain: &str, data: &[u8]) -> [u8; 32] {
    use blake2::digest::consts::U32;
    use blake2::digest::{FixedOutput, KeyInit as _, Update};
    let mut mac = <blake2::Blake2bMac<U32>>::new_from_slice(key.as_bytes()).expect("32 bytes is a valid BLAKE2b key length");
    mac.update(b"mailcart/tag/v1/");
    mac.update(domain.as_bytes());
    mac.update(&[0]);
    mac.update(data);
    mac.finalize_fixed().into()
}

/// Opens a sealed UTF-8 string.
pub fn open_string(key: &DataKey, record: &str, sealed: &[u8]) -> Result<Zeroizing<String>, SealError> {
    let mut bytes = open(key, record, sealed)?;
    let text = String::from_utf8(std::mem::take(&mut *bytes)).map_err(|e| {
        let mut raw = e.into_bytes();
        raw.zeroize();
        SealError::CannotOpen
    })?;
    Ok(Zeroizing::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_equal_for_equal_data_under_one_key_only() {
        let (a, b) = (DataKey::generate().unwrap(), DataKey::generate().unwrap());
        assert_eq!(tag(&a, "order-no", b"GS1"), tag(&a, "order-no", b"GS1"));
        assert_ne!(tag(&a, "order-no", b"GS1"), tag(&a, "order-no", b"GS2"));
        assert_ne!(tag(&a, "order-no", b"GS1"), tag(&a, "other", b"GS1"), "domains are kept apart");
        assert_ne!(tag(&a, "order-no", b"GS1"), tag(&b, "order-no", b"GS1"));
    }

    #[test]
    fn round_trip_and_fresh_nonce_each_time() {
        let key = DataKey::generate().unwrap();
        let a = seal(&key, "order/1/token", b"tok-123").unwrap();
        let b = seal(&key, "order/1/token", b"tok-123").unwrap();
        assert_ne!(a, b, "a nonce must never repeat");
        assert_eq!(a[0], 1);
        assert_eq!(a.len(), 1 + 24 + 7 + 16);
        assert_eq!(open(&key, "order/1/token", &a).unwrap().as_slice(), b"tok-123");
        assert!(!a.windows(7).any(|w| w == b"tok-123"), "plaintext must not appear in the sealed bytes");
    }

    #[test]
    fn wrong_key_wrong_record_or_tampering_fail() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        let sealed = seal(&key, "order/1/token", b"secret").unwrap();
        assert_eq!(open(&other, "order/1/token", &sealed).unwrap_err(), SealError::CannotOpen);
        assert_eq!(open(&key, "order/2/token", &sealed).unwrap_err(), SealError::CannotOpen);
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, "order/1/token", &tampered).unwrap_err(), SealError::CannotOpen);
        let mut future = sealed.clone();
        future[0] = 2;
        assert_eq!(open(&key, "order/1/token", &future).unwrap_err(), SealError::UnknownFormat);
        assert_eq!(open(&key, "order/1/token", &sealed[..20]).unwrap_err(), SealError::UnknownFormat);
    }

    #[test]
    fn keys_never_print() {
        let key = DataKey::from_bytes(&[7u8; 32]).unwrap();
        assert_eq!(format!("{key:?}"), "DataKey(<redacted>)");
        assert_eq!(DataKey::from_bytes(&[0u8; 31]).unwrap_err(), SealError::BadKeyLength(31));
    }
}
