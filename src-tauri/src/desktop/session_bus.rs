//! A connection of our own to the desktop's session bus, through the GIO that GTK already links.
//!
//! Private rather than GIO's shared one: the shared connection ends the process when the bus goes
//! away, and closing ours (or the process ending) lets go of what it holds, such as the
//! single-instance name.

use gtk::gio;

/// Connects to the session bus; an error means there is none (a headless machine, some CI).
pub fn connect() -> Result<gio::DBusConnection, gtk::glib::Error> {
    let address = gio::dbus_address_get_for_bus_sync(gio::BusType::Session, gio::Cancellable::NONE)?;
    gio::DBusConnection::for_address_sync(
        &address,
        gio::DBusConnectionFlags::AUTHENTICATION_CLIENT | gio::DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
        None::<&gio::DBusAuthObserver>,
        gio::Cancellable::NONE,
    )
}
