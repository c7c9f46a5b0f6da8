// The manifest lists the app's own commands so that tauri generates one permission per command
// (`allow-list-products`, …) and a window may call only those its capability grants. The names
// come from the one list, `src/commands/list.rs`, read here with a names-only `app_commands!`.
macro_rules! app_commands {
    ($($module:ident :: $name:ident ( $($argument:ident : $type:ty),* ) -> $answer:ty;)*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("src/commands/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/commands/list.rs");
    // The window's capability is compiled in: a regenerated one (`UPDATE_BINDINGS=1 cargo test
    // bindings`) must reach every build, or a build made before it keeps refusing a new command
    // ("watch_set not allowed") — seen with a test build whose script had last run earlier.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
