/**
 * Runs one program without a shell, feeding it text on stdin and collecting
 * stdout and the tail of stderr. The program runs in its own process group so
 * that an abort ends the whole tree it started, not just the direct child.
 */
import { spawn } from 'node:child_process';

export interface ChildRun {
  readonly command: string;
  readonly args: readonly string[];
  /** The complete environment of the child (nothing else is inherited). */
  readonly env: { readonly [name: string]: string };
  readonly cwd: string | undefined;
  readonly stdin: string;
  readonly signal: AbortSignal | undefined;
  /** Milliseconds between SIGTERM and SIGKILL when the run is aborted. */
  readonly killGraceMs: number;
  /** Largest stdout accepted, in bytes. */
  readonly maxStdoutBytes: number;
  /** How much of the end of stderr is kept, in bytes. */
  readonly stderrTailBytes: number;
}

export type ChildOutcome =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'signalled'; readonly signal: string; readonly stderr: string }
  | { readonly kind: 'spawn-failed'; readonly error: NodeJS.ErrnoException }
  | { readonly kind: 'stdout-too-large'; readonly limit: number }
  | { readonly kind: 'aborted'; readonly reason: unknown };

/** Runs the program to completion (or until aborted) and says how it ended; never rejects. */
export function runChild(run: ChildRun): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    if (run.signal?.aborted) {
      resolve({ kind: 'aborted', reason: run.signal.reason });
      return;
    }
    const isWindows = process.platform === 'win32';
    const child = spawn(run.command, [...run.args], {
      shell: false,
      detached: !isWindows,
      env: { ...run.env },
      cwd: run.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let settled: ChildOutcome | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const killTree = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        if (isWindows) child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    /** Records how the run ended; the promise resolves when the child's streams have closed. */
    const stop = (outcome: ChildOutcome): void => {
      if (settled !== undefined) return;
      settled = outcome;
      killTree('SIGTERM');
      killTimer = setTimeout(() => {
        killTree('SIGKILL');
        // A process outside the group may still hold the pipes open; stop waiting for them.
        child.stdout.destroy();
        child.stderr.destroy();
      }, run.killGraceMs);
    };
    const onAbort = (): void => stop({ kind: 'aborted', reason: run.signal?.reason });
    run.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > run.maxStdoutBytes) stop({ kind: 'stdout-too-large', limit: run.maxStdoutBytes });
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const joined = Buffer.concat([stderr, chunk]);
      stderr = joined.length > run.stderrTailBytes ? joined.subarray(joined.length - run.stderrTailBytes) : joined;
    });
    // A program that exits without reading its input closes the pipe early; that is not an error.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        run.signal?.removeEventListener('abort', onAbort);
        resolve({ kind: 'spawn-failed', error });
      }
    });
    child.on('close', (code, signal) => {
      run.signal?.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) {
        clearTimeout(killTimer);
        // The direct child is gone; whatever it left behind in its group goes too.
        killTree('SIGKILL');
      }
      const stderrText = stderr.toString('utf8');
      if (settled !== undefined) resolve(settled);
      else if (code !== null) resolve({ kind: 'exited', code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderrText });
      else resolve({ kind: 'signalled', signal: signal ?? 'unknown', stderr: stderrText });
    });
    child.stdin.end(run.stdin);
  });
}
