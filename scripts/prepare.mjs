// `npm install` / `npm install -g` from a checkout: build dist/ (the extension and the CLI bundle).
// A global install of a folder links it without installing its devDependencies, so the bundler is
// missing there: install them into the checkout first (never globally), then build.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function hasEsbuild() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!hasEsbuild()) {
  console.log('token-custody: installing the build tools into this checkout (devDependencies) to build dist/…');
  const env = { ...process.env };
  // Settings of the outer (global) install must not leak into this local one.
  for (const k of Object.keys(env)) if (/^npm_config_(global|prefix|omit|include|production|only|location)$/i.test(k)) delete env[k];
  const npm = process.env.npm_execpath;
  const [cmd, pre] = npm ? [process.execPath, [npm]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  execFileSync(cmd, [...pre, 'install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--global=false'], { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' && !npm });
}
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
