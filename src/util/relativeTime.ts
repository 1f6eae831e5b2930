// Relative times in the UI language ("3 days ago", "in 2 hours", "yesterday") with
// Intl.RelativeTimeFormat. Plain Node (unit-tested without VS Code).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export type RelativeStyle = 'long' | 'short' | 'narrow';

const formats = new Map<string, Intl.RelativeTimeFormat>();

/** A formatter for `language`, falling back to English when the tag is not one Intl knows. */
function formatter(language: string, style: RelativeStyle): Intl.RelativeTimeFormat {
  const key = `${language}\u0000${style}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style });
    } catch {
      f = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style });
    }
    formats.set(key, f);
  }
  return f;
}

/** The unit a distance is told in, and how many of it (rounded toward zero, so "2 days" means at least 2). */
export function relativeUnit(ms: number): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const a = Math.abs(ms);
  const sign = ms < 0 ? -1 : 1;
  const n = (size: number): number => sign * Math.floor(a / size) || 0;
  if (a < MINUTE) return { value: 0, unit: 'second' };
  if (a < HOUR) return { value: n(MINUTE), unit: 'minute' };
  if (a < DAY) return { value: n(HOUR), unit: 'hour' };
  if (a < 60 * DAY) return { value: n(DAY), unit: 'day' };
  if (a < 2 * YEAR) return { value: n(MONTH), unit: 'month' };
  return { value: n(YEAR), unit: 'year' };
}

/**
 * `at` told from `now` in `language`: "3 days ago", "in 2 hours", "now" (under a minute), "yesterday".
 * An invalid date gives undefined.
 */
export function relativeTime(at: Date | string | number, now: Date | number, language = 'en', style: RelativeStyle = 'long'): string | undefined {
  const when = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  const from = now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(when) || !Number.isFinite(from)) return undefined;
  const { value, unit } = relativeUnit(when - from);
  return formatter(language, style).format(value, unit);
}
