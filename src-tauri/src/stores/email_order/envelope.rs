//! The envelope every answer comes in: HTTP 200 with `{"code", "message", "data"}`; `code` 1 is
//! success. `data` is decoded from its raw text, so prices keep their digits.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::EmailOrderError;

#[derive(Deserialize)]
struct Envelope {
    code: i64,
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "englishMessage")]
    english_message: Option<String>,
    #[serde(default)]
    data: Option<Box<RawValue>>,
}

/// The lockout message (after 10 failed keys from one IP).
const LOCKOUT_MESSAGE: &str = "超过最大失败次数";

pub(crate) fn open<T: DeserializeOwned>(body: &[u8]) -> Result<T, EmailOrderError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope: Envelope = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| EmailOrderError::Decode { path: e.path().to_string(), message: e.into_inner().to_string() })?;
    if envelope.code != 1 {
        let message = envelope.message.or(envelope.english_message).unwrap_or_default();
        return Err(match envelope.code {
            401 => EmailOrderError::Unauthorized { locked_out: message.contains(LOCKOUT_MESSAGE), message },
            code => EmailOrderError::Api { code, message },
        });
    }
    let data = envelope.data.map(|d| d.get().to_owned()).unwrap_or_else(|| "null".to_owned());
    let mut deserializer = serde_json::Deserializer::from_str(&data);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." => "data".to_owned(),
            p if p.starts_with('[') => format!("data{p}"),
            p => format!("data.{p}"),
        };
        EmailOrderError::Decode { path, message: e.into_inner().to_string() }
    })
}
