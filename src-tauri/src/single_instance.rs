//! One Mailcart at a time, so that two processes never write the order book at once: a second
//! launch asks the running one to show its window, and exits.
//!
//! On Windows and macOS tauri's single-instance plugin does this. On Linux the plugin asks the
//! running instance over D-Bus and, when that instance leaves the bus during the call (it was
//! closing), gives up: the new launch exits without a window. A buyer who reopened the app while
//! it closed saw nothing happen, and under load the end-to-end suites met it as a window that never
//! came (issue 15). Here the same hand-over (the plugin's bus name and interface, so that it works
//! with an older Mailcart too) is retried until the closing instance has gone, and this one starts
//! in its place; and an instance that is closing releases the name first and refuses a hand-over,
//! so that no launch is handed to a window about to disappear.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use tauri::AppHandle;

/// The bus name, object path and interface of tauri-plugin-single-instance for this identifier.
pub const BUS_NAME: &str = "app.mailcart.desktop.SingleInstance";
const OBJECT_PATH: &str = "/app/mailcart/desktop/SingleInstance";
/// The demo's own name (`demo.rs`): a demo window and the real app neither take over nor hand over
/// to each other.
const DEMO_BUS_NAME: &str = "app.mailcart.desktop.demo.SingleInstance";

fn bus_name() -> &'static str {
    if crate::demo::is_demo() {
        DEMO_BUS_NAME
    } else {
        BUS_NAME
    }
}
const INTERFACE: &str = "org.SingleInstance.DBus";
/// How long a launch waits for a closing instance to leave before it gives up.
const HANDOVER_PATIENCE: Duration = Duration::from_secs(10);
const RETRY_PAUSE: Duration = Duration::from_millis(100);

/// What the launch found.
pub enum Claim {
    /// This process is the instance (or there is no session bus to tell).
    First,
    /// The running instance was asked to show its window: this launch is done.
    HandedOver,
    /// An instance holds the name but neither answers nor leaves.
    Stuck(String),
}

static APP: OnceLock<AppHandle> = OnceLock::new();
static CLOSING: AtomicBool = AtomicBool::new(false);
static CONNECTION: Mutex<Option<zbus::blocking::Connection>> = Mutex::new(None);

struct Handover;

#[zbus::interface(name = "org.SingleInstance.DBus")]
impl Handover {
    fn execute_callback(&mut self, _argv: Vec<String>, _cwd: String) -> zbus::fdo::Result<()> {
        if CLOSING.load(Ordering::SeqCst) {
            // The new launch tries again, and finds the name free once this one has let it go.
            return Err(zbus::fdo::Error::Failed("Mailcart is closing".into()));
        }
        // Still starting (no app yet): its window comes up by itself.
        if let Some(app) = APP.get() {
            crate::show_main_window(app);
        }
        Ok(())
    }
}

/// Takes the instance's bus name, or hands this launch over to the instance that has it.
pub fn claim() -> Claim {
    let deadline = Instant::now() + HANDOVER_PATIENCE;
    loop {
        let built = zbus::blocking::connection::Builder::session()
            .and_then(|builder| builder.name(bus_name()))
            .map(|builder| builder.replace_existing_names(false).allow_name_replacements(false))
            .and_then(|builder| builder.serve_at(OBJECT_PATH, Handover))
            .and_then(|builder| builder.build());
        let refused = match built {
            Ok(connection) => {
                *CONNECTION.lock().unwrap_or_else(|p| p.into_inner()) = Some(connection);
                return Claim::First;
            }
            Err(zbus::Error::NameTaken) => match hand_over() {
                Ok(()) => return Claim::HandedOver,
                Err(error) => error,
            },
            Err(error) => {
                // Without a session bus there is no way to find another instance.
                log::warn!("single instance: no D-Bus session, starting without the check: {error}");
                return Claim::First;
            }
        };
        if Instant::now() >= deadline {
            return Claim::Stuck(refused.to_string());
        }
        // Noted once for the log (opened later, with the start's other steps).
        static WAITING: std::sync::Once = std::sync::Once::new();
        crate::start_timeline::mark_once(&WAITING, "single instance: the running one is closing; waiting for it");
        std::thread::sleep(RETRY_PAUSE);
    }
}

fn hand_over() -> zbus::Result<()> {
    let connection = zbus::blocking::Connection::session()?;
    let argv: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
    let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
    connection.call_method(Some(bus_name()), OBJECT_PATH, Some(INTERFACE), "ExecuteCallback", &(argv, cwd))?;
    Ok(())
}

/// The running app, for showing its window when another launch hands over.
pub fn started(app: &AppHandle) {
    let _ = APP.set(app.clone());
}

/// The app is closing: refuse hand-overs and let the name go now, so that a launch meanwhile
/// starts a new window rather than being handed to this one.
pub fn closing() {
    CLOSING.store(true, Ordering::SeqCst);
    if let Some(connection) = CONNECTION.lock().unwrap_or_else(|p| p.into_inner()).take() {
        let released = zbus::names::WellKnownName::try_from(bus_name()).map_err(zbus::Error::from).and_then(|name| connection.release_name(name));
        if let Err(error) = released {
            log::warn!("single instance: the bus name could not be released: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    /// The plugin derives its bus name from the identifier; an older Mailcart's must match.
    #[test]
    fn the_bus_name_is_the_plugins_for_this_identifier() {
        let config: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        let identifier = config["identifier"].as_str().unwrap();
        assert_eq!(super::BUS_NAME, format!("{identifier}.SingleInstance"));
        assert_eq!(super::OBJECT_PATH, format!("/{}", super::BUS_NAME.replace('.', "/").replace('-', "_")));
    }
}
