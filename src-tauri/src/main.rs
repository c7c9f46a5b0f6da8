// Hides the console window that Windows would otherwise open beside the app in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    mailcart_lib::start_timeline::begin();
    let args: Vec<String> = std::env::args().collect();
    if let Some(status) = mailcart_lib::check_store_from_command_line(&args) {
        std::process::exit(status);
    }
    mailcart_lib::run();
}
