// The settings schema and the files the manifest contributes agree with the engine: the strict
// `customRules` item schema lists exactly fields the engine compiles, the rule-file JSON schema is
// the same schema, every enum is described, settings have a unique order, and the
// `.tokencustodyignore` language files exist and ship in the VSIX.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createScanner } from '../../src/engine';
import { localizedManifest } from '../support/manifest';

const root = path.resolve(__dirname, '../../..');
const read = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));
type Schema = { enum?: unknown[]; enumDescriptions?: string[]; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown; markdownDescription?: string; order?: number; [k: string]: unknown };
const pkg = localizedManifest(root) as {
  contributes: {
    configuration: { properties: Record<string, Schema> };
    languages: { id: string; filenames: string[]; configuration: string }[];
    grammars: { language: string; path: string; scopeName: string }[];
    jsonValidation: { fileMatch: string[]; url: string }[];
  };
};
const props = pkg.contributes.configuration.properties;
const ruleItem = props['tokenCustody.customRules']!.items!;

describe('settings schema', () => {
  it('customRules items are strict and every field is documented', () => {
    assert.equal(ruleItem.additionalProperties, false);
    for (const [k, v] of Object.entries(ruleItem.properties!)) assert.ok(v.markdownDescription, `customRules.${k} has no markdownDescription`);
  });

  it('a rule using every field of the schema compiles in the engine (trusted source)', () => {
    const rule: Record<string, unknown> = {
      id: 'acme-all-fields', name: 'Acme token', pattern: 'ACME_(?<secret>[A-Za-z0-9]{24})', flags: 'u', secretGroup: 'secret',
      keywords: ['acme_'], issuer: 'acme', prefix: 'ACME_', entropy: 3, severity: 'high', confidence: 'medium', kind: 'api-key',
      revocation: 'manual', validator: 'jwt', onInvalid: 'low', window: { before: 10, after: 40 }, anchor: 'identifier', decode: 'base64',
      cliIssued: false, machineIdentity: true, description: 'Acme API token',
    };
    assert.deepEqual(Object.keys(rule).sort(), Object.keys(ruleItem.properties!).sort(), 'the test covers every schema field');
    const { errors } = createScanner([rule]);
    assert.deepEqual(errors, []);
    const unknownField = createScanner([{ id: 'acme-x', name: 'x', pattern: 'acme_[a-z]{20}', keywords: ['acme_'], severity: 'high' }]);
    assert.deepEqual(unknownField.errors, []);
  });

  it('the rule-file JSON schema (jsonValidation) is the customRules item schema', () => {
    const v = pkg.contributes.jsonValidation.find((j) => j.fileMatch.includes('*.tokencustody-rules.json'));
    assert.ok(v, 'jsonValidation for *.tokencustody-rules.json');
    const schema = read(v.url) as Schema;
    assert.equal(schema.type, 'array');
    assert.deepEqual(schema.items, ruleItem);
  });

  it('every enum in the settings has one description per value', () => {
    const walk = (s: unknown, where: string): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Schema;
      if (Array.isArray(o.enum)) assert.equal(o.enumDescriptions?.length, o.enum.length, `${where}: enumDescriptions`);
      for (const [k, v] of Object.entries(o)) if (k !== 'enum' && k !== 'enumDescriptions') walk(v, `${where}.${k}`);
    };
    for (const [k, v] of Object.entries(props)) walk(v, k);
  });

  it('every setting has a unique order, starting with what matters', () => {
    const orders = Object.entries(props).map(([k, v]) => [k, v.order] as const);
    for (const [k, o] of orders) assert.equal(typeof o, 'number', `${k} has no order`);
    assert.equal(new Set(orders.map(([, o]) => o)).size, orders.length, 'orders are unique');
    const first = orders.sort((a, b) => a[1]! - b[1]!).slice(0, 3).map(([k]) => k);
    assert.deepEqual(first, ['tokenCustody.enabled', 'tokenCustody.masking.enabled', 'tokenCustody.masking.revealSeconds']);
  });
});

describe('.tokencustodyignore language', () => {
  it('is contributed with a grammar and a comment configuration that exist and ship', () => {
    const lang = pkg.contributes.languages.find((l) => l.filenames.includes('.tokencustodyignore'));
    assert.ok(lang);
    const conf = read(lang.configuration) as { comments: { lineComment: string } };
    assert.equal(conf.comments.lineComment, '#');
    const grammar = pkg.contributes.grammars.find((g) => g.language === lang.id);
    assert.ok(grammar && existsSync(path.join(root, grammar.path)));
    assert.equal((read(grammar.path) as { scopeName: string }).scopeName, grammar.scopeName);
    const vscodeignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(vscodeignore, /^!syntaxes\/\*\*$/m, 'syntaxes/ ships in the VSIX');
  });
});
