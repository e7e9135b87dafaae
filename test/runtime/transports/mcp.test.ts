import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, transport } from '../../../runtime-lib/src/transports/mcp.js';
import type { ConnectorDescriptor, McpHandlerConfig, McpServerConfig } from '../../../runtime-lib/src/types.js';
import { failure, testContext, type TestContextOptions } from './context.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/mcp-server');
const stdioServer: McpServerConfig = {
  transport: 'stdio',
  command: process.execPath,
  args: [path.join(fixtures, 'stdio.mjs')],
  env: { OWC_FIXTURE_GREETING: '${secrets.GREETING}' },
};

let httpServer: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  httpServer = spawn(process.execPath, [path.join(fixtures, 'http.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(httpServer.stdout!, 'data')) as [Buffer];
  endpoint = chunk.toString().trim();
});

const disposers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

afterAll(async () => {
  await closeAll();
  httpServer.kill();
});

function connector(mcp: McpServerConfig): ConnectorDescriptor {
  return { ref: 'connector:tests/fixture@1.2.3', name: 'fixture', kind: 'mcp-server', runtime: {}, mcp, actions: {} };
}

function call(mcp: McpServerConfig, action: string, input: unknown, options: TestContextOptions = {}, handler: Omit<McpHandlerConfig, 'kind'> = {}) {
  const { context, dispose } = testContext({ secrets: { GREETING: 'hej' }, ...options, action, connector: connector(mcp) });
  disposers.push(dispose);
  return transport.invoke({ kind: 'mcp', ...handler }, input, context);
}

describe.each([
  ['stdio', () => stdioServer],
  ['streamable HTTP', (): McpServerConfig => ({ transport: 'http', endpoint })],
])('mcp handler over %s', (_, server) => {
  it('returns structuredContent when the tool gives it', async () => {
    expect(await call(server(), 'add', { a: 2, b: 3 })).toEqual({ sum: 5 });
  });

  it('parses a single JSON text content', async () => {
    expect(await call(server(), 'lookup_user', { id: '7' })).toEqual({ id: '7', name: 'user-7' });
  });

  it('returns other content as { content }', async () => {
    expect(await call(server(), 'greet', { name: 'Ada' })).toEqual({ content: [{ type: 'text', text: 'Hello, Ada!' }] });
  });

  it('calls the tool the handler names', async () => {
    expect(await call(server(), 'sum_numbers', { a: 1, b: 1 }, {}, { tool: 'add' })).toEqual({ sum: 2 });
  });

  it('maps an isError result to BACKEND_ERROR with its text', async () => {
    const error = await failure(call(server(), 'fail', { reason: 'closed today' }));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toBe("MCP tool 'fail' failed: refused: closed today");
  });

  it('maps a tool that does not answer in time to TIMEOUT', async () => {
    const error = await failure(call(server(), 'hang', {}, { timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
  });

  it('maps a canceled call to CANCELED', async () => {
    const cancel = new AbortController();
    const pending = failure(call(server(), 'hang', {}, { cancel: cancel.signal }));
    cancel.abort();
    expect((await pending).code).toBe('CANCELED');
  });
});

describe('mcp handler connections', () => {
  it('passes the connector env (with secrets substituted) to a stdio server', async () => {
    expect(await call(stdioServer, 'env_probe', {})).toEqual({ greeting: 'hej' });
  });

  it('keeps one client per server until closeAll()', async () => {
    const first = await call(stdioServer, 'server_pid', {});
    const second = await call(stdioServer, 'server_pid', {});
    expect(second).toEqual(first);
    await closeAll();
    const third = await call(stdioServer, 'server_pid', {});
    expect(third).not.toEqual(first);
  });

  it('keeps connecting in the background when the first caller gives up', async () => {
    const fresh: McpServerConfig = { ...stdioServer, env: { OWC_FIXTURE_GREETING: 'fresh' } };
    const first = await failure(call(fresh, 'add', { a: 1, b: 1 }, { timeoutMs: 1 }));
    expect(first.code).toBe('TIMEOUT');
    expect(await call(fresh, 'env_probe', {})).toEqual({ greeting: 'fresh' });
  });

  it('uses the server settings of the handler over the connector', async () => {
    const output = await call({ transport: 'stdio', command: 'owc-not-used' }, 'add', { a: 1, b: 2 }, {}, { transport: 'http', endpoint });
    expect(output).toEqual({ sum: 3 });
  });

  it('maps a server that cannot be started or reached to UNAVAILABLE', async () => {
    const missing = await failure(call({ transport: 'stdio', command: 'owc-no-such-mcp-server', args: [] }, 'add', {}));
    expect(missing.code).toBe('UNAVAILABLE');
    expect(missing.message).toMatch(/owc-no-such-mcp-server/);
    const closed = await failure(call({ transport: 'http', endpoint: 'http://127.0.0.1:9/mcp' }, 'add', {}));
    expect(closed.code).toBe('UNAVAILABLE');
    expect(closed.message).toMatch(/127\.0\.0\.1:9/);
  });

  it('names unsupported transports and missing settings', async () => {
    const ws = await failure(call({ transport: 'websocket', endpoint: 'wss://example.invalid' }, 'add', {}));
    expect(ws.code).toBe('UNAVAILABLE');
    expect(ws.message).toMatch(/'websocket'.*not supported/);
    const none = await failure(call({}, 'add', {}));
    expect(none.message).toBe("connector 'fixture' has no MCP server settings (mcp.command or mcp.endpoint)");
  });

  it('rejects arguments that are not an object', async () => {
    const error = await failure(call(stdioServer, 'add', [1, 2]));
    expect(error.code).toBe('VALIDATION');
  });
});

describe('mcp handler auth over HTTP', () => {
  let guarded: ChildProcess;
  let guardedEndpoint: string;

  beforeAll(async () => {
    guarded = spawn(process.execPath, [path.join(fixtures, 'http.mjs')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, OWC_FIXTURE_TOKEN: 'tok-42' },
    });
    const [chunk] = (await once(guarded.stdout!, 'data')) as [Buffer];
    guardedEndpoint = chunk.toString().trim();
  });

  afterAll(() => {
    guarded.kill();
  });

  function guardedCall(secrets: { [name: string]: string }) {
    const { context, dispose } = testContext({
      secrets,
      action: 'add',
      connector: { ...connector({ transport: 'http', endpoint: guardedEndpoint }), auth: { type: 'bearer' } },
    });
    disposers.push(dispose);
    return transport.invoke({ kind: 'mcp' }, { a: 4, b: 5 }, context);
  }

  it("sends the connector's bearer token", async () => {
    expect(await guardedCall({ FIXTURE_TOKEN: 'tok-42' })).toEqual({ sum: 9 });
  });

  it('is UNAVAILABLE when the server refuses the credentials, or the secret is missing', async () => {
    const refused = await failure(guardedCall({ FIXTURE_TOKEN: 'wrong' }));
    expect(refused.code).toBe('UNAVAILABLE');
    const missing = await failure(guardedCall({}));
    expect(missing.code).toBe('UNAVAILABLE');
    expect(missing.message).toMatch(/FIXTURE_TOKEN/);
  });
});
