/**
 * `owc daemon start|stop|status|run [--idle-timeout MINUTES]`: a resident owc
 * that `owc check` and `owc build` hand their runs to (src/daemon/). Opt-in:
 * nothing starts one but `owc daemon start`; `OWC_NO_DAEMON=1` makes a run
 * ignore it. See docs/cli.md.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { daemonLogPath, daemonSocketPath, daemonStatus, owcPackageFolder, type DaemonStatus } from '../daemon/client.js';
import { ExitCode, UsageError, type CliIO } from './io.js';

/** Minutes without a request after which a daemon stops, unless told otherwise. */
const defaultIdleMinutes = 60;

interface DaemonFlags {
  readonly idleTimeout: string;
}

export function registerDaemonCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  const daemon = program
    .command('daemon')
    .description('a resident owc that `owc check` and `owc build` hand their runs to, skipping start-up (opt-in)');
  const idleOption = ['--idle-timeout <minutes>', 'stop after this many minutes without a run', String(defaultIdleMinutes)] as const;
  daemon
    .command('start')
    .description('start a daemon in the background, unless one is running')
    .option(...idleOption)
    .action(async (flags: DaemonFlags) => done(await startDaemon(parseMinutes(flags.idleTimeout), io)));
  daemon
    .command('stop')
    .description('stop the daemon, after the runs it has already taken')
    .action(async () => done(await stopDaemon(io)));
  daemon
    .command('status')
    .description('say whether a daemon is running (exit code 1 when none is)')
    .action(async () => done(await reportStatus(io)));
  daemon
    .command('run')
    .description('run the daemon in the foreground (what `start` runs in the background)')
    .option(...idleOption)
    .action(async (flags: DaemonFlags) => done(await runInForeground(parseMinutes(flags.idleTimeout), io)));
}

function parseMinutes(text: string): number {
  const minutes = Number(text);
  if (text.trim() === '' || !Number.isFinite(minutes) || minutes <= 0 || minutes > 7 * 24 * 60) {
    throw new UsageError(`--idle-timeout must be a number of minutes above 0 and at most a week (10080), not '${text}'`);
  }
  return minutes;
}

function describe(status: DaemonStatus): string {
  return `pid ${status.pid}, listening at ${status.socket}, since ${status.startedAt}, ${status.served} run(s) served, RSS ${status.rssMb} MB (peak ${status.maxRssMb} MB), stops after ${status.idleTimeoutMinutes} idle minute(s)`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function startDaemon(idleMinutes: number, io: CliIO): Promise<number> {
  const socketPath = daemonSocketPath(io.env);
  const running = await daemonStatus(socketPath);
  if (running !== undefined) {
    io.stdout(`owc daemon already running (${describe(running)})\n`);
    return ExitCode.Ok;
  }
  const logPath = daemonLogPath(io.env);
  mkdirSync(path.dirname(logPath), { recursive: true, mode: 0o700 });
  const log = openSync(logPath, 'w', 0o600);
  const child = spawn(process.execPath, [path.join(owcPackageFolder(), 'bin', 'owc.js'), 'daemon', 'run', '--idle-timeout', String(idleMinutes)], {
    cwd: path.dirname(logPath),
    env: io.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  // Up to 20 s for the daemon to load and listen.
  for (let waited = 0; waited < 20_000; waited += 50) {
    await sleep(50);
    const status = await daemonStatus(socketPath);
    if (status !== undefined) {
      io.stdout(`owc daemon started (${describe(status)})\n`);
      return ExitCode.Ok;
    }
    if (exited !== undefined) break;
  }
  const said = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim() : '';
  if (exited === undefined) child.kill();
  throw new UsageError(`the daemon did not start${said === '' ? '' : `:\n${said}`}`);
}

async function stopDaemon(io: CliIO): Promise<number> {
  const socketPath = daemonSocketPath(io.env);
  const status = await daemonStatus(socketPath, 'stop');
  if (status === undefined) {
    io.stdout('no owc daemon is running\n');
    return ExitCode.Ok;
  }
  // It removes its socket once the runs it took are done.
  for (let waited = 0; waited < 60_000 && existsSync(socketPath); waited += 50) await sleep(50);
  io.stdout(`owc daemon stopped (pid ${status.pid}, ${status.served} run(s) served)\n`);
  return ExitCode.Ok;
}

async function reportStatus(io: CliIO): Promise<number> {
  const socketPath = daemonSocketPath(io.env);
  const status = await daemonStatus(socketPath);
  if (status === undefined) {
    io.stdout(`no owc daemon is running for this owc (it would listen at ${socketPath})\n`);
    return ExitCode.Failed;
  }
  io.stdout(`owc daemon running (${describe(status)})\n`);
  return ExitCode.Ok;
}

async function runInForeground(idleMinutes: number, io: CliIO): Promise<number> {
  const { runDaemon } = await import('../daemon/server.js');
  const socketPath = daemonSocketPath(io.env);
  const log = (line: string): void => io.stderr(`${new Date().toISOString()} owc daemon: ${line}\n`);
  try {
    await runDaemon({ socketPath, idleTimeoutMinutes: idleMinutes, log });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return ExitCode.Ok;
}
