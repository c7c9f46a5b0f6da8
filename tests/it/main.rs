//! Integration tests: the app's clients against the store double in `tests/store-double`.

mod gmailstore_catalogue;
