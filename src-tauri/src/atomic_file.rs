//! Replacing a file whole or not at all: the bytes go to a side file, reach the disk, and only then
//! take the file's name, so a crash or a full disk leaves the old file as it was.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `partial`, syncs it and renames it over `path`.
pub fn write_then_rename(partial: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(partial, path)
}
