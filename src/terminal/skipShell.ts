// Plain logic of the commandsToSkipShell check (no `vscode` import: unit-tested in Node).

/** The part of `WorkspaceConfiguration.inspect()` the check reads. */
export interface SkipShellInspect {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
}

export interface SkipShellFix {
  /** The settings level whose value hides the command (the most specific one set). */
  target: 'global' | 'workspace';
  /** That value with the command added. */
  value: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * What to write so that `command` is in the effective `commandsToSkipShell`, or undefined when it
 * already is, or when the user removed it on purpose (a `-command` entry).
 */
export function skipShellFix(inspect: SkipShellInspect | undefined, command: string): SkipShellFix | undefined {
  if (!inspect) return undefined;
  const level: SkipShellFix['target'] | undefined = inspect.workspaceValue !== undefined ? 'workspace' : inspect.globalValue !== undefined ? 'global' : undefined;
  const effective = strings(level === 'workspace' ? inspect.workspaceValue : level === 'global' ? inspect.globalValue : inspect.defaultValue);
  if (effective.includes(command) || effective.includes(`-${command}`)) return undefined;
  return { target: level ?? 'global', value: [...effective, command] };
}
