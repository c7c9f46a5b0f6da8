//! Keeping a damaged file: it is renamed `<name>.damaged-<time>` beside itself, never deleted, so
//! the user (or support) can still recover what it held.

use std::path::{Path, PathBuf};

/// Renames `path` to `<path>.damaged-<time>` and returns the new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let aside = PathBuf::from(format!("{}.damaged-{}", path.display(), crate::timestamps::file_stamp()));
    std::fs::rename(path, &aside)?;
    Ok(aside)
}
