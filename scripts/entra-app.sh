#!/usr/bin/env bash
# Creates or updates (idempotently) the Entra ID app registration that both the API's App Service Authentication and the
# portal's sign-in use, and stores AUTH_CLIENT_ID / AUTH_TENANT_ID in the current azd environment:
#   - application id URI api://{appId}, access tokens v2 (what Easy Auth's v2.0 issuer expects);
#   - the delegated scope user_impersonation (the portal asks for api://{appId}/user_impersonation);
#   - the app role Compacts.Admin (cluster secretariats);
#   - with --portal-url, the portal's SPA redirect URI {portal}/auth-redirect.html (run again after the first `azd up`).
# Needs `az login` as someone who may create app registrations, and `azd env select`ed. Not run from this repository's
# CI (no Azure there).
set -euo pipefail
name="Giao ước thi đua"
portal_url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --portal-url) portal_url=${2%/}; shift 2 ;;
    --name) name=$2; shift 2 ;;
    *) echo "usage: $0 [--name NAME] [--portal-url https://portal.example]" >&2; exit 2 ;;
  esac
done

appId=$(azd env get-value AUTH_CLIENT_ID 2>/dev/null || true)
if [ -z "$appId" ] || ! az ad app show --id "$appId" >/dev/null 2>&1; then
  appId=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)
  echo "created the app registration $appId"
fi
objectId=$(az ad app show --id "$appId" --query id -o tsv)

# Keep the ids of an existing role and scope: Entra ID refuses to replace an enabled one.
roleId=$(az ad app show --id "$appId" --query "appRoles[?value=='Compacts.Admin'].id | [0]" -o tsv)
[ -n "$roleId" ] && [ "$roleId" != None ] || roleId=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)
scopeId=$(az ad app show --id "$appId" --query "api.oauth2PermissionScopes[?value=='user_impersonation'].id | [0]" -o tsv)
[ -n "$scopeId" ] && [ "$scopeId" != None ] || scopeId=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)

azureCli=04b07795-8ddb-461a-bbee-02f9e1bf7b46 # the Azure CLI, so `az account get-access-token --resource api://{appId}` works for admins
spa=""
if [ -n "$portal_url" ]; then
  spa=", \"spa\": { \"redirectUris\": [\"$portal_url/auth-redirect.html\"] }"
fi
body=$(cat <<JSON
{
  "identifierUris": ["api://$appId"],
  "appRoles": [{ "id": "$roleId", "value": "Compacts.Admin", "displayName": "Compacts.Admin", "isEnabled": true,
                 "allowedMemberTypes": ["User"], "description": "Cluster secretariat: manages compacts, units and reporters" }],
  "api": {
    "requestedAccessTokenVersion": 2,
    "oauth2PermissionScopes": [{ "id": "$scopeId", "value": "user_impersonation", "type": "User", "isEnabled": true,
      "adminConsentDisplayName": "Use the emulation compacts API", "adminConsentDescription": "Submit and read reports and standings as the signed-in user.",
      "userConsentDisplayName": "Use the emulation compacts API", "userConsentDescription": "Submit and read reports and standings as you." }],
    "preAuthorizedApplications": [{ "appId": "$azureCli", "delegatedPermissionIds": ["$scopeId"] }]
  },
  "requiredResourceAccess": [{ "resourceAppId": "$appId", "resourceAccess": [{ "id": "$scopeId", "type": "Scope" }] }]$spa
}
JSON
)
az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$objectId" \
  --headers Content-Type=application/json --body "$body" >/dev/null
az ad sp show --id "$appId" >/dev/null 2>&1 || az ad sp create --id "$appId" >/dev/null

azd env set AUTH_CLIENT_ID "$appId"
azd env set AUTH_TENANT_ID "$(az account show --query tenantId -o tsv)"
echo "app registration $appId: api://$appId/user_impersonation, role Compacts.Admin${portal_url:+, SPA redirect $portal_url/auth-redirect.html}"
echo "so users are not asked to consent one by one: az ad app permission admin-consent --id $appId"
