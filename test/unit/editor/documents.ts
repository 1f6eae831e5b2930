// Shared by the editor's keystroke tests (incremental.test.ts, liveFindings.test.ts): a document
// with a token every few lines, and a seeded source of random edits.

import { githubToken } from '../../support/tokens/github';

/** `tokens` lines holding a fake GitHub token, each after `fillerLines` lines of ordinary code. */
export function documentWith(tokens: number, fillerLines = 3): string {
  const lines: string[] = [];
  for (let i = 0; i < tokens; i++) {
    for (let j = 0; j < fillerLines; j++) lines.push(`const value${j} = compute(input, ${j}); // words`);
    lines.push(`const t${i} = "${githubToken('ghp')}";`);
  }
  return lines.join('\n') + '\n';
}

/** mulberry32: a fixed seed gives the same edits on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
