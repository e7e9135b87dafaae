import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('owc CLI', () => {
  it('checks the bundled examples without errors', async () => {
    const run = await runCli(['check', 'examples', '--format', 'json']);
    const out = JSON.parse(run.stdout) as { diagnostics: Array<{ severity: string; code: string; message: string; file: string; line: number }>; summary: { errors: number; files: number } };
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.summary.files).toBeGreaterThanOrEqual(7);
    expect(run.code).toBe(0);
  });

  it('exits 2 for a path that does not exist', async () => {
    const run = await runCli(['check', 'no/such/place.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or folder: no/such/place.yaml');
  });

  it('exits 2 for an unknown format and for unknown options', async () => {
    expect((await runCli(['check', 'examples', '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['check', '--no-such-flag'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('prints help and version with exit code 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 1 and prints a code frame for an error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'owc-cli-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'workflows:\n  - name: "broken\n');
    const run = await runCli(['check', 'bad.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\.yaml:\d+:\d+ error OWC1001 /);
    expect(run.stdout).toContain('> ');
    expect(run.stdout).toContain('^');
    expect(run.stdout).toMatch(/✖ 1 error, 0 warnings in 1 file/);
  });

  it('colours pretty output only when asked or on a terminal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'owc-cli-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'workflows: [\n');
    const plain = await runCli(['check', 'bad.yaml'], { cwd: dir, env: {} });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runCli(['check', 'bad.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31m');
  });

  it('writes SARIF 2.1.0 that names rules and locations', async () => {
    const run = await runCli(['check', 'test/fixtures/broken/duplicate-step-id.yaml', '--registry', 'examples', '--format', 'sarif']);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    const runOut = log.runs[0]!;
    expect(runOut.tool.driver.name).toBe('owc');
    expect(runOut.results.length).toBeGreaterThan(0);
    for (const r of runOut.results) {
      expect(runOut.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe('test/fixtures/broken/duplicate-step-id.yaml');
      expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    expect(run.code).toBe(1);
  });
});
