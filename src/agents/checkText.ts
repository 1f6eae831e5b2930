// The agent tools' names and descriptions, and checkText (kinds and redacted forms of the
// credentials in a text, never its secrets): plain code without Node modules, so the browser build
// registers the checkText language-model tool too. The other tools are in tools.ts.

import type { Finding, Scanner } from '../engine';

export const TOOL_CHECK_TEXT = 'tokenCustody_checkText';
export const TOOL_LIST_SECRETS = 'tokenCustody_listSecrets';
export const TOOL_RUN_WITH_SECRETS = 'tokenCustody_runWithSecrets';

/** What the tools say about each tool (the MCP server and package.json use the same words). */
export const TOOL_DESCRIPTIONS = {
  [TOOL_CHECK_TEXT]: 'Checks whether a text (a file, a command, a message) holds a credential such as an API key, access token, password or private key. Answers with the kind of each credential and a redacted form, never the credential. Call it before sharing, committing or running text that might hold a secret.',
  [TOOL_LIST_SECRETS]: 'Lists the secrets stored with Token Custody (OS keychain or VS Code secret storage): names, where they are stored, their keychain:// reference and the environment variables of the workspace .env file that refer to them. Never returns a secret value.',
  [TOOL_RUN_WITH_SECRETS]: 'Runs a shell command with the secrets of the .env file in its directory (lines KEY=keychain://token-custody/NAME) resolved into its environment, so the command can use $KEY without the secret ever being shown. The output comes back with every credential redacted, even when the command prints one. The user confirms the command and the secret names first.',
} as const;

// ---------------------------------------------------------------------------------------------
// checkText

export interface CheckedCredential {
  name: string;
  kind: string;
  issuer: string;
  ruleId: string;
  confidence: string;
  redacted: string;
  fingerprint: string;
  /** 1-based line and column (UTF-16) in the checked text. */
  line: number;
  col: number;
}

export interface CheckTextResult {
  credentials: CheckedCredential[];
  /** The answer for the model: one line per credential, redacted forms only. */
  text: string;
  /** The findings themselves (hold the secrets in memory): for custody, never for the answer. */
  findings: Finding[];
}

export function checkText(scanner: Scanner, text: string): CheckTextResult {
  const findings = scanner.scan(text, { inlineIgnore: false });
  const credentials = findings.map((f) => ({
    name: f.name,
    kind: f.kind,
    issuer: f.issuer,
    ruleId: f.ruleId,
    confidence: f.confidence,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    line: f.range.startLine + 1,
    col: f.range.startCol + 1,
  }));
  const lines = credentials.map((c) => `- line ${c.line}, column ${c.col}: ${c.name} (${c.kind}, ${c.confidence} confidence) ${c.redacted}`);
  const answer = credentials.length === 0
    ? 'No credential found in the text.'
    : `${credentials.length} credential(s) found. Do not share, commit or print this text; store the secret with Token Custody and use its keychain://token-custody/NAME reference instead.\n${lines.join('\n')}`;
  return { credentials, text: answer, findings };
}
