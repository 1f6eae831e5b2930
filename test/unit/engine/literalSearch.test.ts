// The scanner's literal-driven regex search: a rule whose every match starts with a literal
// (`prefixLiteral`: `user:` of kubeconfig-token, `://` of url-credentials, `AC` of Twilio) is tried
// sticky only where the literal occurs, instead of a global search over the window. It must find
// exactly the matches the global search finds, in the same order.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner } from '../../../src/engine';
import { expandFixture } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const { scanner } = createScanner();

interface Rule {
  index: number;
  re: RegExp;
  prefixLiteral?: string;
  secretGroup: number | string;
  spec: { id: string };
}

/** Secret spans the scanner's regex step produces for `rule` over the whole text (evaluation bypassed). */
function spansOfScanner(rule: Rule, text: string): string[] {
  const spans: string[] = [];
  const inner = scanner as unknown as {
    evaluate: (rule: Rule, text: string, start: number, end: number, secret: string) => unknown;
    runRuleUnbudgeted: (rule: Rule, text: string, ws: number, we: number, out: unknown[], opts: object) => void;
  };
  const own = Object.getOwnPropertyDescriptor(inner, 'evaluate');
  inner.evaluate = (_r, _t, start, end, secret) => {
    spans.push(`${start}-${end}:${secret}`);
    return undefined;
  };
  try {
    inner.runRuleUnbudgeted(rule, text, 0, text.length, [], {});
  } finally {
    if (own) Object.defineProperty(inner, 'evaluate', own);
    else delete (inner as { evaluate?: unknown }).evaluate;
  }
  return spans;
}

/** The reference: the rule's global regex over the text, every match in order. */
function spansOfGlobalSearch(rule: Rule, text: string): string[] {
  const re = new RegExp(rule.re.source, rule.re.flags.includes('g') ? rule.re.flags : rule.re.flags + 'g');
  const spans: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const g = rule.secretGroup;
    const secret = typeof g === 'number' ? m[g] : m.groups?.[g];
    const span = typeof g === 'number' ? m.indices?.[g] : m.indices?.groups?.[g];
    if (secret && span) spans.push(`${span[0]}-${span[1]}:${secret}`);
  }
  return spans;
}

const rules = (scanner as unknown as { rules: Rule[] }).rules;
const fixturesById = new Map<string, string[]>();
for (const file of Object.values(RULE_FIXTURE_FILES)) {
  for (const [id, f] of Object.entries(file)) fixturesById.set(id, [...(fixturesById.get(id) ?? []), ...f.positive, ...f.negative]);
}

describe('literal-driven regex search', () => {
  it('finds the matches of the global search for every built-in rule with a prefix literal, on its fixtures with the literal repeated around them', () => {
    const withLiteral = rules.filter((r) => r.prefixLiteral !== undefined);
    assert.ok(withLiteral.length >= 10, `only ${withLiteral.length} rules have a prefix literal`);
    let matched = 0;
    for (const rule of withLiteral) {
      const lit = rule.prefixLiteral!;
      for (const template of fixturesById.get(rule.spec.id) ?? []) {
        const { text } = expandFixture(template);
        // The literal glued before, inside a word, doubled, and the fixture twice (two matches in one window).
        const variants = [text, `${lit}${text}`, `x${lit}${lit} ${text}\n${text}`, `${text.slice(0, 3)}${lit}${text.slice(3)} ${lit}`];
        for (const v of variants) {
          const expected = spansOfGlobalSearch(rule, v);
          assert.deepEqual(spansOfScanner(rule, v), expected, `${rule.spec.id} on ${JSON.stringify(v.slice(0, 80))}`);
          matched += expected.length;
        }
      }
    }
    assert.ok(matched > 50, `only ${matched} matches compared`);
  });

  it('finds a kubeconfig token after a `user:` in the same window that does not start a match', () => {
    const { text } = expandFixture('log: { user: 42 } started\nusers:\n- name: ci-deployer\n  user:\n    token: {{opaque:64}}\n');
    const found = scanner.scan(text).filter((f) => f.ruleId === 'kubeconfig-token');
    assert.equal(found.length, 1);
  });
});
