//! The data key in the Secret Service on Linux (GNOME Keyring, KWallet), through libsecret.
//!
//! libsecret rather than a D-Bus client of our own: WebKitGTK, which draws the window, already
//! links it into this process (its own password storage), so the binary carries only these calls.
//! Items are found by the attributes `service` and `username`, the ones keyring-core's Secret
//! Service store used before (Mailcart up to 2026-12-05): a key stored then is found now. The
//! secret is the key's 32 bytes, as then.

use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::ptr;

use gtk::glib;
use gtk::glib::ffi::{gboolean, gpointer, GError, GHashTable};
use gtk::glib::translate::from_glib_full;

use super::keychain::{KeyStorage, KeychainError};

/// libsecret's `SecretSchema` (secret-schema.h), with its private tail.
#[repr(C)]
struct SecretSchema {
    name: *const c_char,
    flags: c_uint,
    attributes: [SchemaAttribute; 32],
    reserved: c_int,
    reserved_pointers: [gpointer; 7],
}

#[repr(C)]
#[derive(Clone, Copy)]
struct SchemaAttribute {
    name: *const c_char,
    kind: c_uint,
}

/// `SECRET_SCHEMA_DONT_MATCH_NAME`: items are found by their attributes alone, whoever wrote them.
const DONT_MATCH_NAME: c_uint = 1 << 1;
const ATTRIBUTE_STRING: c_uint = 0;
const NO_ATTRIBUTE: SchemaAttribute = SchemaAttribute { name: ptr::null(), kind: 0 };

#[link(name = "secret-1")]
extern "C" {
    fn secret_password_storev_binary_sync(
        schema: *const SecretSchema,
        attributes: *mut GHashTable,
        collection: *const c_char,
        label: *const c_char,
        value: *mut c_void,
        cancellable: *mut c_void,
        error: *mut *mut GError,
    ) -> gboolean;
    fn secret_password_lookupv_binary_sync(schema: *const SecretSchema, attributes: *mut GHashTable, cancellable: *mut c_void, error: *mut *mut GError) -> *mut c_void;
    fn secret_password_searchv_sync(
        schema: *const SecretSchema,
        attributes: *mut GHashTable,
        flags: c_uint,
        cancellable: *mut c_void,
        error: *mut *mut GError,
    ) -> *mut glib::ffi::GList;
    fn secret_value_new(secret: *const c_char, length: isize, content_type: *const c_char) -> *mut c_void;
    fn secret_value_get(value: *mut c_void, length: *mut usize) -> *const c_char;
    fn secret_value_unref(value: gpointer);
}

/// The data key under (`service`, `user`) in the Secret Service's default collection.
pub struct SecretServiceKeyStorage {
    service: CString,
    user: CString,
}

impl SecretServiceKeyStorage {
    pub fn new(service: &str, user: &str) -> Self {
        let text = |value: &str| CString::new(value).expect("service and user names hold no NUL");
        SecretServiceKeyStorage { service: text(service), user: text(user) }
    }

    /// The schema and attributes of one call; the schema borrows static names only.
    fn with_attributes<T>(&self, call: impl FnOnce(&SecretSchema, *mut GHashTable) -> T) -> T {
        let mut attributes = [NO_ATTRIBUTE; 32];
        attributes[0] = SchemaAttribute { name: c"service".as_ptr(), kind: ATTRIBUTE_STRING };
        attributes[1] = SchemaAttribute { name: c"username".as_ptr(), kind: ATTRIBUTE_STRING };
        let schema = SecretSchema { name: c"app.mailcart.desktop.DataKey".as_ptr(), flags: DONT_MATCH_NAME, attributes, reserved: 0, reserved_pointers: [ptr::null_mut(); 7] };
        // SAFETY: a table of borrowed C strings (no free functions), alive only during `call`,
        // while `self` keeps the strings.
        unsafe {
            let table = glib::ffi::g_hash_table_new(Some(glib::ffi::g_str_hash), Some(glib::ffi::g_str_equal));
            glib::ffi::g_hash_table_insert(table, c"service".as_ptr() as gpointer, self.service.as_ptr() as gpointer);
            glib::ffi::g_hash_table_insert(table, c"username".as_ptr() as gpointer, self.user.as_ptr() as gpointer);
            let result = call(&schema, table);
            glib::ffi::g_hash_table_unref(table);
            result
        }
    }
}

impl Default for SecretServiceKeyStorage {
    fn default() -> Self {
        Self::new(&crate::demo::keychain_service(crate::demo::is_demo()), super::keychain::KEYCHAIN_USER)
    }
}

/// Every failure of the Secret Service means "no usable keychain" to the vault (no service on the
/// bus, a locked collection whose unlock was refused, a broken answer): it takes its passphrase
/// path, and the message goes to the log.
fn unavailable(error: *mut GError) -> KeychainError {
    if error.is_null() {
        return KeychainError::Unavailable("the Secret Service failed without saying why".into());
    }
    // SAFETY: libsecret handed over ownership of a set GError.
    let error: glib::Error = unsafe { from_glib_full(error) };
    KeychainError::Unavailable(format!("the Secret Service: {}", error.message()))
}

impl KeyStorage for SecretServiceKeyStorage {
    fn load(&self) -> Result<Option<Vec<u8>>, KeychainError> {
        no_session_bus()?;
        self.with_attributes(|schema, attributes| {
            let mut error = ptr::null_mut();
            // SAFETY: valid schema and attributes; the returned value is ours to unref.
            let value = unsafe { secret_password_lookupv_binary_sync(schema, attributes, ptr::null_mut(), &mut error) };
            if !error.is_null() {
                return Err(unavailable(error));
            }
            if value.is_null() {
                // Nothing, and no error, also when the item is in a locked collection whose unlock
                // the buyer dismissed (libsecret's `on_lookup_unlocked`). Taken for "no key", that
                // led to a new key saved over the real one: only a search that finds no item at
                // all, locked ones included, means there is none.
                return match item_exists(schema, attributes)? {
                    true => Err(KeychainError::Unavailable("the keyring holding Mailcart's key is locked".into())),
                    false => Ok(None),
                };
            }
            // SAFETY: `value` is a live SecretValue; its bytes are copied before the unref.
            unsafe {
                let mut length = 0usize;
                let bytes = secret_value_get(value, &mut length);
                let key = std::slice::from_raw_parts(bytes.cast::<u8>(), length).to_vec();
                secret_value_unref(value);
                Ok(Some(key))
            }
        })
    }

    fn save(&self, key: &[u8]) -> Result<(), KeychainError> {
        no_session_bus()?;
        let label = CString::new(format!("Mailcart data key ({})", self.service.to_string_lossy())).expect("no NUL in the label");
        self.with_attributes(|schema, attributes| {
            let mut error = ptr::null_mut();
            // SAFETY: `secret_value_new` copies the bytes; the store call takes its own reference.
            let stored = unsafe {
                let value = secret_value_new(key.as_ptr().cast(), key.len() as isize, c"application/octet-stream".as_ptr());
                let stored = secret_password_storev_binary_sync(schema, attributes, c"default".as_ptr(), label.as_ptr(), value, ptr::null_mut(), &mut error);
                secret_value_unref(value);
                stored
            };
            if stored == glib::ffi::GFALSE {
                return Err(unavailable(error));
            }
            Ok(())
        })
    }
}

/// Whether an item with these attributes exists, locked or not; nothing is unlocked or read
/// (`SECRET_SEARCH_NONE`: the first match, no prompt).
fn item_exists(schema: &SecretSchema, attributes: *mut GHashTable) -> Result<bool, KeychainError> {
    const SEARCH_NONE: c_uint = 0;
    let mut error = ptr::null_mut();
    // SAFETY: valid schema and attributes; the returned list and its items are ours to free.
    let found = unsafe { secret_password_searchv_sync(schema, attributes, SEARCH_NONE, ptr::null_mut(), &mut error) };
    if !error.is_null() {
        return Err(unavailable(error));
    }
    let exists = !found.is_null();
    // SAFETY: a GList of SecretRetrievable objects (or NULL), each holding a reference.
    unsafe { glib::ffi::g_list_free_full(found, Some(unref_object)) };
    Ok(exists)
}

unsafe extern "C" fn unref_object(object: gpointer) {
    // SAFETY: called by `g_list_free_full` on each item, a GObject the list held a reference to.
    unsafe { glib::gobject_ffi::g_object_unref(object.cast()) }
}

/// Without a session bus there is no Secret Service to ask (headless machines, some CI); libsecret
/// would try to start one.
fn no_session_bus() -> Result<(), KeychainError> {
    match std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
        Some(_) => Ok(()),
        None => Err(KeychainError::Unavailable("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)".into())),
    }
}

/// Against a real Secret Service: `tests/keychain/with-keyring.sh` starts a private GNOME Keyring
/// and sets `MAILCART_TEST_SECRET_SERVICE`; `npm test` runs these there. Elsewhere they are ignored
/// (a developer's own keyring is never written by tests).
#[cfg(test)]
mod tests {
    use super::*;

    fn in_test_keyring() {
        assert!(std::env::var_os("MAILCART_TEST_SECRET_SERVICE").is_some(), "run through tests/keychain/with-keyring.sh");
    }

    fn storage(test: &str) -> SecretServiceKeyStorage {
        SecretServiceKeyStorage::new(&format!("app.mailcart.desktop.test-{test}-{}", std::process::id()), "data-key")
    }

    #[test]
    #[ignore = "needs a Secret Service: tests/keychain/with-keyring.sh"]
    fn a_data_key_is_kept_byte_for_byte_and_replaced_not_doubled() {
        in_test_keyring();
        let keys = storage("keep");
        assert_eq!(keys.load().unwrap(), None, "nothing stored yet");
        // Every byte value, NUL included: the key is binary, not a password string.
        let mut first: Vec<u8> = (0..32).map(|i| (i * 37 + 0x80) as u8).collect();
        first[5] = 0;
        keys.save(&first).unwrap();
        assert_eq!(keys.load().unwrap(), Some(first.clone()));
        let second = vec![0u8; 32];
        keys.save(&second).unwrap();
        assert_eq!(keys.load().unwrap(), Some(second), "the new key replaced the old one");
        // Another user of the same service is another entry.
        let other = SecretServiceKeyStorage::new(&keys.service.to_string_lossy(), "other-user");
        assert_eq!(other.load().unwrap(), None);
    }

    /// A key in a locked collection whose unlock is not given (dismissed by the buyer; here there
    /// is no prompter at all, which libsecret answers the same way: nothing, and no error) is
    /// "keychain unavailable", never "no key": taken for none, it led to a new key saved over it.
    /// It locks the default collection, so `npm test` runs it alone in a keyring of its own.
    #[test]
    #[ignore = "needs a Secret Service of its own: tests/keychain/with-keyring.sh, alone"]
    fn locked_keyring_a_key_in_it_is_not_taken_for_no_key() {
        in_test_keyring();
        let keys = storage("locked");
        keys.save(&[9u8; 32]).unwrap();
        let gdbus = |method: &str, argument: &str| {
            let output = std::process::Command::new("gdbus")
                .args(["call", "--session", "-d", "org.freedesktop.secrets", "-o", "/org/freedesktop/secrets", "-m", method, argument])
                .output()
                .unwrap();
            assert!(output.status.success(), "{method}: {}", String::from_utf8_lossy(&output.stderr));
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let alias = gdbus("org.freedesktop.Secret.Service.ReadAlias", "default");
        let collection = alias.split('\'').nth(1).expect("the default collection's path").to_owned();
        gdbus("org.freedesktop.Secret.Service.Lock", &format!("['{collection}']"));
        match keys.load() {
            Err(KeychainError::Unavailable(why)) => assert!(why.contains("locked"), "{why}"),
            other => panic!("a locked key must not read as {other:?}"),
        }
        // Nothing was written meanwhile, and an entry that never existed is still "none".
        assert_eq!(storage("never-stored").load().unwrap(), None);
    }

    /// Mailcart before 2026-12-05 wrote the key through keyring-core's Secret Service store: the
    /// attributes `service` and `username`, under another schema's name (or none). Such an item is
    /// found by those attributes alone.
    #[test]
    #[ignore = "needs a Secret Service: tests/keychain/with-keyring.sh"]
    fn a_key_written_under_another_schema_is_found_by_service_and_user() {
        in_test_keyring();
        let keys = storage("older");
        let older_key = vec![7u8; 32];
        keys.with_attributes(|schema, attributes| {
            let foreign = SecretSchema { name: c"org.freedesktop.Secret.Generic".as_ptr(), flags: 0, ..*schema };
            let mut error = ptr::null_mut();
            // SAFETY: as in `save`.
            let stored = unsafe {
                let value = secret_value_new(older_key.as_ptr().cast(), 32, c"text/plain".as_ptr());
                let stored = secret_password_storev_binary_sync(&foreign, attributes, c"default".as_ptr(), c"older".as_ptr(), value, ptr::null_mut(), &mut error);
                secret_value_unref(value);
                stored
            };
            assert_ne!(stored, glib::ffi::GFALSE, "{:?}", unavailable(error));
        });
        assert_eq!(keys.load().unwrap(), Some(older_key));
    }
}
