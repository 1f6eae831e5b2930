// Linear time on hostile input: each of these would take minutes with a catastrophically
// backtracking rule. The suite's per-test timeout is the failure signal (no timing assertion).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RULES, createScanner, findNestedQuantifier, StreamScanner } from '../../../src/engine';
import { ALPHABETS, rand } from '../../support/fakes';

const MB = 1024 * 1024;
const { scanner } = createScanner();

function repeat(s: string): string {
  return s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
}

describe('adversarial inputs (1 MB each)', { timeout: 120_000 }, () => {
  const inputs: Record<string, string> = {
    'one repeated char': repeat('a'),
    'equals signs': repeat('='),
    'base64 alphabet': repeat(ALPHABETS.b64),
    'random base64': rand(ALPHABETS.b64, MB),
    'eyJ repeated': repeat('eyJ'),
    'eyJ with dots': repeat('eyJhbGciOi.'),
    '-----BEGIN repeated': repeat('-----BEGIN '),
    'BEGIN PRIVATE KEY without END': repeat('-----BEGIN PRIVATE KEY-----\n'),
    'BEGIN then endless base64': '-----BEGIN RSA PRIVATE KEY-----\n' + rand(ALPHABETS.b64, MB),
    'newlines': repeat('\n'),
    'secret= assignments': repeat('secret='),
    'password: "': repeat('password: "'),
    'Authorization: Bearer ': repeat('Authorization: Bearer '),
    'https://user:': repeat('https://user:'),
    'whitespace and quotes': repeat(' "\' \t'),
  };
  for (const r of BUILTIN_RULES) {
    for (const kw of r.keywords.slice(0, 2)) inputs[`keyword ${kw} (${r.id})`] ??= repeat(kw);
  }
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      const found = scanner.scan(text);
      assert.ok(Array.isArray(found));
    });
  }

  it('no built-in pattern has a nested unbounded quantifier', () => {
    for (const r of BUILTIN_RULES) assert.equal(findNestedQuantifier(r.pattern), undefined, r.id);
  });

  it('the streaming scanner stays linear on 4 MB of hostile chunks', () => {
    const s = new StreamScanner(scanner);
    const chunk = repeat('eyJ-----BEGIN =').slice(0, 4096);
    for (let i = 0; i < 1024; i++) s.push(chunk);
    s.end();
  });
});
