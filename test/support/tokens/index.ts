// Every fixture generator, one module per vendor or format family (as the rules in
// src/engine/rules/vendors/ and structured/). A fixture template's `{{name:arg}}` calls GENERATORS[name].

import { generators as anthropic } from './anthropic';
import { generators as atlassian } from './atlassian';
import { generators as aws } from './aws';
import { generators as azure } from './azure';
import { generators as cloudflare } from './cloudflare';
import { generators as terraform } from './terraform';
import { generators as grafana } from './grafana';
import { generators as tailscale } from './tailscale';
import { generators as sentry } from './sentry';
import { generators as flyio } from './flyio';
import { generators as onepassword } from './onepassword';
import { generators as pulumi } from './pulumi';
import { generators as vercel } from './vercel';
import { generators as netlify } from './netlify';
import { generators as render } from './render';
import { generators as buildkite } from './buildkite';
import { generators as rubygems } from './rubygems';
import { generators as planetscale } from './planetscale';
import { generators as prefect } from './prefect';
import { generators as databricks } from './databricks';
import { generators as digitalocean } from './digitalocean';
import { generators as docker } from './docker';
import { generators as doppler } from './doppler';
import { generators as github } from './github';
import { generators as gitlab } from './gitlab';
import { generators as google } from './google';
import { generators as heroku } from './heroku';
import { generators as huggingface } from './huggingface';
import { generators as jwt } from './jwt';
import { generators as linear } from './linear';
import { generators as npm } from './npm';
import { generators as openai } from './openai';
import { generators as postman } from './postman';
import { generators as privateKeys } from './privateKeys';
import { generators as pypi } from './pypi';
import type { Generators } from './random';
import { generators as sendgrid } from './sendgrid';
import { generators as shopify } from './shopify';
import { generators as slack } from './slack';
import { generators as stripe } from './stripe';
import { generators as supabase } from './supabase';
import { generators as twilio } from './twilio';
import { generators as values } from './values';
import { generators as vault } from './vault';

const ALL: Generators[] = [
  values, github, gitlab, slack, npm, pypi, aws, google, azure, stripe, openai, anthropic, huggingface, twilio, sendgrid,
  docker, vault, doppler, digitalocean, shopify, databricks, heroku, postman, linear, supabase, atlassian, cloudflare,
  jwt, privateKeys, terraform, grafana, tailscale, sentry, flyio, onepassword, pulumi, vercel, netlify, render, buildkite, rubygems, planetscale, prefect,
];

function merge(parts: Generators[]): Generators {
  const out: Generators = {};
  for (const part of parts) {
    for (const [name, gen] of Object.entries(part)) {
      if (name in out) throw new Error(`fixture generator {{${name}}} is defined twice`);
      out[name] = gen;
    }
  }
  return out;
}

export const GENERATORS: Readonly<Generators> = merge(ALL);
