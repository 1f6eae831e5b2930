// Custody events written by the CLI (`token-custody hook`, `token-custody mcp`): to the file that
// `TOKEN_CUSTODY_LOG` names (VS Code passes its own custody log to the MCP server it starts), else to a
// per-user file: $XDG_STATE_HOME/token-custody/custody.jsonl (~/.local/state/…), on macOS
// ~/Library/Application Support/token-custody/custody.jsonl, on Windows %LOCALAPPDATA%\token-custody\custody.jsonl.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { secretOf, type Finding } from '../engine';
import { findingFields, type CustodyInput } from '../custody/log';
import { CustodyLog } from '../custody/logFile';

export function cliCustodyPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.TOKEN_CUSTODY_LOG) return env.TOKEN_CUSTODY_LOG;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'token-custody', 'custody.jsonl');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'token-custody', 'custody.jsonl');
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'token-custody', 'custody.jsonl');
}

export class CliCustody {
  readonly log: CustodyLog;
  private readonly writes: Promise<boolean>[] = [];

  constructor(env: NodeJS.ProcessEnv, onError: (e: Error) => void) {
    this.log = new CustodyLog({ path: cliCustodyPath(env), onError });
  }

  /** One entry about a finding (its secret guards the line). */
  finding(f: Finding, input: Omit<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer'>): void {
    this.writes.push(this.log.append({ ...input, ...findingFields(f) } as CustodyInput, { secrets: [secretOf(f)] }));
  }

  /** One entry with explicit identity fields. */
  entry(input: CustodyInput, secrets: string[] = []): void {
    this.writes.push(this.log.append(input, { secrets }));
  }

  async flush(): Promise<void> {
    await Promise.all(this.writes);
  }
}
