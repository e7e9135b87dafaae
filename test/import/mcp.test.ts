import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importMcpConnector } from '../../src/import/mcp.js';
import { loadText } from '../../src/source/load.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/mcp-server');
const stdioTarget = { command: process.execPath, args: [path.join(fixtures, 'stdio.mjs')] };

let httpServer: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  httpServer = spawn(process.execPath, [path.join(fixtures, 'http.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(httpServer.stdout!, 'data')) as [Buffer];
  endpoint = chunk.toString().trim();
});

afterAll(() => {
  httpServer.kill();
});

interface Manifest {
  connector: { [key: string]: unknown };
  actions: Array<{ name: string; description: string; input: unknown; output?: unknown; handler: unknown }>;
}

describe('owc import mcp', () => {
  it('writes a connector with one action per tool over stdio, sorted by name', async () => {
    const text = await importMcpConnector(stdioTarget, { namespace: 'tests' });
    const manifest = parse(text) as Manifest;
    expect(manifest.connector).toEqual({
      type: 'connector',
      kind: 'mcp-server',
      name: 'owc-fixture',
      namespace: 'tests',
      version: '1.2.3',
      displayName: 'owc-fixture',
      description: "Tools of the MCP server 'owc-fixture', imported by owc",
      mcp: { transport: 'stdio', command: process.execPath, args: [path.join(fixtures, 'stdio.mjs')] },
    });
    expect(manifest.actions.map((a) => a.name)).toEqual(['add', 'env_probe', 'fail', 'greet', 'hang', 'lookup_user', 'server_pid']);
    const add = manifest.actions[0]!;
    expect(add.description).toBe('Add two numbers');
    expect(add.handler).toEqual({ mcp: { tool: 'add' } });
    expect(add.input).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number', description: 'First addend' }, b: { type: 'number', description: 'Second addend' } },
      required: ['a', 'b'],
    });
    expect(add.output).toMatchObject({ type: 'object', properties: { sum: { type: 'number' } }, required: ['sum'] });
    expect(manifest.actions.find((a) => a.name === 'greet')!.output).toBeUndefined();
  });

  it('writes the endpoint for a streamable HTTP server and honours name and version', async () => {
    const text = await importMcpConnector({ url: endpoint }, { name: 'fixture', namespace: 'acme', version: '2.0.0' });
    const manifest = parse(text) as Manifest;
    expect(manifest.connector).toMatchObject({ name: 'fixture', namespace: 'acme', version: '2.0.0', mcp: { transport: 'http', endpoint } });
    expect(manifest.actions.map((a) => a.name)).toEqual(['add', 'env_probe', 'fail', 'greet', 'hang', 'lookup_user', 'server_pid']);
  });

  it('is deterministic and loads as a connector manifest without diagnostics', async () => {
    const first = await importMcpConnector(stdioTarget);
    const second = await importMcpConnector(stdioTarget);
    expect(second).toBe(first);
    const loaded = loadText('imported.yaml', first);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.manifests).toHaveLength(1);
    expect(loaded.manifests[0]!.form).toEqual({ resource: 'connector', form: 'block' });
  });

  it('names the server when it cannot connect', async () => {
    await expect(importMcpConnector({ command: 'owc-no-such-mcp-server', args: [] })).rejects.toThrow(/owc-no-such-mcp-server/);
    await expect(importMcpConnector({ url: 'http://127.0.0.1:9/mcp' })).rejects.toThrow(/http:\/\/127\.0\.0\.1:9\/mcp/);
  });
});
