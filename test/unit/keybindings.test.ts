// The manifest's keybindings and menus, evaluated as VS Code would on each platform: which keys reach
// the paste guard (desktop Linux leaves Ctrl+V to the shell by default; a browser guards it), and
// which commands the palette and menus offer for each editor state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { evaluateWhen, type Context } from '../support/when';

const root = path.resolve(__dirname, '../../..');
interface Keybinding { command: string; key: string; mac?: string; when?: string }
interface MenuItem { command: string; when?: string; group?: string }
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    keybindings: Keybinding[];
    menus: Record<string, MenuItem[]>;
    configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
    configurationDefaults: Record<string, unknown>;
  };
};

type Platform = 'desktop-linux' | 'web-linux' | 'desktop-mac' | 'web-mac' | 'desktop-windows' | 'web-windows';
function platformContext(p: Platform): Context {
  const [kind, os] = p.split('-') as ['desktop' | 'web', 'linux' | 'mac' | 'windows'];
  return { isWeb: kind === 'web', isLinux: os === 'linux', isMac: os === 'mac', isWindows: os === 'windows' };
}

/** The keys bound to the paste guard with the terminal focused (the key on that platform: `mac` wins on macOS). */
function guardedKeys(p: Platform, settings: { interceptPaste?: boolean; interceptCtrlV?: string } = {}, extra: Context = {}): string[] {
  const ctx: Context = {
    ...platformContext(p),
    terminalFocus: true,
    'config.tokenCustody.terminal.interceptPaste': settings.interceptPaste ?? pkg.contributes.configuration.properties['tokenCustody.terminal.interceptPaste']!.default,
    'config.tokenCustody.terminal.interceptCtrlV': settings.interceptCtrlV ?? pkg.contributes.configuration.properties['tokenCustody.terminal.interceptCtrlV']!.default,
    ...extra,
  };
  const keys = pkg.contributes.keybindings
    .filter((k) => k.command === 'tokenCustody.terminalPaste' && evaluateWhen(k.when, ctx))
    .map((k) => (ctx.isMac && k.mac ? k.mac : k.key));
  return [...new Set(keys)].sort();
}

describe('when-clause evaluator (test support)', () => {
  it('follows VS Code precedence and operators', () => {
    assert.equal(evaluateWhen('a && b || c', { c: true }), true);
    assert.equal(evaluateWhen('a && (b || c)', { c: true }), false);
    assert.equal(evaluateWhen('!a && b', { b: true }), true);
    assert.equal(evaluateWhen("x == 'on'", { x: 'on' }), true);
    assert.equal(evaluateWhen("x == 'on'", { x: 'auto' }), false);
    assert.equal(evaluateWhen("x != 'on'", { x: 'auto' }), true);
    assert.equal(evaluateWhen('v =~ /\\bcanMove\\b/', { v: 'tcToken canMove' }), true);
    assert.equal(evaluateWhen('v =~ /\\bcanMove\\b/', { v: 'tcToken canMoveX' }), false);
    assert.equal(evaluateWhen('false', {}), false);
    assert.throws(() => evaluateWhen('a && (b', {}));
  });
});

describe('terminal paste keys (tokenCustody.terminal.interceptCtrlV)', () => {
  it('the setting is auto | on | off with auto as the default', () => {
    const s = pkg.contributes.configuration.properties['tokenCustody.terminal.interceptCtrlV']!;
    assert.deepEqual(s.enum, ['auto', 'on', 'off']);
    assert.equal(s.default, 'auto');
  });

  it('desktop Linux, default (auto): Ctrl+Shift+V and Shift+Insert are guarded, Ctrl+V reaches the shell', () => {
    assert.deepEqual(guardedKeys('desktop-linux'), ['ctrl+shift+v', 'shift+insert']);
  });

  it('Linux in a browser, default (auto): Ctrl+V is guarded too (it is the paste key there)', () => {
    assert.deepEqual(guardedKeys('web-linux'), ['ctrl+shift+v', 'ctrl+v', 'shift+insert']);
  });

  it('on: Ctrl+V is guarded on desktop Linux and in a browser', () => {
    assert.deepEqual(guardedKeys('desktop-linux', { interceptCtrlV: 'on' }), ['ctrl+shift+v', 'ctrl+v', 'shift+insert']);
    assert.deepEqual(guardedKeys('web-linux', { interceptCtrlV: 'on' }), ['ctrl+shift+v', 'ctrl+v', 'shift+insert']);
  });

  it('off: Ctrl+V is never taken on Linux, not even in a browser; the platform paste keys stay guarded', () => {
    assert.deepEqual(guardedKeys('desktop-linux', { interceptCtrlV: 'off' }), ['ctrl+shift+v', 'shift+insert']);
    assert.deepEqual(guardedKeys('web-linux', { interceptCtrlV: 'off' }), ['ctrl+shift+v', 'shift+insert']);
  });

  for (const p of ['desktop-mac', 'web-mac'] as const) {
    it(`${p}: Cmd+V, whatever interceptCtrlV says (Ctrl+V is not paste on macOS)`, () => {
      for (const v of ['auto', 'on', 'off']) assert.deepEqual(guardedKeys(p, { interceptCtrlV: v }), ['cmd+v'], v);
    });
  }

  for (const p of ['desktop-windows', 'web-windows'] as const) {
    it(`${p}: Ctrl+V and Ctrl+Shift+V, whatever interceptCtrlV says (Ctrl+V is the platform paste key)`, () => {
      for (const v of ['auto', 'on', 'off']) assert.deepEqual(guardedKeys(p, { interceptCtrlV: v }), ['ctrl+shift+v', 'ctrl+v'], v);
    });
  }

  it('nothing is taken when interceptPaste is off or the terminal has no focus', () => {
    for (const p of ['desktop-linux', 'web-linux', 'desktop-mac', 'desktop-windows'] as const) {
      assert.deepEqual(guardedKeys(p, { interceptPaste: false, interceptCtrlV: 'on' }), [], p);
      assert.deepEqual(guardedKeys(p, { interceptCtrlV: 'on' }, { terminalFocus: false }), [], p);
    }
  });

  it('the guard skips the shell by default and the terminal menu has one guarded Paste, next to the native one', () => {
    assert.deepEqual(pkg.contributes.configurationDefaults['terminal.integrated.commandsToSkipShell'], ['tokenCustody.terminalPaste']);
    const items = pkg.contributes.menus['terminal/context']!;
    assert.equal(items.filter((i) => i.command === 'tokenCustody.terminalPaste').length, 1);
    assert.equal(items.length, 1);
    assert.match(items[0]!.group ?? '', /^3_edit@/, 'in the native edit group');
  });
});

describe('palette and menus follow the editor context keys', () => {
  const editorCtx = (s: { hasTokens: boolean; onToken: boolean; masked: boolean; maskingEnabled?: boolean; readonly?: boolean }): Context => ({
    'tokenCustody.editorHasTokens': s.hasTokens,
    'tokenCustody.cursorOnToken': s.onToken,
    'tokenCustody.masked': s.masked,
    'config.tokenCustody.masking.enabled': s.maskingEnabled ?? true,
    editorReadonly: s.readonly ?? false,
    editorTextFocus: true,
  });
  const shown = (menu: string, ctx: Context): string[] => {
    const items = pkg.contributes.menus[menu] ?? [];
    return items.filter((i) => evaluateWhen(i.when, ctx)).map((i) => i.command);
  };
  /** A command is in the palette unless a commandPalette entry hides it. */
  const inPalette = (command: string, ctx: Context): boolean => {
    const e = (pkg.contributes.menus.commandPalette ?? []).find((i) => i.command === command);
    return !e || evaluateWhen(e.when, ctx);
  };

  it('no tokens in the editor: Move, Ignore, Reveal, Mask and Toggle are hidden', () => {
    const ctx = editorCtx({ hasTokens: false, onToken: false, masked: false });
    for (const c of ['moveToKeychain', 'ignoreToken', 'revealTokens', 'maskTokens', 'toggleMasking']) assert.equal(inPalette(`tokenCustody.${c}`, ctx), false, c);
    assert.deepEqual(shown('editor/title', ctx), []);
    assert.deepEqual(shown('editor/context', ctx), []);
  });

  it('masked tokens, cursor elsewhere: Reveal and Toggle are offered, Move and Ignore are not', () => {
    const ctx = editorCtx({ hasTokens: true, onToken: false, masked: true });
    assert.equal(inPalette('tokenCustody.revealTokens', ctx), true);
    assert.equal(inPalette('tokenCustody.maskTokens', ctx), false);
    assert.equal(inPalette('tokenCustody.toggleMasking', ctx), true);
    assert.equal(inPalette('tokenCustody.moveToKeychain', ctx), false);
    assert.equal(inPalette('tokenCustody.ignoreToken', ctx), false);
    assert.deepEqual(shown('editor/title', ctx), ['tokenCustody.revealTokens']);
  });

  it('revealed tokens, cursor on one: Mask, Move and Ignore are offered; the title eye masks', () => {
    const ctx = editorCtx({ hasTokens: true, onToken: true, masked: false });
    assert.equal(inPalette('tokenCustody.maskTokens', ctx), true);
    assert.equal(inPalette('tokenCustody.revealTokens', ctx), false);
    assert.equal(inPalette('tokenCustody.moveToKeychain', ctx), true);
    assert.equal(inPalette('tokenCustody.ignoreToken', ctx), true);
    assert.deepEqual(shown('editor/title', ctx), ['tokenCustody.maskTokens']);
    assert.deepEqual(shown('editor/context', ctx), ['tokenCustody.moveToKeychain', 'tokenCustody.revokeToken', 'tokenCustody.ignoreToken']);
  });

  it('a read-only editor does not offer Move (it edits the file); masking off hides Reveal, Mask and the eye', () => {
    assert.equal(inPalette('tokenCustody.moveToKeychain', editorCtx({ hasTokens: true, onToken: true, masked: true, readonly: true })), false);
    const off = editorCtx({ hasTokens: true, onToken: true, masked: false, maskingEnabled: false });
    for (const c of ['revealTokens', 'maskTokens', 'toggleMasking']) assert.equal(inPalette(`tokenCustody.${c}`, off), false, c);
    assert.deepEqual(shown('editor/title', off), []);
  });

  it('Toggle Token Masking has a keybinding in editors with tokens', () => {
    const k = pkg.contributes.keybindings.find((x) => x.command === 'tokenCustody.toggleMasking');
    assert.ok(k?.key && k.mac, 'a key for Linux/Windows and one for macOS');
    assert.equal(evaluateWhen(k.when, editorCtx({ hasTokens: true, onToken: false, masked: true })), true);
    assert.equal(evaluateWhen(k.when, editorCtx({ hasTokens: false, onToken: false, masked: false })), false);
  });

  it('every when clause in the manifest parses', () => {
    for (const k of pkg.contributes.keybindings) evaluateWhen(k.when, {});
    for (const items of Object.values(pkg.contributes.menus)) for (const i of items) evaluateWhen(i.when, {});
  });
});
