//! Opens the data folder (log, keychain, database, vault) on its own thread while Tauri makes the
//! window, so that Tauri's `setup` only collects the result; and starts the store clients' TLS
//! set-up on another (`stores::tls`).
//!
//! Why: whatever `setup` does holds up the window's main thread just after the web view was made,
//! and WebKitGTK then waits up to 500 ms for the web process before it paints (measured in issue
//! 15: an empty Tauri window whose `setup` sleeps 150 ms loads its page 500 ms later; at 20–50 ms
//! it does not). Mailcart's `setup` took 50–200 ms, so about half its starts paid the 500 ms (the
//! "two groups" of launches). The folder's opening takes about as long as Tauri's own building,
//! and now runs beside it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime};

use crate::data_folder::{DataFolder, StartupNotice};
use crate::startup_failure::StartupFailure;
use crate::{logging, start_timeline, vault};

/// The opened folder, what the buyer must be told about it, and the log file in use.
pub struct OpenedFolder {
    pub folder: DataFolder,
    pub notices: Vec<StartupNotice>,
    pub log: Option<PathBuf>,
}

/// A start that failed: why, the data folder (when it was known) and the log file in use.
pub struct FailedStart {
    pub failure: StartupFailure,
    pub data_dir: Option<PathBuf>,
    pub log: Option<PathBuf>,
}

/// The data folder being opened on its own thread, until `setup` takes it.
pub struct EarlyOpen(Mutex<Option<Opening>>);

enum Opening {
    Started(JoinHandle<Result<OpenedFolder, FailedStart>>),
    /// Tauri could not name the data folder.
    NoFolder(String),
}

impl EarlyOpen {
    /// A plugin that starts the opening as soon as Tauri knows the app's paths: its plugins are set
    /// up before the window is made, and `setup` runs after. On Windows and macOS it is added after
    /// the single-instance plugin, which ends a second launch before its folder is touched.
    pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
        tauri::plugin::Builder::new("mailcart-early-open")
            .setup(|app, _| {
                let opening = match app.path().app_data_dir().map(|real| crate::demo::data_dir(&real, crate::demo::is_demo())) {
                    Ok(data_dir) => match std::thread::Builder::new().name("open data folder".into()).spawn(move || open(&data_dir)) {
                        Ok(thread) => Opening::Started(thread),
                        Err(error) => Opening::NoFolder(format!("could not start a thread: {error}")),
                    },
                    Err(error) => Opening::NoFolder(error.to_string()),
                };
                app.manage(EarlyOpen(Mutex::new(Some(opening))));
                Ok(())
            })
            .build()
    }

    /// The opened folder, once its thread is done (`setup` calls this once).
    pub fn finish(&self) -> Result<OpenedFolder, FailedStart> {
        let opening = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        let no_folder = |detail: String| FailedStart { failure: StartupFailure::Other { folder: None, detail }, data_dir: None, log: None };
        let opened = match opening {
            Some(Opening::Started(thread)) => thread.join().unwrap_or_else(|_| Err(no_folder("the data folder's opening stopped".into()))),
            Some(Opening::NoFolder(detail)) => Err(no_folder(detail)),
            None => Err(no_folder("the data folder was already taken".into())),
        };
        start_timeline::mark("data folder handed to setup");
        opened
    }
}

/// Opens the log, the keychain and the data folder at `data_dir`.
fn open(data_dir: &Path) -> Result<OpenedFolder, FailedStart> {
    let log = logging::init(data_dir);
    start_timeline::log_opened();
    start_timeline::mark("log open");
    let failed = |failure: StartupFailure| FailedStart { failure, data_dir: Some(data_dir.to_owned()), log: log.clone() };
    let keychain = vault::platform_key_storage();
    start_timeline::mark("keychain store ready");
    let (folder, notices) = DataFolder::open(data_dir, keychain, vault::KdfParams::RECOMMENDED)
        .map_err(|error| failed(StartupFailure::from_core(&error, data_dir)))?;
    start_timeline::mark("data folder open (database checked, vault)");
    // Then the store clients' TLS set-up, on a thread of its own so that `setup` does not wait for
    // it: started only now, not beside the opening, so that Tauri's making of the window (the main
    // thread) has one of our threads beside it at a time, not two (a two-core machine has two cores).
    crate::stores::tls::warm_up();
    // Counted here rather than in `setup`: a database read the window's main thread need not wait for.
    let unfinished = folder.orders.count_unfinished().unwrap_or(0);
    log::info!("Mailcart {} started; {unfinished} unfinished orders", env!("CARGO_PKG_VERSION"));
    Ok(OpenedFolder { folder, notices, log })
}
