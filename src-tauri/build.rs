// The manifest lists the app's own commands so that tauri generates one permission per command
// (`allow-list-products`, …) and a window may call only those its capability grants.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_products",
    "get_product",
    "vault_status",
    "vault_unlock",
    "vault_set_passphrase",
    "vault_use_session_only",
    "vault_retry_keychain",
    "settings_get",
    "settings_save",
    "orders_list",
    "order_detail",
    "order_export",
    "order_attempts",
    "order_attempt_dismiss",
    "payment_options",
    "checkout_create",
    "checkout_refresh",
    "checkout_view",
    "open_cashier",
    "login",
    "login_status",
    "logout",
    "lookup_order",
    "email_order_setup_status",
    "email_order_setup",
    "email_order_platforms",
    "email_order_buy",
    "email_order_refresh",
    "email_order_open",
    "check_store",
    "check_for_update",
    "install_update",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
