// Microsoft Azure: storage account and Cosmos DB keys, SAS tokens, Entra ID client secrets, Azure
// DevOps personal access tokens, shared access keys (Service Bus / Event Hubs / IoT Hub).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: azure.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { ASSIGN_THEN_QUOTE } from '../parts';

export const azureRules: RuleSpec[] = [
  {
    id: 'azure-storage-account-key',
    issuer: 'azure',
    name: 'Azure Storage account key',
    // The key after `AccountName=…;`, or first with `AccountName=` later in the same string (keys in
    // any order), or in `AZURE_STORAGE_KEY` / `--account-key`, or `AccountKey=<88 base64>` on its own
    // (not part of a longer connection string, where a Cosmos DB endpoint may follow).
    pattern: String.raw`(?:AccountName=[A-Za-z0-9]{3,24};\s?AccountKey=|(?<![A-Za-z])AccountKey=(?=[A-Za-z0-9+/]{86}==;[^\r\n"']{0,400}?AccountName=)|(?<![^\s"'])AccountKey=(?=[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=;]))|AZURE_STORAGE_(?:ACCOUNT_)?KEY${ASSIGN_THEN_QUOTE}|--account-key[= ]["']?)([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['accountname=', 'accountkey=', 'azure_storage_key', 'azure_storage_account_key', '--account-key'],
    entropy: 4,
    confidence: 'high',
    severity: 'critical',
    kind: 'connection-string',
    machineIdentity: true,
    revocation: 'manual',
    description: '88-character base64 storage account key in a connection string (`AccountName=…;AccountKey=…`), alone as `AccountKey=…`, or in `AZURE_STORAGE_KEY`.',
  },
  {
    id: 'azure-cosmosdb-key',
    issuer: 'azure',
    name: 'Azure Cosmos DB account key',
    // After the endpoint, or first with the endpoint later in the same string.
    pattern: String.raw`(?:AccountEndpoint=https://[a-z0-9-]{3,50}\.documents\.azure\.com(?::443)?/?;\s?AccountKey=|(?<![A-Za-z])AccountKey=(?=[A-Za-z0-9+/]{86}==;[^\r\n"']{0,400}?AccountEndpoint=https://[a-z0-9-]{3,50}\.documents\.azure\.com))([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['documents.azure.com'],
    entropy: 4,
    confidence: 'high',
    severity: 'critical',
    kind: 'connection-string',
    machineIdentity: true,
    revocation: 'manual',
    description: 'Cosmos DB connection string (`AccountEndpoint=https://….documents.azure.com:443/;AccountKey=<88 base64>`).',
  },
  {
    id: 'azure-sas-token',
    issuer: 'azure',
    name: 'Azure shared access signature',
    pattern: String.raw`sv=[0-9]{4}-[0-9]{2}-[0-9]{2}[A-Za-z0-9%&=:._+-]{0,600}?[?&]sig=([A-Za-z0-9%+/]{43,100}(?:%3[Dd]|=){0,2})(?=$|[&"'\s<>#)])`,
    secretGroup: 1,
    keywords: ['sig='],
    entropy: 3.5,
    confidence: 'high',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    description: 'The `sig=` signature of a SAS URL or token (`sv=…&…&sig=<base64>`).',
  },
  {
    id: 'azure-ad-client-secret',
    issuer: 'azure',
    name: 'Microsoft Entra ID (Azure AD) client secret',
    pattern: String.raw`(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`,
    keywords: ['q~'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'critical',
    kind: 'app-token',
    machineIdentity: true,
    revocation: 'manual',
    description: 'App registration client secret: 3 characters, a digit, `Q~`, then 31–34 characters.',
  },
  {
    id: 'azure-devops-pat',
    issuer: 'azure',
    name: 'Azure DevOps personal access token',
    // Classic PATs are 52 lower-case base32 characters with no prefix: only reported where the context
    // says Azure DevOps (the CLI's variable, a dev.azure.com URL, an ADO/Azure DevOps name).
    pattern: String.raw`(?:azure_devops_ext_pat|azure_devops_pat|ado_pat|azdo_pat|system_accesstoken|dev\.azure\.com|visualstudio\.com|azure[ _-]?devops)[^\n]{0,80}?(?<![A-Za-z0-9])([a-z2-7]{52})(?![A-Za-z0-9])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['azure_devops', 'ado_pat', 'azdo_pat', 'system_accesstoken', 'dev.azure.com', 'visualstudio.com', 'azure devops', 'azure-devops'],
    entropy: 3.8,
    confidence: 'medium',
    severity: 'critical',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: 'Azure DevOps personal access token: 52 lower-case base32 characters, next to an Azure DevOps variable or URL.',
  },
  {
    id: 'azure-service-bus-key',
    issuer: 'azure',
    name: 'Azure shared access key (Service Bus / Event Hubs / IoT Hub)',
    pattern: String.raw`SharedAccessKeyName=[^;\s"']{1,256};\s?SharedAccessKey=([A-Za-z0-9+/]{42,43}=)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['sharedaccesskey='],
    entropy: 4,
    confidence: 'high',
    severity: 'critical',
    kind: 'connection-string',
    machineIdentity: true,
    revocation: 'manual',
    description: '44-character base64 `SharedAccessKey=` in a Service Bus, Event Hubs or IoT Hub connection string.',
  },
];
