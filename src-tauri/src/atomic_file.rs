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

/// Writes `value` as JSON to `path` whole or not at all (the side file is `<path>.partial`): for
/// the small files beside the database (the last catalogue, the watches, the backup reminder).
pub fn write_json(path: &Path, value: &impl serde::Serialize) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    write_then_rename(Path::new(&partial), path, &bytes)
}
