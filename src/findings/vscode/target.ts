// Resolves command arguments (`{ uri, range }` from code actions, command links, the custody view)
// to the finding they point at.

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import type { FindingTarget } from '../target';
import type { FindingStore } from './findingStore';

export interface ResolvedTarget {
  uri: vscode.Uri;
  document?: vscode.TextDocument;
  finding: Finding;
}

function toPosition(p: { line: number; character: number }): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function targetRange(t: FindingTarget): vscode.Range | undefined {
  const r = t.range;
  if (!r) return undefined;
  if (Array.isArray(r)) return new vscode.Range(toPosition(r[0]), toPosition(r[1]));
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function targetUri(t: FindingTarget): vscode.Uri | undefined {
  if (!t.uri) return undefined;
  return t.uri instanceof vscode.Uri ? t.uri : vscode.Uri.parse(t.uri.toString());
}

/** The finding a target names, or the finding at the active editor's cursor when no target is given. */
export function resolveTarget(store: FindingStore, t: FindingTarget | undefined): ResolvedTarget | undefined {
  let uri = t ? targetUri(t) : undefined;
  let range = t ? targetRange(t) : undefined;
  const ed = vscode.window.activeTextEditor;
  if (!uri && ed) {
    uri = ed.document.uri;
    if (!range) range = ed.selection;
  }
  if (!uri) return undefined;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const findings = store.findings(uri);
  let finding: Finding | undefined;
  if (t?.fingerprint) finding = findings.find((f) => f.fingerprint === t.fingerprint);
  if (!finding && range && document) {
    const s = document.offsetAt(range.start);
    const e = document.offsetAt(range.end);
    finding = findings.find((f) => f.range.start <= s && e <= f.range.end) ?? findings.find((f) => f.range.start < e && s < f.range.end) ?? findings.find((f) => f.range.start <= s && s <= f.range.end);
  }
  return finding ? { uri, document, finding } : undefined;
}

/** Command-link argument for a finding (JSON-safe). */
export function targetArg(uri: vscode.Uri, f: Finding, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uri: uri.toString(),
    range: [{ line: f.range.startLine, character: f.range.startCol }, { line: f.range.endLine, character: f.range.endCol }],
    fingerprint: f.fingerprint,
    ...extra,
  };
}
