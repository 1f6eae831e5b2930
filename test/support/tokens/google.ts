// Fake Google credentials: API keys, OAuth client secrets, access and refresh tokens, and the
// PKCS#8 body of a service-account key as it sits in the JSON file.

import { ALPHABETS, plausible, type Generators } from './random';

export const generators: Generators = {
  // {{google:api-key}}, {{google:oauth-secret}}, {{google:ya29}}, {{google:refresh}}, {{google:pem-body}}
  google: (args) => {
    const [kind = 'api-key'] = args;
    switch (kind) {
      case 'api-key':
        return 'AI' + 'za' + plausible(ALPHABETS.b64url, 35);
      case 'oauth-secret':
        return 'GOC' + 'SPX-' + plausible(ALPHABETS.b64url, 28);
      case 'ya29':
        return 'ya' + '29.' + 'a0' + plausible(ALPHABETS.b64url, 180);
      case 'refresh':
        return '1//0' + plausible(ALPHABETS.b64url, 100);
      case 'pem-body': {
        // A PKCS#8 body as it sits in a service-account JSON: base64 lines joined by a literal "\n".
        const lines: string[] = [];
        for (let i = 0; i < 25; i++) lines.push('MII'.slice(0, i === 0 ? 3 : 0) + plausible(ALPHABETS.b64, i === 0 ? 61 : 64));
        return lines.join('\\n');
      }
      default:
        throw new Error(`google: unknown kind ${kind}`);
    }
  },
};
