// Fixtures of the rules in digitalocean.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'digitalocean-pat': {
    positive: ['export DIGITALOCEAN_ACCESS_TOKEN={{digitalocean:dop}}', 'doctl auth init --access-token {{digitalocean:dop}}'],
    negative: ['export DIGITALOCEAN_ACCESS_TOKEN={{digitalocean:dop:40}}', 'export DIGITALOCEAN_ACCESS_TOKEN=dop_v1_{{HEX:64}}'],
  },
  'digitalocean-oauth-token': {
    positive: ['{"access_token": "{{digitalocean:doo}}", "token_type": "bearer"}'],
    negative: ['{"access_token": "{{digitalocean:doo:63}}"}'],
  },
  'digitalocean-refresh-token': {
    positive: ['{"refresh_token": "{{digitalocean:dor}}"}'],
    negative: ['{"refresh_token": "dor_v1_<refresh-token>"}', '{"refresh_token": "{{digitalocean:dor:65}}"}'],
  },
};
