//! What the web view may do, read from the configuration the app is built with: a strict CSP,
//! no global Tauri object, no remote content, and capabilities that grant only the app's own
//! commands — each of which is registered, and no registered command left ungated — and Tauri's
//! isolation pattern, whose hook lets through exactly those commands.

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
/// permission manifest (build.rs), the invoke handler, the capability and the isolation allow-list.
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

/// The names in `const APP_COMMANDS` of the isolation application's generated commands.js.
fn isolation_commands(dir: &str) -> BTreeSet<String> {
    let script = read(&format!("{dir}/commands.js"));
    let list = script.split("const APP_COMMANDS = [").nth(1).expect("commands.js declares APP_COMMANDS").split("];").next().unwrap();
    list.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn every_ipc_message_passes_the_isolation_hook_which_allows_only_the_apps_commands() {
    let config = config();
    let pattern = &config["app"]["security"]["pattern"];
    assert_eq!(pattern["use"], serde_json::json!("isolation"), "the isolation pattern is on: {pattern}");
    let dir = pattern["options"]["dir"].as_str().expect("the isolation application's folder");
    assert_eq!(dir, "ui/isolation");

    let manifest = app_commands();
    assert_eq!(isolation_commands(dir), manifest, "the isolation hook allows exactly the app's commands");
    let script = read(&format!("{dir}/index.js"));
    assert!(script.contains("window.__TAURI_ISOLATION_HOOK__"), "index.js sets the hook");
    let refused = script.split("const REFUSED = \"").nth(1).and_then(|rest| rest.split('"').next()).expect("index.js names REFUSED");
    assert!(!manifest.contains(refused), "a refused call must become a command that does not exist");
    assert!(script.contains("new Set(APP_COMMANDS)"), "index.js allows the generated list");

    // Only scripts by `src` (Tauri inlines them and allows them by hash): no inline script of ours;
    // the list first, so that the hook finds it.
    let html = read(&format!("{dir}/index.html"));
    let (list_at, hook_at) = (html.find("src=\"commands.js\"").expect("loads commands.js"), html.find("src=\"index.js\"").expect("loads index.js"));
    assert!(list_at < hook_at, "commands.js before index.js");
    for tag in html.split("<script").skip(1) {
        let (open, rest) = tag.split_once('>').unwrap();
        assert!(open.contains("src="), "index.html: a script without src");
        assert!(rest.trim_start().starts_with("</script>"), "index.html: inline script content");
    }

    // Tauri's features follow the pattern (tauri-build refuses a mismatch; keep tauri's too).
    let cargo = read("Cargo.toml");
    for dependency in ["tauri = {", "tauri-build = {"] {
        let line = cargo.lines().find(|line| line.starts_with(dependency)).unwrap_or_else(|| panic!("{dependency}"));
        assert!(line.contains("\"isolation\""), "{line}");
    }

    // The CSP lets in only what the isolation frame needs: Tauri adds the frame's random origin
    // (isolation-<uuid>://localhost) to default-src at run time but to no other directive, so no
    // frame-src (or child-src) may shadow default-src; and the one extra style is the hash of the
    // rule that hides the frame (tauri_utils::pattern::isolation::IFRAME_STYLE).
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    assert!(!csp.contains("frame-src") && !csp.contains("child-src"), "{csp}");
    let style_src = csp.split(';').map(str::trim).find(|d| d.starts_with("style-src ")).expect("style-src");
    assert_eq!(style_src, "style-src 'self' 'sha256-YEercZJImS+vUX2bz7vkQ0aA4rtBIPLuCEWz+yraQ/g='");
}
