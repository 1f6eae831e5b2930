// Every rule fixture file (src/engine/rules/**/*.fixtures.ts), by path under src/engine/rules/.
// Shipped code never imports these; test/unit/engine/rules.test.ts checks this list against the folder.

import type { RuleFixtures } from '../../src/engine/types';
import { fixtures as github } from '../../src/engine/rules/vendors/github.fixtures';
import { fixtures as gitlab } from '../../src/engine/rules/vendors/gitlab.fixtures';
import { fixtures as slack } from '../../src/engine/rules/vendors/slack.fixtures';
import { fixtures as npm } from '../../src/engine/rules/vendors/npm.fixtures';
import { fixtures as pypi } from '../../src/engine/rules/vendors/pypi.fixtures';
import { fixtures as aws } from '../../src/engine/rules/vendors/aws.fixtures';
import { fixtures as google } from '../../src/engine/rules/vendors/google.fixtures';
import { fixtures as azure } from '../../src/engine/rules/vendors/azure.fixtures';
import { fixtures as stripe } from '../../src/engine/rules/vendors/stripe.fixtures';
import { fixtures as openai } from '../../src/engine/rules/vendors/openai.fixtures';
import { fixtures as anthropic } from '../../src/engine/rules/vendors/anthropic.fixtures';
import { fixtures as huggingface } from '../../src/engine/rules/vendors/huggingface.fixtures';
import { fixtures as twilio } from '../../src/engine/rules/vendors/twilio.fixtures';
import { fixtures as sendgrid } from '../../src/engine/rules/vendors/sendgrid.fixtures';
import { fixtures as docker } from '../../src/engine/rules/vendors/docker.fixtures';
import { fixtures as vault } from '../../src/engine/rules/vendors/vault.fixtures';
import { fixtures as doppler } from '../../src/engine/rules/vendors/doppler.fixtures';
import { fixtures as digitalocean } from '../../src/engine/rules/vendors/digitalocean.fixtures';
import { fixtures as shopify } from '../../src/engine/rules/vendors/shopify.fixtures';
import { fixtures as databricks } from '../../src/engine/rules/vendors/databricks.fixtures';
import { fixtures as heroku } from '../../src/engine/rules/vendors/heroku.fixtures';
import { fixtures as postman } from '../../src/engine/rules/vendors/postman.fixtures';
import { fixtures as linear } from '../../src/engine/rules/vendors/linear.fixtures';
import { fixtures as supabase } from '../../src/engine/rules/vendors/supabase.fixtures';
import { fixtures as atlassian } from '../../src/engine/rules/vendors/atlassian.fixtures';
import { fixtures as cloudflare } from '../../src/engine/rules/vendors/cloudflare.fixtures';
import { fixtures as terraform } from '../../src/engine/rules/vendors/terraform.fixtures';
import { fixtures as grafana } from '../../src/engine/rules/vendors/grafana.fixtures';
import { fixtures as tailscale } from '../../src/engine/rules/vendors/tailscale.fixtures';
import { fixtures as sentry } from '../../src/engine/rules/vendors/sentry.fixtures';
import { fixtures as flyio } from '../../src/engine/rules/vendors/flyio.fixtures';
import { fixtures as onepassword } from '../../src/engine/rules/vendors/onepassword.fixtures';
import { fixtures as pulumi } from '../../src/engine/rules/vendors/pulumi.fixtures';
import { fixtures as vercel } from '../../src/engine/rules/vendors/vercel.fixtures';
import { fixtures as netlify } from '../../src/engine/rules/vendors/netlify.fixtures';
import { fixtures as render } from '../../src/engine/rules/vendors/render.fixtures';
import { fixtures as buildkite } from '../../src/engine/rules/vendors/buildkite.fixtures';
import { fixtures as rubygems } from '../../src/engine/rules/vendors/rubygems.fixtures';
import { fixtures as planetscale } from '../../src/engine/rules/vendors/planetscale.fixtures';
import { fixtures as prefect } from '../../src/engine/rules/vendors/prefect.fixtures';
import { fixtures as kubernetes } from '../../src/engine/rules/structured/kubernetes.fixtures';
import { fixtures as dockerConfig } from '../../src/engine/rules/structured/dockerConfig.fixtures';
import { fixtures as jwt } from '../../src/engine/rules/structured/jwt.fixtures';
import { fixtures as jwk } from '../../src/engine/rules/structured/jwk.fixtures';
import { fixtures as authHeaders } from '../../src/engine/rules/structured/authHeaders.fixtures';
import { fixtures as privateKeys } from '../../src/engine/rules/structured/privateKeys.fixtures';
import { fixtures as urlCredentials } from '../../src/engine/rules/structured/urlCredentials.fixtures';
import { fixtures as connectionStrings } from '../../src/engine/rules/structured/connectionStrings.fixtures';
import { fixtures as cliPasswords } from '../../src/engine/rules/structured/cliPasswords.fixtures';
import { fixtures as npmrc } from '../../src/engine/rules/structured/npmrc.fixtures';
import { fixtures as generic } from '../../src/engine/rules/structured/generic.fixtures';

export const RULE_FIXTURE_FILES: Readonly<Record<string, Readonly<Record<string, RuleFixtures>>>> = {
  'vendors/github.fixtures.ts': github,
  'vendors/gitlab.fixtures.ts': gitlab,
  'vendors/slack.fixtures.ts': slack,
  'vendors/npm.fixtures.ts': npm,
  'vendors/pypi.fixtures.ts': pypi,
  'vendors/aws.fixtures.ts': aws,
  'vendors/google.fixtures.ts': google,
  'vendors/azure.fixtures.ts': azure,
  'vendors/stripe.fixtures.ts': stripe,
  'vendors/openai.fixtures.ts': openai,
  'vendors/anthropic.fixtures.ts': anthropic,
  'vendors/huggingface.fixtures.ts': huggingface,
  'vendors/twilio.fixtures.ts': twilio,
  'vendors/sendgrid.fixtures.ts': sendgrid,
  'vendors/docker.fixtures.ts': docker,
  'vendors/vault.fixtures.ts': vault,
  'vendors/doppler.fixtures.ts': doppler,
  'vendors/digitalocean.fixtures.ts': digitalocean,
  'vendors/shopify.fixtures.ts': shopify,
  'vendors/databricks.fixtures.ts': databricks,
  'vendors/heroku.fixtures.ts': heroku,
  'vendors/postman.fixtures.ts': postman,
  'vendors/linear.fixtures.ts': linear,
  'vendors/supabase.fixtures.ts': supabase,
  'vendors/atlassian.fixtures.ts': atlassian,
  'vendors/cloudflare.fixtures.ts': cloudflare,
  'vendors/terraform.fixtures.ts': terraform,
  'vendors/grafana.fixtures.ts': grafana,
  'vendors/tailscale.fixtures.ts': tailscale,
  'vendors/sentry.fixtures.ts': sentry,
  'vendors/flyio.fixtures.ts': flyio,
  'vendors/onepassword.fixtures.ts': onepassword,
  'vendors/pulumi.fixtures.ts': pulumi,
  'vendors/vercel.fixtures.ts': vercel,
  'vendors/netlify.fixtures.ts': netlify,
  'vendors/render.fixtures.ts': render,
  'vendors/buildkite.fixtures.ts': buildkite,
  'vendors/rubygems.fixtures.ts': rubygems,
  'vendors/planetscale.fixtures.ts': planetscale,
  'vendors/prefect.fixtures.ts': prefect,
  'structured/kubernetes.fixtures.ts': kubernetes,
  'structured/dockerConfig.fixtures.ts': dockerConfig,
  'structured/jwt.fixtures.ts': jwt,
  'structured/jwk.fixtures.ts': jwk,
  'structured/authHeaders.fixtures.ts': authHeaders,
  'structured/privateKeys.fixtures.ts': privateKeys,
  'structured/urlCredentials.fixtures.ts': urlCredentials,
  'structured/connectionStrings.fixtures.ts': connectionStrings,
  'structured/cliPasswords.fixtures.ts': cliPasswords,
  'structured/npmrc.fixtures.ts': npmrc,
  'structured/generic.fixtures.ts': generic,
};
