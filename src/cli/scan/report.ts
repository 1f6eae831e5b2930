// Writing the findings of a scan in the format asked for.

import { formatJsonLines, formatSarif, formatText, type FileFindings } from '../../engine/report';
import { BUILTIN_RULES } from '../../engine/rules';
import { CLI_VERSION } from '../version';
import type { Format } from './args';

export interface ReportOptions {
  format: Format;
  color: boolean;
  /** Root that SARIF paths are relative to. */
  root: string;
}

export function renderReport(results: readonly FileFindings[], o: ReportOptions): string {
  switch (o.format) {
    case 'jsonl':
      return formatJsonLines(results);
    case 'sarif': {
      const info = new Map(BUILTIN_RULES.map((r) => [r.id, r.description]));
      return formatSarif(results, { toolVersion: CLI_VERSION, root: o.root, ruleInfo: (id) => ({ description: info.get(id) }) });
    }
    case 'text':
      return formatText(results, { color: o.color });
  }
}
