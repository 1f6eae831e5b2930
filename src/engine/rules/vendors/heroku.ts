// Heroku: API keys (`HRKU-`, and the legacy UUID assigned to a Heroku key name).
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: heroku.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { DASHED_TOKEN_END, ASSIGN_ANY_SYNTAX, prefixedTokenRule } from '../parts';

export const herokuRules: RuleSpec[] = [
  prefixedTokenRule({
    id: 'heroku-api-key',
    issuer: 'heroku',
    name: 'Heroku API key',
    prefix: 'HRKU-',
    body: '(?:AA[A-Za-z0-9_-]{58}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
    dashedEnd: true,
    entropy: 3,
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    description: '`HRKU-AA` followed by 58 base64url characters (or `HRKU-` and a UUID); used by `heroku login` and the Platform API.',
  }),
  {
    id: 'heroku-api-key-legacy',
    issuer: 'heroku',
    name: 'Heroku API key (legacy UUID)',
    pattern: String.raw`(?:(?<![A-Za-z0-9])heroku[_-]?(?:api[_-]?)?(?:key|token)${ASSIGN_ANY_SYNTAX}|machine\s+(?:api|git)\.heroku\.com\s[^\n]{0,120}?password\s+)([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})${DASHED_TOKEN_END}`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['heroku'],
    // Not line-bounded: the value may sit on the line after `<herokuToken>`.
    window: { before: 64, after: 320 },
    entropy: 3,
    confidence: 'medium',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    revocation: 'manual',
    description: 'A UUID assigned to `HEROKU_API_KEY` in any common syntax (`?=`, `::=`, `.=`, Go typed `var`, `setProperty`, XML elements on one or several lines) or as the `.netrc` password of `api.heroku.com` (keys issued before the `HRKU-` format).',
  },
];
