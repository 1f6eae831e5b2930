// Fixtures of the rules in grafana.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'grafana-service-account-token': {
    positive: [
      'GRAFANA_TOKEN={{grafana:sa}}',
      'curl -H "Authorization: Bearer {{grafana:sa}}" https://grafana.internal.test/api/dashboards/home',
    ],
    negative: [
      'glsa_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX_AAAAAAAA',
      'GRAFANA_TOKEN=glsa_{{b62:20}}_{{hex:8}}',
    ],
  },
  'grafana-cloud-token': {
    positive: [
      'GRAFANA_CLOUD_TOKEN={{grafana:cloud}}',
      'grafana_cloud_access_policy_token = "{{grafana:cloud}}"',
    ],
    negative: [
      'API_KEY="glc_111111111111111111111111111111111111111111="',
      'static void GLC_CreateLightmapTextureArray(void);',
      'glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
