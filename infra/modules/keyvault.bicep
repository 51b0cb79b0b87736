@description('Location of the vault.')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name.')
param name string

@description('The SendGrid API key; empty leaves the secret to be set later (see the README).')
@secure()
param sendGridApiKey string

@description('Name of the secret holding the SendGrid API key.')
param sendGridSecretName string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: { value: sendGridApiKey }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
