// The one owner of `Finding.secret`: a non-enumerable, read-only property that `JSON.stringify`,
// `{...finding}`, `util.inspect` (even with `showHidden`) and `console.log('%o')` never print, and
// that can be dropped (`dropSecret`) or expire (`ttlMs`) so findings do not keep a token in memory
// longer than the place that shows them.

/** Node's `util.inspect.custom` (a registered symbol: no import of node:util needed). */
const INSPECT_CUSTOM = Symbol.for('nodejs.util.inspect.custom');

/** Prints the object's own enumerable fields only: never the secret, never this function. */
function inspectWithoutSecret(this: object, _depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
  return inspect({ ...this }, options);
}

/** Objects whose secret expires, swept by one unref'd timer (so an expired secret is released even if never read). */
const expiring: { expires: number; ref: WeakRef<object> }[] = [];
let sweeper: ReturnType<typeof setInterval> | undefined;
const SWEEP_MS = 30_000;

function sweep(now = Date.now()): void {
  let keep = 0;
  for (const e of expiring) {
    const target = e.ref.deref();
    if (!target || (target as { secret?: string }).secret === undefined) continue;
    if (e.expires <= now) {
      dropSecret(target);
      continue;
    }
    expiring[keep++] = e;
  }
  expiring.length = keep;
  if (keep === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

export interface SecretOptions {
  /** Drop the secret this many milliseconds from now (default: keep it until `dropSecret`); 0 or less keeps none. */
  ttlMs?: number;
  /** Clock (ms since epoch), for tests. */
  now?: number;
}

function define(target: object, secret: string | undefined): void {
  // Non-enumerable and not writable; configurable only so that `dropSecret` can clear it.
  Object.defineProperty(target, 'secret', { value: secret, enumerable: false, writable: false, configurable: true });
}

/**
 * Attaches `secret` to `target` as the non-enumerable, read-only `secret` property and gives the
 * object an `[util.inspect.custom]` that prints its enumerable fields only. Every place that creates
 * or copies a finding goes through here (a copy made with `{...f}` has no secret: call
 * `withSecret(copy, f.secret)` to carry it over — the copy gets its own lifetime).
 */
export function withSecret<T extends object>(target: T, secret: string | undefined, opts: SecretOptions = {}): T & { readonly secret?: string } {
  const ttl = opts.ttlMs;
  define(target, ttl !== undefined && ttl <= 0 ? undefined : secret);
  if (!Object.prototype.hasOwnProperty.call(target, INSPECT_CUSTOM)) {
    Object.defineProperty(target, INSPECT_CUSTOM, { value: inspectWithoutSecret, enumerable: false, writable: false, configurable: false });
  }
  if (secret !== undefined && ttl !== undefined && ttl > 0) {
    expiring.push({ expires: (opts.now ?? Date.now()) + ttl, ref: new WeakRef(target) });
    if (!sweeper) {
      sweeper = setInterval(() => sweep(), SWEEP_MS);
      sweeper.unref?.();
    }
  }
  return target;
}

/**
 * Records the unkeyed fingerprint older versions published for a keyed finding (non-enumerable, like
 * the secret: it can be reversed by a dictionary, so it is only compared with old ignore entries and
 * baselines, never written anywhere).
 */
export function withLegacyFingerprint<T extends object>(target: T, legacy: string | undefined): T {
  if (legacy !== undefined) Object.defineProperty(target, 'legacyFingerprint', { value: legacy, enumerable: false, writable: false, configurable: true });
  return target;
}

/**
 * A copy of a finding (`{...f, range}`) with the hidden fields of `from`: its secret (own lifetime,
 * see `withSecret`) and its legacy fingerprint.
 */
export function withHiddenOf<T extends object>(copy: T, from: { readonly secret?: string; readonly legacyFingerprint?: string }, opts: SecretOptions = {}): T & { readonly secret?: string } {
  return withLegacyFingerprint(withSecret(copy, from.secret, opts), from.legacyFingerprint);
}

/** Every fingerprint an ignore entry or a baseline may name a finding by: its own, then the legacy one (if keyed). */
export function fingerprintsOf(f: { fingerprint: string; readonly legacyFingerprint?: string }): string[] {
  return f.legacyFingerprint !== undefined && f.legacyFingerprint !== f.fingerprint ? [f.fingerprint, f.legacyFingerprint] : [f.fingerprint];
}

/** Forgets the secret of an object made by `withSecret` (e.g. when the document it came from closes). */
export function dropSecret(target: object): void {
  const d = Object.getOwnPropertyDescriptor(target, 'secret');
  if (d?.configurable && d.value !== undefined) define(target, undefined);
}

/** Whether the object still holds its secret. */
export function hasSecret(target: object): boolean {
  return typeof (target as { secret?: unknown }).secret === 'string';
}

/** Runs the expiry sweep now (tests; the timer runs it every 30 s). */
export function sweepExpiredSecrets(now?: number): void {
  sweep(now);
}
