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
//! so that no launch is handed to a window about to disappear. The bus is reached through the GIO
//! that GTK already links (`desktop::session_bus`), not through a D-Bus library of our own.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use gtk::gio;
use gtk::glib::{self, ToVariant};
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
/// The plugin's interface: `ExecuteCallback(argv, cwd)`.
const INTERFACE_XML: &str = r#"<node><interface name="org.SingleInstance.DBus"><method name="ExecuteCallback"><arg name="argv" type="as" direction="in"/><arg name="cwd" type="s" direction="in"/></method></interface></node>"#;
/// How long a launch waits for a closing instance to leave before it gives up.
const HANDOVER_PATIENCE: Duration = Duration::from_secs(10);
const RETRY_PAUSE: Duration = Duration::from_millis(100);
/// A bus call that gets no answer within this counts as refused (and is tried again).
const CALL_TIMEOUT_MS: i32 = 5_000;

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
/// The connection that holds the name (closing it lets the name go).
static CONNECTION: Mutex<Option<gio::DBusConnection>> = Mutex::new(None);

/// `RequestName`'s flag and answers (D-Bus specification).
const DO_NOT_QUEUE: u32 = 4;
const PRIMARY_OWNER: u32 = 1;
const ALREADY_OWNER: u32 = 4;

enum Attempt {
    Owner(gio::DBusConnection),
    Taken,
}

/// Takes the instance's bus name, or hands this launch over to the instance that has it.
pub fn claim() -> Claim {
    let deadline = Instant::now() + HANDOVER_PATIENCE;
    loop {
        let refused = match try_to_own() {
            Ok(Attempt::Owner(connection)) => {
                *CONNECTION.lock().unwrap_or_else(|p| p.into_inner()) = Some(connection);
                return Claim::First;
            }
            Ok(Attempt::Taken) => match hand_over() {
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

/// Serves the hand-over on a connection of our own, then asks for the name: a launch that finds
/// the name taken by us finds the hand-over already answering.
fn try_to_own() -> Result<Attempt, glib::Error> {
    let connection = crate::desktop::session_bus::connect()?;
    // Answered on a thread of its own, not on the window's main loop: a hand-over during this
    // instance's start is answered at once (its window comes up by itself).
    let context = glib::MainContext::new();
    let node = gio::DBusNodeInfo::for_xml(INTERFACE_XML)?;
    let interface = node.lookup_interface(INTERFACE).expect("the interface is in the XML above");
    context
        .with_thread_default(|| {
            connection.register_object(OBJECT_PATH, &interface, answer_hand_over, |_, _, _, _, _| ().to_variant(), |_, _, _, _, _, _| false)
        })
        .map_err(|error| glib::Error::new(gio::IOErrorEnum::Failed, &error.to_string()))??;
    let reply = ask_message_bus(&connection, "RequestName", (bus_name(), DO_NOT_QUEUE).to_variant())?;
    let (answer,): (u32,) = reply.get().expect("the reply has the type asked for");
    if answer != PRIMARY_OWNER && answer != ALREADY_OWNER {
        let _ = connection.close_sync(gio::Cancellable::NONE);
        return Ok(Attempt::Taken);
    }
    let main_loop = glib::MainLoop::new(Some(&context), false);
    std::thread::Builder::new()
        .name("single-instance".into())
        .spawn(move || main_loop.run())
        .map_err(|error| glib::Error::new(gio::IOErrorEnum::Failed, &error.to_string()))?;
    Ok(Attempt::Owner(connection))
}

/// One call to the message bus itself (`RequestName`, `ReleaseName`); both answer one number.
fn ask_message_bus(connection: &gio::DBusConnection, method: &str, arguments: glib::Variant) -> Result<glib::Variant, glib::Error> {
    connection.call_sync(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        method,
        Some(&arguments),
        Some(glib::VariantTy::new("(u)").expect("a valid type string")),
        gio::DBusCallFlags::NONE,
        CALL_TIMEOUT_MS,
        gio::Cancellable::NONE,
    )
}

/// Another launch asks this instance to show its window.
fn answer_hand_over(_: gio::DBusConnection, _sender: &str, _path: &str, _interface: &str, _method: &str, _arguments: glib::Variant, call: gio::DBusMethodInvocation) {
    if CLOSING.load(Ordering::SeqCst) {
        // The new launch tries again, and finds the name free once this one has let it go.
        call.return_dbus_error("org.freedesktop.DBus.Error.Failed", "Mailcart is closing");
        return;
    }
    // Still starting (no app yet): its window comes up by itself.
    if let Some(app) = APP.get() {
        crate::show_main_window(app);
    }
    call.return_value(None);
}

fn hand_over() -> Result<(), glib::Error> {
    let connection = crate::desktop::session_bus::connect()?;
    let argv: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
    let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
    let asked = connection.call_sync(
        Some(bus_name()),
        OBJECT_PATH,
        INTERFACE,
        "ExecuteCallback",
        Some(&(argv, cwd).to_variant()),
        None,
        gio::DBusCallFlags::NONE,
        CALL_TIMEOUT_MS,
        gio::Cancellable::NONE,
    );
    let _ = connection.close_sync(gio::Cancellable::NONE);
    asked.map(|_| ())
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
        // Released by name, answered once done, so that a launch right after finds it free; the
        // connection's closing would free it too, but a moment later.
        let released = ask_message_bus(&connection, "ReleaseName", (bus_name(),).to_variant());
        if let Err(error) = released {
            log::warn!("single instance: the bus name could not be released: {error}");
        }
        let _ = connection.close_sync(gio::Cancellable::NONE);
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
