// The "lose nothing" sequence of Move to keychain, as a pure orchestrator with injected steps:
//   check existing → store → read back and compare → apply the one edit → log.
// At every failure the token is still somewhere: in the buffer (edit not applied) and, from the
// verify step on, also in the store. Results and errors never contain the secret.

import { type SecretBackend, errorMessage, scrubSecret } from './backend';
import { assertValidName, referenceFor } from './reference';

export type MoveStep = 'check' | 'store' | 'verify' | 'edit';

export interface MoveLogEntry {
  action: 'moved-to-vault';
  backend: SecretBackend['id'];
  name: string;
  reference: string;
  /** The stored value was already there (same value): nothing was written. */
  alreadyStored: boolean;
  overwritten: boolean;
  at: string;
}

export interface MoveToVaultOptions {
  backend: SecretBackend;
  name: string;
  secret: string;
  /**
   * Replaces the secret by `reference` in the buffer, as one edit. Resolve `false` (or throw)
   * when the edit was not applied; the buffer must then still hold the token.
   */
  applyEdit: (reference: string) => Promise<boolean | void> | boolean | void;
  /** Appends to the custody log. A failure here is reported but undoes nothing. */
  log?: (entry: MoveLogEntry) => Promise<void> | void;
  /**
   * Called when NAME already holds a different value. Without it the result is `conflict` and
   * nothing is changed; the caller asks the user and calls again with `onConflict` or another name.
   */
  onConflict?: (info: { name: string; backend: SecretBackend['id'] }) => Promise<'overwrite' | 'cancel'> | 'overwrite' | 'cancel';
  now?: () => Date;
}

/**
 * A result that did not move the token. `cause` says what happened and nothing about the file, so
 * callers that have no file (terminal paste) can say where the token is in their own words;
 * `message` is `cause` plus where the token is, for the editor.
 */
interface NotMoved {
  name: string;
  backend: SecretBackend['id'];
  cause: string;
  message: string;
}

export type MoveResult =
  | { status: 'moved'; name: string; reference: string; backend: SecretBackend['id']; alreadyStored: boolean; overwritten: boolean; logError?: string }
  | ({ status: 'conflict' } & NotMoved)
  | ({ status: 'cancelled' } & NotMoved)
  | ({
      status: 'failed';
      step: MoveStep;
      /** Where the token is now: always at least the buffer. */
      tokenIn: 'buffer' | 'buffer-and-store';
    } & NotMoved);

export async function moveToVault(opts: MoveToVaultOptions): Promise<MoveResult> {
  const { backend, name, secret } = opts;
  const id = backend.id;
  const where = `${backend.label}`;
  const fail = (step: MoveStep, tokenIn: 'buffer' | 'buffer-and-store', cause: string, inFile: string): MoveResult => ({
    status: 'failed', step, name, backend: id, tokenIn, cause: scrubSecret(cause, secret), message: scrubSecret(`${cause} ${inFile}`, secret),
  });

  try {
    assertValidName(name);
  } catch (err) {
    return fail('check', 'buffer', `${errorMessage(err)}`, 'The token is still in the file.');
  }
  if (secret.length === 0) return fail('check', 'buffer', 'There is no secret to store.', 'The file is unchanged.');
  const reference = referenceFor(id, name);

  // 1. Is the name free?
  let existing: string | undefined;
  try {
    existing = await backend.get(name);
  } catch (err) {
    return fail('check', 'buffer', `Could not check whether "${name}" exists in ${where}: ${errorMessage(err)}`, 'The token is still in the file; nothing was stored.');
  }
  const alreadyStored = existing === secret;
  let overwritten = false;
  if (existing !== undefined && !alreadyStored) {
    if (!opts.onConflict) {
      const cause = `${where} already holds a different secret named "${name}". Overwrite it or choose another name.`;
      return { status: 'conflict', name, backend: id, cause, message: cause };
    }
    let choice: 'overwrite' | 'cancel';
    try {
      choice = await opts.onConflict({ name, backend: id });
    } catch {
      choice = 'cancel';
    }
    if (choice !== 'overwrite') {
      const cause = `Not moved: "${name}" already exists in ${where}.`;
      return { status: 'cancelled', name, backend: id, cause, message: `${cause} The token is still in the file.` };
    }
    overwritten = true;
  }

  // 2. Store.
  if (!alreadyStored) {
    try {
      await backend.set(name, secret);
    } catch (err) {
      return fail('store', 'buffer', `Could not store "${name}" in ${where}: ${errorMessage(err)}`, 'The token is still in the file.');
    }
  }

  // 3. Read back and compare.
  let readBack: string | undefined;
  try {
    readBack = await backend.get(name);
  } catch (err) {
    return fail('verify', 'buffer', `Stored "${name}" in ${where} but could not read it back: ${errorMessage(err)}`, 'The token is still in the file (the file was not changed).');
  }
  if (readBack !== secret) {
    return fail('verify', 'buffer', `${where} returned a different value for "${name}" than the one stored.`, 'The token is still in the file (the file was not changed).');
  }

  // 4. The one edit.
  let applied: boolean | void;
  try {
    applied = await opts.applyEdit(reference);
  } catch (err) {
    return fail('edit', 'buffer-and-store', `"${name}" is stored and verified in ${where}, but the file could not be changed: ${errorMessage(err)}`, 'The token is still in the file.');
  }
  if (applied === false) {
    return fail('edit', 'buffer-and-store', `"${name}" is stored and verified in ${where}, but the edit was not applied (the file changed or is read-only).`, 'The token is still in the file.');
  }

  // 5. Log.
  let logError: string | undefined;
  if (opts.log) {
    try {
      await opts.log({ action: 'moved-to-vault', backend: id, name, reference, alreadyStored, overwritten, at: (opts.now?.() ?? new Date()).toISOString() });
    } catch (err) {
      logError = scrubSecret(`Moved, but the custody log entry could not be written: ${errorMessage(err)}`, secret);
    }
  }
  return { status: 'moved', name, reference, backend: id, alreadyStored, overwritten, ...(logError ? { logError } : {}) };
}
