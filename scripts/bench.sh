#!/usr/bin/env bash
# The `bench` command: round trips, PUT throughput against the raw SDK floor, the host's memory during evidence uploads and
# the year's workbook, the scoring engine, standings and reminder scaling, the cold start and the due-day rush, against a
# throw-away Azurite on 127.0.0.1:10200-10202 (BENCH_AZURITE_PORTS="BLOB QUEUE TABLE" for others), or against the storage
# account whose connection string is in COMPACTS_BENCH_STORAGE (tables and a queue with a random prefix, deleted at the end of a completed run).
# `--quick` runs smaller sizes. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
BENCH_PID=""
stop_on_exit BENCH_PID # the bench first (it stops the development host it started), then Azurite
if [ -z "${COMPACTS_BENCH_STORAGE:-}" ]; then
  # shellcheck disable=SC2086 # three ports
  AZURITE_BENCH=1 start_azurite ${BENCH_AZURITE_PORTS:-10200 10201 10202}
  export COMPACTS_BENCH_STORAGE="$AZURITE_CONNECTION" COMPACTS_BENCH_AZURITE_PID="$AZURITE_PID"
fi
build_log=$(dotnet build tests/Compacts.Bench -c Release -v quiet -nologo 2>&1) || { echo "$build_log" >&2; exit 1; }
# BenchmarkDotNet's progress lines are dropped; the tables stay.
dotnet tests/Compacts.Bench/bin/Release/net10.0/Compacts.Bench.dll "$@" > >(grep --line-buffered -vE '^(//|\s*$)|^(IQR|Artifacts|Run|Overhead|Workload|Job|OverheadJitting|WorkloadJitting|WorkloadPilot|OverheadWarmup|OverheadActual|WorkloadWarmup|WorkloadActual|WorkloadResult|GC:|Threading:|Mean =|Min =|Median =|Max =|Skewness|Confidence|\[|Percentiles|ConfidenceInterval|Histogram|-)|Benchmark|BenchmarkDotNet|^  |\| Method|\|-|Runtime=|IterationCount|LaunchCount|Toolchain|WarmupCount|Legends|Export|Global total|\* ' || true) &
BENCH_PID=$!
status=0
wait "$BENCH_PID" || status=$?
BENCH_PID=""
exit "$status"
