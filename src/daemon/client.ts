/**
 * The client side of `owc daemon` (./server.ts): where a daemon of this owc
 * listens, and running `owc check` / `owc build` through it. bin/owc.js loads
 * this module before anything else, so it imports nothing but node built-ins
 * and costs a process a stat or two when no daemon runs.
 *
 * A daemon serves only the owc it was started from: its socket's name is a
 * hash of the node executable, the package folder and the times the compiled
 * CLI was last written, so a rebuilt or upgraded owc never talks to an old one.
 *
 * The protocol is one JSON object per line. A request is `{ v, argv, cwd, env,
 * isTTY }` or `{ v, control: 'status' | 'stop' }`; a reply to a run is any
 * number of `{ out }` / `{ err }` lines (text for stdout / stderr) and one
 * `{ exit }`; a reply to a control request is one `{ status }` line.
 */
import { existsSync, statSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bumped when requests or replies change shape. */
export const protocolVersion = 1;

/** The commands a daemon runs; everything else always runs in the calling process. */
export const servedCommands: ReadonlySet<string> = new Set(['check', 'build']);

/** What `status` reports about a running daemon. */
export interface DaemonStatus {
  readonly pid: number;
  readonly socket: string;
  readonly startedAt: string;
  /** Runs served so far. */
  readonly served: number;
  readonly idleTimeoutMinutes: number;
  /** The daemon's resident set size now, and its peak so far, in MB. */
  readonly rssMb: number;
  readonly maxRssMb: number;
}

/** One line a daemon writes back. */
export type Reply = { readonly out: string } | { readonly err: string } | { readonly exit: number } | { readonly status: DaemonStatus };

/** The owc package folder (the one holding bin/owc.js): this module runs from dist/src/<folder>/ (compiled or bundled) or src/daemon/. */
export function owcPackageFolder(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const fromSource = path.resolve(here, '../..');
  return existsSync(path.join(fromSource, 'bin', 'owc.js')) ? fromSource : path.resolve(here, '../../..');
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** FNV-1a, 52 bits: enough to tell builds apart in a file name, and no crypto module to load. */
function shortHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xfffffffffffffn;
  }
  return hash.toString(36);
}

/**
 * The folder daemon sockets live in: `$OWC_DAEMON_DIR`, else `owc-<uid>`
 * under `$XDG_RUNTIME_DIR` or the temporary folder.
 */
export function daemonFolder(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.OWC_DAEMON_DIR;
  if (own !== undefined && own !== '') return path.resolve(own);
  const base = env.XDG_RUNTIME_DIR !== undefined && env.XDG_RUNTIME_DIR !== '' ? env.XDG_RUNTIME_DIR : tmpdir();
  return path.join(base, `owc-${process.getuid?.() ?? 'user'}`);
}

/** The name of this owc's daemon (this node, this package folder, this build). */
function daemonName(): string {
  const root = owcPackageFolder();
  const build = [process.execPath, process.version, root, mtimeOf(path.join(root, 'dist/src/cli/main.bundle.js')), mtimeOf(path.join(root, 'dist/src/cli/main.js'))];
  return shortHash(build.join('\u0000'));
}

/** Where the daemon of this owc listens. */
export function daemonSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\owc-${shortHash(daemonFolder(env))}-${daemonName()}`;
  return path.join(daemonFolder(env), `${daemonName()}.sock`);
}

/** Where the daemon of this owc writes its log. */
export function daemonLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(daemonFolder(env), `${daemonName()}.log`);
}

/**
 * Whether `argv` is a run the daemon may take: a served command, not a
 * request for help (help is wrapped to the width of the caller's terminal),
 * and the daemon not switched off.
 */
export function daemonMayServe(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const off = env.OWC_NO_DAEMON;
  return servedCommands.has(argv[0] ?? '') && !argv.includes('--help') && !argv.includes('-h') && (off === undefined || off === '' || off === '0');
}

/** Whether a daemon answers at `socketPath`, and what it says of itself (`stop`: and then it stops). */
export async function daemonStatus(socketPath: string, control: 'status' | 'stop' = 'status'): Promise<DaemonStatus | undefined> {
  let status: DaemonStatus | undefined;
  await exchange(socketPath, { control }, (reply, socket) => {
    if ('status' in reply) status = reply.status;
    socket.end();
  });
  return status;
}

/** Sends one request and calls `onReply` for every line of the answer; resolves when the daemon closes the connection. */
export function exchange(socketPath: string, request: object, onReply: (reply: Reply, socket: Socket) => void): Promise<void> {
  return new Promise((resolve) => {
    let pending = '';
    const socket = createConnection(socketPath);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(`${JSON.stringify({ v: protocolVersion, ...request })}\n`);
    });
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line === '') continue;
        let reply: Reply;
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          // Not an owc daemon speaking: treat it as no daemon.
          socket.destroy();
          return;
        }
        onReply(reply, socket);
      }
    });
    // A socket file without a daemon behind it (ECONNREFUSED), or one removed meanwhile: no replies.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => resolve());
  });
}

/**
 * Runs `argv` through the daemon of this owc when one is listening: its
 * output goes to this process's stdout and stderr, and the exit code is
 * returned. Undefined when no daemon took the run (none listening, or it
 * stopped before saying anything): the caller runs it itself.
 */
export async function runThroughDaemon(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  if (!daemonMayServe(argv, env)) return undefined;
  const socketPath = daemonSocketPath(env);
  if (process.platform !== 'win32' && !existsSync(socketPath)) return undefined;
  let exit: number | undefined;
  let said = false;
  const request = { argv, cwd: process.cwd(), env, isTTY: process.stdout.isTTY === true };
  await exchange(socketPath, request, (reply, socket) => {
    if ('out' in reply) process.stdout.write(reply.out);
    else if ('err' in reply) process.stderr.write(reply.err);
    else if ('exit' in reply) {
      exit = reply.exit;
      // The exit code comes last: no need to wait for the daemon to close its end.
      socket.destroy();
      return;
    }
    said = true;
  });
  if (exit !== undefined) return exit;
  if (!said) return undefined;
  // Part of the output is out already: running again here would repeat it.
  process.stderr.write('owc: the daemon stopped during the run; run the command again\n');
  return 2;
}
