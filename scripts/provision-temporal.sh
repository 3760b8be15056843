#!/usr/bin/env bash
# Finds or builds the Temporal CLI (dev server + Web UI) and prints its path on the last line of stdout.
# Order: $TEMPORAL_CLI_PATH, `temporal` on PATH, the cached build, `go install` where Go is present,
# and last the Temporal SDK's own download. Progress goes to stderr.
set -euo pipefail

VERSION="v1.5.1" # later tags carry a `replace` directive that `go install` refuses
CACHE_ROOT="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
CACHE_DIR="$CACHE_ROOT/temporal-$VERSION"
CACHED="$CACHE_DIR/temporal"

say() { echo "[temporal-cli] $*" >&2; }
works() { [[ -x "$1" ]] && "$1" --version >/dev/null 2>&1; }

if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
  works "$TEMPORAL_CLI_PATH" || { say "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not a working temporal binary"; exit 1; }
  echo "$TEMPORAL_CLI_PATH"; exit 0
fi
if on_path=$(command -v temporal 2>/dev/null) && works "$on_path"; then
  echo "$on_path"; exit 0
fi
if works "$CACHED"; then
  echo "$CACHED"; exit 0
fi

GO_BIN=$(command -v go 2>/dev/null || true)
[[ -z "$GO_BIN" && -x /usr/local/go/bin/go ]] && GO_BIN=/usr/local/go/bin/go
TICK="${SWITCHBOARD_PROVISION_TICK:-10}" # seconds between progress lines
USUAL_SECONDS=300                        # a first build on 2 cores: module downloads, then the compile
USUAL_PACKAGES=1300                      # what `go install -v` lists on a cold cache (standard library included)

# Two starts at once (npm start beside a test run) build once: the second waits for the first.
if [[ -n "$GO_BIN" ]] && command -v flock >/dev/null 2>&1; then
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/.build.lock"
  if ! flock -n 9; then
    say "another start is building temporal $VERSION into $CACHE_DIR; waiting for it"
    flock 9
  fi
  if works "$CACHED"; then echo "$CACHED"; exit 0; fi
fi

# "1m05s"
human() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# One line of where the build stands, from its log: `go: downloading` lines, then (with -v) one line per compiled package.
compile_started=""
progress() {
  local elapsed=$1 modules packages latest left
  modules=$(grep -c '^go: downloading' "$LOG" 2>/dev/null || true)
  packages=$(grep -vc '^go: ' "$LOG" 2>/dev/null || true)
  left=$((USUAL_SECONDS - elapsed))
  if ((left > 0)); then left="about $(human "$left") left"; else left="longer than usual, still going"; fi
  if ((modules == 0 && packages == 0)); then
    say "working ($(human "$elapsed"), usually ~5 min in all, $left): resolving modules, or building from Go's caches (cached work is not listed)"
  elif ((packages == 0)); then
    latest=$({ grep '^go: downloading' "$LOG" 2>/dev/null || true; } | tail -n 1 | cut -d' ' -f3-4)
    say "downloading modules ($(human "$elapsed"), usually ~5 min in all, $left): modules fetched ${modules:-0}${latest:+, latest $latest}"
  else
    # Once compiling, the time left follows this machine's own pace over the packages so far.
    compile_started=${compile_started:-$elapsed}
    if ((packages >= 20 && packages < USUAL_PACKAGES && elapsed - compile_started >= 30)); then
      left="about $(human $(((elapsed - compile_started) * (USUAL_PACKAGES - packages) / packages))) left at this pace"
    fi
    latest=$({ grep -v '^go: ' "$LOG" 2>/dev/null || true; } | tail -n 1 | cut -c1-80)
    say "still compiling ($(human "$elapsed"), usually ~5 min in all, $left): packages compiled $packages of about $USUAL_PACKAGES, latest $latest"
  fi
}

if [[ -n "$GO_BIN" ]]; then
  mkdir -p "$CACHE_DIR"
  say "First start on this machine: the local Temporal server (dev server and Web UI) is the Temporal CLI, and none was found"
  say "(no TEMPORAL_CLI_PATH, no \`temporal\` on PATH, nothing cached). Building temporal $VERSION from source with"
  say "$("$GO_BIN" version | cut -d' ' -f3) into $CACHE_DIR: about 5 minutes, once per machine; every later start reuses it."
  say "Progress every ${TICK}s: module downloads first, then the compile. To skip the build, set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS."
  LOG="$CACHE_DIR/build.log"
  : >"$LOG"
  ( GOBIN="$CACHE_DIR" GOFLAGS=-mod=mod "$GO_BIN" install -v "github.com/temporalio/cli/cmd/temporal@$VERSION" >"$LOG" 2>&1; echo $? >"$LOG.rc" ) &
  pid=$!
  start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep "$TICK"
    if kill -0 "$pid" 2>/dev/null; then progress $((SECONDS - start)) || true; fi
  done
  wait "$pid" || true
  if [[ "$(cat "$LOG.rc" 2>/dev/null)" == "0" ]] && works "$CACHED"; then
    say "built in $(human $((SECONDS - start))): $CACHED"
    echo "$CACHED"; exit 0
  fi
  say "go install failed; last lines of $LOG:"; tail -n 20 "$LOG" >&2 || true
fi

say "trying the Temporal SDK's own download"
here=$(cd "$(dirname "$0")/.." && pwd)
if path=$(cd "$here" && node scripts/sdk-download-temporal.mjs "$CACHE_DIR" 2>&2) && works "$path"; then
  echo "$path"; exit 0
fi
say "no Temporal CLI could be found or built. Install Go (https://go.dev) or set TEMPORAL_CLI_PATH."
exit 1
