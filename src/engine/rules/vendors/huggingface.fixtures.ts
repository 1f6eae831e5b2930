// Fixtures of the rules in huggingface.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'huggingface-token': {
    positive: [
      'HF_TOKEN={{hf}}',
      'huggingface-cli login --token {{hf}}',
    ],
    negative: [
      'HF_TOKEN=hf_{{alpha:20}}',
      'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'HF_HUB_CACHE=/data/hf_cache',
    ],
  },
  'huggingface-org-token': {
    positive: [
      'HUGGINGFACE_ORG_TOKEN={{hf:org}}',
      'headers = {"Authorization": "Bearer {{hf:org}}"}',
    ],
    negative: [
      'HUGGINGFACE_ORG_TOKEN=api_org_{{alpha:12}}',
      'def api_org_settings(request):',
    ],
  },
};
