//! A value that must never be printed, logged or serialised by accident.

use std::fmt;

use zeroize::Zeroize;

/// Holds a secret (a password, token, API key, delivered account password). `Debug` prints
/// `<redacted>`; there is no `Display` and no `Serialize`, so a secret cannot end up in a log line
/// or a JSON answer without an explicit `expose()`. The memory is wiped on drop.
pub struct Secret<T: Zeroize>(T);

impl<T: Zeroize> Secret<T> {
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The secret itself. Call it only where the secret is really used (a request header, sealing).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret(self.0.clone())
    }
}

impl<T: Zeroize + PartialEq> PartialEq for Secret<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::from("hunter2-token");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Login {
            email: String,
            password: Secret<String>,
        }
        let login = Login { email: "a@b.c".into(), password: secret };
        let printed = format!("{login:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn it_cannot_be_serialised() {
        static_assertions::assert_not_impl_any!(Secret<String>: serde::Serialize, std::fmt::Display);
        static_assertions::assert_not_impl_any!(Secret<Vec<u8>>: serde::Serialize, std::fmt::Display);
    }
}
