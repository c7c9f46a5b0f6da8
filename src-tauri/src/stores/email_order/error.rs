//! What can go wrong with the email-order service, keeping its code and message.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmailOrderError {
    #[error("could not reach the email-order service: {0}")]
    Network(#[source] reqwest::Error),
    #[error("the email-order service did not answer in time")]
    Timeout,
    /// `code` 401: a wrong key, or (after 10 failures) the hour-long lockout. Never retried.
    #[error("the API key was refused: {message}")]
    Unauthorized { message: String, locked_out: bool },
    /// This key was refused before; no call is made with it until it is changed or the user asks
    /// to try again.
    #[error("this API key was refused earlier; enter the right key in Settings")]
    KeyRefusedEarlier,
    /// The service locked this computer out; no call is made with the key until the user asks to
    /// try again (each call could extend the ban).
    #[error("the email-order service locked this computer out; Mailcart stopped checking until you try again")]
    LockedOutEarlier,
    /// Any other `code` ≠ 1, with the service's own message.
    #[error("the email-order service refused (code {code}): {message}")]
    Api { code: i64, message: String },
    #[error("the email-order service answered HTTP {status}")]
    HttpStatus { status: u16 },
    #[error("the email-order service's answer could not be read at `{path}`: {message}")]
    Decode { path: String, message: String },
    #[error("no email-order service address is set")]
    NotConfigured,
    /// A 3xx answer: not followed, so the key goes nowhere else (see `stores::answer`).
    #[error("the email-order service answered HTTP {status} pointing elsewhere ({location}); Mailcart does not follow it")]
    Redirected { status: u16, location: String },
    #[error("the email-order service's answer is larger than {limit} bytes; Mailcart did not read it")]
    TooLarge { limit: usize },
}

impl EmailOrderError {
    /// A transport error, its URL removed.
    pub(super) fn from_transport(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            EmailOrderError::Timeout
        } else {
            EmailOrderError::Network(crate::stores::answer::without_url(error))
        }
    }

    pub(super) fn from_answer(error: crate::stores::answer::AnswerError) -> Self {
        use crate::stores::answer::AnswerError;
        match error {
            AnswerError::Redirected { status, location } => EmailOrderError::Redirected { status, location },
            AnswerError::TooLarge { limit } => EmailOrderError::TooLarge { limit },
            AnswerError::Transport(error) => EmailOrderError::from_transport(error),
        }
    }
}
