// The hook entries `token-custody hook install <agent>` merges into each agent's settings file.
// Plain Node: pure functions over parsed JSON, tested without the file system.
import type { HookAgent } from './hooks';

export interface HookTarget {
  /** Settings file, relative to the project (or to the home folder with --user). */
  file: string;
  /** Same file under the home folder. */
  userFile: string;
}

export const HOOK_TARGETS: Record<HookAgent, HookTarget> = {
  'claude-code': { file: '.claude/settings.json', userFile: '.claude/settings.json' },
  codex: { file: '.codex/hooks.json', userFile: '.codex/hooks.json' },
  'gemini-cli': { file: '.gemini/settings.json', userFile: '.gemini/settings.json' },
  cursor: { file: '.cursor/hooks.json', userFile: '.cursor/hooks.json' },
};

/** Events each agent calls the hook on (see hooks.ts for what it answers). */
const EVENTS: Record<HookAgent, { event: string; matcher?: string }[]> = {
  'claude-code': [{ event: 'UserPromptSubmit' }, { event: 'PreToolUse', matcher: '*' }, { event: 'PostToolUse', matcher: '*' }],
  codex: [{ event: 'UserPromptSubmit' }, { event: 'PreToolUse', matcher: '*' }, { event: 'PostToolUse', matcher: '*' }],
  'gemini-cli': [{ event: 'BeforeAgent' }, { event: 'BeforeTool', matcher: '.*' }, { event: 'AfterTool', matcher: '.*' }],
  cursor: [{ event: 'beforeSubmitPrompt' }, { event: 'beforeShellExecution' }, { event: 'beforeMCPExecution' }, { event: 'beforeReadFile' }],
};

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a hook list already runs `command`. */
function hasCommand(list: unknown[], command: string): boolean {
  return JSON.stringify(list).includes(JSON.stringify(command).slice(1, -1));
}

/**
 * `settings` with Token Custody's hook on every event of `agent` (entries already there are kept; an
 * event that already runs `command` is left as it is). Throws a TypeError when the file's `hooks` is
 * not an object.
 */
export function withHooks(agent: HookAgent, settings: Json, command: string): Json {
  const out: Json = structuredClone(settings);
  if (agent === 'cursor' && out.version === undefined) out.version = 1;
  if (out.hooks !== undefined && !isRecord(out.hooks)) throw new TypeError('its "hooks" is not an object');
  const hooks: Json = (out.hooks) ?? {};
  out.hooks = hooks;
  for (const { event, matcher } of EVENTS[agent]) {
    const existing = hooks[event];
    if (existing !== undefined && !Array.isArray(existing)) throw new TypeError(`its "hooks.${event}" is not a list`);
    const list = (existing as unknown[] | undefined) ?? [];
    if (hasCommand(list, command)) continue;
    if (agent === 'cursor') list.push({ command });
    else list.push({ ...(matcher ? { matcher } : {}), hooks: [{ type: 'command', command }] });
    hooks[event] = list;
  }
  return out;
}

/** A line diff of two texts (`-`/`+`/` ` prefixes; enough for a settings file of a few hundred lines). */
export function lineDiff(before: string, after: string): string {
  const a = before ? before.split('\n') : [];
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n');
}
