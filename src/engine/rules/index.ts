// Every built-in rule, in one ordered list. Order decides ties: when overlapping findings score the
// same in the scanner's dedupe, the rule listed first wins. Specific vendor formats (vendors/, one
// file per issuer) come first, structured formats (structured/) next, Kubernetes before JWT so a
// kubeconfig token is reported as one, and generic assignments last.
//
// Every pattern is linear: bounded quantifiers over classes, no nested quantifiers, boundaries so a
// match cannot start or end inside a longer token, multi-line bodies over a class that cannot run past
// the next `-----` marker, look-behinds placed after a literal so they run only at candidate hits.
// Formats follow gitleaks, trufflehog, GitHub's secret-scanning partner docs and the vendors' own
// token format pages.
//
// The regex vocabulary the rules share is in parts.ts; each rule file's fixtures are in its sibling
// `*.fixtures.ts`, which only the tests import.

import type { RuleSpec } from '../types';
import { searchKeywords } from '../registry';
import { githubRules } from './vendors/github';
import { gitlabRules } from './vendors/gitlab';
import { slackRules } from './vendors/slack';
import { npmRules } from './vendors/npm';
import { pypiRules } from './vendors/pypi';
import { awsRules } from './vendors/aws';
import { googleRules } from './vendors/google';
import { azureRules } from './vendors/azure';
import { stripeRules } from './vendors/stripe';
import { openaiRules } from './vendors/openai';
import { anthropicRules } from './vendors/anthropic';
import { huggingfaceRules } from './vendors/huggingface';
import { twilioRules } from './vendors/twilio';
import { sendgridRules } from './vendors/sendgrid';
import { dockerRules } from './vendors/docker';
import { vaultRules } from './vendors/vault';
import { dopplerRules } from './vendors/doppler';
import { digitaloceanRules } from './vendors/digitalocean';
import { shopifyRules } from './vendors/shopify';
import { databricksRules } from './vendors/databricks';
import { herokuRules } from './vendors/heroku';
import { postmanRules } from './vendors/postman';
import { linearRules } from './vendors/linear';
import { supabaseRules } from './vendors/supabase';
import { atlassianRules } from './vendors/atlassian';
import { cloudflareRules } from './vendors/cloudflare';
import { terraformRules } from './vendors/terraform';
import { grafanaRules } from './vendors/grafana';
import { tailscaleRules } from './vendors/tailscale';
import { sentryRules } from './vendors/sentry';
import { flyioRules } from './vendors/flyio';
import { onepasswordRules } from './vendors/onepassword';
import { pulumiRules } from './vendors/pulumi';
import { vercelRules } from './vendors/vercel';
import { netlifyRules } from './vendors/netlify';
import { renderRules } from './vendors/render';
import { buildkiteRules } from './vendors/buildkite';
import { rubygemsRules } from './vendors/rubygems';
import { planetscaleRules } from './vendors/planetscale';
import { prefectRules } from './vendors/prefect';
import { kubernetesRules } from './structured/kubernetes';
import { dockerConfigRules } from './structured/dockerConfig';
import { jwtRules } from './structured/jwt';
import { jwkRules } from './structured/jwk';
import { authHeadersRules } from './structured/authHeaders';
import { privateKeysRules } from './structured/privateKeys';
import { urlCredentialsRules } from './structured/urlCredentials';
import { connectionStringsRules } from './structured/connectionStrings';
import { cliPasswordsRules } from './structured/cliPasswords';
import { npmrcRules } from './structured/npmrc';
import { genericRules } from './structured/generic';

/** Every built-in rule, in tie-breaking order. */
export const BUILTIN_RULES: readonly RuleSpec[] = [
  ...githubRules,
  ...gitlabRules,
  ...slackRules,
  ...npmRules,
  ...pypiRules,
  ...awsRules,
  ...googleRules,
  ...azureRules,
  ...stripeRules,
  ...openaiRules,
  ...anthropicRules,
  ...huggingfaceRules,
  ...twilioRules,
  ...sendgridRules,
  ...dockerRules,
  ...vaultRules,
  ...dopplerRules,
  ...digitaloceanRules,
  ...shopifyRules,
  ...databricksRules,
  ...herokuRules,
  ...postmanRules,
  ...linearRules,
  ...supabaseRules,
  ...atlassianRules,
  ...cloudflareRules,
  ...terraformRules,
  ...grafanaRules,
  ...tailscaleRules,
  ...sentryRules,
  ...flyioRules,
  ...onepasswordRules,
  ...pulumiRules,
  ...vercelRules,
  ...netlifyRules,
  ...renderRules,
  ...buildkiteRules,
  ...rubygemsRules,
  ...planetscaleRules,
  ...prefectRules,
  ...kubernetesRules,
  ...dockerConfigRules,
  ...jwtRules,
  ...jwkRules,
  ...authHeadersRules,
  ...privateKeysRules,
  ...urlCredentialsRules,
  ...connectionStringsRules,
  ...cliPasswordsRules,
  ...npmrcRules,
  ...genericRules,
];

/**
 * The built-in rules' keywords as the keyword search looks for them (registry.ts `searchKeywords`),
 * and the ones it matches in exact case only: the prefilter's build-time tables are computed from
 * these (scripts/prefilter-tables.mjs), so a scanner of the built-in rules finds them ready.
 */
export function builtinSearchKeywords(): { words: string[]; exactCase: Set<string> } {
  const words: string[] = [];
  const exactCase = new Set<string>();
  for (const r of BUILTIN_RULES) {
    const k = searchKeywords(r, 'builtin');
    words.push(...k.words);
    if (k.exact) for (const w of k.words) exactCase.add(w);
  }
  return { words, exactCase };
}
