// The alerts of the running system: a message in a poison queue, the rate of 5xx answers, a mail the ledger marks failed, and
// an availability test of /api/health (which also checks the queues and the SendGrid key's Key Vault reference). Each alert
// notifies the action group (an e-mail address when one is given; otherwise the alert shows in the portal only).

@description('Location of the availability test and the log alerts.')
param location string

@description('Tags for every resource.')
param tags object

@description('Prefix of every alert name.')
param namePrefix string

@description('Application Insights the app sends telemetry to (requests, traces) and the availability test reports to.')
param applicationInsightsName string

@description('Log Analytics workspace that receives the queue service\'s logs.')
param logAnalyticsName string

@description('Storage account of the work queues.')
param storageAccountName string

@description('The poison queues (one per work queue); a message put in any of them raises an alert.')
param poisonQueues array

@description('The URL the availability test requests (the API\'s /api/health).')
param healthUrl string

@description('Where alerts are mailed; empty: no mail, the alerts show in the Azure portal only.')
param alertEmail string = ''

@description('Alert when more than this percentage of requests in 15 minutes answer 5xx (with at least 10 requests).')
param serverErrorPercent int = 5

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-09-01' existing = {
  parent: storage
  name: 'default'
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'compacts'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

// Queue writes go to the workspace (StorageQueueLogs), so a message moved to a poison queue is seen as it happens.
resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes'
  scope: queueService
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'StorageWrite', enabled: true }]
  }
}

var actions = { actionGroups: [operators.id] }
var everyTime = { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-poison-message'
  location: location
  tags: tags
  dependsOn: [queueLogs]
  properties: {
    displayName: 'A message reached a poison queue'
    description: 'A standings or reminder message failed every delivery and was moved to its -poison queue; its work was not done.'
    severity: 1
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and StatusCode between (200 .. 299) | extend queue = tostring(split(tostring(parse_url(Uri).Path), "/")[1]) | where queue in (dynamic(${string(poisonQueues)})) | project TimeGenerated, queue'
          timeAggregation: 'Count'
          dimensions: [{ name: 'queue', operator: 'Include', values: ['*'] }]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: everyTime
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

resource serverErrorAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-server-errors'
  location: location
  tags: tags
  properties: {
    displayName: 'The API answers 5xx'
    description: 'More than ${serverErrorPercent}% of the API\'s requests in 15 minutes answered 5xx (503 while storage is unreachable, or a fault).'
    severity: 2
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 10 | project rate = 100.0 * failed / total'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'rate'
          operator: 'GreaterThan'
          threshold: serverErrorPercent
          failingPeriods: everyTime
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

// ReminderService logs "Mail {LedgerKey} failed (attempt {Attempt}); a later run tries again: {Error}" each time the ledger
// marks a mail failed.
resource failedMailAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-failed-mail'
  location: location
  tags: tags
  properties: {
    displayName: 'A reminder mail failed'
    description: 'SendGrid refused or did not answer a mail; the mail ledger (GET /api/compacts/{id}/mail/{period}) has its error.'
    severity: 2
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith "Mail " and message has "failed (attempt"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: everyTime
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health'
  location: location
  tags: union(tags, { 'hidden-link:${insights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'API health'
    Description: 'GET /api/health from three locations every 5 minutes: storage (tables, blobs, queues) and the SendGrid key must be healthy.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [{ Id: 'apac-sg-sin-azr' }, { Id: 'apac-hk-hkn-azr' }, { Id: 'apac-jp-kaw-edge' }]
    Request: { RequestUrl: healthUrl, HttpVerb: 'GET', ParseDependentRequests: false }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
      ContentValidation: { ContentMatch: '"status":"healthy"', IgnoreCase: false, PassIfTextFound: true }
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-health-failing'
  location: 'global'
  tags: union(tags, { 'hidden-link:${insights.id}': 'Resource', 'hidden-link:${healthTest.id}': 'Resource' })
  properties: {
    description: '/api/health failed from two or more locations: storage unreachable or the SendGrid key unresolved.'
    severity: 1
    enabled: true
    scopes: [healthTest.id, insights.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: insights.id
      failedLocationCount: 2
    }
    actions: [{ actionGroupId: operators.id }]
  }
}
