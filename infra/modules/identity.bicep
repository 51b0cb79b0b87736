@description('Location of the identity.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the user-assigned managed identity of the function app.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
