//! The app's log: `logs/mailcart.log` in the data folder (and stderr). Nothing secret is ever
//! passed to it: secrets are `Secret` values, whose Debug is `<redacted>`, and store bodies are
//! never logged.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use log::{LevelFilter, Log, Metadata, Record};

const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;

struct FileLogger {
    file: Mutex<Option<File>>,
}

impl Log for FileLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        // The app's own lines from Info; other crates' only from Warn: their Info lines (D-Bus
        // handshakes, spans) are noise, and the less a library writes the less it can leak.
        if metadata.target().starts_with("mailcart") {
            metadata.level() <= log::Level::Info
        } else {
            metadata.level() <= log::Level::Warn
        }
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!("{} {:<5} {}: {}\n", crate::timestamps::now(), record.level(), record.target(), record.args());
        eprint!("{line}");
        if let Some(file) = self.file.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            let _ = file.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Some(file) = self.file.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            let _ = file.flush();
        }
    }
}

/// The log file's path under `data_dir`.
pub fn log_path(data_dir: &Path) -> PathBuf {
    data_dir.join("logs").join("mailcart.log")
}

/// Starts logging to `data_dir/logs/mailcart.log`, keeping one older file when it grows large.
/// When the data folder cannot be written (the very case a start-up failure must explain), the
/// log goes to the system's temporary folder instead. Returns the file in use, if any.
pub fn init(data_dir: &Path) -> Option<PathBuf> {
    let opened = [log_path(data_dir), std::env::temp_dir().join("mailcart.log")]
        .into_iter()
        .find_map(|path| open_log(&path).ok().map(|file| (path, file)));
    let (path, file) = match opened {
        Some((path, file)) => (Some(path), Some(file)),
        None => (None, None),
    };
    let logger = Box::leak(Box::new(FileLogger { file: Mutex::new(file) }));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
    path
}

fn open_log(path: &Path) -> std::io::Result<File> {
    std::fs::create_dir_all(path.parent().expect("log path has a folder"))?;
    if std::fs::metadata(path).map(|m| m.len() > MAX_LOG_BYTES).unwrap_or(false) {
        std::fs::rename(path, path.with_extension("log.1"))?;
    }
    OpenOptions::new().create(true).append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(target: &str, level: log::Level) -> bool {
        FileLogger { file: Mutex::new(None) }.enabled(&Metadata::builder().target(target).level(level).build())
    }

    #[test]
    fn the_apps_lines_from_info_other_crates_only_from_warn() {
        assert!(enabled("mailcart_lib::orders", log::Level::Info));
        assert!(!enabled("mailcart_lib::orders", log::Level::Debug));
        assert!(!enabled("zbus::connection::handshake", log::Level::Info));
        assert!(enabled("zbus::connection::handshake", log::Level::Warn));
        assert!(enabled("tauri_plugin_updater::updater", log::Level::Error));
    }
}
