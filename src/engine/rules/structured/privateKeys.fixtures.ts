// Fixtures of the rules in privateKeys.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'private-key': {
    positive: [
      '{{pem:rsa}}',
      'key.pem:\n{{pem:pkcs8}}',
      '{{pem:ec}}',
      '{{pem:openssh}}',
      '{{pem:dsa}}',
      '{{pem:encrypted}}',
      '{{pem:pgp}}',
      '{"name": "deploy", "ssh_private_key": "{{pem:openssh:json}}", "tls_key": "{{pem:pkcs8:json}}"}',
    ],
    negative: [
      '{{pem:public}}',
      '{{pem:cert}}',
      '{{pem:rsa-public}}',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{{b64:300}} dev@laptop',
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN OPENSSH PRIVATE KEY-----\n{{b64:70}}\n{{b64:70}}\n',
      '-----BEGIN PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END PRIVATE KEY-----',
      'if (line.startsWith("-----BEGIN RSA PRIVATE KEY-----")) return parsePkcs1(lines);',
    ],
  },
  'putty-private-key': {
    positive: ['{{ppk}}'],
    negative: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: docs example\nPublic-Lines: 2\n', 'Load the PuTTY-User-Key-File-3 format with puttygen.'],
  },
};
