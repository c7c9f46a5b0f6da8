//! A desktop notification (a watched product is back, a code arrived). Shown on its own thread
//! and never waited for: a notification that cannot be shown is written to the log, no more.

/// Shows `title` and `body` as a desktop notification.
pub fn notify(app: &tauri::AppHandle, title: String, body: String) {
    #[cfg(target_os = "linux")]
    {
        let _ = app;
        let shown = std::thread::Builder::new().name("notification".into()).spawn(move || {
            if let Err(error) = linux::notify(&title, &body) {
                log::info!("could not show a notification: {error}");
            }
        });
        if let Err(error) = shown {
            log::info!("could not show a notification: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        use tauri_plugin_notification::NotificationExt;
        if let Err(error) = app.notification().builder().title(title).body(body).show() {
            log::info!("could not show a notification: {error}");
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::collections::HashMap;

    use gtk::gio;
    use gtk::glib::{self, ToVariant};

    /// The Desktop Notifications Specification's one call.
    const SERVICE: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";
    /// A desktop that does not answer within this is not waited for longer.
    const TIMEOUT_MS: i32 = 5_000;

    pub fn notify(title: &str, body: &str) -> Result<(), glib::Error> {
        let bus = crate::desktop::session_bus::connect()?;
        // The .desktop entry and icon the .deb installs, so the desktop shows whose notification it is.
        let hints: HashMap<&str, glib::Variant> = HashMap::from([("desktop-entry", "Mailcart".to_variant())]);
        let no_actions: Vec<String> = Vec::new();
        let arguments = ("Mailcart", 0u32, "mailcart", title, body, no_actions, hints, -1i32).to_variant();
        bus.call_sync(
            Some(SERVICE),
            PATH,
            SERVICE,
            "Notify",
            Some(&arguments),
            Some(glib::VariantTy::new("(u)").expect("a valid type string")),
            gio::DBusCallFlags::NONE,
            TIMEOUT_MS,
            gio::Cancellable::NONE,
        )?;
        let _ = bus.close_sync(gio::Cancellable::NONE);
        Ok(())
    }
}
