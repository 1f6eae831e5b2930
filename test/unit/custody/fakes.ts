// Test fixtures for the custody and report tests: fake tokens built at run time (never a committed
// literal that a secret scanner would take for a live token) and findings located in a text.
import { createHash } from 'node:crypto';
import type { Finding, TextRange } from '../../../src/engine/types';
import { ALPHABETS, rand } from '../../support/tokens/random';

function randomAlnum(n: number): string {
  return rand(ALPHABETS.b62, n);
}

/** A GitHub-classic-shaped fake token (no valid checksum: nothing here validates it). */
export function fakeGithubToken(): string {
  return 'gh' + 'p_' + randomAlnum(36);
}

export function fakeNpmToken(): string {
  return 'np' + 'm_' + randomAlnum(36);
}

export function fakeFingerprint(secret: string): string {
  return 'sha256:' + createHash('sha256').update('test\u0000' + secret).digest('hex').slice(0, 32);
}

/** 0-based TextRange of text[start, end) (lines split at \n), computed independently of the engine. */
export function rangeOf(text: string, start: number, end: number): TextRange {
  const pos = (o: number): { line: number; col: number } => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, col: o - (before.lastIndexOf('\n') + 1) };
  };
  const s = pos(start);
  const e = pos(end);
  return { start, end, startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col };
}

/** A finding of `secret` at its first occurrence in `text`; the secret is non-enumerable as in the engine. */
export function findingIn(text: string, secret: string, overrides: Partial<Finding> = {}): Finding {
  const start = text.indexOf(secret);
  if (start < 0) throw new Error('secret not in text');
  const f: Finding = {
    ruleId: 'github-pat-classic',
    issuer: 'github',
    name: 'GitHub personal access token (classic)',
    range: rangeOf(text, start, start + secret.length),
    confidence: 'high',
    severity: 'high',
    kind: 'personal-token',
    cliIssued: true,
    machineIdentity: false,
    revocation: 'github-credentials-revoke',
    fingerprint: fakeFingerprint(secret),
    redacted: secret.slice(0, 4) + '••••' + secret.slice(-4),
    validation: { status: 'valid', detail: 'checksum valid' },
    metadata: {},
    ...overrides,
  };
  Object.defineProperty(f, 'secret', { value: secret, enumerable: false });
  return f;
}
