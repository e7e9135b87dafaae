/**
 * `owc daemon run`: a resident owc that runs `owc check` and `owc build` for
 * clients (./client.ts) on a Unix socket only its user can reach. A run
 * through the daemon is the same `main` as a run in the calling process, with
 * the caller's arguments, working folder, environment and terminal flag, so
 * its output is the same; what it saves is starting node, loading and
 * warming up owc, and reading the check cache again: the cache files are kept
 * in memory while they stay as they were (src/cache/check-cache.ts), and
 * written after the reply has gone out.
 *
 * Runs are served one at a time, in order of arrival. The daemon stops after
 * `idleTimeoutMinutes` without a run, on `owc daemon stop`, and on
 * SIGINT / SIGTERM, removing its socket.
 */
import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CacheMemory } from '../cache/check-cache.js';
import { main } from '../cli/main.js';
import { daemonStatus, protocolVersion, servedCommands, type DaemonStatus, type Reply } from './client.js';

export interface DaemonOptions {
  readonly socketPath: string;
  readonly idleTimeoutMinutes: number;
  /** Where the daemon reports starting, stopping and failed requests (its log). */
  readonly log: (line: string) => void;
}

/** A run as a client asks for it. */
interface RunRequest {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
}

type Request = RunRequest | { readonly control: 'status' | 'stop' };

/** Checks a request line; a string says what is wrong with it. */
export function parseRequest(line: string): Request | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'a request must be one line of JSON';
  }
  if (typeof value !== 'object' || value === null) return 'a request must be a JSON object';
  const r = value as Record<string, unknown>;
  if (r.v !== protocolVersion) return `this daemon speaks protocol ${protocolVersion}; restart it with \`owc daemon stop\` and \`owc daemon start\``;
  if (r.control === 'status' || r.control === 'stop') return { control: r.control };
  const { argv, cwd, env, isTTY } = r;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return 'argv must be a list of strings';
  if (!servedCommands.has(argv[0] as string)) return `the daemon runs only ${[...servedCommands].join(' and ')}`;
  if (typeof cwd !== 'string' || !path.isAbsolute(cwd)) return 'cwd must be an absolute path';
  if (typeof env !== 'object' || env === null || !Object.values(env).every((v) => typeof v === 'string')) return 'env must map names to strings';
  if (typeof isTTY !== 'boolean') return 'isTTY must be true or false';
  return { argv: argv as string[], cwd, env: env as NodeJS.ProcessEnv, isTTY };
}

/**
 * Makes the socket's folder, private to this user. Refuses a folder another
 * user owns or others may write to: whoever controls it could put their own
 * socket where clients look for the daemon.
 */
function preparePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = lstatSync(folder);
  if (!stat.isDirectory()) throw new Error(`${folder} is not a folder`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${folder} belongs to another user`);
  if ((stat.mode & 0o022) !== 0) throw new Error(`others may write to ${folder}; make it private (chmod 700) or set OWC_DAEMON_DIR`);
}

/**
 * V8's full garbage collection, to call between runs. A run leaves its
 * garbage in the old generation, where nothing collects it while the daemon
 * waits (after a cold check: ≈ 180 MB of a 195 MB heap, held as resident
 * memory for as long as the daemon runs). `--expose-gc` set now applies to
 * contexts made afterwards, hence the new context.
 */
function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

/** How long the daemon waits after a run before collecting its garbage: runs in quick succession are not held up by it. */
const collectAfterMs = 500;

/** Serves runs until stopped; resolves once the socket is closed and removed. */
export async function runDaemon(options: DaemonOptions): Promise<void> {
  const { socketPath, log } = options;
  if (process.platform !== 'win32') {
    preparePrivateFolder(path.dirname(socketPath));
    if ((await daemonStatus(socketPath)) !== undefined) throw new Error(`a daemon already listens at ${socketPath}`);
    // Left behind by a daemon that did not stop cleanly: nobody answers there.
    rmSync(socketPath, { force: true });
  }
  const memory = new CacheMemory();
  const collect = fullCollection();
  let collectTimer: NodeJS.Timeout | undefined;
  const startedAt = new Date().toISOString();
  let served = 0;
  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let stopping = false;

  const status = (): DaemonStatus => ({
    pid: process.pid,
    socket: socketPath,
    startedAt,
    served,
    idleTimeoutMinutes: options.idleTimeoutMinutes,
    rssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  const send = (socket: Socket, reply: Reply): void => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
  };

  const server = createServer();
  const stopped = new Promise<void>((resolve) => server.on('close', resolve));
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    clearTimeout(idleTimer);
    clearTimeout(collectTimer);
    log(`stopping: ${why}`);
    // New connections are refused; runs already queued finish (their clients wait for them).
    server.close();
  };
  // Only runs keep the daemon alive: asking for its status does not.
  const idleMs = options.idleTimeoutMinutes * 60_000;
  let lastRun = Date.now();
  const watchIdle = (): void => {
    const left = lastRun + idleMs - Date.now();
    if (waiting === 0 && left <= 0) stop(`no run for ${options.idleTimeoutMinutes} minute(s)`);
    else if (!stopping) idleTimer = setTimeout(watchIdle, waiting > 0 ? idleMs : left);
  };

  const serve = async (request: RunRequest, socket: Socket): Promise<void> => {
    let code: number;
    const started = performance.now();
    try {
      code = await main(request.argv, {
        stdout: (text) => send(socket, { out: text }),
        stderr: (text) => send(socket, { err: text }),
        cwd: request.cwd,
        env: request.env,
        isTTY: request.isTTY,
        memory,
      });
    } catch (error) {
      // main reports its own failures; this is the daemon's.
      log(`run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(socket, { err: 'owc: the daemon failed to run this command; run it again with OWC_NO_DAEMON=1\n' });
      code = 2;
    }
    served++;
    if (process.env.OWC_DAEMON_TRACE === '1') log(`run ${(performance.now() - started).toFixed(1)} ms`);
    send(socket, { exit: code });
    socket.end();
    // Once the reply is out (the event loop has sent it), the cache files this run changed; the next run waits for them.
    await new Promise((resolve) => setImmediate(resolve));
    memory.flush();
  };

  server.on('connection', (socket) => {
    let pending = '';
    let taken = false;
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    // A client that connects and says nothing is let go, so it cannot hold off stopping.
    socket.setTimeout(10_000, () => {
      if (!taken) socket.destroy();
    });
    socket.on('data', (chunk: string) => {
      if (taken) return;
      pending += chunk;
      const newline = pending.indexOf('\n');
      if (newline < 0) return;
      taken = true;
      const request = parseRequest(pending.slice(0, newline));
      if (typeof request === 'string') {
        send(socket, { err: `owc: the daemon refused the request: ${request}\n` });
        send(socket, { exit: 2 });
        socket.end();
        return;
      }
      if ('control' in request) {
        send(socket, { status: status() });
        socket.end();
        if (request.control === 'stop') stop('asked to stop');
        return;
      }
      waiting++;
      clearTimeout(collectTimer);
      queue = queue.then(() => serve(request, socket)).finally(() => {
        waiting--;
        lastRun = Date.now();
        if (waiting === 0 && collect !== undefined) {
          collectTimer = setTimeout(collect, collectAfterMs);
          collectTimer.unref();
        }
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);
  const onSignal = (signal: NodeJS.Signals): void => stop(`received ${signal}`);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  log(`listening at ${socketPath} (pid ${process.pid}, stops after ${options.idleTimeoutMinutes} idle minute(s))`);
  idleTimer = setTimeout(watchIdle, idleMs);
  await stopped;
  await queue;
  memory.flush();
  if (process.platform !== 'win32') rmSync(socketPath, { force: true });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
