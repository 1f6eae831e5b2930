// Issuer clients: check and revoke tokens with each issuer's documented API. Plain Node (no
// `vscode`), shared by the extension and the CLI.

export * from './types';
export {
  assertSafeEndpoint, parseRetryAfter, redactToken, scrub, UnsafeEndpointError, EndpointConfigError, DEFAULT_TIMEOUT_MS,
} from './http';
export { defaultEndpoints, resolveEndpoints, DEFAULT_API_ROOTS, ENDPOINT_SETTING_KEYS, type EndpointSettings } from './endpoints';
export { githubClient, revokeGithubBatch, GITHUB_REVOKE_BATCH_MAX, parseGithubExpiration } from './github';
export { gitlabClient } from './gitlab';
export { slackClient } from './slack';
export { npmClient } from './npm';
export { oauthClient, discover, discoveryUrls, rfc7009, rfc7662, type AuthServerMetadata } from './oauth';
export { issuerClient, type IssuerDeclaration, type HttpOp } from './template';
export { googleClient } from './google';
export { vaultClient } from './vault';
export { dopplerClient } from './doppler';
export { MANUAL_ISSUERS, manualClient, manualIssuer, manualSteps, unknownManualClient } from './manual';
export { parseCustomIssuers, type CustomIssuerParse } from './custom';
export { matchCustomIssuer, customClient } from './customClient';
export { API_CLIENTS, capabilityClient, resolveIssuerClient } from './registry';
