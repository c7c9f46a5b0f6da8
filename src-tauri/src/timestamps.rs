//! Timestamps as text: RFC 3339 in UTC for records (sortable as strings), and a compact form for
//! file names.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// Now, e.g. `2026-11-25T15:40:06.123456Z`: fixed width, so text order is time order.
pub fn now() -> String {
    OffsetDateTime::now_utc()
        .format(format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"))
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".to_owned())
}

/// Parses an RFC 3339 time (as stores send), for comparisons.
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339).ok()
}

/// Now, for a file name: `20261125T154006`.
pub fn file_stamp() -> String {
    OffsetDateTime::now_utc()
        .format(format_description!("[year][month][day]T[hour][minute][second]"))
        .unwrap_or_else(|_| "unknown-time".to_owned())
}
