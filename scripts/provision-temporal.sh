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
if [[ -n "$GO_BIN" ]]; then
  mkdir -p "$CACHE_DIR"
  say "building temporal $VERSION with $("$GO_BIN" version) into $CACHE_DIR (a few minutes, once per machine)"
  LOG="$CACHE_DIR/build.log"
  ( GOBIN="$CACHE_DIR" GOFLAGS=-mod=mod "$GO_BIN" install "github.com/temporalio/cli/cmd/temporal@$VERSION" >"$LOG" 2>&1; echo $? >"$LOG.rc" ) &
  pid=$!
  start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    say "still building ($((SECONDS - start))s): $(tail -n 1 "$LOG" 2>/dev/null | cut -c1-100)"
  done
  wait "$pid" || true
  if [[ "$(cat "$LOG.rc" 2>/dev/null)" == "0" ]] && works "$CACHED"; then
    say "built in $((SECONDS - start))s"
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
