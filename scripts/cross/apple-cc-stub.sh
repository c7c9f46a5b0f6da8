#!/usr/bin/env bash
# A stand-in C/C++/Objective-C compiler for Apple targets, used only by the type-check for macOS
# (scripts/cross-check.sh). There is no Apple SDK on Linux, so build scripts that compile C for
# Apple (bundled SQLite, objc2's exception helper, notification shims) cannot really compile here.
# A `cargo check` links nothing, so their object files only have to exist: this writes an empty
# Mach-O object wherever one is asked for. What it proves is therefore only that the Rust code and
# the Rust dependencies compile for macOS; the C code is not compiled, nothing is linked.
#
# The cc crate asks three kinds of question:
#   -E <file>   which compiler family this is (GNU, Clang, MSVC): answered by the real clang, so it
#               says "Clang" and cc passes Clang-style flags;
#   -?          whether this is clang-cl: must fail, or cc switches to MSVC flags (`-Fo…`);
#   anything else compiles: an empty object for the target is written to the `-o` path.
set -euo pipefail

# The target checked: Apple silicon (aarch64-apple-darwin).
triple=arm64-apple-macos11

output=""
previous=""
for argument in "$@"; do
  case "$argument" in
    -E) exec clang -target "$triple" "$@" ;;
    '-?') echo "apple-cc-stub: not clang-cl" >&2; exit 1 ;;
  esac
  if [ "$previous" = "-o" ]; then output="$argument"; fi
  case "$argument" in -o?*) output="${argument#-o}" ;; esac
  previous="$argument"
done

if [ -z "$output" ]; then
  echo "apple-cc-stub: no -o in: $*" >&2
  exit 1
fi
clang -target "$triple" -x c -c - -o "$output" </dev/null
