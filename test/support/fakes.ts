// Fake tokens for tests, benchmarks and the demo workspace, and the fixture expander. Generated at
// run time from parts (test/support/tokens/, one module per vendor), with valid checksums where the
// format has one, so no live-looking token is ever committed.
// Fixture templates use `{{name:arg:arg}}` placeholders, expanded by `expandFixture`.

import { GENERATORS } from './tokens';

export { GENERATORS } from './tokens';
export { ALPHABETS, rand } from './tokens/random';
export { githubToken, githubFineGrained } from './tokens/github';
export { npmToken } from './tokens/npm';
export { jwt } from './tokens/jwt';

/**
 * Expands `{{name:arg:…}}` placeholders. Returns the text, the generated values in order and the
 * name of the generator of each.
 * Within one template, `{{=1}}` repeats the first generated value (for "same token twice" fixtures).
 * A placeholder arg may contain `:` only inside the last arg of `jwt` (claims like `iss=https://x`).
 */
export function expandFixture(template: string): { text: string; values: string[]; generators: string[] } {
  const values: string[] = [];
  /** The generator of each value, in the same order. */
  const generators: string[] = [];
  const text = template.replace(/\{\{([a-zA-Z0-9_=-]+)((?::[^}]*)?)\}\}/g, (_m, name: string, rest: string) => {
    if (name.startsWith('=')) return values[Number(name.slice(1)) - 1] ?? '';
    const gen = GENERATORS[name];
    if (!gen) throw new Error(`unknown fixture generator {{${name}}}`);
    const raw = rest ? rest.slice(1) : '';
    const args = name === 'jwt' ? [raw] : raw ? raw.split(':') : [];
    const v = gen(args);
    values.push(v);
    generators.push(name);
    return v;
  });
  return { text, values, generators };
}
