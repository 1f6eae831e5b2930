// Resolves keychain references inside environment values (for `token-custody run` and for
// terminals opened with secrets). A value may be a reference or contain one
// (`postgres://app:keychain://token-custody/DB_PASS@db/app`); every occurrence is substituted.

import type { SecretBackend } from './backend';
import { type ReferenceScheme, findReferences } from './reference';

export interface UnresolvedReference {
  variable: string;
  name: string;
  scheme: ReferenceScheme;
  reason: 'not-found' | 'unsupported';
}

export interface ResolveResult {
  /** The environment with every resolvable reference replaced by its value. */
  env: Record<string, string>;
  /** Variables whose value contained at least one reference that was resolved. */
  resolvedVariables: string[];
  unresolved: UnresolvedReference[];
}

/** Backends by scheme; a scheme without a backend is reported as `unsupported` (e.g. vscode-secret in the CLI). */
export type BackendsByScheme = Partial<Record<ReferenceScheme, SecretBackend>>;

export async function resolveEnvReferences(env: Record<string, string | undefined>, backends: BackendsByScheme): Promise<ResolveResult> {
  const out: Record<string, string> = {};
  const resolvedVariables: string[] = [];
  const unresolved: UnresolvedReference[] = [];
  const cache = new Map<string, string | undefined>();
  for (const [variable, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const refs = findReferences(value);
    if (refs.length === 0) {
      out[variable] = value;
      continue;
    }
    let result = '';
    let last = 0;
    let complete = true;
    for (const ref of refs) {
      const backend = backends[ref.scheme];
      let secret: string | undefined;
      if (!backend) {
        unresolved.push({ variable, name: ref.name, scheme: ref.scheme, reason: 'unsupported' });
        complete = false;
        continue;
      }
      const key = `${ref.scheme}:${ref.name}`;
      if (cache.has(key)) secret = cache.get(key);
      else {
        secret = await backend.get(ref.name); // VaultError propagates: the caller reports the backend problem
        cache.set(key, secret);
      }
      if (secret === undefined) {
        unresolved.push({ variable, name: ref.name, scheme: ref.scheme, reason: 'not-found' });
        complete = false;
        continue;
      }
      result += value.slice(last, ref.start) + secret;
      last = ref.end;
    }
    out[variable] = result + value.slice(last);
    if (complete) resolvedVariables.push(variable);
  }
  return { env: out, resolvedVariables, unresolved };
}
