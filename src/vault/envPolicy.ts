// Which lines of a `.env` file Token Custody will fill with secrets, for *Open Terminal with Keychain
// Secrets* and for `token-custody run --env-file`. Plain TypeScript: used by the extension and the CLI.
//
// A `.env` file usually comes with the repository, so it is treated as untrusted input:
//  - only `KEY=<exactly one reference>` lines are resolved; a reference inside a longer value
//    (`PROMPT_COMMAND=curl … keychain://token-custody/X`) is refused, since whatever surrounds it decides
//    where the secret goes;
//  - a variable that a shell, a dynamic loader or an interpreter executes, or that changes which
//    program runs or where its traffic goes (`PROMPT_COMMAND`, `BASH_ENV`, `PATH`, `LD_PRELOAD`,
//    `NODE_OPTIONS`, `GIT_SSH_COMMAND`, `HTTPS_PROXY`…), is refused whenever the file would set it.
// Refusals name the variables; nothing is resolved or run when there is one.

import { parseDotenv, type DotenvEntry } from './dotenv';
import { type SecretReference, findReferences, parseReference } from './reference';

/** Exact names (compared case-insensitively: Windows environments ignore case). */
const DANGEROUS_NAMES = new Set([
  // shells: run at start-up or at each prompt, or change how commands are found and parsed
  'PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'ZDOTDIR', 'PATH', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'SHELLOPTS',
  'BASHOPTS', 'IFS', 'CDPATH', 'FPATH', 'HOME', 'SHELL', 'INPUTRC', 'HISTFILE', 'PROMPT', 'RPROMPT',
  'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_DATA_DIRS', 'XDG_CONFIG_DIRS', 'TERMINFO', 'FISH_CONFIG',
  // interpreters and runtimes that load code named by the environment
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB',
  'PYTHONSTARTUP', 'PYTHONPATH', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONBREAKPOINT', 'RUBYOPT', 'RUBYLIB',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'DOTNET_STARTUP_HOOKS',
  'LUA_INIT', 'PHPRC', 'PHP_INI_SCAN_DIR', 'TCLLIBPATH', 'R_PROFILE', 'R_PROFILE_USER', 'ERL_AFLAGS',
  'ERL_FLAGS', 'ELIXIR_ERL_OPTIONS', 'GCONV_PATH', 'MALLOC_CHECK_',
  // programs other tools start on our behalf
  'EDITOR', 'VISUAL', 'PAGER', 'MANPAGER', 'BROWSER', 'LESSOPEN', 'LESSCLOSE', 'SUDO_ASKPASS', 'SSH_ASKPASS',
  'SSH_AUTH_SOCK', 'DISPLAY',
  // where traffic (and the secret in it) goes, and which certificates are believed
  'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'FTP_PROXY', 'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE',
  'NPM_CONFIG_REGISTRY', 'NPM_CONFIG_USERCONFIG', 'NPM_CONFIG_GLOBALCONFIG', 'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL', 'CARGO_HOME', 'GOPROXY', 'GOFLAGS', 'DOCKER_HOST', 'KUBECONFIG',
]);

/** Prefixes (case-insensitive): the dynamic loaders, git's own variables, exported bash functions, npm config. */
const DANGEROUS_PREFIXES = ['LD_', 'DYLD_', 'GIT_', 'BASH_FUNC_', 'NPM_CONFIG_'];

/** Suffixes: `GIT_SSH_COMMAND`, `FZF_DEFAULT_COMMAND`, `CORE_PAGER`… run as commands by some tool. */
const DANGEROUS_SUFFIXES = ['_COMMAND', '_CMD', '_PAGER', '_EDITOR', '_ASKPASS', '_PROXY', '_OPTIONS', '_OPTS'];

/** Whether a `.env` file may set `name` when Token Custody resolves secrets for it. */
export function isDangerousVariable(name: string): boolean {
  const upper = name.toUpperCase();
  if (DANGEROUS_NAMES.has(upper)) return true;
  if (DANGEROUS_PREFIXES.some((p) => upper.startsWith(p))) return true;
  return DANGEROUS_SUFFIXES.some((s) => upper.endsWith(s));
}

export interface EnvSecret {
  variable: string;
  reference: SecretReference;
  /** 1-based line in the file. */
  line: number;
}

export interface EnvRefusal {
  variable: string;
  line: number;
  /** `dangerous`: the variable is executed or decides what runs; `embedded`: a reference inside a longer value. */
  reason: 'dangerous' | 'embedded';
}

export interface EnvPlan {
  /** `KEY=<one reference>` lines, in file order. */
  secrets: EnvSecret[];
  /** Lines without a reference (only applied by `token-custody run`). */
  plain: DotenvEntry[];
  refused: EnvRefusal[];
  invalidLines: number[];
}

export interface EnvPlanOptions {
  /**
   * Whether the plain (reference-free) lines are applied too: `token-custody run` sets them like
   * any dotenv loader, so a dangerous plain line is refused as well; the terminal applies only the
   * reference lines, so its plain lines are ignored.
   */
  applyPlain: boolean;
}

export function planDotenv(text: string, options: EnvPlanOptions): EnvPlan {
  const { entries, invalidLines } = parseDotenv(text);
  const secrets: EnvSecret[] = [];
  const plain: DotenvEntry[] = [];
  const refused: EnvRefusal[] = [];
  for (const e of entries) {
    const refs = findReferences(e.value);
    const whole = parseReference(e.value);
    if (refs.length === 0 && !whole) {
      if (!options.applyPlain) continue;
      if (isDangerousVariable(e.key)) refused.push({ variable: e.key, line: e.line, reason: 'dangerous' });
      else plain.push(e);
      continue;
    }
    if (isDangerousVariable(e.key)) refused.push({ variable: e.key, line: e.line, reason: 'dangerous' });
    else if (!whole || refs.length !== 1) refused.push({ variable: e.key, line: e.line, reason: 'embedded' });
    else secrets.push({ variable: e.key, reference: whole, line: e.line });
  }
  return { secrets, plain, refused, invalidLines };
}

/** One sentence per kind of refusal, naming the variables (never a value). `file` labels the source. */
export function describeRefusals(refused: readonly EnvRefusal[], file: string): string {
  const dangerous = refused.filter((r) => r.reason === 'dangerous').map((r) => `${r.variable} (line ${r.line})`);
  const embedded = refused.filter((r) => r.reason === 'embedded').map((r) => `${r.variable} (line ${r.line})`);
  const parts: string[] = [];
  if (dangerous.length > 0) {
    parts.push(`${file} sets ${dangerous.join(', ')}, which a shell, loader or tool executes or which changes what runs or where traffic goes; Token Custody will not resolve secrets for a file that sets ${dangerous.length === 1 ? 'it' : 'them'}.`);
  }
  if (embedded.length > 0) {
    parts.push(`In ${file}, ${embedded.join(', ')} ${embedded.length === 1 ? 'has' : 'have'} a reference inside a longer value; only KEY=keychain://token-custody/NAME lines (the reference alone) are resolved.`);
  }
  return parts.join(' ');
}
