//! What the web view may do, read from the configuration the app is built with: a strict CSP,
//! no global Tauri object, no remote content, and capabilities that grant only the app's own
//! commands — each of which is registered, and no registered command left ungated (Tauri checks
//! the capability on every call) — and no frame.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn config() -> serde_json::Value {
    serde_json::from_str(&read("tauri.conf.json")).unwrap()
}

/// The app's commands, from the one list (`src-tauri/src/commands/list.rs`) that also makes the
/// permission manifest (build.rs), the invoke handler and the capability.
fn app_commands() -> BTreeSet<String> {
    mailcart_lib::commands::NAMES.iter().map(|name| name.to_string()).collect()
}

#[test]
fn the_csp_is_strict_and_allows_nothing_remote() {
    let config = config();
    let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().unwrap(), parts.collect())
        })
        .collect();
    let sources = |name: &str| directives.iter().find(|(n, _)| *n == name).map(|(_, s)| s.clone()).unwrap_or_default();
    assert_eq!(sources("default-src"), ["'self'"]);
    assert_eq!(sources("script-src"), ["'self'"]);
    assert_eq!(sources("object-src"), ["'none'"]);
    assert!(!csp.contains("unsafe-eval") && !csp.contains("unsafe-inline"), "{csp}");
    for (name, list) in &directives {
        for source in list {
            let remote = source.starts_with("https:") || source.starts_with("http:") || *source == "*" || source.starts_with("ws");
            // The one http source allowed is Tauri's own IPC endpoint on Windows.
            assert!(!remote || *source == "http://ipc.localhost", "{name} allows {source}");
        }
    }
    assert_eq!(config["app"]["withGlobalTauri"], serde_json::json!(false));
    assert_eq!(config["build"]["frontendDist"], serde_json::json!("ui/dist"), "the window loads only the bundled UI");
}

#[test]
fn capabilities_grant_only_the_apps_own_registered_commands() {
    let manifest = app_commands();
    let mut granted = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("src-tauri/capabilities")).unwrap() {
        let capability: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        assert!(capability.get("remote").is_none(), "no capability for remote content");
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        for permission in capability["permissions"].as_array().unwrap() {
            let permission = permission.as_str().expect("plain permission names");
            let command = permission.strip_prefix("allow-").unwrap_or_else(|| panic!("{permission} is not an app command permission"));
            granted.insert(command.replace('-', "_"));
        }
    }
    assert_eq!(granted, manifest, "the window is granted exactly the app's commands");
}

#[test]
fn the_window_loads_no_frame_and_no_inline_style() {
    // Tauri's isolation pattern was dropped in issue 15: its hook let through exactly the commands
    // the capability grants (a second copy of the same check, in the web view), and it cost ~115 ms
    // of every start (its frame's load and first message before the page's first call). Without
    // it the window needs no frame at all, nor the hash of the frame's inline style.
    let config = config();
    assert!(config["app"]["security"].get("pattern").is_none(), "no isolation frame: {}", config["app"]["security"]);
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    let directive = |name: &str| csp.split(';').map(str::trim).find(|d| d.split_whitespace().next() == Some(name)).map(str::to_owned);
    assert_eq!(directive("frame-src").as_deref(), Some("frame-src 'none'"), "{csp}");
    assert_eq!(directive("style-src").as_deref(), Some("style-src 'self'"), "{csp}");
    for dependency in ["tauri = {", "tauri-build = {"] {
        let cargo = read("Cargo.toml");
        let line = cargo.lines().find(|line| line.starts_with(dependency)).unwrap_or_else(|| panic!("{dependency}"));
        assert!(!line.contains("\"isolation\""), "{line}");
    }
}
