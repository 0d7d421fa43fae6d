# Sourced by the tests of leafpress serve (after lib.sh): starts the real
# server on a free port in a project, waits for the address it prints, and
# stops it when the test ends, whatever happens.

# A copy of the project (the server must write nothing into it; the test
# compares its files before and after).
serve_project() {
  local dir=$1
  mkdir -p "$dir"
  cp -r "$SRC/leafpress.yaml" "$SRC/languages.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/text" "$dir/"
}

SERVE_PIDS=()
serve_stop_all() {
  local p
  for p in "${SERVE_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  SERVE_PIDS=()
}
at_exit serve_stop_all

# serve_start NAME DIR [OPTIONS…]: starts `leafpress serve --port 0` in DIR;
# sets $URL (the printed address) and $PID. Output goes to $T/NAME.out/.err.
serve_start() {
  local name=$1 dir=$2
  shift 2
  # The files exist before the background job opens them: the loop below
  # may read before it does.
  : >"$T/$name.out"
  : >"$T/$name.err"
  (cd "$dir" && exec "$LP" serve --port 0 "$@") >"$T/$name.out" 2>"$T/$name.err" &
  PID=$!
  SERVE_PIDS+=("$PID")
  local i
  URL=
  for i in $(seq 1 600); do
    URL=$(sed -n 's/^leafpress serve: the front desk is at \(http[^ ]*\)$/\1/p' "$T/$name.out")
    [ -n "$URL" ] && break
    kill -0 "$PID" 2>/dev/null || fail "serve exited before it printed its address: $(cat "$T/$name.err")"
    sleep 0.1
  done
  [ -n "$URL" ] || fail "serve printed no address in 60 s: $(cat "$T/$name.out" "$T/$name.err")"
  BASE=${URL%%\?*}
}

# serve_stop PID: SIGTERM, then the exit status in $status (within 10 s).
serve_stop() {
  local pid=$1 i
  kill -TERM "$pid"
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && fail "serve did not stop within 10 s of SIGTERM"
  status=0
  wait "$pid" || status=$?
}

# The page's CSRF token (every form carries it).
csrf_of() {
  sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1
}
