// `token-custody hook <agent>`: the decision for one hook call of an agent, from the JSON payload the
// agent writes on stdin. Plain Node; the CLI (src/cli/hook.ts) does the I/O and the custody log.
//
// Protocols (each agent's own documentation):
//  - Claude Code (code.claude.com/docs/en/hooks) and Codex (developers.openai.com/codex/hooks, the same
//    event names and fields): `hook_event_name` PreToolUse / UserPromptSubmit / PostToolUse with
//    `tool_name`, `tool_input`, `tool_response`, `prompt`. A PreToolUse call is denied with
//    `hookSpecificOutput.permissionDecision: "deny"` (the reason goes to the model); a prompt with
//    `decision: "block"` (the prompt is dropped, the reason shown to the user). PostToolUse cannot change a
//    built-in tool's output: `decision: "block"` tells the model the output held a credential, and an
//    MCP tool's output is replaced (`updatedMCPToolOutput`) by its redacted form.
//  - Gemini CLI (geminicli.com/docs/hooks/reference): BeforeTool / AfterTool / BeforeAgent with
//    `tool_name`, `tool_input`, `tool_response`, `prompt`; `decision: "deny"` with a `reason` blocks a
//    call or a prompt, and for AfterTool the reason replaces the output the model reads: the redacted output.
//  - Cursor (cursor.com/docs/agent/hooks): beforeShellExecution (`command`), beforeMCPExecution
//    (`tool_name`, `tool_input`), beforeReadFile (`file_path`, `content`) answer
//    `{ permission: "deny", user_message, agent_message }`; beforeSubmitPrompt (`prompt`) answers
//    `{ continue: false, user_message }`.
// Nothing is ever printed with a credential in it: messages name kinds and redacted forms.

import type { Finding, Scanner } from '../engine';
import { redactRanges } from '../custody/redact';

export const HOOK_AGENTS = ['claude-code', 'codex', 'gemini-cli', 'cursor'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

export function isHookAgent(v: string): v is HookAgent {
  return (HOOK_AGENTS as readonly string[]).includes(v);
}

export interface HookDecision {
  /** JSON (or nothing) for stdout. */
  stdout: string;
  stderr: string;
  exitCode: number;
  /** What custody records: one entry per finding. */
  findings: Finding[];
  outcome?: 'blocked' | 'redacted' | 'reported';
  /** The hook event and tool, for custody. */
  event: string;
  tool?: string;
}

type Payload = Record<string, unknown>;

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return JSON.stringify(v);
}

/** Text of a payload part: strings as they are, objects as JSON (a token inside is still found). */
function scan(scanner: Scanner, text: string): Finding[] {
  return text ? scanner.scan(text, { inlineIgnore: false }) : [];
}

function describe(findings: readonly Finding[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    parts.push(`${f.name} ${f.redacted}`);
  }
  return parts.join(', ');
}

const ADVICE = 'Store it with `token-custody secret set NAME` (or Move to Keychain in VS Code), put `KEY=keychain://token-custody/NAME` in .env and use $KEY through `token-custody run -- CMD` or the tokenCustody_runWithSecrets tool: the command gets the secret, the model never sees it.';

function none(event: string, tool?: string): HookDecision {
  return { stdout: '', stderr: '', exitCode: 0, findings: [], event, ...(tool ? { tool } : {}) };
}

function json(v: unknown): string {
  return JSON.stringify(v) + '\n';
}

/** The decision for one hook call; `payload` is the parsed stdin JSON. */
export function decideHook(agent: HookAgent, payload: Payload, scanner: Scanner): HookDecision {
  const event = str(payload.hook_event_name);
  const tool = typeof payload.tool_name === 'string' ? payload.tool_name : undefined;
  switch (agent) {
    case 'claude-code':
    case 'codex':
      return claudeLike(event, tool, payload, scanner);
    case 'gemini-cli':
      return gemini(event, tool, payload, scanner);
    case 'cursor':
      return cursor(event, tool, payload, scanner);
  }
}

function claudeLike(event: string, tool: string | undefined, p: Payload, scanner: Scanner): HookDecision {
  if (event === 'UserPromptSubmit') {
    const findings = scan(scanner, str(p.prompt));
    if (!findings.length) return none(event);
    const reason = `Token Custody blocked this prompt: it holds ${describe(findings)}. A model would have read it. ${ADVICE}`;
    return { stdout: json({ decision: 'block', reason }), stderr: '', exitCode: 0, findings, outcome: 'blocked', event };
  }
  if (event === 'PreToolUse') {
    const findings = scan(scanner, str(p.tool_input));
    if (!findings.length) return none(event, tool);
    const reason = `Token Custody denied this ${tool ?? 'tool'} call: its input holds ${describe(findings)}. Do not put credentials in commands or files. ${ADVICE}`;
    return {
      stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } }),
      stderr: '', exitCode: 0, findings, outcome: 'blocked', event, ...(tool ? { tool } : {}),
    };
  }
  if (event === 'PostToolUse') {
    const output = str(p.tool_response);
    const findings = scan(scanner, output);
    if (!findings.length) return none(event, tool);
    const what = describe(findings);
    const reason = `The output of ${tool ?? 'this tool'} holds ${what}. Do not repeat, store or send it; tell the user to revoke it. ${ADVICE}`;
    const out: Record<string, unknown> = { decision: 'block', reason };
    let outcome: HookDecision['outcome'] = 'reported';
    if (tool?.startsWith('mcp__')) {
      out.hookSpecificOutput = { hookEventName: 'PostToolUse', updatedMCPToolOutput: redactRanges(output, findings) };
      outcome = 'redacted';
    }
    return { stdout: json(out), stderr: '', exitCode: 0, findings, outcome, event, ...(tool ? { tool } : {}) };
  }
  return none(event, tool);
}

function gemini(event: string, tool: string | undefined, p: Payload, scanner: Scanner): HookDecision {
  if (event === 'BeforeAgent') {
    const findings = scan(scanner, str(p.prompt));
    if (!findings.length) return none(event);
    return { stdout: json({ decision: 'deny', reason: `Token Custody blocked this prompt: it holds ${describe(findings)}. ${ADVICE}` }), stderr: '', exitCode: 0, findings, outcome: 'blocked', event };
  }
  if (event === 'BeforeTool') {
    const findings = scan(scanner, str(p.tool_input));
    if (!findings.length) return none(event, tool);
    return {
      stdout: json({ decision: 'deny', reason: `Token Custody denied this ${tool ?? 'tool'} call: its input holds ${describe(findings)}. ${ADVICE}` }),
      stderr: '', exitCode: 0, findings, outcome: 'blocked', event, ...(tool ? { tool } : {}),
    };
  }
  if (event === 'AfterTool') {
    const output = str(p.tool_response);
    const findings = scan(scanner, output);
    if (!findings.length) return none(event, tool);
    const reason = `Token Custody redacted ${describe(findings)} from this output:\n${redactRanges(output, findings)}`;
    return { stdout: json({ decision: 'deny', reason }), stderr: '', exitCode: 0, findings, outcome: 'redacted', event, ...(tool ? { tool } : {}) };
  }
  return none(event, tool);
}

function cursor(event: string, tool: string | undefined, p: Payload, scanner: Scanner): HookDecision {
  if (event === 'beforeSubmitPrompt') {
    const findings = scan(scanner, str(p.prompt));
    if (!findings.length) return { ...none(event), stdout: json({ continue: true }) };
    return { stdout: json({ continue: false, user_message: `Token Custody blocked this prompt: it holds ${describe(findings)}. ${ADVICE}` }), stderr: '', exitCode: 0, findings, outcome: 'blocked', event };
  }
  const input = event === 'beforeShellExecution' ? str(p.command) : event === 'beforeReadFile' ? str(p.content) : event === 'beforeMCPExecution' ? str(p.tool_input) : undefined;
  if (input === undefined) return none(event, tool);
  const findings = scan(scanner, input);
  const name = event === 'beforeShellExecution' ? 'shell command' : event === 'beforeReadFile' ? `read of ${str(p.file_path) || 'a file'}` : `${tool ?? 'MCP'} call`;
  // A clean call gets no answer: a guard only takes permission away (an "allow" could skip the user's own prompt).
  if (!findings.length) return none(event, tool);
  const message = `Token Custody denied this ${name}: it holds ${describe(findings)}. ${ADVICE}`;
  return { stdout: json({ permission: 'deny', user_message: message, agent_message: message }), stderr: '', exitCode: 0, findings, outcome: 'blocked', event, ...(tool ? { tool } : {}) };
}
