// Writing the findings of a scan in the format asked for: text, jsonl, sarif (engine/report.ts), and
// the CI formats github (workflow commands) and junit. History findings carry their commit and date.

import { formatJsonLines, formatSarif, formatText, sarifLevel, toJsonLineRecord, type FileFindings } from '../../engine/report';
import { BUILTIN_RULES } from '../../engine/rules';
import type { Finding } from '../../engine';
import { CLI_VERSION } from '../version';
import type { Format } from './args';

/** The findings of one file, blob or stream; `commit`/`date` for a blob found in the history. */
export interface ScanResult extends FileFindings {
  commit?: string;
  date?: string;
}

export interface ReportOptions {
  format: Format;
  color: boolean;
  /** Root that SARIF paths are relative to. */
  root: string;
}

/** Where a finding is shown in text: `path`, or git's `<commit>:<path>` for history. */
function shownName(r: ScanResult): string {
  return r.commit ? `${r.commit.slice(0, 12)}:${r.file}` : r.file;
}

/** JSON Lines plus `commit` and `date` for history findings. */
function jsonLines(results: readonly ScanResult[]): string {
  if (!results.some((r) => r.commit)) return formatJsonLines(results);
  let out = '';
  for (const r of results) {
    for (const f of r.findings) out += JSON.stringify(r.commit ? { ...toJsonLineRecord(r.file, f), commit: r.commit, date: r.date } : toJsonLineRecord(r.file, f)) + '\n';
  }
  return out;
}

function describe(f: Finding, r: ScanResult): string {
  const where = r.commit ? ` (added in commit ${r.commit.slice(0, 12)}${r.date ? ` on ${r.date.slice(0, 10)}` : ''})` : '';
  return `${f.name} (${f.issuer}) ${f.redacted}${where}, fingerprint ${f.fingerprint}`;
}

/** `%`, CR and LF are escaped in a workflow command's message; `:` and `,` too in its properties. */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GH_LEVEL = { error: 'error', warning: 'warning', note: 'notice', none: 'notice' } as const;

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`,
 * shown as annotations on the pull request's files. Lines and columns 1-based.
 */
export function formatGithub(results: readonly ScanResult[]): string {
  let out = '';
  for (const r of results) {
    for (const f of r.findings) {
      const g = f.range;
      const props = [`file=${ghProperty(r.file)}`, `line=${g.startLine + 1}`, `endLine=${g.endLine + 1}`];
      if (g.startLine === g.endLine) props.push(`col=${g.startCol + 1}`, `endColumn=${g.endCol + 1}`);
      props.push(`title=${ghProperty(`Token Custody: ${f.ruleId}`)}`);
      const hint = 'Move it to the keychain and revoke it, or add its fingerprint to .tokencustodyignore with a reason.';
      out += `::${GH_LEVEL[sarifLevel(f.severity)]} ${props.join(',')}::${ghData(`${describe(f, r)}. ${hint}`)}\n`;
    }
  }
  return out;
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JUnit XML: one failing test case per finding (a passing one when there is none), for CI test reports. */
export function formatJunit(results: readonly ScanResult[]): string {
  const cases: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const g = f.range;
      const at = `${shownName(r)}:${g.startLine + 1}:${g.startCol + 1}`;
      cases.push(
        `    <testcase classname="${xml(r.file)}" name="${xml(`${f.ruleId} at ${at}`)}" file="${xml(r.file)}" line="${g.startLine + 1}">\n` +
          `      <failure type="${xml(f.ruleId)}" message="${xml(`${f.name} found at ${at}`)}">${xml(describe(f, r))}</failure>\n` +
          `    </testcase>`,
      );
    }
  }
  const failures = cases.length;
  if (failures === 0) cases.push('    <testcase classname="token-custody" name="no tokens found"/>');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="token-custody" tests="${cases.length}" failures="${failures}">\n` +
    `  <testsuite name="token-custody scan" tests="${cases.length}" failures="${failures}" errors="0">\n` +
    cases.join('\n') +
    '\n  </testsuite>\n</testsuites>\n'
  );
}

export function renderReport(results: readonly ScanResult[], o: ReportOptions): string {
  switch (o.format) {
    case 'jsonl':
      return jsonLines(results);
    case 'sarif': {
      const info = new Map(BUILTIN_RULES.map((r) => [r.id, r.description]));
      return formatSarif(results, { toolVersion: CLI_VERSION, root: o.root, ruleInfo: (id) => ({ description: info.get(id) }) });
    }
    case 'github':
      return formatGithub(results);
    case 'junit':
      return formatJunit(results);
    case 'text':
      if (!results.some((r) => r.commit)) return formatText(results, { color: o.color });
      return formatText(results.map((r) => ({ file: shownName(r), findings: r.findings })), { color: o.color });
  }
}
