// Baselines: `scan --baseline FILE` reports only findings whose fingerprint is not in FILE;
// `scan --update-baseline` writes the fingerprints of today's findings, each with a reason, into
// `.tokencustodyignore` (one fingerprint per line with `# reason`).

import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FINGERPRINT_RE } from '../../engine';
import { appendIgnoreEntry, formatIgnoreEntry, IGNORE_FILE_NAME, parseIgnoreFile } from '../../engine/ignore';
import { ioReason } from '../options';

export class BaselineError extends Error {}

/**
 * The fingerprints of a baseline: a `.tokencustodyignore`-style file (fingerprint lines; `path:`
 * lines are not part of a baseline) or the JSON Lines output of an earlier scan.
 */
export function loadBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${file}: ${ioReason(e)}`);
  }
  const out = new Set<string>();
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      let rec: { fingerprint?: unknown };
      try {
        rec = JSON.parse(line) as { fingerprint?: unknown };
      } catch {
        throw new BaselineError(`${file}: line ${i + 1} is not JSON (a baseline is a ${IGNORE_FILE_NAME} file or the --format jsonl output of a scan)`);
      }
      if (typeof rec.fingerprint === 'string') out.add(rec.fingerprint.toLowerCase());
    }
    return out;
  }
  for (const e of parseIgnoreFile(text).entries) if (e.kind === 'fingerprint') out.add(e.fingerprint.toLowerCase());
  return out;
}

export interface BaselineUpdate {
  file: string;
  added: number;
  already: number;
}

/** Appends one line per new fingerprint to `<root>/.tokencustodyignore`, keeping every existing byte. */
export function updateBaseline(root: string, fingerprints: Iterable<string>, reason: string): BaselineUpdate {
  const file = path.join(root, IGNORE_FILE_NAME);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new BaselineError(`cannot read ${file}: ${ioReason(e)}`);
  }
  let added = 0;
  let already = 0;
  for (const fp of new Set(fingerprints)) {
    if (!FINGERPRINT_RE.test(fp)) continue;
    const next = appendIgnoreEntry(text, formatIgnoreEntry(fp, reason));
    if (next === text) already++;
    else added++;
    text = next;
  }
  if (added > 0) {
    try {
      writeFileSync(file, text);
    } catch (e) {
      throw new BaselineError(`cannot write ${file}: ${ioReason(e)}`);
    }
  }
  return { file, added, already };
}
