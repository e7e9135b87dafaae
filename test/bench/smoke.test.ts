import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate.js';
import { benchCheck, formatTable, removeDaemonFolder } from '../../bench/run.js';
import { ensureDist } from '../build/helpers.js';
import { repoRoot } from '../support/baseline.js';

/** owc from its sources (no build needed), started the way the harness starts the compiled CLI. */
const owcFromSource = [
  process.execPath,
  '--import',
  pathToFileURL(createRequire(path.join(repoRoot, 'package.json')).resolve('tsx')).href,
  path.join(repoRoot, 'src', 'cli', 'main.ts'),
];

describe('the benchmark harness', () => {
  afterAll(removeDaemonFolder);

  it('measures owc check at the smallest size and prints table rows', () => {
    const project = generateProject(path.join(mkdtempSync(path.join(tmpdir(), 'owc-bench-')), 'project'), 0.01);
    const rows = benchCheck(project, { runs: 1, warmup: false }, owcFromSource);
    expect(rows.map((r) => r.label)).toEqual(['owc check, cold', 'owc check, nothing changed', 'owc check, one workflow changed']);
    for (const row of rows) {
      expect(row.owc.seconds).toBeGreaterThan(0);
      expect(row.owc.maxRssMb).toBeGreaterThan(0);
    }
    const table = formatTable(rows);
    expect(table).toContain('| owc check, cold | 1c × 10a, 10w × 20s |');
    expect(table).toContain('yaml parseDocument (floor)');
  }, 120_000);

  it('measures the incremental runs through owc daemon with the compiled CLI', () => {
    ensureDist();
    const project = generateProject(path.join(mkdtempSync(path.join(tmpdir(), 'owc-bench-')), 'project'), 0.01);
    const rows = benchCheck(project, { runs: 1, warmup: false, daemon: true });
    expect(rows.map((r) => r.label)).toEqual([
      'owc check, cold',
      'owc check, nothing changed',
      'owc check, one workflow changed',
      'owc check, nothing changed, with owc daemon',
      'owc check, one workflow changed, with owc daemon',
    ]);
    // The daemon's own peak RSS: it holds owc and the project, more than a client needs.
    const daemonRow = rows[4]!;
    expect(daemonRow.owc.maxRssMb).toBeGreaterThan(30);
    expect(formatTable(rows)).toMatch(/\| owc check, one workflow changed, with owc daemon \| 1c × 10a, 10w × 20s \| [\d.]+ s, \d+ MB \| owc check, cold \|/);
  }, 120_000);
});
