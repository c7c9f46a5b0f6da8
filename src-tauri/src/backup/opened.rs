//! The backup opened for a restore, kept until a merge of it succeeds. A merge that fails (a full
//! disk, a vault locked meanwhile) leaves it open, so that Merge can be pressed again: the merge is
//! one transaction and adds only what is not here, so a second one is safe. Taken before the
//! merge, it was gone after a failure, and the next press answered "nothing open".

use std::sync::Mutex;

pub struct OpenedBackup<T>(Mutex<Option<T>>);

impl<T> Default for OpenedBackup<T> {
    fn default() -> Self {
        OpenedBackup(Mutex::new(None))
    }
}

impl<T> OpenedBackup<T> {
    /// Keeps `opened` (replacing one opened before).
    pub fn keep(&self, opened: T) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(opened);
    }

    /// Runs `merge` on the opened backup, which is let go only when it succeeds. `None`: no backup
    /// is open. The lock is held for the merge, so two presses never merge at once.
    pub fn merge<R, E>(&self, merge: impl FnOnce(&T) -> Result<R, E>) -> Option<Result<R, E>> {
        let mut opened = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let result = merge(opened.as_ref()?);
        if result.is_ok() {
            *opened = None;
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_merge_leaves_the_backup_open_and_a_merged_one_is_let_go() {
        let opened = OpenedBackup::default();
        assert_eq!(opened.merge(|_: &String| Ok::<_, ()>(())), None);
        opened.keep("backup".to_owned());
        assert_eq!(opened.merge(|b| Err::<(), _>(format!("disk full merging {b}"))), Some(Err("disk full merging backup".to_owned())));
        assert_eq!(opened.merge(|b| Ok::<_, ()>(b.len())), Some(Ok(6)));
        assert_eq!(opened.merge(|b| Ok::<_, ()>(b.len())), None);
    }
}
