#!/usr/bin/env bash
# Install Debian's `chromium` for the headless browser test of `facts report`
# (tests/test_report_browser.py), if it is not there yet.
#
# Why it never fails: the browser test skips itself, with a message, when
# /usr/bin/chromium is missing, so a machine without apt-get, root or a network
# still runs every other test. This script says what happened and exits 0.
#
# Usage (from .ci/run, before `make test`):  scripts/ci_chromium.sh
set -u

CHROMIUM=/usr/bin/chromium
note() { echo "ci_chromium: $*" >&2; }

if [[ -x "$CHROMIUM" ]]; then
    note "found $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    note "apt-get is not available; the browser test will be skipped"
    exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        note "not root and no passwordless sudo; the browser test will be skipped"
        exit 0
    fi
fi

log="$(mktemp -t ci_chromium.XXXXXX)"
apt() {
    DEBIAN_FRONTEND=noninteractive timeout 900 "${sudo[@]}" apt-get -q -y \
        -o DPkg::Lock::Timeout=120 "$@" >>"$log" 2>&1
}
# Try the package lists we have first; refresh them only if that fails.
if apt install chromium || { apt update && apt install chromium; }; then
    note "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    rm -f "$log"
else
    note "could not install chromium (log: $log); the browser test will be skipped"
fi
exit 0
