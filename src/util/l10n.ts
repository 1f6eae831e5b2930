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
