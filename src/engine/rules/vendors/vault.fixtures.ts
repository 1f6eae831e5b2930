// Fixtures of the rules in vault.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'vault-service-token': {
    positive: [
      'export VAULT_TOKEN={{vault:hvs}}',
      'curl -H "X-Vault-Token: {{vault:hvs}}" https://vault.internal:8200/v1/secret/data/app',
      'vault_token = "{{vault:hvs-short}}"',
    ],
    negative: [
      'export VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'see the docs at docs.hvs.example and set VAULT_TOKEN',
      'export VAULT_TOKEN=$(vault print token)',
      'token: hvs.{{b62:10}}',
    ],
  },
  'vault-batch-token': {
    positive: ['VAULT_TOKEN={{vault:hvb}}', '{"auth": {"client_token": "{{vault:hvb}}"}}'],
    negative: ['VAULT_TOKEN=hvb.{{b64url:40}}', 'VAULT_TOKEN=hvb.AAAAAQxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  'vault-recovery-token': {
    positive: ['VAULT_TOKEN={{vault:hvr}} vault operator raft snapshot restore backup.snap'],
    negative: ['VAULT_TOKEN=hvr.{{b62:8}}', 'recovery token hvr.<token>'],
  },
  'vault-legacy-token': {
    positive: ['export VAULT_TOKEN={{vault:legacy}}', 'curl --header "X-Vault-Token: {{vault:legacy}}" $VAULT_ADDR/v1/sys/health', 'vault login {{vault:legacy}}'],
    negative: [
      'export VAULT_TOKEN=s.AcceptanceTimeoutSeconds',
      'options.makeKubeConfigController = {{vault:legacy}}',
      'export VAULT_TOKEN=s.THISSTRINGISALLUPPERCASE',
      'export VAULT_TOKEN=s.{{b62:12}}',
    ],
  },
};
