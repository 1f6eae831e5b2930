// Translation in plain Node modules. Modules that build user-facing sentences take a `Translate`
// instead of importing `vscode`: host code passes `vscode.l10n.t`, the CLI and unit tests pass
// `english`. Messages are string literals with `{0}`, `{1}`… placeholders (scripts/l10n.mjs extracts
// every `t('…')` call into l10n/bundle.l10n.json, and fails on a message that is not a literal).

export type L10nArg = string | number | boolean;

/** The signature of `vscode.l10n.t(message, ...args)`. */
export type Translate = (message: string, ...args: L10nArg[]) => string;

/** Substitutes `{n}` with the n-th argument, as vscode.l10n.t does without a bundle. */
export function format(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? whole : String(v);
  });
}

/** The English source text, formatted: the translator of the CLI and of unit tests. */
export const english: Translate = (message, ...args) => format(message, args);

/** What a plain module needs to speak the user's language: the translator and the UI language. */
export interface Locale {
  t: Translate;
  /** A BCP 47 tag such as `en`, `de`, `zh-cn` (host code passes `vscode.env.language`). */
  language: string;
}

/** English: the CLI's and the unit tests' locale. */
export const ENGLISH: Locale = { t: english, language: 'en' };

/**
 * `1,234` in `language` (English grouping when the tag is not one Intl knows). A whole number in
 * English (`en`, `en-US`: VS Code's default language) is grouped here, without `toLocaleString`: its
 * first call in a process loads ICU's locale data, about 15 ms of CPU, which was most of the longest
 * turn of Scan Workspace (its first progress message, in the turn that starts the scan: 23-30 ms).
 */
export function formatNumber(n: number, language: string): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0) && ENGLISH_GROUPING.test(language)) return n < 0 ? `-${grouped(-n)}` : grouped(n);
  try {
    return n.toLocaleString(language);
  } catch {
    return n.toLocaleString('en');
  }
}

/** Tags whose whole numbers `toLocaleString` groups by three with commas, ASCII digits (en-IN does not). */
const ENGLISH_GROUPING = /^en(?:-us)?$/i;

/** Digits of a non-negative safe integer grouped by three with commas. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
