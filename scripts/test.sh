#!/usr/bin/env bash
# Runs every test against a throw-away Azurite it starts and stops; ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=$(mktemp -d -t test-results.XXXXXX)
trap 'stop_azurite; rm -rf "$results"' EXIT INT TERM

# Ports of their own, so a running `scripts/run.sh` (10000-10002) is left alone.
start_azurite 10100 10101 10102
export COMPACTS_TEST_STORAGE="$AZURITE_CONNECTION"
export RELIABILITY_SUMMARY="$results/reliability-summary.txt"

status=0
dotnet test Serverless.sln --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ -s "$RELIABILITY_SUMMARY" ]; then cat "$RELIABILITY_SUMMARY"; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then status=${status/#0/1}; echo "no tests ran" >&2; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
