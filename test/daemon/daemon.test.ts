/**
 * `owc daemon`: a real daemon process started with `owc daemon start`, real
 * `owc` processes talking to it over its socket, and the same commands run
 * without it (OWC_NO_DAEMON=1) on a copy of the project: output, exit codes
 * and written files must be the same.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/daemon/server.js';
import { ensureDist } from '../build/helpers.js';
import { repoRoot } from '../support/baseline.js';

const bin = path.join(repoRoot, 'bin', 'owc.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'owc-daemon-test-'));
const daemonDir = path.join(scratch, 'sockets');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function owc(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1', OWC_DAEMON_DIR: daemonDir, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs served so far, as `owc daemon status` reports them; undefined when no daemon runs. */
function served(): number | undefined {
  const status = owc(['daemon', 'status'], scratch);
  if (status.code !== 0) return undefined;
  return Number(/(\d+) run\(s\) served/.exec(status.stdout)?.[1]);
}

/** Two copies of the examples: one worked on through the daemon, one without it. */
function projects(name: string): { viaDaemon: string; alone: string } {
  const viaDaemon = path.join(scratch, name, 'daemon');
  const alone = path.join(scratch, name, 'alone');
  for (const dir of [viaDaemon, alone]) cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  return { viaDaemon, alone };
}

function both(dirs: { viaDaemon: string; alone: string }, edit: (dir: string) => void): void {
  edit(dirs.viaDaemon);
  edit(dirs.alone);
}

/** Every file under `dir` (but the caches) with its text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.name === '.owc-cache') continue;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

beforeAll(() => {
  ensureDist();
  const started = owc(['daemon', 'start', '--idle-timeout', '2'], scratch);
  expect(started.stderr).toBe('');
  expect(started.stdout).toMatch(/^owc daemon started \(pid \d+, listening at .*\.sock/);
  expect(started.code).toBe(0);
}, 60_000);

afterAll(() => {
  owc(['daemon', 'stop'], scratch);
  rmSync(scratch, { recursive: true, force: true });
});

describe('owc daemon', () => {
  it('serves owc check with the same output as a run without it, edit after edit', () => {
    const dirs = projects('check');
    const before = served()!;
    const steps: { readonly edit?: (dir: string) => void; readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv }[] = [
      { args: ['check', '.'] },
      { args: ['check', '.', '--format', 'json'] },
      // An expression error in a workflow, then a connector change that breaks another reference.
      { edit: (d) => replaceIn(path.join(d, 'workflows/weather-reports.yaml'), 'item.temperature', 'item.tempreture'), args: ['check', '.', '--format', 'json'] },
      { edit: (d) => replaceIn(path.join(d, 'connectors/weather.yaml'), 'temperature:', 'celsius:'), args: ['check', '.'] },
      { args: ['check', '.', '--format', 'sarif'] },
      { edit: (d) => replaceIn(path.join(d, 'connectors/weather.yaml'), 'celsius:', 'temperature:'), args: ['check', '.', '--strict'] },
      { edit: (d) => rmSync(path.join(d, 'connectors/chat.yaml')), args: ['check', '.', '--format', 'json'] },
      { edit: (d) => writeFileSync(path.join(d, 'workflows/broken.yaml'), 'kind: Workflow\nname: [unclosed\n'), args: ['check', 'workflows', 'connectors'] },
      { args: ['check', 'workflows', 'no-such-folder'] },
      { args: ['check', '.'], env: { FORCE_COLOR: '1' } },
      { args: ['check', '.', '--format', 'yaml'] },
    ];
    for (const [i, step] of steps.entries()) {
      if (step.edit) both(dirs, step.edit);
      const viaDaemon = owc(step.args, dirs.viaDaemon, step.env);
      const alone = owc(step.args, dirs.alone, { ...step.env, OWC_NO_DAEMON: '1' });
      expect({ step: i, ...viaDaemon }).toEqual({ step: i, ...alone });
    }
    // The failing steps above really failed, and every run went to the daemon.
    expect(owc(['check', '.'], dirs.viaDaemon).code).toBe(1);
    expect(served()).toBe(before + steps.length + 1);
  });

  it('serves owc build with the same files written as a build without it', () => {
    const dirs = projects('build');
    const before = served()!;
    const build = (dir: string, env: NodeJS.ProcessEnv = {}): Run => owc(['build', 'connectors', 'workflows', 'agents', 'bundles', '--out', 'out', '--runtime', 'copy'], dir, env);
    const compare = (): void => {
      const viaDaemon = build(dirs.viaDaemon);
      const alone = build(dirs.alone, { OWC_NO_DAEMON: '1' });
      expect(viaDaemon).toEqual(alone);
      expect(tree(dirs.viaDaemon)).toEqual(tree(dirs.alone));
    };
    compare();
    both(dirs, (d) => appendFileSync(path.join(d, 'workflows/fulfil-order.yaml'), '# a comment\n'));
    compare();
    both(dirs, (d) => replaceIn(path.join(d, 'workflows/weather-reports.yaml'), 'item.temperature', 'item.tempreture'));
    compare();
    expect(build(dirs.viaDaemon).code).toBe(1);
    expect(served()).toBe(before + 4);
  });

  it('serves clients that come at once, one after the other, each with its own answer', async () => {
    const dirs = projects('together');
    const before = served()!;
    const alone = owc(['check', '.', '--format', 'json'], dirs.alone, { OWC_NO_DAEMON: '1' });
    const broken = owc(['check', 'workflows', '--format', 'json'], dirs.alone, { OWC_NO_DAEMON: '1' });
    const runs = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => owcAsync(i % 2 === 0 ? ['check', '.', '--format', 'json'] : ['check', 'workflows', '--format', 'json'], dirs.viaDaemon)));
    runs.forEach((run, i) => expect(run).toEqual(i % 2 === 0 ? alone : broken));
    expect(served()).toBe(before + 6);
  });

  it('leaves other commands to the calling process, and is bypassed with OWC_NO_DAEMON', () => {
    const dirs = projects('other');
    const before = served()!;
    expect(owc(['--version'], dirs.viaDaemon).code).toBe(0);
    expect(owc(['lock', '.'], dirs.viaDaemon).code).toBe(0);
    expect(owc(['check', '.'], dirs.viaDaemon, { OWC_NO_DAEMON: '1' }).code).toBe(0);
    expect(served()).toBe(before);
  });

  it('refuses requests it does not serve', async () => {
    const socket = readdirSync(daemonDir).find((n) => n.endsWith('.sock'))!;
    const answer = await ask(path.join(daemonDir, socket), { v: 1, argv: ['lock', '.'], cwd: scratch, env: {}, isTTY: false });
    expect(answer).toEqual([{ err: 'owc: the daemon refused the request: the daemon runs only check and build\n' }, { exit: 2 }]);
    const old = await ask(path.join(daemonDir, socket), { v: 0, argv: ['check'], cwd: scratch, env: {}, isTTY: false });
    expect(old[1]).toEqual({ exit: 2 });
  });

  it('checks every request before running it', () => {
    expect(parseRequest('{')).toBe('a request must be one line of JSON');
    expect(parseRequest('[1]')).toMatch(/protocol 1/);
    expect(parseRequest(JSON.stringify({ v: 1, argv: ['check', 3], cwd: '/', env: {}, isTTY: false }))).toBe('argv must be a list of strings');
    expect(parseRequest(JSON.stringify({ v: 1, argv: ['check'], cwd: 'relative', env: {}, isTTY: false }))).toBe('cwd must be an absolute path');
    expect(parseRequest(JSON.stringify({ v: 1, argv: ['check'], cwd: '/', env: { A: 1 }, isTTY: false }))).toBe('env must map names to strings');
    expect(parseRequest(JSON.stringify({ v: 1, argv: ['check'], cwd: '/', env: {}, isTTY: 'no' }))).toBe('isTTY must be true or false');
    expect(parseRequest(JSON.stringify({ v: 1, control: 'status' }))).toEqual({ control: 'status' });
    expect(parseRequest(JSON.stringify({ v: 1, argv: ['build', '--out', 'x'], cwd: '/', env: { A: 'b' }, isTTY: true }))).toEqual({ argv: ['build', '--out', 'x'], cwd: '/', env: { A: 'b' }, isTTY: true });
  });
});

describe('owc daemon lifecycle', () => {
  const ownDir = path.join(scratch, 'lifecycle');
  const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Run => owc(args, scratch, { OWC_DAEMON_DIR: ownDir, ...env });
  afterEach(() => {
    run(['daemon', 'stop']);
  });

  it('starts once, reports its status and stops, removing its socket', () => {
    expect(run(['daemon', 'status'])).toMatchObject({ code: 1, stdout: expect.stringMatching(/^no owc daemon is running for this owc \(it would listen at .*\.sock\)\n$/) });
    expect(run(['daemon', 'start', '--idle-timeout', '5']).code).toBe(0);
    expect(run(['daemon', 'start'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^owc daemon already running \(pid \d+/) });
    expect(run(['daemon', 'status'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/stops after 5 idle minute\(s\)/) });
    expect(run(['daemon', 'stop'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^owc daemon stopped \(pid \d+, 0 run\(s\) served\)\n$/) });
    expect(readdirSync(ownDir).filter((n) => n.endsWith('.sock'))).toEqual([]);
    expect(run(['daemon', 'stop'])).toEqual({ code: 0, stdout: 'no owc daemon is running\n', stderr: '' });
  });

  it('stops by itself after the idle timeout', async () => {
    expect(run(['daemon', 'start', '--idle-timeout', '0.02']).code).toBe(0);
    for (let waited = 0; waited < 10_000 && run(['daemon', 'status']).code === 0; waited += 250) await new Promise((r) => setTimeout(r, 250));
    expect(run(['daemon', 'status']).code).toBe(1);
    expect(readFileSync(path.join(ownDir, readdirSync(ownDir).find((n) => n.endsWith('.log'))!), 'utf8')).toMatch(/stopping: no run for 0\.02 minute\(s\)/);
  });

  it('runs commands itself when the socket is left over from a daemon that is gone, and a new daemon replaces it', () => {
    const socketPath = /listen at (.*\.sock)\)/.exec(run(['daemon', 'status']).stdout)![1]!;
    mkdirSync(ownDir, { recursive: true, mode: 0o700 });
    writeFileSync(socketPath, '');
    const dir = projects('stale').alone;
    const check = (): Run => owc(['check', '.'], dir, { OWC_DAEMON_DIR: ownDir });
    expect(check()).toMatchObject({ code: 0, stderr: '' });
    expect(run(['daemon', 'start']).code).toBe(0);
    expect(statSync(socketPath).isSocket()).toBe(true);
    expect(check()).toMatchObject({ code: 0, stderr: '' });
    expect(run(['daemon', 'stop']).stdout).toMatch(/1 run\(s\) served/);
  });

  it('refuses a socket folder others may write to', () => {
    const open = path.join(scratch, 'open');
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o777);
    const started = owc(['daemon', 'start'], scratch, { OWC_DAEMON_DIR: open });
    expect(started.code).toBe(2);
    expect(started.stderr).toMatch(/others may write to .*open; make it private \(chmod 700\) or set OWC_DAEMON_DIR/);
    expect(existsSync(open) && readdirSync(open).some((n) => n.endsWith('.sock'))).toBe(false);
  });

  it('rejects a bad idle timeout', () => {
    expect(run(['daemon', 'start', '--idle-timeout', 'soon'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--idle-timeout must be a number of minutes/) });
  });
});

/** `owc` as a child process that runs while others do. */
function owcAsync(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', OWC_DAEMON_DIR: daemonDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

/** Sends one raw request line and collects the reply lines. */
function ask(socketPath: string, request: object): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)));
  });
}
