// Exports of the custody log (`tokenCustody.exportCustodyLog`): the raw events as JSON Lines, or
// the tokens with their latest state as SARIF 2.1.0 (one result per token).
import { toSarif, type ReportItem, type ReportLocation, type ReportLogicalLocation, type SarifLog, type SarifOptions } from '../engine/report';
import { serialiseEntry, type CustodyEntry } from './log';
import { containsSecret } from './redact';
import { foldCustody, sortedTokens, type TokenCustody } from './state';

export type CustodyExportFormat = 'jsonl' | 'sarif';

export class ExportGuardError extends Error {
  constructor() {
    super('Refused to export the custody log: the output would contain a token.');
    this.name = 'ExportGuardError';
  }
}

/** The events, one JSON object per line in log order (keys in the log's fixed order). */
export function exportJsonLines(entries: Iterable<CustodyEntry>): string {
  let out = '';
  for (const e of entries) out += serialiseEntry(e) + '\n';
  return out;
}

/** Paths are shown relative; a `file:` URI without a workspace-relative path is kept as a URI. */
function fileLocation(t: TokenCustody): { locations: ReportLocation[]; logical: ReportLogicalLocation[] } {
  const locations: ReportLocation[] = [];
  const logical: ReportLogicalLocation[] = [];
  for (const s of t.seen) {
    const w = s.where;
    if (w.kind === 'terminal') {
      const fq = `terminal/${w.terminal}/${w.place}`;
      logical.push({ name: w.terminal, kind: `terminal-${w.place}`, fullyQualifiedName: fq });
      continue;
    }
    const file = w.path ?? (w.uri.startsWith('file:') ? w.uri : undefined);
    if (file === undefined) {
      // untitled and other non-file buffers have no physical location
      logical.push({ name: w.uri, kind: 'buffer', fullyQualifiedName: w.uri });
      continue;
    }
    const r = w.range;
    locations.push(
      r ? { file, region: { startLine: r.line - 1, startCol: r.col - 1, endLine: r.endLine - 1, endCol: r.endCol - 1 } } : { file },
    );
  }
  return { locations, logical };
}

export function tokenToReportItem(t: TokenCustody): ReportItem {
  const { locations, logical } = fileLocation(t);
  const properties: Record<string, unknown> = { firstSeen: t.firstSeen, lastSeen: t.lastSeen, events: t.events };
  if (t.owner) properties.owner = t.owner;
  if (t.workspaces.length) properties.workspaces = t.workspaces;
  if (t.reference) properties.reference = t.reference;
  if (t.cliIssued !== undefined) properties.cliIssued = t.cliIssued;
  if (t.machineIdentity !== undefined) properties.machineIdentity = t.machineIdentity;
  if (t.check) properties.check = t.check;
  if (t.revocation) properties.revocation = t.revocation;
  if (t.ignored) properties.ignored = t.ignored;
  const terminals = t.seen.filter((s) => s.where.kind === 'terminal').map((s) => s.where);
  if (terminals.length) properties.terminalOccurrences = terminals;
  const item: ReportItem = {
    ruleId: t.ruleId,
    issuer: t.issuer,
    name: t.name ?? t.ruleId,
    severity: t.severity ?? 'high',
    confidence: t.confidence ?? 'medium',
    kind: t.kind ?? 'generic-secret',
    fingerprint: t.fingerprint,
    redacted: t.redacted,
    state: t.state,
    locations,
    logicalLocations: logical,
    properties,
  };
  if (t.validation) item.validation = { status: t.validation, detail: t.validationDetail ?? '' };
  return item;
}

/** SARIF of the tokens in the log with their latest state: exposed first, most recent first. */
export function exportSarif(entries: Iterable<CustodyEntry>, options: SarifOptions): SarifLog {
  const tokens = sortedTokens(foldCustody(entries).values());
  return toSarif(tokens.map(tokenToReportItem), options);
}

export interface ExportOptions {
  format: CustodyExportFormat;
  sarif: SarifOptions;
  /** Secrets the output must not contain (belt and braces: the log never holds one). */
  knownSecrets?: Iterable<string | undefined>;
}

/** The export's text. Throws {@link ExportGuardError} if it would contain a known secret. */
export function exportCustody(entries: readonly CustodyEntry[], options: ExportOptions): string {
  const text =
    options.format === 'jsonl' ? exportJsonLines(entries) : JSON.stringify(exportSarif(entries, options.sarif), null, 2) + '\n';
  if (options.knownSecrets && containsSecret(text, options.knownSecrets)) throw new ExportGuardError();
  return text;
}
