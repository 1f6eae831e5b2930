// ESLint flat config with type-aware rules. Two fences keep plain Node code apart from host code:
// - every file of src/ outside a `vscode/` folder (and outside the composition root, extension.ts,
//   extension.web.ts, composition.ts and core.ts) is plain Node: no `vscode` import, and nothing from a `**/vscode/**` path;
// - src/engine/ is stricter: it imports only itself, node: modules and minimatch.
// And every text a person reads in a notification, modal, quick pick, input box or progress goes
// through vscode.l10n.t: `token-custody/no-literal-ui-text` (scripts/eslint-l10n-rule.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { plugin as tokenCustody } from './scripts/eslint-l10n-rule.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.test-artifacts/**', 'scripts/**', 'action/**', 'test/host/*.mjs', 'test/host/driver/**', '.out-*/**', 'bench-data/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'token-custody': tokenCustody },
    rules: { 'token-custody/no-literal-ui-text': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/vscode/**', 'src/extension.ts', 'src/extension.web.ts', 'src/composition.ts', 'src/core.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Plain Node code (shared with the CLI and unit tests): host code goes in <area>/vscode/.' }],
        patterns: [{ regex: '(^|/)vscode/', message: 'Plain Node code may not import host code from a vscode/ folder.' }],
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/engine/ is pure TypeScript: no vscode import (it is shared with the CLI).' }],
        patterns: [{ regex: '(^|/)vscode/', message: 'src/engine/ may not import host code.' }, { group: ['**/editor', '**/editor/**', '**/terminal/**', '**/vault/**', '**/issuers/**', '**/custody/**', '**/revocation/**', '**/agents/**', '**/findings/**', '**/config/**', '**/util/**', '**/extension', '**/core', '**/commandIds', '**/errors', '**/cli', '**/cli/**'], message: 'src/engine/ may only import from itself, node: modules and minimatch.' }],
      }],
    },
  },
  {
    // The engine and the browser build's replacements for Node modules also run in a web worker
    // (dist/shared.js, the browser build; scripts/build.mjs checks the whole bundle the same way).
    files: ['src/engine/**/*.ts', 'src/web/**/*.ts', 'src/web/**/*.mts'],
    rules: {
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate', 'global'].map((name) => ({
        name,
        message: `${name} is a Node global: the browser build has none (globalThis.${name}?. where it is optional).`,
      }))],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'describe', property: 'only' }, { object: 'it', property: 'only' }, { object: 'test', property: 'only' }],
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
    },
  },
);
