// The keyword automaton against a naive search: every occurrence (overlapping ones too), any case,
// only starts inside the region, and non-ASCII characters break a keyword.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordMatcher } from '../../../src/engine/keywords';
import { random } from '../../support/seed';

function naive(text: string, keywords: Map<string, number[]>, from: number, to: number): string[] {
  const out: string[] = [];
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const [kw, rules] of keywords) {
    for (let i = lower.indexOf(kw); i !== -1; i = lower.indexOf(kw, i + 1)) {
      if (i >= from && i < to) for (const r of rules) out.push(`${r}@${i}`);
    }
  }
  return out.sort();
}

function viaMatcher(m: KeywordMatcher, text: string, from: number, to: number, n: number): string[] {
  const hits: (number[] | undefined)[] = new Array(n);
  const touched: number[] = [];
  m.scan(text, from, to, hits, touched);
  const out: string[] = [];
  for (const r of touched) for (const at of hits[r]!) out.push(`${r}@${at}`);
  return out.sort();
}

describe('keyword automaton', () => {
  const keywords = new Map<string, number[]>([
    ['key', [0]], ['token', [1]], ['secret_key', [2, 3]], ['ke', [4]], ['://', [5]], ['ghp_', [6]], ['eyj', [7]], ['-----begin', [8]], ['aaa', [9]],
  ]);
  const m = new KeywordMatcher(keywords);

  it('finds every occurrence, overlapping and in any case', () => {
    const text = 'SECRET_KEY=x; token TOKEN ToKeN key keykey https://a ghp_ GHP_ eyJ -----BEGIN aaaa';
    assert.deepEqual(viaMatcher(m, text, 0, text.length, 10), naive(text, keywords, 0, text.length));
  });

  it('agrees with a naive search on random text, in random regions', () => {
    const alphabet = 'keyKEYtokenTOKENsecret_:/-ghp_EYJbeginBEGIN a\n\u00e9';
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let i = 0; i < 300; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const from = Math.floor(random() * 150);
      const to = from + Math.floor(random() * 150);
      assert.deepEqual(viaMatcher(m, text, from, to, 10), naive(text.replace(/[\u0080-\uffff]/g, '\u0000'), keywords, from, to), `round ${round}`);
    }
  });

  it('a non-ASCII character in the middle breaks a keyword', () => {
    assert.deepEqual(viaMatcher(m, 'tok\u00e9en', 0, 7, 10), []);
  });

  it('rejects non-ASCII keywords', () => {
    assert.throws(() => new KeywordMatcher(new Map([['cl\u00e9', [0]]])), /not ASCII/);
  });
});
