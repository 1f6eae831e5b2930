// A dotenv parser for `token-custody run --env-file`: `KEY=value`, `export KEY=value`, comments,
// single quotes (literal), double quotes (\n \r \t \" \\ escapes, may span lines), backticks.

export interface DotenvEntry {
  key: string;
  value: string;
  /** 1-based line of the key. */
  line: number;
}

export interface DotenvResult {
  entries: DotenvEntry[];
  /** Lines that are neither blank, comment nor assignment (1-based), for a warning. */
  invalidLines: number[];
}

const KEY_RE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;

export function parseDotenv(text: string): DotenvResult {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const entries: DotenvEntry[] = [];
  const invalidLines: number[] = [];
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    const nl = src.indexOf('\n', pos);
    const lineEnd = nl < 0 ? src.length : nl;
    const lineText = src.slice(pos, lineEnd);
    const startLine = line;
    const trimmed = lineText.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = lineEnd + 1;
      line++;
      continue;
    }
    const m = KEY_RE.exec(lineText);
    if (!m || !m[1]) {
      invalidLines.push(line);
      pos = lineEnd + 1;
      line++;
      continue;
    }
    const i = pos + m[0].length;
    const q = src[i];
    let value: string;
    let next: number;
    if (q === '"' || q === "'" || q === '`') {
      let j = i + 1;
      let out = '';
      let closed = false;
      while (j < src.length) {
        const c = src[j] ?? '';
        if (c === q) { closed = true; break; }
        if (q === '"' && c === '\\' && j + 1 < src.length) {
          const e = src[j + 1] ?? '';
          out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === '"' || e === '\\' || e === '$' ? e : `\\${e}`;
          j += 2;
          continue;
        }
        out += c;
        j++;
      }
      if (!closed) {
        // Unterminated quote: take the rest of the line literally, as most dotenv loaders do.
        value = lineText.slice(m[0].length).trim();
        next = lineEnd + 1;
      } else {
        value = out;
        for (const ch of src.slice(i, j)) if (ch === '\n') line++;
        const after = src.indexOf('\n', j);
        next = after < 0 ? src.length : after + 1;
      }
    } else {
      let raw = src.slice(i, lineEnd);
      const hash = raw.search(/\s#/);
      if (hash >= 0) raw = raw.slice(0, hash);
      value = raw.trim();
      next = lineEnd + 1;
    }
    entries.push({ key: m[1], value, line: startLine });
    pos = next;
    line++;
  }
  return { entries, invalidLines };
}
