// AWS: access key ids (the account is encoded in the id), secret access keys and session tokens.
// Rules are data; the scanner (../../scanner.ts) runs them. Fixtures: aws.fixtures.ts (tests only).

import type { RuleSpec } from '../../types';
import { ASSIGN_THEN_QUOTE, AFTER_ANSI_COLOUR } from '../parts';

export const awsRules: RuleSpec[] = [
  {
    id: 'aws-access-key-id',
    issuer: 'aws',
    name: 'AWS access key ID',
    pattern: `(?:(?<![A-Za-z0-9])|${AFTER_ANSI_COLOUR})(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
    keywords: ['akia', 'asia', 'abia', 'acca'],
    validator: 'aws-key-id',
    confidence: 'high',
    severity: 'medium',
    kind: 'api-key',
    cliIssued: true,
    revocation: 'manual',
    description: 'AWS access key id (`AKIA…` long-term, `ASIA…` temporary): an identifier; it names the account and the key to deactivate.',
  },
  {
    id: 'aws-secret-access-key',
    issuer: 'aws',
    name: 'AWS secret access key',
    pattern: String.raw`(?:aws_?)?secret_?access_?key${ASSIGN_THEN_QUOTE}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key'],
    entropy: 3.5,
    confidence: 'high',
    severity: 'critical',
    kind: 'cloud-key-pair',
    cliIssued: true,
    revocation: 'manual',
    pairsWith: { ruleId: 'aws-access-key-id', withinLines: 5, metadataKey: 'accessKeyId' },
    description: '40-character secret key assigned to `aws_secret_access_key` / `AWS_SECRET_ACCESS_KEY` / `SecretAccessKey`.',
  },
  {
    id: 'aws-session-token',
    issuer: 'aws',
    name: 'AWS session token',
    pattern: String.raw`(?:aws_?)?session_?token${ASSIGN_THEN_QUOTE}([A-Za-z0-9/+]{100,2000}={0,2})(?![A-Za-z0-9/+=])`,
    flags: 'i',
    secretGroup: 1,
    keywords: ['session_token', 'sessiontoken', 'session-token'],
    entropy: 4,
    confidence: 'high',
    severity: 'high',
    kind: 'session-token',
    cliIssued: true,
    revocation: 'manual',
    pairsWith: { ruleId: 'aws-access-key-id', withinLines: 5, metadataKey: 'accessKeyId' },
    description: 'Temporary STS session token assigned to `aws_session_token` / `AWS_SESSION_TOKEN` / `SessionToken`.',
  },
];
