import * as path from 'node:path';

/**
 * Loads one of the extension's own secondary bundles (dist/revocation.js, dist/keychain.js,
 * dist/history.js, built by scripts/build.mjs) on first use, so that activation does not parse
 * code that most sessions never run. The computed path keeps esbuild from inlining it.
 */
export function loadBundle<T>(file: 'revocation.js' | 'keychain.js' | 'history.js'): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, file)) as T;
}
