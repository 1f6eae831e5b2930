// Keyword hits dropped before windows are built (`RuleSpec.matchPrefix`): Twilio's keyword `ac` is a
// hit in every "each" and "back", url-credentials' `://` in every URL. A hit where the rule's
// `matchPrefix` does not match cannot start a match, and the windows that are still built are the
// ones the loop over all hits builds (merged lines included), so the findings must be exactly those of
// the reference scanner that runs every window (`hitChecks: false`) — on every fixture, in contexts
// that merge windows, in partial regions and in a stream.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner, type Finding, type Scanner } from '../../../src/engine';
import { expandFixture } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const KEY = 'hit-filter-test-key-0123456789';
const fast = createScanner([], { fingerprintKey: KEY }).scanner;
const reference = createScanner([], { fingerprintKey: KEY, hitChecks: false }).scanner;

interface Rule {
  index: number;
  re: RegExp;
  keywords: readonly string[];
  hitCheck?: { literal?: string; re: RegExp };
  prefixLiteral?: string;
  innerLiteral?: string;
  sticky: RegExp | null;
  afterIdentifier?: RegExp;
  window: { before: number; after: number } | null;
  spec: { id: string };
}
const rules = (fast as unknown as { rules: Rule[] }).rules;
const checked = rules.filter((r) => r.hitCheck !== undefined);

const fixturesById = new Map<string, { positive: string[]; negative: string[] }>();
for (const file of Object.values(RULE_FIXTURE_FILES)) for (const [id, f] of Object.entries(file)) fixturesById.set(id, f);
const allTemplates = [...fixturesById.values()].flatMap((f) => [...f.positive, ...f.negative]);

function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.range.start}-${f.range.end} ${f.fingerprint} ${f.confidence} ${f.validation.status} ${JSON.stringify(f.metadata)}`);
}

type RunRule = (rule: Rule, text: string, ws: number, we: number, ...rest: unknown[]) => void;

/** Scans, recording the windows of `text` in which a checked rule's regex ran (not those of decoded values scanned again). */
function scanRecording(s: Scanner, text: string, opts: Parameters<Scanner['scanDetailed']>[1]): { detail: ReturnType<Scanner['scanDetailed']>; windows: string[] } {
  const inner = s as unknown as { runRule: RunRule };
  const windows: string[] = [];
  const orig = inner.runRule;
  inner.runRule = function (this: unknown, rule, t, ws, we, ...rest) {
    if (rule.hitCheck && t === text) windows.push(`${rule.spec.id} ${ws}-${we}`);
    return orig.call(this, rule, t, ws, we, ...rest);
  };
  try {
    return { detail: s.scanDetailed(text, opts), windows };
  } finally {
    delete (inner as { runRule?: unknown }).runRule;
  }
}

/**
 * Same findings and open hits as the reference; the checked rules ran in the reference's windows
 * that hold a hit passing the check (or reach outside a partial region), and in no other.
 */
/** What a stream fed `text` in chunks of `size` reports (rule and fingerprint per finding). */
function streamed(s: Scanner, text: string, size: number): string[] {
  const stream = new StreamScanner(s);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...stream.push(text.slice(i, i + size)).map((f) => `${f.ruleId} ${f.fingerprint}`));
  out.push(...stream.end().map((f) => `${f.ruleId} ${f.fingerprint}`));
  return out;
}

function same(text: string, opts: Parameters<Scanner['scanDetailed']>[1] = {}): void {
  const a = scanRecording(fast, text, opts);
  const b = scanRecording(reference, text, opts);
  const where = JSON.stringify(text.slice(0, 120));
  assert.deepEqual(summary(a.detail.findings), summary(b.detail.findings), `findings differ on ${where}`);
  assert.deepEqual([...a.detail.openHits], [...b.detail.openHits], `open hits differ on ${where}`);
  const refWindows = new Set(b.windows);
  for (const w of a.windows) assert.ok(refWindows.has(w), `window ${w} is not one of the reference's on ${where}`);
  if (!opts.region) {
    for (const w of b.windows) {
      const [id, span] = w.split(' ');
      const [ws, we] = span!.split('-').map(Number);
      const rule = checked.find((r) => r.spec.id === id)!;
      const check = rule.hitCheck!;
      let holds = false;
      const lit = check.literal ?? '';
      for (let p = text.indexOf(lit, ws); p >= 0 && p < we! && !holds; p = text.indexOf(lit, p + 1)) {
        check.re.lastIndex = p;
        holds = check.re.test(text);
      }
      // A windowed rule's window also needs its inner literal after the prefix (CompiledRule.innerLiteral: a kubeconfig's `token:`).
      const inner = rule.innerLiteral;
      if (holds && inner !== undefined) {
        const pl = rule.prefixLiteral;
        const from = pl !== undefined ? text.indexOf(pl, ws) + pl.length : ws!;
        const at = text.indexOf(inner, from);
        holds = at >= 0 && at + inner.length <= we!;
      }
      assert.equal(a.windows.includes(w), holds, `window ${w} ${holds ? 'holds a match start but was skipped' : 'was run without a match start'} on ${where}`);
    }
  }
}

/** Contexts that change how line windows merge: lines with a dropped hit (`each`, `://`) before, after and around. */
function contexts(text: string): string[] {
  const filler = 'for each item go back to https://docs.internal.test/page';
  return [
    text,
    `${filler}\n${text}`,
    `${text}\n${filler}`,
    `${filler}\n${text}\n${filler}\nplain line\n${filler}`,
    `each ${text} back`,
    `no hit here\n${text}\nno hit here\n`,
    `${filler}\n\n${text}\n\n${filler}`,
    `ACCESS ACTION each\n${text.split('\n').join('\nback\n')}\neach`,
  ];
}

describe('keyword hit checks (RuleSpec.matchPrefix, pattern heads)', () => {
  it('are set on the Twilio SID rule and url-credentials', () => {
    const ids = checked.map((r) => r.spec.id);
    assert.ok(ids.includes('twilio-auth-token-after-sid') && ids.includes('url-credentials'), ids.join(', '));
    assert.deepEqual(checked.filter((r) => r.window !== null).map((r) => r.spec.id).sort(), ['curl-user-credentials', 'kubeconfig-token'], 'window rules with a check');
    assert.ok(checked.length >= 10, `only ${checked.length} rules with a hit check: ${ids.join(', ')}`);
  });

  it('every match of a checked rule on its fixtures starts at a keyword where its check passes', () => {
    let compared = 0;
    for (const rule of checked) {
      const fixtures = fixturesById.get(rule.spec.id)!;
      for (const tpl of [...fixtures.positive, ...fixtures.negative]) {
        for (let round = 0; round < 5; round++) {
          for (const text of contexts(expandFixture(tpl).text)) {
            const re = new RegExp(rule.re.source, rule.re.flags);
            for (const m of text.matchAll(re)) {
              const lower = text.slice(m.index, m.index + 64).toLowerCase();
              assert.ok(rule.keywords.some((k) => lower.startsWith(k)), `${rule.spec.id}: a match at ${m.index} does not start at a keyword in ${JSON.stringify(text)}`);
              const check = rule.hitCheck!;
              check.re.lastIndex = m.index;
              assert.ok(check.re.test(text), `${rule.spec.id}: matchPrefix fails where a match starts, in ${JSON.stringify(text)}`);
              if (check.literal !== undefined) assert.ok(text.startsWith(check.literal, m.index));
              compared++;
            }
          }
        }
      }
    }
    assert.ok(compared > 100, `only ${compared} matches compared`);
  });

  it('leave the findings and open hits of every fixture unchanged, in contexts that merge line windows', () => {
    for (const tpl of allTemplates) for (const text of [3, 4, 7].map((i) => contexts(expandFixture(tpl).text)[i]!)) same(text);
  });

  it('find Twilio SIDs in every context of the fixtures, as the reference does', () => {
    const fixtures = fixturesById.get('twilio-auth-token-after-sid')!;
    for (const tpl of fixtures.positive) {
      for (let round = 0; round < 5; round++) {
        for (const text of contexts(expandFixture(tpl).text)) {
          same(text);
          assert.ok(fast.scan(text).some((f) => f.ruleId === 'twilio-auth-token-after-sid'), `no Twilio finding in ${JSON.stringify(text)}`);
        }
      }
    }
  });

  it('keep a SID match that runs onto the next line only when that line has a hit (an upper-case `AC`), as the merged windows always did', () => {
    // The pattern allows `\s{0,3}` between the SID and the token: a match can cross a line break, and
    // is found when the next line's window merges with the SID's, that is when the next line holds a
    // keyword hit. The keyword `AC` is matched in exact case (RuleSpec.keywordCase): a lower-case `ac`
    // (each, back) is no hit and merges nothing; before, it was one, and such a line merged.
    for (let round = 0; round < 5; round++) {
      const { text: nextSid } = expandFixture('client = Client("{{twilio:account-sid}}",\n  "{{twilio:auth-token}}") # {{twilio:account-sid}}');
      const { text: nextEach } = expandFixture('client = Client("{{twilio:account-sid}}",\n  "{{twilio:auth-token}}") # each back account');
      const { text: alone } = expandFixture('client = Client("{{twilio:account-sid}}",\n  "{{twilio:auth-token}}")');
      for (const text of [nextSid, nextEach, alone]) same(text);
      const found = (text: string): boolean => fast.scan(text).some((f) => f.ruleId === 'twilio-auth-token-after-sid');
      assert.ok(found(nextSid), 'merged windows (an AC on the next line): found');
      // The token is lower-case hex: it never holds an `AC` itself.
      assert.ok(!found(nextEach) && !found(alone), 'no hit on the next line: the SID line window ends at the line break');
    }
  });

  it('match the Twilio keyword `AC` in exact case: no hit in each, back, account, Access; a hit at every upper-case AC, by both keyword searches', () => {
    const automaton = createScanner([], { fingerprintKey: KEY, prefilter: 'automaton' }).scanner;
    const twilio = rules.findIndex((r) => r.spec.id === 'twilio-auth-token-after-sid');
    const words = ['each', 'back', 'account', 'Access', 'aC', 'Ac', 'REPLACE_ME', 'TRACE'];
    for (let round = 0; round < 20; round++) {
      const picks = Array.from({ length: 30 }, (_, i) => words[(round * 7 + i * 3) % words.length]!);
      const text = picks.join(round % 2 ? '\n' : ' ');
      for (const s of [fast, automaton, reference]) {
        const upper = (text.match(/AC/g) ?? []).length;
        const detail = s.scanDetailed(text);
        assert.equal(detail.hitRules.includes(twilio), upper > 0, `${s.prefilter}: Twilio hit in ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    // Every positive fixture, in contexts full of lower-case `ac`: found by every scanner, as the reference finds it.
    for (const tpl of fixturesById.get('twilio-auth-token-after-sid')!.positive) {
      const text = `each back account\n${expandFixture(tpl).text}\nreplace the cache`;
      const expected = summary(reference.scan(text));
      assert.ok(expected.some((f) => f.startsWith('twilio-auth-token-after-sid ')), text);
      assert.deepEqual(summary(fast.scan(text)), expected);
      assert.deepEqual(summary(automaton.scan(text)), expected);
    }
  });

  it('open no window for a `curl` without `-u` or `--user` on its line (curl -v output, curl -H), and find curl -u after continuations among them', () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 2 ? '> User-Agent: curl/8.5.0' : `$ curl -sS -H "Accept: application/json" https://api.internal.test/v1/items/${i}`));
    const text = lines.join('\n') + '\n';
    // Windows are built from every hit (they merge as before); none of them runs the pattern.
    const inner = fast as unknown as { runRule: RunRule };
    const orig = inner.runRule;
    let runs = 0;
    inner.runRule = function (this: unknown, rule, ...rest) {
      if (rule.spec.id === 'curl-user-credentials') runs++;
      return orig.call(this, rule, ...rest);
    };
    try {
      assert.deepEqual(fast.scan(text), []);
    } finally {
      delete (inner as { runRule?: unknown }).runRule;
    }
    assert.equal(runs, 0, 'curl windows run without a hit that can start a match');
    same(text);
    for (const tpl of fixturesById.get('curl-user-credentials')!.positive) {
      const mixed = lines.slice(0, 200).join('\n') + '\n' + expandFixture(tpl).text + '\n' + lines.slice(200).join('\n');
      assert.ok(fast.scan(mixed).some((f) => f.ruleId === 'curl-user-credentials'), tpl);
      same(mixed);
    }
  });

  it('open no window for a lower-case `ac` (each, back) or a URL without a user part', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 2 ? 'for each item go back and reach the cache' : `see https://docs.internal.test/page/${i} now`));
    const text = lines.join('\n') + '\n';
    const before = fast.stats.windows;
    assert.deepEqual(fast.scan(text), []);
    assert.equal(fast.stats.windows - before, 0, 'windows built for hits that cannot start a match');
    const refBefore = reference.stats.windows;
    reference.scan(text);
    assert.ok(reference.stats.windows - refBefore >= 1, 'the reference builds windows for the same hits');
    // One SID in the middle: one window (the merged run of lines around it), and it is found.
    const { text: sid } = expandFixture('client = Client("{{twilio:account-sid}}", "{{twilio:auth-token}}")');
    const mixed = lines.slice(0, 1000).join('\n') + '\n' + sid + '\n' + lines.slice(1000).join('\n');
    const { detail, windows } = scanRecording(fast, mixed, {});
    assert.ok(detail.findings.some((f) => f.ruleId === 'twilio-auth-token-after-sid'));
    assert.equal(windows.length, 1, windows.join(', '));
    same(mixed);
  });

  it('leave partial regions and a stream unchanged (windows reaching outside the region)', () => {
    const { text: sid } = expandFixture('x Client("{{twilio:account-sid}}", "{{twilio:auth-token}}") for each\nDATABASE_URL=postgres://app:{{password:18}}@db.internal:5432/app back\n');
    const text = `each line\n${sid}each\nmore text\n${sid}`;
    for (let start = 0; start <= text.length; start += 7) {
      for (const end of [text.length, Math.min(text.length, start + 40), Math.min(text.length, start + 90)]) same(text, { region: { start, end } });
    }
    // A stream fed in small chunks: the scanner sees partial regions and open hits carried over.
    for (const size of [5, 17, 64]) {
      assert.deepEqual(streamed(fast, text, size), streamed(reference, text, size), `stream in chunks of ${size}`);
    }
  });

  it('run the line window of a failing hit on the region\'s first or last line when a match starts outside the region there', () => {
    const { text: line } = expandFixture('see https://docs.internal.test/page then DATABASE_URL=postgres://app:{{password:18}}@db.internal:5432/app and ftp://mirror.internal.test/x');
    const text = `plain line\n${line}\nmore text\n`;
    const docs = text.indexOf('://');
    const cred = text.indexOf('://', docs + 1);
    const ftp = text.indexOf('://', cred + 1);
    const found = (opts: Parameters<Scanner['scanDetailed']>[1]): boolean => fast.scanDetailed(text, opts).findings.some((f) => f.ruleId === 'url-credentials');
    // The region starts after the credential's `://` (its line's `ftp://` is the hit), or ends before it (`https://` is).
    assert.ok(found({ region: { start: cred + 1, end: text.length } }));
    assert.ok(found({ region: { start: 0, end: cred } }));
    for (let start = docs; start <= ftp + 1; start++) same(text, { region: { start, end: text.length } });
    for (let end = docs + 1; end <= ftp + 3; end++) same(text, { region: { start: 0, end } });
    for (const size of [7, 40, 64, 100]) assert.deepEqual(streamed(fast, text, size), streamed(reference, text, size), `stream in chunks of ${size}`);
  });

  it('run a kubeconfig window only when a `user:` in it ends its line, as the reference finds', () => {
    const kube = (): string => expandFixture('users:\n- name: ci-deployer\n  user:\n    token: {{opaque:64}}\n').text;
    const noise = Array.from({ length: 300 }, (_, i) => `  user: alice${i}\n  user: "bob"\nlogin user:${i} done\n`).join('');
    const rule = checked.find((r) => r.spec.id === 'kubeconfig-token')!;
    for (let round = 0; round < 3; round++) {
      const text = `${noise}${kube()}${noise}user:\n${noise}${kube()}`;
      const { detail, windows } = scanRecording(fast, text, {});
      assert.equal(detail.findings.filter((f) => f.ruleId === rule.spec.id).length, 2);
      assert.ok(windows.filter((w) => w.startsWith(rule.spec.id)).length <= 3, windows.join(', '));
      same(text);
      same(noise);
      for (let start = 0; start < text.length; start += Math.floor(text.length / 7)) same(text, { region: { start, end: Math.min(text.length, start + 5000) } });
    }
    // A stream in chunks: windows reach into data not seen yet and back into the carried tail.
    const text = `${noise.slice(0, 3000)}${kube()}${noise.slice(0, 2000)}`;
    for (const size of [97, 1024]) {
      assert.deepEqual(streamed(fast, text, size), streamed(reference, text, size), `stream in chunks of ${size}`);
    }
  });

  it('long lines (over the 4,096-character cap) keep the reference windows', () => {
    const { text: sid } = expandFixture('Client("{{twilio:account-sid}}", "{{twilio:auth-token}}")');
    const long = 'each '.repeat(1500);
    for (const text of [`${long}${sid}${long}`, `${long}\n${long}${sid}\neach\n${sid}${long}`, `${sid}${'x'.repeat(5000)}each${sid}`]) same(text);
  });
});

describe('anchored rules: the part after the identifier first (RuleSpec.afterIdentifier)', () => {
  const anchored = rules.filter((r) => r.afterIdentifier !== undefined);
  const isIdent = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_.-]/.test(c);
  /** Whether `afterIdentifier` matches where the scanner tests it for an identifier starting at `start`: where it ends. */
  const tailAt = (rule: Rule, text: string, start: number): boolean => {
    let end = start;
    while (isIdent(text[end])) end++;
    const tail = rule.afterIdentifier!;
    tail.lastIndex = end;
    return tail.test(text);
  };
  /**
   * Calls of the sticky regex of `rule` made by `run`: the compiled rule's (shared by the scanners) and
   * each scanner's twin of it without the `d` flag (scanner.ts `plainSticky`), which is what runs.
   */
  const stickyRuns = (rule: Rule, run: () => void): number => {
    const twins = (s: unknown): RegExp | undefined => (s as { plainSticky: (RegExp | undefined)[] }).plainSticky[rule.index];
    const regexes = [rule.sticky!, twins(fast), twins(reference)].filter((re): re is RegExp => re !== undefined);
    assert.equal(regexes.length, 3, 'both scanners run the rule without the d flag');
    let n = 0;
    for (const re of regexes) {
      re.exec = (t: string) => {
        n++;
        return RegExp.prototype.exec.call(re, t);
      };
    }
    try {
      run();
    } finally {
      for (const re of regexes) delete (re as { exec?: unknown }).exec;
    }
    return n;
  };

  it('are set on the generic secret and password rules', () => {
    assert.deepEqual(anchored.map((r) => r.spec.id).sort(), ['generic-password-assignment', 'generic-secret-assignment']);
  });

  it('every match of those rules on the fixtures continues with afterIdentifier where its identifier ends', () => {
    let compared = 0;
    for (const tpl of allTemplates) {
      for (let round = 0; round < 2; round++) {
        for (const text of [0, 3, 7].map((i) => contexts(expandFixture(tpl).text)[i]!)) {
          for (const rule of anchored) {
            for (const m of text.matchAll(new RegExp(rule.re.source, rule.re.flags))) {
              assert.ok(tailAt(rule, text, m.index), `${rule.spec.id}: afterIdentifier fails after the identifier at ${m.index} in ${JSON.stringify(text)}`);
              compared++;
            }
          }
        }
      }
    }
    assert.ok(compared > 200, `only ${compared} matches compared`);
  });

  it('find what the reference finds in every assignment syntax the rules read, whatever the value', () => {
    const names = ['API_KEY', 'client.secret', 'apiToken', 'DB_PASSWORD', 'smtp.pass'];
    const glues = ['=', ' = ', ':', ': ', ' := ', ' => ', '?=', ' ::= ', ' :::= ', ' ??= ', ' ||= ', '.= ', '\u001b[0m=', ' string = ', ': String = ', '", ', '"  value="', ': |\n  ', '\n  value: ', '>', '>\n' + ' '.repeat(79), '>' + ' '.repeat(81)];
    const values = ['{{secret:32}}', '"{{secret:24}}"', "'{{password:16}}'", '{{punct-password:16}}', 'await getToken()', 'process.env.TOKEN', '"correct horse 4 staple"', '{{secret:15}}', 'x'.repeat(20) + '1', '${VAR}'];
    let found = 0;
    for (let round = 0; round < 2; round++) {
      for (const name of names) {
        for (const glue of glues) {
          for (const value of values) {
            const pre = glue.startsWith('"') ? `"${name}` : glue.startsWith('>') ? `<${name}` : name;
            const close = glue.startsWith('>') ? `\n</${name}>` : '';
            const { text } = expandFixture(`${pre}${glue}${value}${close}\nnext = 1\n`);
            same(text);
            found += fast.scan(text).length;
          }
        }
      }
    }
    assert.ok(found > 100, `only ${found} findings: the cases do not exercise the rules`);
  });

  it('test the part after the identifier nowhere after a `||` that is not `||=`, nor after a `==` with a short value, and find what the reference finds around both', () => {
    const rule = anchored.find((r) => r.spec.id === 'generic-secret-assignment')!;
    const tail = rule.afterIdentifier!;
    let tests = 0;
    tail.test = (t: string) => {
      tests++;
      return RegExp.prototype.test.call(tail, t);
    };
    try {
      const text = Array.from({ length: 50 }, (_, i) => `if (!token${i} || key.length === 0) return apiKey == null;`).join('\n');
      assert.deepEqual(fast.scan(text), []);
      assert.equal(tests, 0, 'the tail was tested');
    } finally {
      delete (tail as { test?: unknown }).test;
    }
    const glues = ['||=', ' ||= ', '"||=', "']||= ", '||', ' || ', '|=', '|||=', '==', ' == ', '===', ' === ', '"==', '=', ' =\t'];
    const values = ['{{secret:32}}', '={{secret:32}}', '== {{secret:32}}', 'abc1234', '=abc1234', '==abc12345', '=abcd1234', '= {{password:16}}', '{{password:7}}', '{{password:16}}'];
    let found = 0;
    for (let round = 0; round < 2; round++) {
      for (const name of ['API_KEY', 'secret', 'DB_PASSWORD']) {
        for (const glue of glues) {
          for (const value of values) {
            for (const end of ['', '\n', ' x\n']) {
              const { text } = expandFixture(`${name}${glue}${value}${end}`);
              same(text);
              found += fast.scan(text).length;
            }
          }
        }
      }
    }
    assert.ok(found > 50, `only ${found} findings: the cases do not exercise the rules`);
  });

  it('read an identifier from past the keyword of its hit, and find what the reference finds in identifiers of every length and case', () => {
    const skips = (fast as unknown as { identSkip: (Uint8Array | undefined)[] }).identSkip;
    const skip = skips[anchored.find((r) => r.spec.id === 'generic-secret-assignment')!.index]!;
    // secret, token, key, credential, auth_code / authcode: the shortest keyword for each first letter, in either case.
    assert.deepEqual([...'stkcaSTKCA'].map((c) => skip[c.charCodeAt(0)]), [6, 5, 3, 10, 8, 6, 5, 3, 10, 8]);
    assert.equal(skips[anchored.find((r) => r.spec.id === 'generic-password-assignment')!.index]![112], 3, 'pwd, pass, passw, passphrase');
    const names = ['token', 'TOKEN', 'Key', 'my_api_key', 'x'.repeat(58) + 'token', 'x'.repeat(59) + 'token', 'x'.repeat(61) + 'Secret', 'token' + 'x'.repeat(58), 'token' + 'x'.repeat(59), 'token' + 'x'.repeat(70), 'AUTH_CODE', 'authcode2', 'credentials', 'keytoken', 'db.password', 'PWD'];
    let found = 0;
    for (let round = 0; round < 2; round++) {
      for (const name of names) {
        for (const glue of ['=', ': ', ' = "', '.= ', '\t=> ']) {
          const { text } = expandFixture(`${name}${glue}{{secret:32}}\n${name.toUpperCase()}${glue}{{password:16}}\n`);
          same(text);
          found += fast.scan(text).length;
        }
      }
    }
    assert.ok(found > 100, `only ${found} findings: the cases do not exercise the rules`);
  });

  it('run the whole pattern only where an assignment of a value of the right shape follows', () => {
    const rule = anchored.find((r) => r.spec.id === 'generic-secret-assignment')!;
    const text = Array.from({ length: 500 }, (_, i) => `const token${i} = await getToken(); secretKey: process.env.SECRET_KEY, apiKey == null`).join('\n');
    assert.equal(stickyRuns(rule, () => assert.deepEqual(fast.scan(text), [])), 0);
    assert.ok(stickyRuns(rule, () => reference.scan(text)) >= 1000, 'the reference runs it at every assigned identifier');
    const { text: secret } = expandFixture('API_KEY={{secret:32}}');
    assert.equal(stickyRuns(rule, () => assert.equal(fast.scan(`${text}\n${secret}\n`).length, 1)), 1);
  });
});

describe('documented example keys asked only of candidates that can be kept', () => {
  // AWS's documented example key id and secret key stems (filters.ts), assembled from parts.
  const idStem = 'AKIA' + 'IOSFODNN7';
  const secretStem = 'wJalrXUtnFEMI' + '/K7MDENG';

  it('drop them as the reference does, alone, overlapping other rules, paired, encoded and among real-looking keys', () => {
    const examples = [`${idStem}EXAMPLE`, `${secretStem}/bPxRfiCYEXAMPLEKEY`, `${secretStem}/bPxRfiCYSECRETSKEY`];
    const layouts = (x: string): string[] => [
      x,
      `AWS_ACCESS_KEY_ID=${x}`,
      `aws_secret_access_key = "${x}"`,
      `api_key: ${x}\ntoken = "${x}"`,
      `[default]\naws_access_key_id = ${examples[0]}\naws_secret_access_key = ${x}`,
      `[default]\naws_access_key_id = {{aws-key-id}}\naws_secret_access_key = ${x}`,
      `[default]\naws_access_key_id = ${x}\naws_secret_access_key = {{aws:secret}}`,
      `Authorization: Basic ${Buffer.from(`user:${x}`).toString('base64')}`,
      `https://user:${x}@example.test/path`,
      `SECRET_KEY=${x} OTHER_SECRET={{secret:32}}`,
    ];
    let documented = 0;
    for (let round = 0; round < 3; round++) {
      for (const x of examples) {
        for (const layout of layouts(x)) {
          const { text } = expandFixture(layout);
          same(text);
          // (A password decoded from a Basic header is its container's finding, as it always was.)
          if (!text.includes('Basic')) for (const f of fast.scan(text)) assert.ok(!examples.includes((f as { secret?: string }).secret ?? ''), `a documented example is reported in ${JSON.stringify(text)}`);
          documented++;
        }
      }
    }
    assert.ok(documented >= 90);
  });

  it('drop one that would win against an earlier, overlapping custom rule match, which is then kept', () => {
    const custom = [{ id: 'acme-note', name: 'Acme note', pattern: 'note=([^\\n]{30,})', secretGroup: 1, keywords: ['note='] }];
    const fastCustom = createScanner(custom, { fingerprintKey: KEY }).scanner;
    const refCustom = createScanner(custom, { fingerprintKey: KEY, hitChecks: false }).scanner;
    const text = `note=aws_secret_access_key = ${secretStem}/bPxRfiCYSECRETSKEY\n`;
    const ids = (s: Scanner): string[] => s.scan(text).map((f) => f.ruleId);
    assert.deepEqual(ids(refCustom), ['acme-note']);
    assert.deepEqual(ids(fastCustom), ids(refCustom));
  });
});

describe('generic candidates shadowed by a built-in vendor match of the same range', () => {
  type Evaluate = (rule: Rule, ...rest: unknown[]) => unknown;
  /** Rule ids of the candidates `s` evaluates while `run` runs. */
  const evaluated = (s: Scanner, run: () => void): string[] => {
    const inner = s as unknown as { evaluate: Evaluate };
    const orig = inner.evaluate;
    const ids: string[] = [];
    inner.evaluate = function (this: unknown, rule, ...rest) {
      ids.push(rule.spec.id);
      return orig.call(this, rule, ...rest);
    };
    try {
      run();
    } finally {
      delete (inner as { evaluate?: unknown }).evaluate;
    }
    return ids;
  };
  const generic = ['generic-secret-assignment', 'generic-password-assignment'];
  /** Every value generated by the positive fixtures of the vendor rules (not the generic or structured ones). */
  const vendorValues = (): string[] => {
    const out: string[] = [];
    for (const [id, f] of fixturesById) {
      const rule = rules.find((r) => r.spec.id === id) as (Rule & { spec: { issuer: string } }) | undefined;
      if (!rule || rule.spec.issuer === 'generic' || rule.spec.issuer === 'url') continue;
      for (const tpl of f.positive) out.push(...expandFixture(tpl).values.filter((v) => v.length >= 16 && !/\s/.test(v)));
    }
    return out;
  };

  it('are not evaluated, and the findings are the reference\'s, in every assignment layout, chained, overlapping and as documented examples', () => {
    const idStem = 'AKIA' + 'IOSFODNN7';
    let compared = 0;
    let vendorFindings = 0;
    for (let round = 0; round < 2; round++) {
      const values = [...vendorValues(), `${idStem}EXAMPLE`];
      assert.ok(values.length > 60, `only ${values.length} vendor values`);
      for (const v of values) {
        for (const layout of [
          `API_KEY=${v}`,
          `client_secret: "${v}"`,
          `const token = '${v}';`,
          `DB_PASSWORD=${v}`,
          `<apiKey>${v}</apiKey>`,
          `SECRET_KEY=${v}${v}`,
          `token = "${v}" secret = "${v}x1"`,
          `export GITHUB_TOKEN=${v} NPM_TOKEN=${v}\nsecret: ${v}`,
        ]) {
          same(layout);
          vendorFindings += fast.scan(layout).filter((f) => !generic.includes(f.ruleId)).length;
          compared++;
        }
      }
    }
    assert.ok(compared > 900 && vendorFindings > 800, `${compared} layouts, ${vendorFindings} vendor findings`);
  });

  it('the generic rule is evaluated where no vendor rule matched the same range (and by the reference scanner always)', () => {
    const { text: token } = expandFixture('{{github:ghp}}');
    const shadowed = `GITHUB_TOKEN=${token}\n`;
    assert.deepEqual(fast.scan(shadowed).map((f) => f.ruleId), ['github-pat-classic']);
    assert.deepEqual(evaluated(fast, () => fast.scan(shadowed)), ['github-pat-classic']);
    assert.deepEqual(evaluated(reference, () => reference.scan(shadowed)).sort(), ['generic-secret-assignment', 'github-pat-classic']);
    // Nor are the pattern's leading exclusions tested for it (they could only drop it).
    const genericRule = rules.find((r) => r.spec.id === 'generic-secret-assignment') as Rule & { stickyExclusions: RegExp[] };
    assert.ok(genericRule.stickyExclusions.length > 0);
    const exclusionTests = (s: Scanner): number => {
      let n = 0;
      for (const x of genericRule.stickyExclusions) {
        x.test = (t: string) => {
          n++;
          return RegExp.prototype.test.call(x, t);
        };
      }
      try {
        s.scan(shadowed);
      } finally {
        for (const x of genericRule.stickyExclusions) delete (x as { test?: unknown }).test;
      }
      return n;
    };
    assert.equal(exclusionTests(fast), 0);
    assert.ok(exclusionTests(reference) > 0);
    // A value around the token: other ranges, so the generic candidate is evaluated (and loses or wins on its own).
    const around = `GITHUB_TOKEN=x${token}\n`;
    assert.ok(evaluated(fast, () => fast.scan(around)).includes('generic-secret-assignment'));
    same(around);
    // A custom rule matching the same range does not shadow it (custom matches never outrank built-in ones by score alone).
    const custom = [{ id: 'acme-ghp', name: 'Acme', pattern: 'GITHUB_TOKEN=(\\S{40})', secretGroup: 1, keywords: ['github_token='] }];
    const fastCustom = createScanner(custom, { fingerprintKey: KEY }).scanner;
    const refCustom = createScanner(custom, { fingerprintKey: KEY, hitChecks: false }).scanner;
    const { text: secret } = expandFixture('GITHUB_TOKEN={{secret:40}}\n');
    assert.ok(evaluated(fastCustom, () => fastCustom.scan(secret)).includes('generic-secret-assignment'));
    assert.deepEqual(summary(fastCustom.scan(secret)), summary(refCustom.scan(secret)));
  });
});
