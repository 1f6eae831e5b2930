// Derives the vault name of a secret from where it sits: `GITHUB_TOKEN=ghp_…` → `GITHUB_TOKEN`,
// `export X="…"` → `X`, YAML `key: value` / JSON `"key": "value"` → `key`, `--github-token …` →
// `GITHUB_TOKEN`; otherwise from the rule or issuer (`github-pat-classic-1`). Always unique
// against `taken` (case-insensitively: Windows Credential Manager ignores case).

import { MAX_NAME_LENGTH, isValidName } from './reference';

export interface NameContext {
  /** The whole document text. */
  text: string;
  /** Offsets of the secret in `text` (UTF-16, `end` exclusive). */
  start: number;
  end: number;
  /** Rule id (preferred) or issuer id, for the fallback name. */
  ruleId?: string;
  issuer?: string;
  /** Names already in use (in the vault, or chosen for other secrets of the same edit). */
  taken?: Iterable<string>;
}

/** Keys that say nothing about which secret it is. */
const VAGUE_KEYS = new Set(['authorization', 'proxy-authorization', 'bearer', 'basic', 'value', 'val', 'v', 'data', 'default', 'env', 'url']);
/** CLI flag names that say nothing about which secret it is. */
const VAGUE_FLAGS = new Set(['token', 'password', 'pass', 'passwd', 'secret', 'key', 'auth', 'api-key', 'apikey', 't', 'p', 'k', 'u', 'header', 'h', 'data', 'd', 'value']);

/** Replaces characters outside the name charset, collapses runs and trims separators; may return ''. */
export function sanitizeName(raw: string): string {
  const s = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^[.-]+|[_.-]+$/g, '');
  return s.slice(0, MAX_NAME_LENGTH - 8);
}

/** The name written by the context right before the secret, without uniqueness. */
export function contextName(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(Math.max(lineStart, start - 400), start);

  // Assignment or mapping: KEY=…, export KEY="…", KEY: …, "key": "…", key = '…', $env:KEY = "…", KEY := …
  // The value may already have begun (`Bearer `, `user:`) as long as no quote closed or new key began.
  const assign = /(?:^|[^A-Za-z0-9_.$-])(?:export\s+|set\s+|setx\s+|\$env:)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\]?\s*(?::=|=>|\?=|=|:)\s*["'`]?(?:[^\s"'`,;=]*\s+)?$/.exec(prefix);
  // CLI flag: --github-token ghp_…, --token=ghp_…
  const flag = /(?:^|\s)--?([A-Za-z][A-Za-z0-9-]*)(?:=|\s+)["']?$/.exec(prefix);

  if (flag?.[1] && (!assign || flag.index > assign.index)) {
    const f = flag[1].toLowerCase();
    if (VAGUE_FLAGS.has(f)) return undefined;
    return sanitizeName(f.replace(/-/g, '_').toUpperCase()) || undefined;
  }
  if (assign?.[1]) {
    const key = assign[1];
    if (VAGUE_KEYS.has(key.toLowerCase())) return undefined;
    return sanitizeName(key) || undefined;
  }
  return undefined;
}

function uniqueFrom(base: string, taken: Set<string>, alwaysNumber: boolean): string {
  if (!alwaysNumber && !taken.has(base.toLowerCase())) return base;
  for (let i = alwaysNumber ? 1 : 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** A unique, valid vault name for the secret at `start…end` of `text`. */
export function deriveName(ctx: NameContext): string {
  const taken = new Set<string>();
  for (const t of ctx.taken ?? []) taken.add(t.toLowerCase());
  const fromContext = contextName(ctx.text, ctx.start);
  if (fromContext && isValidName(fromContext)) return uniqueFrom(fromContext, taken, false);
  const base = sanitizeName(ctx.ruleId ?? ctx.issuer ?? '') || 'secret';
  return uniqueFrom(base, taken, true);
}
