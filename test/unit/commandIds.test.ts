// src/commandIds.ts is the one list of command ids: it agrees with package.json in both directions,
// and no other source file spells a command id as a string.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CommandId, INTERNAL_COMMANDS } from '../../src/commandIds';
import { localizedManifest } from '../support/manifest';

const root = path.resolve(__dirname, '../../..');
interface Pkg {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    keybindings?: { command: string }[];
    menus?: Record<string, { command?: string }[]>;
    walkthroughs?: { steps: { completionEvents?: string[] }[] }[];
  };
}
const pkg = localizedManifest(root) as Pkg;
const ids: string[] = Object.values(CommandId);
const ours = (id: string): boolean => id.startsWith('tokenCustody.');

/** Every place in package.json that names one of our commands, with where it was found. */
function referencedInManifest(): { id: string; from: string }[] {
  const c = pkg.contributes;
  const out: { id: string; from: string }[] = [];
  for (const k of c.keybindings ?? []) out.push({ id: k.command, from: 'keybindings' });
  for (const [menu, entries] of Object.entries(c.menus ?? {})) for (const e of entries) if (e.command) out.push({ id: e.command, from: `menus.${menu}` });
  for (const w of c.walkthroughs ?? []) for (const s of w.steps) for (const ev of s.completionEvents ?? []) if (ev.startsWith('onCommand:')) out.push({ id: ev.slice('onCommand:'.length), from: 'walkthrough completionEvents' });
  // `command:` links in viewsWelcome, walkthrough descriptions, setting descriptions.
  for (const m of JSON.stringify(c).matchAll(/command:([A-Za-z0-9_.-]+)/g)) out.push({ id: m[1]!, from: 'command: link in package.json' });
  return out.filter((r) => ours(r.id));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('command id registry (src/commandIds.ts)', () => {
  it('has unique ids, all in the tokenCustody. namespace', () => {
    assert.ok(ids.length >= 14);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^tokenCustody\.[A-Za-z.]+$/);
    for (const id of INTERNAL_COMMANDS) assert.ok(ids.includes(id), id);
  });

  it('every registry command that is not internal is contributed, in the Token Custody category', () => {
    const contributed = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
    for (const id of ids) {
      if (INTERNAL_COMMANDS.has(id as CommandId)) assert.ok(!contributed.has(id), `${id} is internal but contributed`);
      else {
        assert.ok(contributed.has(id), `${id} is in the registry but not in contributes.commands`);
        assert.equal(contributed.get(id)!.category, 'Token Custody', id);
      }
    }
  });

  it('every contributed command, keybinding, menu entry and command link is in the registry', () => {
    for (const c of pkg.contributes.commands) assert.ok(ids.includes(c.command), `contributes.commands: ${c.command} is not in src/commandIds.ts`);
    const refs = referencedInManifest();
    assert.ok(refs.some((r) => r.from === 'keybindings') && refs.some((r) => r.from.startsWith('menus.')));
    for (const r of refs) assert.ok(ids.includes(r.id), `${r.from}: ${r.id} is not in src/commandIds.ts`);
  });

  it('no other source file spells a command id as a string', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      if (path.basename(file) === 'commandIds.ts' && path.dirname(file) === path.join(root, 'src')) continue;
      const text = readFileSync(file, 'utf8');
      for (const id of ids) {
        // Quoted ids and command links (comments may name a command in backticks).
        const quoted = new RegExp(`(['"])${id.replace(/\./g, '\\.')}\\1|command:${id.replace(/\./g, '\\.')}\\b`);
        if (quoted.test(text)) offenders.push(`${path.relative(root, file)}: ${id}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
