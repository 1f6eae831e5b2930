// Fixtures of the rules in azure.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'azure-storage-account-key': {
    positive: [
      'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprod01;AccountKey={{azure:storage-key}};EndpointSuffix=core.windows.net"',
      'export AZURE_STORAGE_KEY={{azure:storage-key}}',
      'az storage blob list --account-name acmeprod01 --account-key "{{azure:storage-key}}" -c logs',
      'AccountKey={{azure:storage-key}};AccountName=acmeprod01;DefaultEndpointsProtocol=https',
      'AccountKey={{azure:storage-key}}',
      '{ "AzureWebJobsStorage": "EndpointSuffix=core.windows.net;AccountKey={{azure:storage-key}};DefaultEndpointsProtocol=https;AccountName=fnapp" }',
    ],
    negative: [
      'DefaultEndpointsProtocol=https;AccountName=acmeprod01;AccountKey={{b64:40}}==;EndpointSuffix=core.windows.net',
      'UseDevelopmentStorage=true',
      'DefaultEndpointsProtocol=https;AccountName=acmeprod01;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net',
      'AccountKey={{azure:storage-key}};AccountEndpoint=https://acme-orders.documents.azure.com:443/;',
    ],
  },
  'azure-cosmosdb-key': {
    positive: [
      'COSMOS_CONNECTION="AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey={{azure:storage-key}};"',
      '"CosmosDb": "AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey={{azure:storage-key}}"',
      'COSMOS="AccountKey={{azure:storage-key}};AccountEndpoint=https://acme-orders.documents.azure.com:443/;"',
    ],
    negative: [
      'COSMOS_CONNECTION="AccountEndpoint=https://localhost:8081/;AccountKey={{azure:storage-key}};"',
      'COSMOS_CONNECTION="AccountEndpoint=https://acme-orders.documents.azure.com:443/;AccountKey={{b64:50}}==;"',
    ],
  },
  'azure-sas-token': {
    positive: [
      'https://acmeprod01.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig={{azure:sas-sig}}',
      'AZURE_SAS="sp=r&st=2026-02-01T10:00:00Z&se=2026-02-02T10:00:00Z&spr=https&sv=2022-11-02&sr=b&sig={{azure:sas-sig}}"',
    ],
    negative: [
      'https://acmeprod01.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&sp=rl&se=2026-12-31T00:00:00Z',
      'https://acmeprod01.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&sp=rl&sig=<signature>',
    ],
  },
  'azure-ad-client-secret': {
    positive: [
      'AZURE_CLIENT_SECRET={{azure:client-secret}}',
      'az login --service-principal -u {{uuid}} -p "{{azure:client-secret}}" --tenant {{uuid}}',
    ],
    negative: [
      'AZURE_CLIENT_SECRET=abc1Q~{{b62:10}}',
      'AZURE_CLIENT_SECRET=abcdQ~{{b62:34}}',
    ],
  },
  'azure-devops-pat': {
    positive: [
      'export AZURE_DEVOPS_EXT_PAT={{b32l:52}}',
      'az devops login --organization https://dev.azure.com/contoso <<< {{b32l:52}}',
      '"azure-devops": { "pat": "{{b32l:52}}" }',
    ],
    negative: [
      'export AZURE_DEVOPS_EXT_PAT=$(az keyvault secret show --name ado-pat --query value -o tsv)',
      'token={{b32l:52}}',
      'export AZURE_DEVOPS_EXT_PAT={{b32l:40}}',
    ],
  },
  'azure-service-bus-key': {
    positive: [
      'SERVICEBUS_CONNECTION="Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{azure:sb-key}}"',
      'HostName=acme-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={{azure:sb-key}}',
    ],
    negative: [
      'Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
      'Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{b64:20}}=',
    ],
  },
};
