@description('Location of the account.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name (3-24 lower-case letters and digits).')
param name string

@description('Tables the app uses.')
param tables array

@description('The private container of signed scans.')
param scansContainer string

@description('The private container of evidence files (minh chứng).')
param evidenceContainer string

@description('Microsoft Defender for Storage with on-upload malware scanning on this account: every new blob is scanned and gets the index tag "Malware Scanning scan result".')
param malwareScanning bool = false

@description('Gigabytes malware scanning may scan per month (-1: no cap).')
param malwareScanningCapGBPerMonth int = 100

@description('The container the function app is deployed from.')
param deploymentContainer string

@description('The work queues of the queue-triggered functions (standings, reminders); each gets its poison queue too.')
param workQueues array

@description('Days a deleted blob (or blob version) can be restored.')
param softDeleteDays int = 30

resource account 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys, no connection strings
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-09-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

resource scans 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: scansContainer
  properties: { publicAccess: 'None' }
}

resource evidence 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: evidenceContainer
  properties: { publicAccess: 'None' }
}

// Per-account settings, so the scan is on whatever the subscription's plan says; the app refuses a URL for a blob tagged "Malicious".
resource defender 'Microsoft.Security/defenderForStorageSettings@2025-06-01' = if (malwareScanning) {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: { isEnabled: true, capGBPerMonth: malwareScanningCapGBPerMonth }
    }
    sensitiveDataDiscovery: { isEnabled: false }
  }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-09-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = [for table in tables: {
  parent: tableService
  name: table
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-09-01' = {
  parent: account
  name: 'default'
}

resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [for queue in workQueues: {
  parent: queueService
  name: queue
}]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [for queue in workQueues: {
  parent: queueService
  name: '${queue}-poison'
}]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
