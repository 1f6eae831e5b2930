// Keychain-backed references: `keychain://token-custody/NAME` (OS keychain, service `token-custody`,
// account NAME) and `vscode-secret://token-custody/NAME` (VS Code SecretStorage key
// `token-custody/NAME`). Pure TypeScript: no `vscode` import.

/** Keychain service (macOS, Secret Service attribute `service`) and SecretStorage key prefix. */
export const VAULT_SERVICE = 'token-custody';

export type ReferenceScheme = 'keychain' | 'vscode-secret';
export type BackendId = 'keychain' | 'secretStorage';

export interface SecretReference {
  scheme: ReferenceScheme;
  name: string;
}

export interface ReferenceMatch extends SecretReference {
  /** The reference text as found. */
  text: string;
  /** UTF-16 offsets in the searched text; `end` exclusive. */
  start: number;
  end: number;
}

// Never a leading `-` or `.`: a name is passed to `secret-tool`, `security` and PowerShell, and a
// leading `-` reads as an option there (`--help` once came back as "the secret").
const NAME_SOURCE = '[A-Za-z0-9_][A-Za-z0-9_.-]*';
const NAME_RE = new RegExp(`^${NAME_SOURCE}$`);
/** Longest name we create or accept (keychains cope with far more; this keeps references readable). */
export const MAX_NAME_LENGTH = 128;

// A reference must not be glued to a preceding word character (`xkeychain://…` is not one).
const FIND_RE = new RegExp(`(?<![A-Za-z0-9_-])(keychain|vscode-secret)://${VAULT_SERVICE}/(${NAME_SOURCE})`, 'g');
const PARSE_RE = new RegExp(`^(keychain|vscode-secret)://${VAULT_SERVICE}/(${NAME_SOURCE})$`);

export function isValidName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && NAME_RE.test(name);
}

/** Throws a TypeError naming the rule when `name` is not a valid vault name. */
export function assertValidName(name: string): void {
  if (!isValidName(name)) {
    throw new TypeError(`Invalid secret name ${JSON.stringify(name.slice(0, MAX_NAME_LENGTH))}: use 1–${MAX_NAME_LENGTH} characters from A–Z a–z 0–9 _ . - (not starting with - or .)`);
  }
}

export function schemeForBackend(backend: BackendId): ReferenceScheme {
  return backend === 'keychain' ? 'keychain' : 'vscode-secret';
}

export function backendForScheme(scheme: ReferenceScheme): BackendId {
  return scheme === 'keychain' ? 'keychain' : 'secretStorage';
}

export function formatReference(ref: SecretReference): string {
  assertValidName(ref.name);
  return `${ref.scheme}://${VAULT_SERVICE}/${ref.name}`;
}

/** The reference for a secret stored under `name` in `backend`. */
export function referenceFor(backend: BackendId, name: string): string {
  return formatReference({ scheme: schemeForBackend(backend), name });
}

/** Parses a whole string as a reference (surrounding whitespace ignored); `undefined` if it is not one. */
export function parseReference(text: string): SecretReference | undefined {
  const m = PARSE_RE.exec(text.trim());
  if (!m || !m[1] || !m[2] || m[2].length > MAX_NAME_LENGTH) return undefined;
  return { scheme: m[1] as ReferenceScheme, name: m[2] };
}

/** Every reference in `text`, in order, with its range. */
export function findReferences(text: string): ReferenceMatch[] {
  const out: ReferenceMatch[] = [];
  if (!text.includes('://')) return out;
  for (const m of text.matchAll(FIND_RE)) {
    const scheme = m[1] as ReferenceScheme;
    const name = m[2] ?? '';
    if (name.length > MAX_NAME_LENGTH) continue;
    out.push({ scheme, name, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The VS Code SecretStorage key for `name` (`token-custody/NAME`). */
export function secretStorageKey(name: string): string {
  assertValidName(name);
  return `${VAULT_SERVICE}/${name}`;
}

/** Inverse of `secretStorageKey`; `undefined` for keys that are not ours. */
export function nameFromSecretStorageKey(key: string): string | undefined {
  const prefix = `${VAULT_SERVICE}/`;
  if (!key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  return isValidName(name) ? name : undefined;
}

/** The shell expression that prints the secret of a keychain reference (`token-custody secret get NAME`). */
export function shellResolveExpression(name: string): string {
  assertValidName(name);
  return `$(token-custody secret get ${name})`;
}
