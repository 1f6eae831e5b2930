// The one owner of `Finding.secret`: a non-enumerable, read-only property that `JSON.stringify`,
// `{...finding}`, `util.inspect` (even with `showHidden`) and `console.log('%o')` never print, and
// that can be dropped (`dropSecret`) or expire (`ttlMs`) so findings do not keep a token in memory
// longer than the place that shows them.

/** Node's `util.inspect.custom` (a registered symbol: no import of node:util needed). */
const INSPECT_CUSTOM = Symbol.for('nodejs.util.inspect.custom');

interface Holder {
  value: string | undefined;
  /** ms since epoch after which the secret is gone; Infinity = until dropped. */
  expires: number;
}

const holders = new WeakMap<object, Holder>();

/** Holders with an expiry, swept by one unref'd timer (so an expired secret is released even if never read again). */
const expiring: { expires: number; ref: WeakRef<Holder> }[] = [];
let sweeper: ReturnType<typeof setInterval> | undefined;
const SWEEP_MS = 30_000;

function sweep(now = Date.now()): void {
  let keep = 0;
  for (const e of expiring) {
    const h = e.ref.deref();
    if (!h || h.value === undefined) continue;
    if (h.expires <= now) {
      h.value = undefined;
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
  /** Drop the secret this many milliseconds from now (default: keep it until `dropSecret`). */
  ttlMs?: number;
  /** Clock (ms since epoch), for tests. */
  now?: number;
}

/**
 * Attaches `secret` to `target` as the non-enumerable, read-only `secret` property and gives the
 * object an `[util.inspect.custom]` that prints its enumerable fields only. Every place that creates
 * or copies a finding goes through here (a copy made with `{...f}` has no secret: call
 * `withSecret(copy, f.secret)` to carry it over — the copy gets its own lifetime).
 */
export function withSecret<T extends object>(target: T, secret: string | undefined, opts: SecretOptions = {}): T & { readonly secret?: string } {
  const ttl = opts.ttlMs;
  const holder: Holder = { value: secret, expires: ttl !== undefined && ttl >= 0 ? (opts.now ?? Date.now()) + ttl : Infinity };
  holders.set(target, holder);
  Object.defineProperty(target, 'secret', {
    enumerable: false,
    configurable: false,
    get(): string | undefined {
      if (holder.value !== undefined && holder.expires <= Date.now()) holder.value = undefined;
      return holder.value;
    },
  });
  if (!Object.prototype.hasOwnProperty.call(target, INSPECT_CUSTOM)) {
    Object.defineProperty(target, INSPECT_CUSTOM, {
      enumerable: false,
      configurable: false,
      value: function inspectWithoutSecret(this: object, _depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
        // Own enumerable fields only: never the secret, never this function.
        return inspect({ ...this }, options);
      },
    });
  }
  if (secret !== undefined && holder.expires !== Infinity) {
    expiring.push({ expires: holder.expires, ref: new WeakRef(holder) });
    if (!sweeper) {
      sweeper = setInterval(() => sweep(), SWEEP_MS);
      sweeper.unref?.();
    }
  }
  return target;
}

/** Forgets the secret of an object made by `withSecret` (e.g. when the document it came from closes). */
export function dropSecret(target: object): void {
  const h = holders.get(target);
  if (h) h.value = undefined;
}

/** Whether the object still holds its secret. */
export function hasSecret(target: object): boolean {
  return holders.get(target)?.value !== undefined && (target as { secret?: string }).secret !== undefined;
}

/** Runs the expiry sweep now (tests). */
export function sweepExpiredSecrets(now?: number): void {
  sweep(now);
}
