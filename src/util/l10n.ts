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

/** `1,234` in `language` (English grouping when the tag is not one Intl knows). */
export function formatNumber(n: number, language: string): string {
  try {
    return n.toLocaleString(language);
  } catch {
    return n.toLocaleString('en');
  }
}
