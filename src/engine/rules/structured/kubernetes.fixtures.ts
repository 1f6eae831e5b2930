// Fixtures of the rules in kubernetes.ts: test data only, never imported by shipped code.
// `{{…}}` placeholders are expanded at test time (test/support/fakes.ts), so no literal here looks
// like a live credential. test/unit/engine/rules.test.ts joins them to the rules by id.

import type { RuleFixtures } from '../../types';

export const fixtures: Readonly<Record<string, RuleFixtures>> = {
  'kubeconfig-token': {
    positive: [
      'users:\n- name: ci-deployer\n  user:\n    token: {{opaque:64}}\n',
      'users:\n  - name: admin\n    user:\n      client-certificate: /etc/kube/admin.crt\n      token: "{{opaque:40}}"\n',
      'users:\n- name: kubeadm\n  user:\n    token: {{alnum_lower:6}}.{{alnum_lower:16}}\n',
    ],
    negative: [
      'steps:\n  - uses: actions/checkout@v4\n    with:\n      token: ${{ secrets.GITHUB_TOKEN }}\n',
      'users:\n- name: ci\n  user:\n    token: $(KUBE_TOKEN)\n',
      'users:\n- name: ci\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n',
      'spec:\n  template:\n    token: {{opaque:40}}\n',
    ],
  },
  'kubeconfig-client-key-data': {
    positive: ['users:\n- name: kind-admin\n  user:\n    client-certificate-data: {{b64:800}}\n    client-key-data: {{pem-b64:rsa}}\n', '    client-key-data: "{{pem-b64:ec}}"'],
    negative: [
      '    client-certificate-data: {{pem-b64:cert}}',
      '    client-key-data: {{pem-b64:cert}}',
      '    client-key: /home/dev/.minikube/profiles/minikube/client.key',
    ],
  },
  'kubernetes-secret-data': {
    positive: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ntype: Opaque\ndata:\n  db-password: {{b64-secret:24}}\n  username: {{b64-text:app}}\n',
      'apiVersion: v1\ndata:\n  api_token: {{b64-secret:40}}\nkind: Secret\nmetadata:\n  name: api\n',
      // A block scalar, and a binary value (a keystore, a raw key) that does not decode to text.
      'apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: |\n    {{b64-secret:60}}\n',
      'apiVersion: v1\nkind: Secret\ndata:\n  keystore-password: >-\n    {{b64-secret:24}}\n',
      'apiVersion: v1\nkind: Secret\ndata:\n  # base64 of the raw key\n  key: {{b64:44}}\n',
    ],
    negative: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\ndata:\n  username: {{b64-text:app-user-01}}\n  db-password: {{b64-text:password}}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  api_token: {{b64-secret:40}}\n',
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: {{b64:300}}\n',
      'apiVersion: v1\nkind: Secret\ndata:\n  token: |\n    {{b64-text:dev}}\n',
      // Too short for a binary secret (12 bytes): the Kubernetes documentation's example value, shaped.
      'apiVersion: v1\nkind: Secret\ndata:\n  username: {{b64-text:admin}}\n  password: {{b64:16}}\n',
    ],
  },
  'kubernetes-secret-data-random': {
    positive: [
      // 32 random characters or more: a 24-character draw falls under the entropy floor of 4 one time in 10-20.
      'apiVersion: v1\ndata:\n\textra: {{b64-secret:32}}\nkind: Secret\nmetadata:\n\tname: secret-sa-sample\n',
      "apiVersion: 'v1'\ndata:\n  extra: '{{b64:44}}'\nkind: 'Secret'\n",
      'apiVersion: v1\nkind: Secret\ndata:\n  config.json: |\n    {{b64-secret:48}}\n',
    ],
    negative: [
      'apiVersion: v1\nkind: Secret\ndata:\n  extra: {{b64-text:bar}}\n',
      'apiVersion: v1\nkind: Secret\ndata:\n  db-host: {{b64-text:mysql.default.svc.cluster.local}}\n  ca.crt: {{b64:800}}\n  namespace: {{b64-text:kube-system}}\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: heketisecretstore\n  namespace: default\n',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  extra: {{b64-secret:24}}\n',
    ],
  },
};
