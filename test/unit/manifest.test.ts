// package.json (the extension manifest) and the code agree: settings and restricted settings (commands:
// test/unit/commandIds.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_KEYS, MACHINE_ONLY_KEYS, TRUSTED_WORKSPACE_ONLY_KEYS } from '../../src/config/keys';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string; publisher: string; displayName: string; main: string; engines: { vscode: string }; activationEvents: string[]; bin: Record<string, string>;
  dependencies: Record<string, string>; devDependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: { commands: { command: string; title: string; category?: string }[]; configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; description?: string }> } };
};

describe('extension manifest', () => {
  it('has the public identity (publisher, name, entry points)', () => {
    assert.equal(`${pkg.publisher}.${pkg.name}`, 'token-custody.token-custody');
    assert.equal(pkg.displayName, 'Token Custody');
    assert.equal(pkg.main, './dist/extension.js');
    assert.deepEqual(pkg.activationEvents, ['onStartupFinished']);
    assert.equal(pkg.bin['token-custody'], './dist/cli.js');
    const [maj, min] = pkg.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    assert.ok(maj === 1 && min! <= 100, `engines.vscode ${pkg.engines.vscode} is newer than ^1.100.0`);
    for (const d of ['@types/vscode', '@vscode/test-electron', 'esbuild']) assert.ok(pkg.devDependencies[d], d);
    assert.ok(pkg.dependencies.minimatch);
  });

  it('contributes exactly the settings the reader knows, each scoped and documented', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ALL_KEYS.map((k) => `tokenCustody.${k}`).sort());
    for (const [k, v] of Object.entries(props)) {
      assert.ok(v.scope, `${k} has no scope`);
      assert.ok(v.markdownDescription, `${k} has no markdownDescription`);
    }
  });

  it('settings that decide where a token goes are machine-scoped and restricted; custom rules are restricted', () => {
    const props = pkg.contributes.configuration.properties;
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const k of MACHINE_ONLY_KEYS) {
      assert.equal(props[`tokenCustody.${k}`]?.scope, 'machine', k);
      assert.ok(restricted.includes(`tokenCustody.${k}`), `${k} not restricted`);
    }
    for (const k of TRUSTED_WORKSPACE_ONLY_KEYS) assert.ok(restricted.includes(`tokenCustody.${k}`), `${k} not restricted`);
  });
});
