#!/usr/bin/env bash
# Runs every test against a throw-away Azurite it starts and stops; ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=$(mktemp -d -t test-results.XXXXXX)
trap 'stop_azurite; rm -rf "$results"' EXIT INT TERM

# Ports of their own, so a running `scripts/run.sh` (10000-10002) is left alone; TEST_AZURITE_PORTS="B Q T" and
# TEST_PORTAL_PORT let two checkouts test at once.
read -r blob_port queue_port table_port <<<"${TEST_AZURITE_PORTS:-10100 10101 10102}"
start_azurite "$blob_port" "$queue_port" "$table_port"
portal_port=${TEST_PORTAL_PORT:-7171}
export COMPACTS_TEST_STORAGE="$AZURITE_CONNECTION"
export RELIABILITY_SUMMARY="$results/reliability-summary.txt"

# The readers the office-document tests check files with (docs/documents.md): LibreOffice, openpyxl, python-docx.
office_readers_present() { [ -x /usr/bin/soffice ] && /usr/bin/python3 -c "import openpyxl, docx" 2>/dev/null; }
if ! office_readers_present; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's LibreOffice, python3-openpyxl and python3-docx for the office-document tests"
    (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc libreoffice-writer python3-openpyxl python3-docx) >/dev/null 2>&1 || true
  fi
  office_readers_present || echo "office-document tests: LibreOffice or python3-openpyxl/python3-docx is missing (apt-get install libreoffice-calc libreoffice-writer python3-openpyxl python3-docx); they will fail" >&2
fi

status=0
dotnet test Serverless.sln --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# The HTTP end-to-end tests (tests/http, any host: API_URL) and the reference portal in headless Chromium
# (playwright-core), against one development host with the demo data.
host_tests() {
  local prefix="p$(date +%s%N | tail -c 9)"
  local log="$results/portal-host.log"
  (cd functions/Compacts.DevHost && exec env Storage__ConnectionString="$AZURITE_CONNECTION" AzureWebJobsStorage="$AZURITE_CONNECTION" \
    Storage__TablePrefix="$prefix" Storage__QueuePrefix="$prefix-" Scans__Container="$prefix-scans" Evidence__Container="$prefix-evidence" \
    SendGrid__OutboxPath="$results/outbox" DevHost__RunTimers=false DevHost__RunQueues=true DevHost__SettingsFile=/nonexistent \
    dotnet bin/Debug/net10.0/Compacts.DevHost.dll --urls http://127.0.0.1:$portal_port) >"$log" 2>&1 &
  local host=$!
  if wait_for_port "$portal_port" 60 && node scripts/seed-demo.mjs "http://127.0.0.1:$portal_port/api" >>"$log" 2>&1; then
    node_tests http "API_URL=http://127.0.0.1:$portal_port/api" tests/http/
    if [ "${SKIP_PORTAL_TESTS:-}" != 1 ]; then portal_tests; fi
  else
    echo "host tests: the development host did not start; see below" >&2
    cat "$log" >&2
    failed_node=$((failed_node + 1))
  fi
  stop_process "$host"
}
# node_tests NAME ENV=VALUE FOLDER: Node's test runner, its counts added to passed_node and failed_node.
node_tests() {
  env "$2" PORTAL_SCREENSHOTS="${PORTAL_SCREENSHOTS:-artifacts/screenshots}" PORTAL_URL="http://127.0.0.1:$portal_port" \
    node --test --test-reporter=tap "$3" >"$results/$1.tap" 2>&1 || true
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results/$1.tap"); f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results/$1.tap")
  grep -E '^(not )?ok ' "$results/$1.tap" | sed "s/^/$1: /" || true
  if [ "${f:-1}" != 0 ]; then cat "$results/$1.tap" >&2; fi
  passed_node=$((passed_node + ${p:-0})); failed_node=$((failed_node + ${f:-1}))
}
# PORTAL_TESTS: one browser test file instead of the folder (e.g. tests/portal/review.test.mjs).
# CHROMIUM: another Chromium-based browser (e.g. the GitHub runner's /usr/bin/google-chrome) instead of Debian's chromium.
portal_tests() {
  if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
    node_tests portal "CHROMIUM=$CHROMIUM" "${PORTAL_TESTS:-tests/portal/}"
    return
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || true
    fi
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    echo "portal tests: Debian's chromium is not installed (apt-get install chromium); counted as failed" >&2
    failed_node=$((failed_node + 1))
    return
  fi
  node_tests portal "CHROMIUM=$(command -v chromium)" "${PORTAL_TESTS:-tests/portal/}"
}
passed_node=0; failed_node=0
if [ "${SKIP_HOST_TESTS:-}" != 1 ]; then host_tests; fi
passed=$((passed + passed_node)); failed=$((failed + failed_node))

if [ -s "$RELIABILITY_SUMMARY" ]; then cat "$RELIABILITY_SUMMARY"; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=${status/#0/1}; echo "no tests ran" >&2; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
