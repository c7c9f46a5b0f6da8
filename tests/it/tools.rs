//! Finding the example binaries (built by `cargo test` beside the test binary).

use std::path::PathBuf;

pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/it-<hash> → target/debug/examples/<name>
    let debug_dir = exe.parent().and_then(|deps| deps.parent()).expect("target/debug");
    let path = debug_dir.join("examples").join(name);
    assert!(path.exists(), "{} is missing: `cargo test` builds it (or `cargo build --examples`)", path.display());
    path
}
