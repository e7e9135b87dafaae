import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandTransport, transport } from '../../../runtime-lib/src/transports/command.js';
import type { CommandHandlerConfig } from '../../../runtime-lib/src/types.js';
import { failure, testContext, type TestContextOptions } from './context.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/commands');
const node = process.execPath;
const script = (name: string): string => path.join(fixtures, name);

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

function call(config: Omit<CommandHandlerConfig, 'kind'>, input: unknown, options: TestContextOptions = {}, run = transport) {
  const { context, dispose } = testContext(options);
  disposers.push(dispose);
  return run.invoke({ kind: 'command', ...config }, input, context);
}

/** True once `pid` no longer exists (or is a zombie nobody has reaped yet), polling for at most `ms`. */
async function gone(pid: number, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    let alive = true;
    try {
      process.kill(pid, 0);
      const state = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (/^\d+ \(.*\) Z/.test(state)) alive = false;
    } catch {
      alive = false;
    }
    if (!alive) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves with the file's contents once it has been written. */
async function whenWritten(file: string): Promise<string> {
  const dir = path.dirname(file);
  return new Promise((resolve) => {
    const check = (): void => {
      readFile(file, 'utf8').then(
        (text) => {
          if (text !== '') {
            watcher.close();
            resolve(text);
          }
        },
        () => undefined,
      );
    };
    const watcher = watch(dir, check);
    check();
  });
}

describe('command handler', () => {
  it('writes the input as JSON on stdin and parses JSON from stdout, without a shell', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'owc-cmd-'));
    try {
      const output = await call(
        {
          command: node,
          args: [script('echo.mjs'), '$(echo hi); rm -rf /', '${env.OWC_GREETING}'],
          env: { OWC_GREETING: 'hello ${env.OWC_GREETING}', OWC_TOKEN: '${secrets.TOKEN}' },
          workingDir: cwd,
        },
        { city: 'Oslo', days: [1, 2] },
        { env: { OWC_GREETING: 'world', OWC_PARENT_ONLY: 'leak' }, secrets: { TOKEN: 's3cret' } },
      );
      expect(output).toEqual({
        input: { city: 'Oslo', days: [1, 2] },
        args: ['$(echo hi); rm -rf /', 'world'],
        cwd: await import('node:fs/promises').then((fs) => fs.realpath(cwd)),
        // Only the handler's env and a minimal base reach the program.
        env: { OWC_GREETING: 'hello world', OWC_TOKEN: 's3cret', OWC_PARENT_ONLY: null },
      });
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('returns null when the program prints nothing', async () => {
    expect(await call({ command: node, args: [script('silent.mjs')] }, {})).toBeNull();
  });

  it('maps a non-zero exit to BACKEND_ERROR with the end of stderr, redacted', async () => {
    const error = await failure(
      call({ command: node, args: [script('fail.mjs'), 'bad token ${secrets.TOKEN}'] }, {}, { secrets: { TOKEN: 'hunter2' } }),
    );
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toBe(`command '${node}' exited with status 3: bad token ***`);
    expect(error.details['stderr']).toBe('bad token ***');
    expect(error.details['exitCode']).toBe(3);
  });

  it('caps the stderr it keeps at 8 KB, keeping the end', async () => {
    const error = await failure(call({ command: node, args: [script('fail.mjs'), 'the real reason', '100000'] }, {}));
    const stderr = String(error.details['stderr']);
    expect(stderr.length).toBeLessThanOrEqual(8 * 1024);
    expect(stderr.endsWith('the real reason')).toBe(true);
  });

  it('maps output that is not JSON to BACKEND_ERROR naming the problem', async () => {
    const error = await failure(call({ command: node, args: [script('garbage.mjs')] }, {}));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toMatch(/did not print JSON on stdout/);
  });

  it('rejects stdout beyond the limit', async () => {
    const small = createCommandTransport({ maxStdoutBytes: 10 });
    const error = await failure(call({ command: node, args: [script('echo.mjs')] }, { long: 'x'.repeat(100) }, {}, small));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toMatch(/more than 10 bytes/);
  });

  it('maps a missing program to UNAVAILABLE naming it', async () => {
    const error = await failure(call({ command: 'owc-no-such-command', args: [] }, {}));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe("command 'owc-no-such-command' was not found");
  });

  it('maps a missing working directory to UNAVAILABLE', async () => {
    const error = await failure(call({ command: node, args: [script('echo.mjs')], workingDir: '/no/such/dir/owc' }, {}));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/working directory '\/no\/such\/dir\/owc'/);
  });

  it('kills the whole process tree on timeout', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'owc-cmd-'));
    const pidFile = path.join(dir, 'grandchild.pid');
    try {
      const error = await failure(call({ command: node, args: [script('hang-with-grandchild.mjs'), pidFile] }, {}, { timeoutMs: 1500 }));
      expect(error.code).toBe('TIMEOUT');
      const grandchild = Number(await readFile(pidFile, 'utf8'));
      expect(await gone(grandchild)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('kills a tree that ignores SIGTERM with SIGKILL when the call is canceled', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'owc-cmd-'));
    const pidFile = path.join(dir, 'grandchild.pid');
    const cancel = new AbortController();
    try {
      const quick = createCommandTransport({ killGraceMs: 200 });
      const pending = failure(call({ command: node, args: [script('hang-with-grandchild.mjs'), pidFile, 'stubborn'] }, {}, { cancel: cancel.signal }, quick));
      const grandchild = Number(await whenWritten(pidFile));
      cancel.abort();
      const error = await pending;
      expect(error.code).toBe('CANCELED');
      expect(await gone(grandchild)).toBe(true);
      await expect(stat(pidFile)).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
