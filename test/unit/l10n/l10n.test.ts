// Localisation: package.json contributions go through package.nls.json, every translated message of
// the code is in l10n/bundle.l10n.json (scripts/l10n.mjs), and the plain-Node translator formats as
// vscode.l10n.t does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { english, format, formatNumber } from '../../../src/util/l10n';
import { random, randomInt } from '../../support/seed';

const root = path.resolve(__dirname, '../../../..');
const read = (p: string): unknown => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

interface Extractor {
  extractFrom(text: string, file?: string): { messages: { message: string; line: number }[]; problems: string[] };
  extractAll(root?: string): { bundle: Record<string, string>; problems: string[] };
}
// A runtime path, so that the bundler leaves the script (and the TypeScript compiler it loads) alone.
const extractor = (): Promise<Extractor> => import(pathToFileURL(path.join(root, 'scripts', 'l10n.mjs')).href) as Promise<Extractor>;

/** Every string in `o` with its JSON path. */
function strings(o: unknown, at = ''): [string, string][] {
  if (typeof o === 'string') return [[at, o]];
  if (Array.isArray(o)) return o.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

/** Fields a person reads in the workbench (the model-facing tool descriptions stay English on purpose). */
const READ_BY_PEOPLE = /\.(title|category|shortTitle|description|markdownDescription|enumDescriptions\[\d+\]|markdownEnumDescriptions\[\d+\]|patternErrorMessage|deprecationMessage|markdownDeprecationMessage|contextualTitle|contents|label|displayName|userDescription)$/;

describe('localisation', () => {
  const pkg = read('package.json') as { l10n?: string; contributes: unknown; capabilities: unknown };
  const nls = read('package.nls.json') as Record<string, string>;

  it('package.json names its l10n folder', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  it('package.nls.json and the translations in l10n/ ship in the VSIX, not the English source bundle', () => {
    const vscodeignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(vscodeignore, /^!package\.nls\.json$/m);
    // VS Code loads only bundle.l10n.<language>.json; bundle.l10n.json is never read at run time.
    assert.match(vscodeignore, /^!l10n\/bundle\.l10n\.\*\.json$/m);
    assert.doesNotMatch(vscodeignore, /^!l10n\/(?:\*\*|bundle\.l10n\.json)$/m);
  });

  it('every %key% in package.json has an entry in package.nls.json, and every entry is used', () => {
    const used = new Set<string>();
    for (const [where, s] of strings(pkg)) {
      const m = /^%([^%]+)%$/.exec(s);
      if (!m) continue;
      used.add(m[1]!);
      assert.equal(typeof nls[m[1]!], 'string', `${where}: %${m[1]}% has no entry in package.nls.json`);
    }
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'package.nls.json entries no %key% uses');
  });

  it('every text a person reads in the contributions is a %key% placeholder', () => {
    const plain = strings({ contributes: pkg.contributes, capabilities: pkg.capabilities })
      .filter(([where, s]) => READ_BY_PEOPLE.test(where) && !/\.(inputSchema|languages)\b/.test(where) && !/^%[^%]+%$/.test(s))
      .map(([where]) => where);
    assert.deepEqual(plain, []);
  });

  it('l10n/bundle.l10n.json holds exactly the messages of the code (node scripts/l10n.mjs)', async () => {
    const { bundle, problems } = (await extractor()).extractAll(root);
    assert.deepEqual(problems, []);
    const current = read('l10n/bundle.l10n.json') as Record<string, string>;
    assert.deepEqual(Object.keys(bundle).filter((k) => !(k in current)), [], 'messages missing from l10n/bundle.l10n.json');
    assert.deepEqual(Object.keys(current).filter((k) => !(k in bundle)), [], 'bundle entries no code uses');
    for (const [k, v] of Object.entries(current)) assert.equal(v, k);
  });

  it('the extractor takes vscode.l10n.t, l10n.t, loc.t and t calls, and refuses a message that is not a literal', async () => {
    const src = [
      "vscode.l10n.t('Revoke {0}?', name);",
      'l10n.t(`Show Log`);',
      "const a = t('Seen in {0} places', n);",
      "loc.t('Seen {0}', when);",
      "tr('not ours');",
      "// t('in a comment')",
      "const s = \"t('in a string')\";",
      'vscode.l10n.t(message);',
      "t(`dynamic ${x}`);",
    ].join('\n');
    const r = (await extractor()).extractFrom(src, 'x.ts');
    assert.deepEqual(r.messages.map((m) => m.message), ['Revoke {0}?', 'Show Log', 'Seen in {0} places', 'Seen {0}']);
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0]!, /^x\.ts:8: .*vscode\.l10n\.t/);
    assert.match(r.problems[1]!, /^x\.ts:9: /);
  });

  it('the extractor takes a translator under another name: const tr = loc.t, { t: say }, a Translate parameter, an alias of an alias', async () => {
    const src = [
      'function row(t: ViewToken, loc: Locale) {',
      '  const tr = loc.t;',
      "  return [t.label, tr('Issuer: {0}', t.issuer)];",
      '}',
      "const { t: say } = loc; say('Said');",
      "function f({ t: tell }: Locale, ask: Translate, pick: Locale['t']) { tell('Told'); ask('Asked {0}', 1); pick('Picked'); }",
      'const hostT = vscode.l10n.t; const again = hostT;',
      "again('Again {0}', n);",
      "other('Not a message');",
      "const { tr: notOurs } = x; notOurs('No {0} here either is fine');",
    ].join('\n');
    const r = (await extractor()).extractFrom(src, 'x.ts');
    assert.deepEqual(r.messages.map((m) => m.message), ['Issuer: {0}', 'Said', 'Told', 'Asked {0}', 'Picked', 'Again {0}']);
    // `notOurs` is bound from `tr`, not `t`: not a translator, and its message reads like one.
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /^x\.ts:10: notOurs\(…\) is given a message with placeholders but is not known as a translator/);
  });

  it('the custody view\'s rows (tr = loc.t in src/custody/viewModel.ts) are in the bundle', async () => {
    const file = path.join(root, 'src', 'custody', 'viewModel.ts');
    const r = (await extractor()).extractFrom(readFileSync(file, 'utf8'), 'src/custody/viewModel.ts');
    const found = new Set(r.messages.map((m) => m.message));
    const current = read('l10n/bundle.l10n.json') as Record<string, string>;
    // tokenRow, placeRow and moreRow: one message each at least.
    for (const m of ['Issuer: {0}', 'Terminal “{0}” · {1}', 'and {0} more tokens in {1}']) {
      assert.ok(found.has(m), `${m} extracted from viewModel.ts`);
      assert.ok(m in current, `${m} in l10n/bundle.l10n.json`);
    }
  });

  it('english() formats {n} placeholders like vscode.l10n.t and leaves unknown ones', () => {
    assert.equal(english('Revoke {0} at {1}?', 'ghp_••••3kQz', 'GitHub'), 'Revoke ghp_••••3kQz at GitHub?');
    assert.equal(english('{0} of {0}, {2}', 1, 2), '1 of 1, {2}');
    assert.equal(format('{1}{0}', ['a', true]), 'truea');
  });

  it('formatNumber gives what toLocaleString gives: whole numbers at every digit count, signs, -0, fractions, non-finite, in English (grouped without Intl) and other languages', () => {
    const languages = ['en', 'EN', 'en-us', 'en-US', 'en-GB', 'en-IN', 'de', 'fr', 'zh-cn', 'ar-EG', 'not a tag'];
    const numbers = [0, -0, 1, -1, 999, 1000, -1000, 12_345, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, 1234.5678, -0.25, NaN, Infinity, -Infinity];
    for (let d = 1; d <= 16; d++) {
      // d digits, the first not 0 (safe integers have at most 16).
      let digits = String(randomInt(1, 10));
      while (digits.length < d) digits += String(randomInt(0, 10));
      const n = Math.min(Number(digits), Number.MAX_SAFE_INTEGER - randomInt(0, 1000));
      numbers.push(n, -n);
    }
    for (let i = 0; i < 200; i++) numbers.push(Math.floor(random() * 1e9) * (random() < 0.5 ? -1 : 1));
    for (const language of languages) {
      for (const n of numbers) {
        let expected: string;
        try {
          expected = n.toLocaleString(language);
        } catch {
          expected = n.toLocaleString('en');
        }
        assert.equal(formatNumber(n, language), expected, `${n} in ${language}`);
      }
    }
  });
});
