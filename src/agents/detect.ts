// Which AI agent drives a terminal or a command. Plain Node (no `vscode`): the terminal watcher, the
// CLI hooks and the unit tests share it.
//
// Each agent marks the environment of the commands it runs, or runs as a recognisable program in a
// user terminal. What each one sets (looked up in the agents' own repositories and issue trackers):
//  - GitHub Copilot agent mode in VS Code: `COPILOT_AGENT=1` in the agent terminal's
//    `Terminal.creationOptions.env` (microsoft/vscode#316267, "Set COPILOT_AGENT env var in agent
//    terminals"); the GitHub Copilot CLI runs as `copilot`.
//  - Claude Code: `CLAUDECODE=1` in the shell it runs commands in (anthropics/claude-code#531, shipped
//    in v0.2.47); runs as `claude` (npm `@anthropic-ai/claude-code`).
//  - Cursor: `CURSOR_AGENT=1` in the agent's terminals (cursor/cursor#3612, where users branch on it in
//    .zshrc; also listed in microsoft/vscode#316267); the Cursor CLI runs as `cursor-agent`.
//  - Codex: `CODEX_SANDBOX` (`seatbelt` on macOS) and `CODEX_SANDBOX_NETWORK_DISABLED=1` on the commands
//    it spawns (openai/codex#879); runs as `codex` (npm `@openai/codex`).
//  - Gemini CLI: `GEMINI_CLI=1` on every shell command it spawns (google-gemini/gemini-cli#4791); runs
//    as `gemini` (npm `@google/gemini-cli`).

export const AGENT_NAMES = ['copilot', 'claude-code', 'cursor', 'codex', 'gemini-cli'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export interface AgentInfo {
  name: AgentName;
  /** For messages: "GitHub Copilot", "Claude Code"… */
  label: string;
  /** Environment variables the agent sets on the commands or terminals it drives. */
  env: readonly string[];
  /** Program names (basename, no extension) the agent runs as in a user terminal. */
  programs: readonly string[];
  /** npm packages that start it through npx/pnpm dlx/bunx. */
  packages: readonly string[];
}

export const AGENTS: readonly AgentInfo[] = [
  { name: 'copilot', label: 'GitHub Copilot', env: ['COPILOT_AGENT'], programs: ['copilot'], packages: ['@github/copilot'] },
  { name: 'claude-code', label: 'Claude Code', env: ['CLAUDECODE'], programs: ['claude'], packages: ['@anthropic-ai/claude-code'] },
  { name: 'cursor', label: 'Cursor', env: ['CURSOR_AGENT'], programs: ['cursor-agent'], packages: [] },
  { name: 'codex', label: 'Codex', env: ['CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED'], programs: ['codex'], packages: ['@openai/codex'] },
  { name: 'gemini-cli', label: 'Gemini CLI', env: ['GEMINI_CLI'], programs: ['gemini'], packages: ['@google/gemini-cli'] },
];

/** How an agent was recognised: the variable (`COPILOT_AGENT=1`) or the program (`claude`). */
export interface AgentAttribution {
  name: AgentName;
  /** `env COPILOT_AGENT` or `program claude`. */
  evidence: string;
}

export function agentInfo(name: string): AgentInfo | undefined {
  return AGENTS.find((a) => a.name === name);
}

export function agentLabel(name: string): string {
  return agentInfo(name)?.label ?? name;
}

export function isAgentName(v: unknown): v is AgentName {
  return typeof v === 'string' && (AGENT_NAMES as readonly string[]).includes(v);
}

/** A set variable: present, not empty, not `0` or `false`. */
function isSet(v: unknown): boolean {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
  const s = String(v).trim().toLowerCase();
  return s !== '' && s !== '0' && s !== 'false';
}

/** The agent whose marker variable is set in `env` (e.g. a terminal's `creationOptions.env`). */
export function agentFromEnv(env: Readonly<Record<string, unknown>> | undefined): AgentAttribution | undefined {
  if (!env) return undefined;
  for (const a of AGENTS) for (const v of a.env) if (isSet(env[v])) return { name: a.name, evidence: `env ${v}` };
  return undefined;
}

/** Launchers that run the next word as the program. */
const LAUNCHERS = new Set(['npx', 'bunx', 'exec', 'command', 'nohup', 'time', 'env', 'sudo', 'doas', 'caffeinate']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function basename(word: string): string {
  const w = word.replace(/^['"]|['"]$/g, '');
  const b = w.slice(Math.max(w.lastIndexOf('/'), w.lastIndexOf('\\')) + 1);
  return b.replace(/\.(exe|cmd|bat|ps1|js|mjs)$/i, '').toLowerCase();
}

/**
 * The agent a command line starts (`claude`, `npx @openai/codex`, `CLAUDECODE=1 make`…): its output
 * is what the agent's UI prints, so a token in it was read by the agent. Only the first command of the
 * line is looked at.
 */
export function agentFromCommandLine(commandLine: string): AgentAttribution | undefined {
  const first = commandLine.split(/[;&|\n]/, 1)[0] ?? '';
  const words = first.trim().split(/\s+/).filter(Boolean);
  let i = 0;
  const assigned: Record<string, string> = {};
  for (; i < words.length; i++) {
    const w = words[i] ?? '';
    if (ASSIGNMENT.test(w)) {
      const eq = w.indexOf('=');
      assigned[w.slice(0, eq)] = w.slice(eq + 1).replace(/^['"]|['"]$/g, '');
      continue;
    }
    const b = basename(w);
    if (LAUNCHERS.has(b)) continue;
    if (w.startsWith('-')) continue; // launcher options (npx -y, env -i)
    if ((b === 'pnpm' || b === 'yarn' || b === 'npm') && (words[i + 1] === 'dlx' || words[i + 1] === 'exec')) {
      i++;
      continue;
    }
    break;
  }
  const fromEnv = agentFromEnv(assigned);
  if (fromEnv) return fromEnv;
  const word = words[i];
  if (word === undefined) return undefined;
  const program = basename(word);
  const raw = word.replace(/^['"]|['"]$/g, '');
  const at = raw.lastIndexOf('@');
  const pkg = at > 0 ? raw.slice(0, at) : raw; // `@openai/codex@latest` → `@openai/codex`
  for (const a of AGENTS) {
    if (a.programs.includes(program)) return { name: a.name, evidence: `program ${program}` };
    if (a.packages.includes(pkg)) return { name: a.name, evidence: `package ${pkg}` };
  }
  return undefined;
}
