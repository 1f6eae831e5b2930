// Fake Docker Hub tokens (`dckr_pat_` / `dckr_oat_` + base64url characters) and gcr.io `_json_key` auths.

import { generators as google } from './google';
import { ALPHABETS, mixed, rand, type Generators } from './random';

export const generators: Generators = {
  // {{docker:pat}}, {{docker:oat:32}}
  docker: ([kind = 'pat', len = '27']) => 'dckr' + `_${kind}_` + mixed(ALPHABETS.b64url, Number(len)),
  // {{gcr-json-key}}: a Docker `auths` value for gcr.io / Artifact Registry, base64 of
  // `_json_key:` + a service-account key file.
  'gcr-json-key': () => {
    const key = {
      type: 'service_account',
      project_id: 'acme-prod',
      private_key_id: rand(ALPHABETS.hex, 40),
      private_key: '-----BEGIN PRIVATE KEY-----\n' + google.google!(['pem-body']).replace(/\\n/g, '\n') + '\n-----END PRIVATE KEY-----\n',
      client_email: 'ci-push@acme-prod.iam.gserviceaccount.com',
      client_id: rand(ALPHABETS.digits, 21),
      token_uri: 'https://oauth2.googleapis.com/token',
    };
    return Buffer.from('_json_key:' + JSON.stringify(key, null, 2)).toString('base64');
  },
};
