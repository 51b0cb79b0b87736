@description('Location of the static web app (Static Web Apps exist in a few regions only).')
param location string

@description('Tags for every resource; the app also gets azd-service-name.')
param tags object

@description('Static web app name.')
param name string

resource portal 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'portal' })
  sku: { name: 'Free', tier: 'Free' }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = portal.name
output url string = 'https://${portal.properties.defaultHostname}'
