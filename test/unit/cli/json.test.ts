// Chat and tracker exports: JSON string escapes decoded before scanning, positions in the original.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJsonStrings, looksLikeJson } from '../../../src/cli/scan/json';
import { fingerprint } from '../../../src/engine';
import { githubToken, npmToken } from '../../support/fakes';
import { randomInt } from '../../support/seed';
import { cli, tempDir } from './support';

interface Row {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  ruleId: string;
  fingerprint: string;
}
const rows = (out: string): Row[] => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);

/** `s` with every character from `from` on written as a JSON \\uXXXX escape. */
function uEscape(s: string, from = 0): string {
  return s.slice(0, from) + [...s.slice(from)].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()).join('');
}

/** The character-by-character decoding that decodeJsonStrings replaced (the reference it must equal). */
function decodeReference(text: string): { decoded: string; origin: number[] } | undefined {
  if (!text.includes('\\')) return undefined;
  const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
  const parts: string[] = [];
  const origin: number[] = [];
  let copyFrom = 0;
  let inString = false;
  let decodedAny = false;
  const flush = (to: number): void => {
    if (to > copyFrom) {
      parts.push(text.slice(copyFrom, to));
      for (let k = copyFrom; k < to; k++) origin.push(k);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === 0x22) inString = true;
      continue;
    }
    if (c === 0x22) {
      inString = false;
      continue;
    }
    if (c !== 0x5c) continue;
    const e = text[i + 1];
    if (e === undefined) break;
    let out: string | undefined;
    let len = 2;
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        out = String.fromCharCode(parseInt(hex, 16));
        len = 6;
      }
    } else out = SIMPLE[e];
    if (out === undefined) {
      i++;
      continue;
    }
    flush(i);
    parts.push(out);
    origin.push(i);
    decodedAny = true;
    copyFrom = i + len;
    i += len - 1;
  }
  if (!decodedAny) return undefined;
  flush(text.length);
  origin.push(text.length);
  return { decoded: parts.join(''), origin };
}

describe('token-custody scan: JSON exports (Slack, Teams, Jira, GitHub issues, HAR)', () => {
  let dir: string;
  before(() => (dir = tempDir('tc-json-')));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes escapes and maps every decoded offset back to its source', () => {
    const text = '{"a":"x\\ny\\u002Fz\\"q","b":"plain"}';
    const v = decodeJsonStrings(text)!;
    assert.equal(v.decoded, '{"a":"x\ny/z"q","b":"plain"}');
    assert.equal(text[v.origin[v.decoded.indexOf('y')]!], 'y');
    assert.equal(text.slice(v.origin[v.decoded.indexOf('/')], v.origin[v.decoded.indexOf('/') + 1]), '\\u002F');
    assert.equal(v.origin[v.decoded.length], text.length);
    assert.equal(decodeJsonStrings('{"a":"no escapes"}'), undefined);
    assert.ok(looksLikeJson('\n  [{"x":1}]'));
    assert.ok(!looksLikeJson('const x = {"a": 1}'));
  });

  it('decodes as the character-by-character reading does: escapes in and out of strings, bad escapes, unterminated strings, a final backslash', () => {
    const pieces = ['"', '"', '\\', '\\n', '\\"', '\\\\', '\\u', '\\u00', '\\u002F', '\\uD83D', '\\x', '\\/', 'a', 'key', ' ', '\n', ':', '{', '}', 'é', '0F'];
    const cases = ['', '\\', '"\\', '"a\\', '"\\u12', '"\\u12"', 'x\\n"y\\n"', '"\\\\"\\n"', '{"a":"b\\"c"}'];
    for (let k = 0; k < 3000; k++) {
      const n = randomInt(1, 40);
      let t = '';
      for (let j = 0; j < n; j++) t += pieces[randomInt(pieces.length)]!;
      cases.push(t);
    }
    for (const text of cases) {
      const want = decodeReference(text);
      const got = decodeJsonStrings(text);
      assert.deepEqual(got && { decoded: got.decoded, origin: [...got.origin] }, want, JSON.stringify(text));
    }
  });

  it('Slack export: a token written with \\u escapes is found at its line and column in the file', async () => {
    const gh = githubToken();
    const escaped = uEscape(gh, 4); // "ghp_" then \uXXXX for each character
    const file = `[\n  {\n    "type": "message",\n    "user": "U024BE7LH",\n    "text": "deploy with ${escaped} please",\n    "ts": "1700000000.000200"\n  }\n]\n`;
    writeFileSync(path.join(dir, 'general.json'), file);
    const r = await cli(['scan', 'general.json', '--format', 'jsonl'], dir);
    assert.equal(r.code, 1, r.err);
    const [f] = rows(r.out);
    assert.equal(f!.fingerprint, fingerprint(gh));
    const line = file.split('\n')[4]!;
    assert.equal(f!.line, 5);
    assert.equal(f!.col, line.indexOf('ghp_') + 1);
    assert.equal(f!.endCol, line.indexOf(' please') + 1, 'the end column covers the escapes in the file');
  });

  it('HAR: an Authorization header split by \\n and \\/ escapes in a response body', async () => {
    const npm = npmToken();
    const body = JSON.stringify(`curl -H "Authorization: Bearer ${npm}"\nhttps://registry.npmjs.org/`).slice(1, -1).replace(/\//g, '\\/');
    const har = `{"log":{"version":"1.2","entries":[{"request":{"url":"https:\\/\\/example.invalid\\/"},\n"response":{"content":{"mimeType":"text/plain","text":"${body}"}}}]}}\n`;
    writeFileSync(path.join(dir, 'session.har'), har);
    const r = await cli(['scan', 'session.har', '--format', 'jsonl'], dir);
    assert.equal(r.code, 1, r.err);
    const found = rows(r.out);
    assert.ok(found.some((x) => x.fingerprint === fingerprint(npm)), r.out);
    const f = found.find((x) => x.fingerprint === fingerprint(npm))!;
    assert.equal(f.line, 2);
    assert.equal(har.split('\n')[1]!.slice(f.col - 1, f.endCol - 1), npm);
  });

  it('Jira / GitHub issue export on standard input: found once, at the right line', async () => {
    const gh = githubToken();
    const issue = JSON.stringify([{ key: 'OPS-1', fields: { description: `Steps:\n1. export GITHUB_TOKEN=${gh}\n2. run` } }], null, 2).replace(/\//g, '\\/');
    const r = await cli(['scan', '-', '--format', 'jsonl'], dir, { stdin: issue });
    assert.equal(r.code, 1, r.err);
    const found = rows(r.out);
    assert.equal(found.length, 1, r.out);
    const lineText = issue.split('\n')[found[0]!.line - 1]!;
    assert.equal(lineText.slice(found[0]!.col - 1, found[0]!.endCol - 1), gh);
  });

  it('Teams export with a token across an escaped line break is not glued together', async () => {
    const gh = githubToken();
    const file = `{"messages":[{"body":{"content":"token:\\n${gh}\\nthanks"}}]}`;
    writeFileSync(path.join(dir, 'teams.json'), file);
    const r = await cli(['scan', 'teams.json', '--format', 'jsonl'], dir);
    const found = rows(r.out);
    assert.equal(found.length, 1, r.out);
    assert.equal(file.slice(found[0]!.col - 1, found[0]!.endCol - 1), gh);
  });
});
