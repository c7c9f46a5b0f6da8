//! The one error type every command returns: a kind the UI branches on (and translates), a
//! technical message shown as detail, and for bad input the field it concerns.

use serde::Serialize;
use ts_rs::TS;

use crate::checkout::RuleError;
use crate::endpoint::EndpointError;
use crate::orders::OrderBookError;
use crate::settings::SettingsError;
use crate::stores::gmailstore::GmailStoreError;
use crate::vault::{PassphraseError, VaultError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AppErrorKind {
    /// The store could not be reached (no network, refused, reset).
    Network,
    Timeout,
    /// The store answered with a server error or something that is not its JSON.
    StoreUnavailable,
    NotFound,
    /// The store's JSON lacked what the app needs.
    BadResponse,
    RateLimited,
    Unauthorized,
    /// The store refused the request with its own message.
    StoreRejected,
    /// The app's own configuration is wrong (e.g. a store address that is not allowed).
    InvalidConfig,
    /// Something the user typed is not acceptable; `field` says which.
    InvalidInput,
    /// The vault is locked: unlock it (or choose how to protect it) first.
    VaultLocked,
    WrongPassphrase,
    /// Reading or writing the app's own files failed.
    Storage,
    /// A file could not be replaced because another program has it open (Windows).
    FileInUse,
    /// The store says the balance does not cover the order.
    InsufficientBalance,
    /// The order was sent but its answer was lost: it may exist at the store.
    OrderMayExist,
    /// A store that needs setting up first (the email-order service's address and key).
    NotConfigured,
    /// The email-order service locked this computer out after too many wrong keys.
    LockedOut,
    /// The saved login had expired and the app logged in again with the saved password: nothing
    /// was bought, the buyer presses Pay again.
    LoggedInAgain,
    /// An update's package was not signed with the release key: it was refused, nothing installed.
    UpdateRefused,
    /// An update could not be downloaded or installed.
    UpdateFailed,
    /// The file chosen to restore is not a Mailcart backup.
    NotABackup,
    /// The backup file is cut short or damaged: nothing was restored.
    BackupDamaged,
    /// The backup was made by a newer Mailcart: nothing was restored.
    BackupTooNew,
    /// The order has no access token (it was found by number and email): it is checked by looking
    /// it up, not by a status call.
    LookupNeeded,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub kind: AppErrorKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The email-order service's own code, when it refused with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub code: Option<i64>,
    /// The store's own words, when it refused with a message (shown as they are for a code or a
    /// refusal the UI has no sentence for).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub store_message: Option<String>,
    /// With `rateLimited`: how long until the call is allowed again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub retry_after_ms: Option<u64>,
    /// With `orderMayExist`: the order number the store gave, when its answer came but the order
    /// could not be recorded (the buyer needs it for the lookup).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub order_no: Option<String>,
    /// With `invalidInput` (or `unauthorized` for a login the order needs): the rule broken, as
    /// data the UI words in the buyer's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<RuleError>,
}

impl AppError {
    pub fn new(kind: AppErrorKind, message: impl Into<String>) -> Self {
        AppError { kind, message: message.into(), field: None, code: None, store_message: None, retry_after_ms: None, order_no: None, rule: None }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError { field: Some(field.to_owned()), ..AppError::new(AppErrorKind::InvalidInput, message) }
    }

    /// A create-order that failed, as the UI sees it. When the request went out and no readable
    /// answer came back (a transport error, a timeout, or a success answer that could not be
    /// read) the order may exist: the user is told to look it up, and nothing sends it again.
    pub fn from_create_order(error: GmailStoreError) -> Self {
        match error {
            // No answer, or none the app could read (a redirect or an oversized answer was not
            // read either), or a server or proxy in trouble: the store may have handled the
            // request before it failed. Only its own refusal (a 4xx) says nothing was created.
            GmailStoreError::Network(_)
            | GmailStoreError::Timeout
            | GmailStoreError::Decode { .. }
            | GmailStoreError::Redirected { .. }
            | GmailStoreError::TooLarge { .. }
            | GmailStoreError::UnexpectedBody { .. } => AppError::new(AppErrorKind::OrderMayExist, error.to_string()),
            GmailStoreError::Api { status, .. } if status >= 500 => AppError::new(AppErrorKind::OrderMayExist, error.to_string()),
            other => other.into(),
        }
    }

    /// An email-order `buy` that failed, as the UI sees it (the same rule as [`Self::from_create_order`]).
    pub fn from_email_order_buy(error: crate::stores::email_order::EmailOrderError) -> Self {
        use crate::stores::email_order::EmailOrderError as E;
        match error {
            // The service answers 200 with its envelope; any other status (a proxy's page, a
            // server error) may have come after the order was made.
            E::Network(_) | E::Timeout | E::Decode { .. } | E::Redirected { .. } | E::TooLarge { .. } => {
                AppError::new(AppErrorKind::OrderMayExist, error.to_string())
            }
            E::HttpStatus { status } if status != 429 => AppError::new(AppErrorKind::OrderMayExist, error.to_string()),
            // The service's own error (0, "busy", a code it does not document) may follow the sale.
            E::Api { code, .. } if !crate::receive_codes::refused_before_buying(code) => AppError::new(AppErrorKind::OrderMayExist, error.to_string()),
            other => other.into(),
        }
    }
}

impl From<crate::backup::BackupError> for AppError {
    fn from(error: crate::backup::BackupError) -> Self {
        use crate::backup::{BackupError, BackupFileError};
        let message = error.to_string();
        let kind = match error {
            BackupError::Book(inner) => return AppError::from(inner),
            BackupError::Vault(inner) => return AppError::from(inner),
            BackupError::File(BackupFileError::PassphraseTooShort(_)) => return AppError::invalid("passphrase", message),
            BackupError::File(BackupFileError::NotABackup) => AppErrorKind::NotABackup,
            BackupError::File(BackupFileError::Truncated | BackupFileError::Damaged) | BackupError::Unreadable(_) => AppErrorKind::BackupDamaged,
            BackupError::File(BackupFileError::TooNew { .. }) | BackupError::NewerBook { .. } => AppErrorKind::BackupTooNew,
            BackupError::File(BackupFileError::WrongPassphrase) => AppErrorKind::WrongPassphrase,
            BackupError::File(BackupFileError::Sealing(_)) | BackupError::Database(_) => AppErrorKind::Storage,
        };
        AppError::new(kind, message)
    }
}

impl From<crate::checkout::PlaceOrderError> for AppError {
    fn from(error: crate::checkout::PlaceOrderError) -> Self {
        use crate::checkout::PlaceOrderError as E;
        match error {
            E::NotSent(book) => AppError::new(AppErrorKind::Storage, E::NotSent(book).to_string()),
            E::Refused(store) => store.into(),
            E::NoAnswer(store) => AppError::from_create_order(store),
            E::NotRecorded { order_no, error } => {
                let message = E::NotRecorded { order_no: order_no.clone(), error }.to_string();
                AppError { order_no, ..AppError::new(AppErrorKind::OrderMayExist, message) }
            }
        }
    }
}

impl From<GmailStoreError> for AppError {
    fn from(error: GmailStoreError) -> Self {
        let kind = match &error {
            GmailStoreError::Network(_) => AppErrorKind::Network,
            GmailStoreError::Timeout => AppErrorKind::Timeout,
            GmailStoreError::ProductNotFound | GmailStoreError::Api { status: 404, .. } => AppErrorKind::NotFound,
            GmailStoreError::Unauthorized { .. } => AppErrorKind::Unauthorized,
            GmailStoreError::RateLimited { .. } => AppErrorKind::RateLimited,
            GmailStoreError::Decode { .. } => AppErrorKind::BadResponse,
            GmailStoreError::UnexpectedBody { .. } | GmailStoreError::Redirected { .. } | GmailStoreError::TooLarge { .. } => AppErrorKind::StoreUnavailable,
            GmailStoreError::Api { status, .. } if *status >= 500 => AppErrorKind::StoreUnavailable,
            GmailStoreError::InsufficientBalance => AppErrorKind::InsufficientBalance,
            // Refused before any call: what the buyer typed, not the store.
            GmailStoreError::LookupNeedsOrderAndEmail => AppErrorKind::InvalidInput,
            _ => AppErrorKind::StoreRejected,
        };
        let retry_after_ms = match &error {
            GmailStoreError::RateLimited { retry_after } => retry_after.map(|d| d.as_millis() as u64),
            _ => None,
        };
        let store_message = match &error {
            GmailStoreError::Api { message, .. } | GmailStoreError::Unauthorized { message } => Some(message.clone()),
            _ => None,
        };
        // The Display text never holds secrets: bodies are only kept inside `Decode`, whose
        // Display names the path and problem, not the body.
        AppError { retry_after_ms, store_message, ..AppError::new(kind, error.to_string()) }
    }
}

impl From<VaultError> for AppError {
    fn from(error: VaultError) -> Self {
        let kind = match &error {
            VaultError::Locked => AppErrorKind::VaultLocked,
            VaultError::Passphrase(PassphraseError::Wrong) => AppErrorKind::WrongPassphrase,
            VaultError::Passphrase(PassphraseError::TooShort(_)) => {
                return AppError::invalid("passphrase", error.to_string());
            }
            VaultError::WrongState(_) => AppErrorKind::InvalidInput,
            _ => AppErrorKind::Storage,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<OrderBookError> for AppError {
    fn from(error: OrderBookError) -> Self {
        match error {
            OrderBookError::Vault(vault) => vault.into(),
            OrderBookError::NotFound(_) => AppError::new(AppErrorKind::NotFound, error.to_string()),
            other => AppError::new(AppErrorKind::Storage, other.to_string()),
        }
    }
}

impl From<crate::orders::export::ExportWriteError> for AppError {
    fn from(error: crate::orders::export::ExportWriteError) -> Self {
        use crate::orders::export::ExportWriteError;
        let kind = match error {
            ExportWriteError::InUse { .. } => AppErrorKind::FileInUse,
            _ => AppErrorKind::Storage,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<SettingsError> for AppError {
    fn from(error: SettingsError) -> Self {
        let field = match &error {
            SettingsError::DefaultContactEmail(_) => "defaultContactEmail",
            SettingsError::GmailStoreUrl(_) => "gmailstoreUrl",
            SettingsError::EmailOrderUrl(_) => "emailOrderUrl",
            SettingsError::Proxy(_) => "proxy",
        };
        AppError::invalid(field, error.to_string())
    }
}

impl From<RuleError> for AppError {
    fn from(error: RuleError) -> Self {
        let field = match &error {
            RuleError::NotWhole | RuleError::SoldOut | RuleError::BelowMinimum { .. } | RuleError::AboveStock { .. } | RuleError::AboveCap { .. } => "quantity",
            RuleError::CountOutOfRange { .. } => "count",
            RuleError::BadEmail => "contactEmail",
            RuleError::CoinMissing => "coin",
            RuleError::LoginNeeded => return AppError { rule: Some(error.clone()), ..AppError::new(AppErrorKind::Unauthorized, error.to_string()) },
            RuleError::MethodUnavailable => "paymentMethod",
        };
        AppError { rule: Some(error.clone()), ..AppError::invalid(field, error.to_string()) }
    }
}

impl From<crate::updates::UpdateError> for AppError {
    fn from(error: crate::updates::UpdateError) -> Self {
        let kind = match error {
            crate::updates::UpdateError::BadSignature(_) => AppErrorKind::UpdateRefused,
            _ => AppErrorKind::UpdateFailed,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<crate::watch::WatchError> for AppError {
    fn from(error: crate::watch::WatchError) -> Self {
        use crate::watch::WatchError as E;
        match error {
            E::NotAnAmount(_) | E::NotPositive => AppError::invalid("priceAtMost", error.to_string()),
            E::Storage(_) => AppError::new(AppErrorKind::Storage, error.to_string()),
        }
    }
}

impl From<EndpointError> for AppError {
    fn from(error: EndpointError) -> Self {
        AppError::new(AppErrorKind::InvalidConfig, error.to_string())
    }
}

impl From<crate::checkout::payment_tx::NotATransactionId> for AppError {
    fn from(error: crate::checkout::payment_tx::NotATransactionId) -> Self {
        AppError::invalid("paymentTx", error.to_string())
    }
}

impl From<crate::checkout::explorer::ExplorerError> for AppError {
    fn from(error: crate::checkout::explorer::ExplorerError) -> Self {
        use crate::checkout::explorer::ExplorerError as E;
        match error {
            // The store's address is not one: the buyer must not be sent to look it up either.
            E::NotAnAddress(_) => AppError::new(AppErrorKind::BadResponse, error.to_string()),
            E::Refused(refused) => refused.into(),
        }
    }
}

impl From<crate::stores::email_order::EmailOrderError> for AppError {
    fn from(error: crate::stores::email_order::EmailOrderError) -> Self {
        use crate::stores::email_order::EmailOrderError as E;
        let kind = match &error {
            E::Network(_) => AppErrorKind::Network,
            E::Timeout => AppErrorKind::Timeout,
            E::Unauthorized { locked_out: true, .. } | E::LockedOutEarlier => AppErrorKind::LockedOut,
            E::Unauthorized { .. } | E::KeyRefusedEarlier => AppErrorKind::Unauthorized,
            E::Api { .. } => AppErrorKind::StoreRejected,
            // No limit is documented for this service, but a 429 still means "slow down", not "broken".
            E::HttpStatus { status: 429 } => AppErrorKind::RateLimited,
            E::HttpStatus { .. } => AppErrorKind::StoreUnavailable,
            E::Decode { .. } => AppErrorKind::BadResponse,
            E::NotConfigured => AppErrorKind::NotConfigured,
            E::Redirected { .. } | E::TooLarge { .. } => AppErrorKind::StoreUnavailable,
        };
        let (code, store_message) = match &error {
            E::Api { code, message } => (Some(*code), Some(message.clone())),
            _ => (None, None),
        };
        AppError { code, store_message, ..AppError::new(kind, error.to_string()) }
    }
}
