// The user's locale for plain modules that build sentences (src/util/l10n.ts): VS Code's translator and
// UI language.
import * as vscode from 'vscode';
import type { Locale } from '../l10n';

export function uiLocale(): Locale {
  return { t: vscode.l10n.t, language: vscode.env.language };
}
