// Twilio: auth tokens and API key secrets, found where they are assigned to a Twilio name.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: twilio.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { ASSIGN_ANY_SYNTAX, ASSIGN_THEN_QUOTE } from '../parts';

export const twilioRules: RuleSpec[] = [
  {
    id: 'twilio-auth-token',
    issuer: 'twilio',
    name: 'Twilio auth token',
    pattern: String.raw`twilio[A-Za-z0-9_ .:,"'{-]{0,100}?auth[_-]?token${ASSIGN_ANY_SYNTAX}([0-9a-f]{32})(?![0-9a-zA-Z])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['twilio'],
    entropy: 3,
    confidence: 'medium',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '32 hex characters assigned to a Twilio auth token (`TWILIO_AUTH_TOKEN`, `twilio.auth_token`).',
  },
  {
    id: 'twilio-auth-token-after-sid',
    issuer: 'twilio',
    name: 'Twilio auth token next to an account SID',
    pattern: String.raw`(?<![A-Za-z0-9])AC[0-9a-f]{32}(?:["']?\s{0,3}[,:]\s{0,3}["']?|["']?[^\n]{0,60}?(?:[Aa]uth|AUTH)[_-]?(?:[Tt]oken|TOKEN)${ASSIGN_THEN_QUOTE})([0-9a-f]{32})(?![0-9a-zA-Z])`,
    secretGroup: 1,
    keywords: ['AC'],
    // Every SID starts with an upper-case `AC` (the pattern has no `i` flag): `ac` in any case was a
    // keyword hit in every "each", "back" and "account", a third of all hits on ordinary text.
    keywordCase: 'exact',
    entropy: 3,
    confidence: 'medium',
    severity: 'critical',
    kind: 'api-key',
    revocation: 'manual',
    description: '32 hex characters right after an `AC…` account SID (`Client("AC…", "…")`, `-u AC…:…`) or assigned to an auth token name later on the same line.',
  },
  {
    id: 'twilio-api-key-secret',
    issuer: 'twilio',
    name: 'Twilio API key secret',
    pattern: String.raw`twilio[A-Za-z0-9_ .:,"'{-]{0,100}?api[_-]?(?:key[_-]?)?secret${ASSIGN_ANY_SYNTAX}([A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['twilio'],
    entropy: 3.5,
    confidence: 'medium',
    severity: 'high',
    kind: 'api-key',
    machineIdentity: true,
    revocation: 'manual',
    description: '32-character secret of a Twilio API key (`TWILIO_API_SECRET`), paired with an `SK…` key SID.',
  },
];
