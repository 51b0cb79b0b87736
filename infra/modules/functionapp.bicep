@description('Location of the plan and the app.')
param location string

@description('Tags for every resource; the app also gets azd-service-name.')
param tags object

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account of the app and of the Functions host.')
param storageAccountName string

@description('Blob container the app is deployed from.')
param deploymentContainer string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('The app settings the app reads (name to value), from main.bicep.')
param appSettings object

@description('Entra ID app registration (client id) that Easy Auth validates tokens for.')
param authClientId string

@description('Tenant of that app registration.')
param authTenantId string

@description('Origins allowed by CORS: the portal.')
param corsOrigins array

@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var hostStorage = {
  AzureWebJobsStorage__blobServiceUri: 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
  AzureWebJobsStorage__queueServiceUri: 'https://${storageAccountName}.queue.${environment().suffixes.storage}'
  AzureWebJobsStorage__tableServiceUri: 'https://${storageAccountName}.table.${environment().suffixes.storage}'
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      cors: { allowedOrigins: corsOrigins, supportCredentials: true }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(hostStorage, appSettings)
}

// App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the API. It validates the caller and passes the
// principal in X-MS-CLIENT-PRINCIPAL, removing any copy a client sends. Health and the OpenAPI document stay open.
resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: ['/api/health', '/api/openapi.json']
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: ['api://${authClientId}', authClientId]
        }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
