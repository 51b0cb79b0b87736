#!/usr/bin/env bash
# Runs the API on http://localhost:7071/api with Azurite and the Cluster 6 demo data.
# Uses Azure Functions Core Tools (`func start`) when installed, otherwise the repo's development host.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/azurite.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

HOST_PID=""
stop_on_exit HOST_PID

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
if port_in_use 10002; then
  echo "Something already listens on 127.0.0.1:10002 (another Azurite?); stop it first." >&2
  exit 1
fi
start_azurite 10000 10001 10002
echo "Azurite: blob 10000, queue 10001, table 10002 (data in $AZURITE_DIR, removed on exit)"

# Without a SendGrid key, mails are written here (one .eml file each).
export SendGrid__OutboxPath="$PWD/.outbox"
settings=functions/Compacts.Functions/local.settings.json
if [ -f "$settings" ]; then
  # Add settings that newer versions read, keeping the values already there.
  node -e '
    const fs = require("node:fs"); const [sample, local] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const added = Object.keys(sample.Values).filter((k) => !(k in local.Values));
    for (const k of added) local.Values[k] = sample.Values[k];
    if (added.length) { fs.writeFileSync(process.argv[2], JSON.stringify(local, null, 2) + "\n"); console.log("local.settings.json: added " + added.join(", ")); }
  ' local.settings.sample.json "$settings"
else
  cp local.settings.sample.json "$settings"
fi

if command -v func >/dev/null 2>&1; then
  echo "Starting the Functions host (func start)…"
  (cd functions/Compacts.Functions && exec func start --port 7071) &
else
  echo "Azure Functions Core Tools not found: starting the development host."
  dotnet build functions/Compacts.DevHost -c Debug -v quiet -nologo
  (cd functions/Compacts.DevHost && exec dotnet bin/Debug/net10.0/Compacts.DevHost.dll --DevHost:SettingsFile "../../$settings") &
fi
HOST_PID=$!

node -e '
  const until = Date.now() + 120000;
  (async function poll() {
    try { const r = await fetch("http://127.0.0.1:7071/api/health"); if (r.ok) process.exit(0); } catch {}
    if (Date.now() > until) { console.error("The API did not come up on :7071"); process.exit(1); }
    setTimeout(poll, 500);
  })();'
node scripts/seed-demo.mjs http://127.0.0.1:7071/api

admin=$(node -e 'console.log(Buffer.from(JSON.stringify({auth_typ:"aad",claims:[{typ:"preferred_username",val:"thu-ky@cum6.bocongan.vn"},{typ:"roles",val:"Compacts.Admin"}],name_typ:"name",role_typ:"roles"})).toString("base64"))')
cat <<MSG

The API is up on http://localhost:7071/api with the demo data. Mails are in .outbox/ ($(ls .outbox 2>/dev/null | wc -l) so far). Try:
  curl -H "X-MS-CLIENT-PRINCIPAL: $admin" http://localhost:7071/api/compacts/cum6-2024/reports/2024-06
Press Ctrl+C to stop (Azurite and the host stop with it).
MSG
wait "$HOST_PID"
