targetScope = 'subscription'

// The whole system for `azd up`: resource group, monitoring, identity, storage, Key Vault, the function app (Flex Consumption)
// with Easy Auth, and the role assignments. Every app setting the app reads is set here (tests/…/InfraSettingsTests checks it).

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource but the portal: one where Flex Consumption runs (check with `az functionapp list-flexconsumption-locations`).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'eastus2euap'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'japanwest'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'switzerlandnorth'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deployer (azd sets AZURE_PRINCIPAL_ID): data access to the storage account, Key Vault Secrets Officer on the vault. Empty: none.')
param principalId string = ''

@description('Kind of that principal: User when a person runs azd, ServicePrincipal in CI (AZURE_PRINCIPAL_TYPE).')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Appended to the Key Vault\'s name. A deleted vault keeps its name for 90 days (purge protection), so after `azd down` a new suffix lets `azd up` create the vault again; azure.yaml\'s postdown hook sets a new one (KEY_VAULT_SUFFIX).')
@maxLength(8)
param keyVaultSuffix string = ''

@description('Where alerts are mailed (ALERT_EMAIL). Empty: the alerts show in the Azure portal only.')
param alertEmail string = ''

@description('Client id of the Entra ID app registration whose tokens Easy Auth accepts (it defines the role Compacts.Admin).')
param authClientId string

@description('Tenant of the app registration.')
param authTenantId string = subscription().tenantId

@description('Origin of a portal of your own allowed by CORS, e.g. https://thidua.example.gov.vn. Empty: the reference portal (Static Web App).')
param portalOrigin string = ''

@description('Region of the reference portal (Static Web Apps run in a few regions only).')
param portalLocation string = 'eastasia'

@description('SendGrid API key, stored in Key Vault. Empty: set the secret later (README, "Deploy").')
@secure()
param sendGridApiKey string = ''

@description('Sender address of the mails.')
param sendGridFromEmail string = 'thidua@example.gov.vn'

@description('Sender name of the mails.')
param sendGridFromName string = 'Thư ký Cụm thi đua'

@description('true on staging: SendGrid validates and delivers nothing.')
@allowed(['true', 'false'])
param sendGridSandboxMode string = 'false'

@description('SendGrid API base address (the EU data residency host is https://api.eu.sendgrid.com).')
param sendGridHost string = 'https://api.sendgrid.com'

@description('Tries of one send within a run (429 and 5xx are retried).')
param sendGridMaxTries int = 4

@description('Longest Retry-After honoured within a run, in seconds.')
param sendGridMaxRetryAfterSeconds int = 60

@description('Standings planner, NCRONTAB in UTC. Default: every hour at minute 5 (also minute 5 in Hà Nội, UTC+7).')
param standingsSchedule string = '0 5 * * * *'

@description('Days after a period\'s finalize instant that the planner still enqueues it.')
param standingsGraceDays int = 7

@description('Reminder run, NCRONTAB in UTC. Default: 01:00 UTC, which is 08:00 in Hà Nội.')
param remindersSchedule string = '0 0 1 * * *'

@description('Ballot timer, NCRONTAB in UTC: closes ballots at their closesAt and sends the ballot mails. Default: every minute.')
param ballotsSchedule string = '0 * * * * *'

@description('Runs that may try a failed mail again.')
param remindersMaxAttempts int = 5

@description('Minutes a claimed mail is left to its sender before another run may take it over.')
param remindersClaimMinutes int = 30

@description('Days after a period becomes final within which result notices are sent.')
param remindersFinalNoticeDays int = 7

@description('The portal\'s address, whose pages mails link (e.g. https://thidua.example.gov.vn/). Empty: PORTAL_ORIGIN if set, else the reference portal (Static Web App).')
param portalBaseUrl string = ''

@description('Largest signed scan accepted, in bytes (20 MiB).')
param scansMaxBytes int = 20971520

@description('Lifetime of a scan download URL in minutes (1-15).')
@minValue(1)
@maxValue(15)
param scansDownloadMinutes int = 10

@description('Largest evidence file accepted, in bytes (20 MiB).')
param evidenceMaxFileBytes int = 20971520

@description('Most bytes of evidence one revision of a report may hold (100 MiB).')
param evidenceMaxReportBytes int = 104857600

@description('Most evidence files (every version counted) one revision of a report may hold.')
param evidenceMaxFiles int = 50

@description('Lifetime of an evidence download URL in minutes (1-15).')
@minValue(1)
@maxValue(15)
param evidenceDownloadMinutes int = 10

@description('Microsoft Defender for Storage malware scanning of uploads (billed per GB scanned); the app then gives no download URL for a blob tagged malicious.')
@allowed(['true', 'false'])
param malwareScanning string = 'false'

@description('Gigabytes malware scanning may scan per month (-1: no cap).')
param malwareScanningCapGBPerMonth int = 100

@description('Seconds compacts, units and users are reused by an instance; a change through another instance shows after at most this long.')
param cacheSeconds int = 30

@description('Time zone of a compact that names none (IANA).')
param defaultTimeZone string = 'Asia/Ho_Chi_Minh'

var abbrs = {
  resourceGroup: 'rg-'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  identity: 'id-'
  storage: 'st'
  keyVault: 'kv-'
  plan: 'plan-'
  functionApp: 'func-'
}
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var tables = ['units', 'users', 'compacts', 'reports', 'standings', 'scans', 'mail', 'ballots']
var scansContainer = 'scans'
var evidenceContainer = 'evidence'
var deploymentContainer = 'app-package'
var standingsQueue = 'standings-work'
var remindersQueue = 'reminder-work'
var sendGridSecretName = 'sendgrid-api-key'
var functionAppName = '${abbrs.functionApp}${token}'
var storageName = '${abbrs.storage}${token}'
var keyVaultName = '${abbrs.keyVault}${token}${toLower(keyVaultSuffix)}'

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.logAnalytics}${token}'
    applicationInsightsName: '${abbrs.applicationInsights}${token}'
  }
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: '${abbrs.identity}${token}'
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: storageName
    tables: tables
    scansContainer: scansContainer
    evidenceContainer: evidenceContainer
    malwareScanning: malwareScanning == 'true'
    malwareScanningCapGBPerMonth: malwareScanningCapGBPerMonth
    deploymentContainer: deploymentContainer
    workQueues: [standingsQueue, remindersQueue]
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    name: keyVaultName
    sendGridApiKey: sendGridApiKey
    sendGridSecretName: sendGridSecretName
  }
}

module portal 'modules/staticwebapp.bicep' = {
  scope: group
  params: {
    location: portalLocation
    tags: tags
    name: 'stapp-${token}'
  }
}

module roles 'modules/roles.bicep' = {
  scope: group
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// Every setting the app binds (options sections, %…% trigger settings); names use '__' for the configuration's ':'.
var appSettings = {
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__BlobServiceUri: storage.outputs.blobEndpoint
  Storage__QueueServiceUri: storage.outputs.queueEndpoint
  Storage__ClientId: identity.outputs.clientId
  Storage__TablePrefix: ''
  Storage__CreateTablesIfMissing: 'false'
  Storage__CacheSeconds: string(cacheSeconds)
  Auth__ExpectEasyAuth: 'true' // refuse every principal if Easy Auth were ever switched off
  Compacts__DefaultTimeZone: defaultTimeZone
  Standings__Schedule: standingsSchedule
  Standings__GraceDays: string(standingsGraceDays)
  Scans__Container: scansContainer
  Scans__MaxBytes: string(scansMaxBytes)
  Scans__DownloadMinutes: string(scansDownloadMinutes)
  Evidence__Container: evidenceContainer
  Evidence__MaxFileBytes: string(evidenceMaxFileBytes)
  Evidence__MaxReportBytes: string(evidenceMaxReportBytes)
  Evidence__MaxFiles: string(evidenceMaxFiles)
  Evidence__DownloadMinutes: string(evidenceDownloadMinutes)
  Evidence__MalwareScanning: malwareScanning
  SendGrid__ApiKey: empty(sendGridApiKey) ? '' : '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sendGridSecretName})'
  SendGrid__FromEmail: sendGridFromEmail
  SendGrid__FromName: sendGridFromName
  SendGrid__SandboxMode: sendGridSandboxMode
  SendGrid__Host: sendGridHost
  SendGrid__MaxTries: string(sendGridMaxTries)
  SendGrid__MaxRetryAfterSeconds: string(sendGridMaxRetryAfterSeconds)
  Reminders__Schedule: remindersSchedule
  Reminders__MaxAttempts: string(remindersMaxAttempts)
  Reminders__ClaimMinutes: string(remindersClaimMinutes)
  Reminders__FinalNoticeDays: string(remindersFinalNoticeDays)
  Ballots__Schedule: ballotsSchedule
  Reminders__PortalBaseUrl: !empty(portalBaseUrl) ? portalBaseUrl : (empty(portalOrigin) ? '${portal.outputs.url}/' : '${portalOrigin}/')
}

module api 'modules/functionapp.bicep' = {
  scope: group
  dependsOn: [roles]
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: '${abbrs.plan}${token}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainer: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    appSettings: appSettings
    authClientId: authClientId
    authTenantId: authTenantId
    corsOrigins: empty(portalOrigin) ? [portal.outputs.url] : [portalOrigin, portal.outputs.url]
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    namePrefix: 'alert-${token}'
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    storageAccountName: storage.outputs.name
    poisonQueues: ['${standingsQueue}-poison', '${remindersQueue}-poison']
    healthUrl: 'https://${api.outputs.defaultHostName}/api/health'
    alertEmail: alertEmail
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output API_URL string = 'https://${api.outputs.defaultHostName}/api'
output PORTAL_URL string = portal.outputs.url
output AUTH_TENANT_ID string = authTenantId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output SENDGRID_SECRET_NAME string = sendGridSecretName
