#!/usr/bin/env bash
# Builds and lints infra/main.bicep with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64), offline.
# Fails on any warning or error. Extra arguments: another .bicep file to check.
# `--newest-api-versions`: lists the resource types of infra/ that have a newer API version in this CLI's type index (the
# date-dependent rule use-recent-api-versions, run with the clock far ahead; needs faketime). Raising one is a deliberate
# change: the Bicep and tests/Compacts.Functions.Tests/InfraApiVersionsTests.cs together.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore infra/tools/BicepCli.csproj --verbosity quiet -nologo >/dev/null
version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\([0-9.]*\)\]".*/\1/p' infra/tools/BicepCli.csproj)
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
chmod +x "$bicep"
if [ "${1:-}" = --newest-api-versions ]; then
  copy=$(mktemp -d)
  trap 'rm -rf "$copy"' EXIT
  cp -r infra/. "$copy"
  printf '{ "analyzers": { "core": { "enabled": true, "rules": { "use-recent-api-versions": { "level": "warning" } } } } }\n' >"$copy/bicepconfig.json"
  faketime '2100-01-01' "$bicep" lint "$copy/main.bicep" 2>&1 \
    | sed -n "s/.*API version for '\([^']*\)'\. '\([^']*\)'.*Acceptable versions: \([0-9a-z-]*\).*/\1: \2 -> \3/p" | sort -u
  echo "(types not listed use the newest API version Bicep $version knows)"
  exit 0
fi
file=${1:-infra/main.bicep}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
"$bicep" build "$file" --stdout >/dev/null 2>"$out" || status=$?
"$bicep" lint "$file" >>"$out" 2>&1 || status=$?
if [ "$status" -ne 0 ] || grep -qE '(Warning|Error) ' "$out"; then
  echo "bicep: $file has diagnostics:" >&2
  cat "$out" >&2
  exit 1
fi
echo "bicep $("$bicep" --version | grep -o '[0-9][0-9.]*' | head -1): $file builds and lints with no warnings"
