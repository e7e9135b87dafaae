/** Runs the owc CLI in-process and captures what it prints. */
import { main } from '../../src/cli/main.js';
import { repoRoot } from './baseline.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? { NO_COLOR: '1' },
    isTTY: false,
  });
  return { code, stdout, stderr };
}
