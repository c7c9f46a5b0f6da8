// Every command the web view may call, once: `module::name(arguments) -> answer;`.
//
// This one list drives everything that must name the commands (docs/ARCHITECTURE.md, "A new
// command"): build.rs reads it for the permission manifest, `commands/mod.rs` turns it into the
// invoke handler, and `UPDATE_BINDINGS=1 cargo test bindings` writes from it the typed calls of
// the UI (`ui/src/bindings/commands.ts`) and the window's capability (`src-tauri/capabilities/`),
// which Tauri checks on every call from the web view.
// Argument names are the Rust parameter names (the UI sends them in camelCase, as Tauri expects);
// the answer is what the command returns on success (errors are always `AppError`).
app_commands! {
    app::app_info() -> AppInfo;
    catalogue::list_products() -> Vec<ProductView>;
    catalogue::last_catalogue() -> Option<LastCatalogue>;
    catalogue::get_product(id_or_slug: String) -> ProductView;
    vault::vault_status() -> VaultStatus;
    vault::vault_unlock(passphrase: String) -> VaultStatus;
    vault::vault_set_passphrase(passphrase: String) -> VaultStatus;
    vault::vault_use_session_only() -> VaultStatus;
    vault::vault_retry_keychain() -> VaultStatus;
    settings::settings_get() -> Settings;
    settings::settings_save(settings: Settings) -> Settings;
    settings::check_store() -> StoreCheck;
    orders::orders_list(filter: OrderFilter) -> Vec<OrderSummary>;
    orders::order_detail(id: i64) -> OrderDetail;
    orders::order_export(id: i64, format: ExportFormat) -> Option<String>;
    orders::order_attempts() -> Vec<PendingAttempt>;
    orders::order_attempt_dismiss(id: i64) -> ();
    checkout::payment_options() -> PaymentOptions;
    checkout::checkout_quote(product: ProductView, quantity: String) -> Quote;
    checkout::checkout_create(input: CheckoutInput) -> CheckoutView;
    checkout::checkout_refresh(id: i64) -> CheckoutView;
    checkout::checkout_view(id: i64) -> CheckoutView;
    checkout::open_cashier(id: i64) -> ();
    checkout::open_explorer(id: i64) -> ();
    checkout::checkout_payment_tx(id: i64, tx: String) -> CheckoutView;
    checkout::login(email: String, password: String, remember_password: bool) -> LoginStatus;
    checkout::login_status() -> LoginStatus;
    checkout::logout() -> LoginStatus;
    checkout::lookup_order(order_no: String, email: String) -> OrderDetail;
    receive_codes::receive_codes_setup_status() -> ReceiveCodesSetup;
    receive_codes::receive_codes_setup(url: String, api_key: String) -> ReceiveCodesSetup;
    receive_codes::receive_codes_platforms() -> Vec<PlatformView>;
    receive_codes::receive_codes_quote(price: String, count: String) -> Quote;
    receive_codes::receive_codes_buy(platform_id: String, count: u32) -> CodeOrderView;
    receive_codes::receive_codes_refresh(id: i64, try_key_again: bool) -> CodeOrderView;
    receive_codes::receive_codes_open(order_no: String) -> CodeOrderView;
    backup::backup_create(passphrase: String, with_secrets: bool) -> Option<BackupWritten>;
    backup::backup_open(passphrase: String) -> Option<BackupSummary>;
    backup::backup_restore() -> RestoreReport;
    backup::backup_reminder() -> bool;
    backup::backup_reminder_dismiss() -> ();
    watch::watch_list() -> Vec<Watch>;
    watch::watch_set(product: ProductView, request: WatchRequest) -> Vec<Watch>;
    watch::watch_remove(product_id: String) -> Vec<Watch>;
    updates::check_for_update() -> Option<UpdateOffer>;
    updates::install_update() -> ();
}
