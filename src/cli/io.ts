import type { CacheMemory } from '../cache/check-cache.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colours, by default). */
  readonly isTTY: boolean;
  /** Set in a long-lived process (`owc daemon`): what the caches keep in memory between runs. */
  readonly memory?: CacheMemory;
}

/** Exit codes of DESIGN.md §8. */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage or file-system problem: printed to stderr, exit code 2. */
export class UsageError extends Error {}

/** Paths given on the command line that do not exist are a usage error (exit 2). */
export function requireExistingPaths(missing: readonly string[]): void {
  if (missing.length > 0) throw new UsageError(missing.map((p) => `no such file or folder: ${p}`).join('\n'));
}

/** Collects a repeatable option (`--registry a --registry b`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
