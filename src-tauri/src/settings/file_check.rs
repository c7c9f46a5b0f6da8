//! tauri-plugin-store quietly ignores a settings file it cannot read and then overwrites it on the
//! next save. So before the store opens the file, we read it ourselves; a damaged file is renamed
//! aside (never deleted) and the user is told.

use std::path::{Path, PathBuf};

pub const SETTINGS_FILE: &str = "settings.json";

/// `Ok(None)`: the file is fine or absent. `Ok(Some(path))`: it was damaged and is now at `path`.
pub fn check_settings_file(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    if serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).is_ok() {
        return Ok(None);
    }
    let aside = crate::damaged_files::set_aside(path)?;
    log::warn!("settings file {} was damaged; kept as {}", path.display(), aside.display());
    Ok(Some(aside))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_or_missing_file_is_left_alone_and_a_damaged_one_is_set_aside_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        assert_eq!(check_settings_file(&path).unwrap(), None);
        std::fs::write(&path, r#"{"settings":{"language":"zh"}}"#).unwrap();
        assert_eq!(check_settings_file(&path).unwrap(), None);
        assert!(path.exists());
        std::fs::write(&path, r#"{"settings":{"langu"#).unwrap();
        let aside = check_settings_file(&path).unwrap().expect("damage reported");
        assert!(!path.exists());
        assert_eq!(std::fs::read_to_string(aside).unwrap(), r#"{"settings":{"langu"#);
    }
}
