# Sourced by run.sh and test.sh: start_azurite BLOB_PORT QUEUE_PORT TABLE_PORT starts Azurite on 127.0.0.1 with a
# throw-away data folder and sets AZURITE_PID and AZURITE_CONNECTION; stop_azurite stops it and removes the folder.
AZURITE_PID=""
AZURITE_DIR=""

start_azurite() {
  local blob=$1 queue=$2 table=$3
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
  AZURITE_DIR=$(mktemp -d -t azurite.XXXXXX)
  # The debug log helps when a test fails. The benchmark sets AZURITE_BENCH=1: no per-request debug log, and no
  # periodic save of the whole store to disk, which stalls Azurite for longer as the store grows.
  local store=(--location "$AZURITE_DIR" --debug "$AZURITE_DIR/debug.log")
  [ "${AZURITE_BENCH:-0}" = 1 ] && store=(--inMemoryPersistence)
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableProductStyleUrl "${store[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$AZURITE_DIR/azurite.log" 2>&1 &
  AZURITE_PID=$!
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  wait_for_port "$table" 30 || { echo "Azurite did not start; see $AZURITE_DIR/azurite.log" >&2; cat "$AZURITE_DIR/azurite.log" >&2; return 1; }
  wait_for_port "$blob" 10
}

wait_for_port() {
  node -e '
    const net = require("node:net"); const [port, seconds] = process.argv.slice(1).map(Number);
    const until = Date.now() + seconds * 1000;
    (function attempt() {
      const s = net.connect(port, "127.0.0.1", () => { s.end(); process.exit(0); });
      s.on("error", () => Date.now() > until ? process.exit(1) : setTimeout(attempt, 200));
    })();' "$1" "$2"
}

port_in_use() { wait_for_port "$1" 0 2>/dev/null; }

# stop_process PID: TERM, up to 5 s to exit, then KILL (Azurite's graceful shutdown can hang after a Ctrl+C).
stop_process() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# stop_on_exit VAR: on exit, Ctrl+C or TERM, stop the process whose PID is in $VAR (if any), then Azurite.
stop_on_exit() {
  STOP_PID_VAR=$1
  trap _stop_on_exit EXIT INT TERM
}

_stop_on_exit() {
  trap - EXIT INT TERM
  local pid=${!STOP_PID_VAR:-}
  if [ -n "$pid" ]; then stop_process "$pid"; fi
  stop_azurite
}

stop_azurite() {
  if [ -n "$AZURITE_PID" ]; then stop_process "$AZURITE_PID"; fi
  if [ -n "$AZURITE_DIR" ]; then rm -rf "$AZURITE_DIR"; fi
  AZURITE_PID=""; AZURITE_DIR=""
}
