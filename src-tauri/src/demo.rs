//! The demo (`npm run demo`, `MAILCART_DEMO=1`): the app on a data folder, keychain entry and
//! single-instance name of its own, so that orders bought from the demo store never land in the
//! buyer's real order book, and a demo window never takes over (or hands over to) the real app on
//! Linux. The header says DEMO.

use std::path::{Path, PathBuf};

/// Whether this run is the demo.
pub fn is_demo() -> bool {
    crate::config::demo()
}

/// The data folder for this run: the real one, or its sibling `<name>-demo`.
pub fn data_dir(real: &Path, demo: bool) -> PathBuf {
    if !demo {
        return real.to_owned();
    }
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "mailcart".into());
    real.with_file_name(format!("{name}-demo"))
}

/// The keychain service the data key is kept under: the demo's key is not the real one.
pub fn keychain_service(demo: bool) -> String {
    let service = crate::vault::KEYCHAIN_SERVICE;
    if demo {
        format!("{service}.demo")
    } else {
        service.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_a_folder_and_a_keychain_entry_of_its_own() {
        let real = Path::new("/home/b/.local/share/app.mailcart.desktop");
        assert_eq!(data_dir(real, false), real);
        assert_eq!(data_dir(real, true), Path::new("/home/b/.local/share/app.mailcart.desktop-demo"));
        assert_eq!(keychain_service(false), "app.mailcart.desktop");
        assert_eq!(keychain_service(true), "app.mailcart.desktop.demo");
    }
}
