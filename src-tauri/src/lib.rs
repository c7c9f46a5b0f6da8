//! Mailcart: a desktop shop for stores that sell email accounts.
//!
//! Everything but `commands` is plain Rust with no Tauri in it, tested without a window: the store
//! clients (`stores`), checkout and receive-code logic (`checkout`, `receive_codes`), the vault,
//! database and order book (`vault`, `db`, `orders`, opened together by `core`), settings rules,
//! money and endpoint rules. `commands` is the thin layer the web view calls, and `ipc` holds the
//! types that cross that boundary.

pub mod atomic_file;
pub mod backup;
pub mod checkout;
pub mod clipboard;
pub mod config;
pub mod data_folder;
pub mod db;
pub mod endpoint;
pub mod damaged_files;
pub mod demo;
pub mod desktop;
pub mod early_open;
pub mod first_screen;
pub mod ipc;
pub mod last_catalogue;
pub mod locale;
pub mod logging;
pub mod money;
pub mod orders;
pub mod quantity;
pub mod receive_codes;
pub mod settings;
#[cfg(target_os = "linux")]
pub mod single_instance;
pub mod start_timeline;
pub mod startup_failure;
pub mod store_check;
pub mod stores;
pub mod timestamps;
pub mod updates;
pub mod vault;
pub mod watch;

pub mod commands;

use commands::AppState;
use tauri::Manager;

use crate::early_open::{EarlyOpen, FailedStart, OpenedFolder};
use crate::startup_failure::StartupFailure;

/// The store modules' hooks for unfinished orders (run at start, or when the vault opens).
fn resume_hooks(app: tauri::AppHandle) -> orders::resume::ResumeHooks {
    let mut hooks = orders::resume::ResumeHooks::default();
    let for_gmailstore = app.clone();
    hooks.register(orders::StoreKind::GmailStore, move |orders| commands::checkout::resume_unfinished(for_gmailstore.clone(), orders));
    hooks.register(orders::StoreKind::EmailOrder, move |orders| commands::receive_codes::resume_unfinished(app.clone(), orders));
    hooks
}

/// Takes the data folder opened beside Tauri's building (`early_open`) and sets up what the
/// commands share. An error here is shown to the buyer (`tell_startup_failure`), never returned to
/// Tauri, whose setup would panic: with `panic = "abort"` and no console on Windows, the buyer would
/// see nothing at all. Kept short: the window's main thread waits for it (see `early_open`).
fn open_app(app: &mut tauri::App) -> Result<(), FailedStart> {
    start_timeline::mark("setup began");
    let OpenedFolder { folder, notices, log } = app.state::<EarlyOpen>().finish()?;
    let data_dir = folder.data_dir.clone();
    // In the data folder this run uses, by its full path: a relative one is taken from the real
    // app's folder, where the demo's checkout and language would have replaced the buyer's own
    // settings (and the file checked at start, and backed up, is this one).
    let settings_store = tauri_plugin_store::StoreBuilder::new(app, data_dir.join(settings::SETTINGS_FILE)).build().map_err(|error| FailedStart {
        failure: StartupFailure::Other { folder: Some(data_dir.clone()), detail: error.to_string() },
        data_dir: Some(data_dir.clone()),
        log,
    })?;
    let unlocked = folder.vault.is_unlocked();
    start_timeline::mark("settings read");
    app.manage(AppState::new(folder, notices, settings_store));
    app.manage(resume_hooks(app.handle().clone()));
    // The store clients (proxy settings; the TLS connector was made on its own thread) are built
    // beside the page's loading, ready for its first call to a store; the watches of unfinished orders start once the first screen
    // is complete, so that their calls do not compete with the catalogue's.
    let handle = app.handle().clone();
    let _ = std::thread::Builder::new().name("after start".into()).spawn(move || {
        handle.state::<AppState>().build_clients();
        start_timeline::mark("store clients built");
        // Its first call comes one interval later: nothing competes with the first screen.
        commands::watch::start_checks(handle.clone());
        if unlocked {
            first_screen::wait(first_screen::PATIENCE);
            commands::vault::resume_orders(&handle);
            start_timeline::mark("unfinished orders resumed");
        }
    });
    start_timeline::mark("setup done");
    Ok(())
}

/// Hides the window (it has nothing to show without its data), says in a native message box what
/// went wrong, and exits with status 1 once the buyer has closed it.
fn tell_startup_failure(app: &tauri::App, failed: FailedStart) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
    let language = failed.data_dir.as_deref().map_or_else(locale::UiLanguage::of_system, startup_failure::language_for);
    let message = failed.failure.message(language, failed.log.as_deref());
    log::error!("Mailcart could not start: {:?}", failed.failure);
    // Also on stderr, for a start from a terminal (the end-to-end test reads it there).
    eprintln!("{}\n{}", message.title, message.body);
    let handle = app.handle().clone();
    app.dialog().message(message.body).title(message.title).kind(MessageDialogKind::Error).show(move |_| handle.exit(1));
}

/// `mailcart --check-store [URL]`: checks a GmailStore (by default the one the app would use),
/// prints the report and returns the exit status (0 all understood, 1 not, 2 the address is not
/// allowed); `None` when the arguments ask for no check. On Windows the release build has no
/// console: redirect its output (`mailcart.exe --check-store > report.txt`).
pub fn check_store_from_command_line(args: &[String]) -> Option<i32> {
    let position = args.iter().position(|a| a == "--check-store")?;
    let url = args
        .get(position + 1)
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .or_else(config::gmailstore_url)
        .unwrap_or_else(|| stores::gmailstore::DEFAULT_BASE_URL.to_owned());
    let client = match stores::gmailstore::GmailStoreClient::builder().base_url(url.clone()).build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("mailcart --check-store: {url}: {error}");
            return Some(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a Tokio runtime");
    let check = runtime.block_on(store_check::check_store(&client));
    print!("{}", check.report);
    Some(if check.all_understood { 0 } else { 1 })
}

/// Shows the main window (un-minimised, in front): what a second launch asks of the running one.
pub fn show_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn run() {
    start_timeline::mark("tauri builder");
    // First: a second launch hands over to the running window and exits, so two processes never
    // write the order book at once (Linux: `single_instance`, which survives a closing instance).
    #[cfg(target_os = "linux")]
    match single_instance::claim() {
        single_instance::Claim::First => {}
        single_instance::Claim::HandedOver => return,
        single_instance::Claim::Stuck(why) => {
            eprintln!("Mailcart is already open but does not answer; close it and start Mailcart again ({why})");
            std::process::exit(1);
        }
    }
    start_timeline::mark("single instance claimed");
    let builder = tauri::Builder::default();
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| show_main_window(app)));
    desktop::plugins(builder)
        .plugin(EarlyOpen::plugin())
        .on_page_load(|_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                start_timeline::mark("page loaded");
            }
        })
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(commands::updates::PendingUpdate::default())
        .setup(|app| {
            #[cfg(target_os = "linux")]
            single_instance::started(app.handle());
            if let Err(failure) = open_app(app) {
                tell_startup_failure(app, failure);
            }
            Ok(())
        })
        .invoke_handler(commands::invoke_handler())
        .build(tauri::generate_context!("tauri.conf.json"))
        .unwrap_or_else(|error| {
            eprintln!("Mailcart could not start: {error}");
            std::process::exit(1);
        })
        .run(|_app, event| {
            #[cfg(target_os = "linux")]
            if matches!(event, tauri::RunEvent::ExitRequested { .. } | tauri::RunEvent::Exit) {
                single_instance::closing();
            }
            #[cfg(not(target_os = "linux"))]
            let _ = event;
        });
}
