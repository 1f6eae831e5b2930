// Line-comment syntax per language, for the inline suppression comment `token-custody: ignore`.

const LINE: Record<string, string> = {};
for (const id of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'c', 'cpp', 'csharp', 'java', 'go', 'rust', 'swift', 'kotlin', 'scala', 'php', 'dart', 'groovy', 'jsonc', 'json5', 'objective-c', 'objective-cpp', 'fsharp', 'zig', 'proto', 'hcl', 'terraform', 'solidity', 'less', 'scss', 'vue', 'svelte'])
  LINE[id] = '//';
for (const id of ['python', 'shellscript', 'yaml', 'dotenv', 'properties', 'ruby', 'perl', 'r', 'toml', 'dockerfile', 'makefile', 'powershell', 'coffeescript', 'elixir', 'julia', 'nim', 'crystal', 'cmake', 'gitignore', 'ignore', 'nix', 'tcl', 'awk', 'conf', 'ini', 'raku', 'jsonl', 'env', 'sh', 'bash', 'zsh', 'fish'])
  LINE[id] = '#';
for (const id of ['sql', 'lua', 'haskell', 'elm', 'ada', 'vhdl', 'plsql'])
  LINE[id] = '--';
for (const id of ['clojure', 'lisp', 'scheme', 'racket', 'asm', 'ini-semicolon'])
  LINE[id] = ';';
LINE.latex = '%';
LINE.tex = '%';
LINE.erlang = '%';
LINE.matlab = '%';
LINE.bat = 'REM';
LINE.vb = "'";

const BLOCK: Record<string, [string, string]> = {
  html: ['<!--', '-->'], xml: ['<!--', '-->'], markdown: ['<!--', '-->'], svg: ['<!--', '-->'], css: ['/*', '*/'],
};

/** Languages where no comment can be written (strict JSON): the ignore must go to the ignore file. */
export const NO_COMMENT_LANGUAGES = new Set(['json']);

/**
 * The text of a line that marks the next line ignored, in the language's comment syntax, or
 * undefined when the language has no comments. Plain text (and unknown languages) get the bare marker.
 */
export function suppressionLine(languageId: string, fileName: string, indent: string): string | undefined {
  if (NO_COMMENT_LANGUAGES.has(languageId)) return undefined;
  const marker = 'token-custody: ignore';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  let lang = languageId;
  if (/^\.env(\..*)?$|\.env$|^\.npmrc$|^\.netrc$/.test(base)) lang = 'dotenv';
  const block = BLOCK[lang];
  if (block) return `${indent}${block[0]} ${marker} ${block[1]}`;
  const line = LINE[lang];
  if (line) return `${indent}${line} ${marker}`;
  return `${indent}${marker}`;
}
