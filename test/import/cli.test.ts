import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';

const server = path.resolve(import.meta.dirname, '../fixtures/mcp-server/stdio.mjs');

describe('owc import mcp (CLI)', () => {
  it('prints the manifest, passing arguments after the command to the server', async () => {
    const run = await runCli(['import', 'mcp', '--namespace', 'acme', '--connector-version', '3.0.0', process.execPath, server, '--port', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const manifest = parse(run.stdout) as { connector: { [key: string]: unknown } };
    expect(manifest.connector).toMatchObject({ namespace: 'acme', version: '3.0.0', mcp: { transport: 'stdio', command: process.execPath, args: [server, '--port', '1'] } });
  });

  it('writes --out, and the file passes owc check', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'owc-import-'));
    try {
      const run = await runCli(['import', 'mcp', '--name', 'fixture', '--out', 'fixture.yaml', process.execPath, server], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(await readFile(path.join(dir, 'fixture.yaml'), 'utf8')).toMatch(/^ {2}name: fixture$/m);
      const check = await runCli(['check', 'fixture.yaml', '--format', 'json'], { cwd: dir });
      expect(JSON.parse(check.stdout)).toMatchObject({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
      expect(check.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with exit code 1 and a message when the server cannot be reached', async () => {
    const run = await runCli(['import', 'mcp', 'http://127.0.0.1:9/mcp']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^owc: cannot connect to the MCP server 'http:\/\/127\.0\.0\.1:9\/mcp'/);
  });

  it('is a usage error to give a URL arguments', async () => {
    const run = await runCli(['import', 'mcp', 'http://127.0.0.1:9/mcp', 'extra']);
    expect(run.code).toBe(2);
  });
});
