//! The backup reminder: when the book holds delivered orders and nothing has been backed up for 30
//! days, the Orders page says so, quietly, until the buyer backs up or dismisses it (then it waits
//! another 30 days). `backup-reminder.json` in the data folder keeps the two times (nothing
//! secret); a file that cannot be read counts as "never".

use std::path::Path;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

pub const REMINDER_FILE: &str = "backup-reminder.json";
/// How long a backup (or a dismissed reminder) keeps the reminder away.
pub const QUIET: Duration = Duration::days(30);

/// When the buyer last backed up, and last dismissed the reminder (RFC 3339).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReminderState {
    pub last_backup_at: Option<String>,
    pub dismissed_at: Option<String>,
}

/// Whether to remind now: there is something worth keeping (the first delivered order, `None`
/// when none), it is older than the last backup by 30 days or more (or there was none), and the
/// reminder was not dismissed in the last 30 days.
pub fn due(now: OffsetDateTime, first_delivered: Option<OffsetDateTime>, state: &ReminderState) -> bool {
    let Some(first_delivered) = first_delivered else { return false };
    let parse = |text: &Option<String>| text.as_deref().and_then(crate::timestamps::parse);
    let since = parse(&state.last_backup_at).unwrap_or(first_delivered);
    let dismissed_lately = parse(&state.dismissed_at).is_some_and(|at| now - at < QUIET);
    now - since >= QUIET && !dismissed_lately
}

pub fn read(data_dir: &Path) -> ReminderState {
    std::fs::read(data_dir.join(REMINDER_FILE)).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
}

/// Changes the state with `change` and writes it whole (a failure only means a reminder too many).
pub fn update(data_dir: &Path, change: impl FnOnce(&mut ReminderState)) {
    let mut state = read(data_dir);
    change(&mut state);
    if let Err(error) = crate::atomic_file::write_json(&data_dir.join(REMINDER_FILE), &state) {
        log::warn!("the backup reminder's state could not be kept: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-05 12:00 UTC);

    fn state(last_backup_at: Option<&str>, dismissed_at: Option<&str>) -> ReminderState {
        ReminderState { last_backup_at: last_backup_at.map(Into::into), dismissed_at: dismissed_at.map(Into::into) }
    }

    #[test]
    fn reminds_only_with_delivered_orders_and_thirty_days_without_a_backup() {
        let old = Some(datetime!(2026-10-01 00:00 UTC));
        let recent = Some(datetime!(2026-11-20 00:00 UTC));
        assert!(!due(NOW, None, &state(None, None)), "nothing delivered: nothing to lose");
        assert!(!due(NOW, recent, &state(None, None)), "first delivery 15 days ago");
        assert!(due(NOW, old, &state(None, None)), "delivered for 65 days, never backed up");
        assert!(!due(NOW, old, &state(Some("2026-11-10T00:00:00Z"), None)), "backed up 25 days ago");
        assert!(due(NOW, old, &state(Some("2026-11-05T12:00:00Z"), None)), "backed up exactly 30 days ago");
        assert!(!due(NOW, old, &state(None, Some("2026-12-01T00:00:00Z"))), "dismissed 4 days ago");
        assert!(due(NOW, old, &state(None, Some("2026-10-20T00:00:00Z"))), "dismissed 46 days ago");
        assert!(due(NOW, old, &state(Some("not a time"), None)), "an unreadable time counts as never");
    }

    #[test]
    fn the_state_survives_in_the_data_folder_and_a_damaged_file_is_never() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()), ReminderState::default());
        update(dir.path(), |s| s.last_backup_at = Some("2026-12-05T12:00:00Z".into()));
        update(dir.path(), |s| s.dismissed_at = Some("2026-12-06T12:00:00Z".into()));
        assert_eq!(read(dir.path()), state(Some("2026-12-05T12:00:00Z"), Some("2026-12-06T12:00:00Z")));
        std::fs::write(dir.path().join(REMINDER_FILE), b"{").unwrap();
        assert_eq!(read(dir.path()), ReminderState::default());
    }
}
