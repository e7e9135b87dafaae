/**
 * Golden tests of `owc check` output: one deliberately broken manifest per
 * kind of mistake, its pretty and JSON output kept under snapshots/check/.
 * Accept intended changes with `OWC_ACCEPT=1 npx vitest run test/cli`.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBaseline, repoRoot } from '../support/baseline.js';
import { runCli } from '../support/run-cli.js';

const folders = ['test/fixtures/broken', 'test/fixtures/broken-expr'].filter((f) => existsSync(path.join(repoRoot, f)));

interface JsonOutput {
  diagnostics: Array<{ code: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number }>;
  summary: { errors: number; warnings: number; files: number };
}

for (const folder of folders) {
  const files = readdirSync(path.join(repoRoot, folder)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  describe(`owc check ${folder}`, () => {
    for (const name of files) {
      const rel = `${folder}/${name}`;
      const snapshot = `check/${path.basename(folder)}/${name}`;
      it(`reports ${name}`, async () => {
        const json = await runCli(['check', rel, '--registry', 'examples', '--format', 'json']);
        const parsed = JSON.parse(json.stdout) as JsonOutput;
        // Every broken fixture yields at least one diagnostic inside the file, and the exit code follows the errors.
        expect(parsed.diagnostics.length).toBeGreaterThan(0);
        expect(json.code).toBe(parsed.summary.errors > 0 ? 1 : 0);
        for (const d of parsed.diagnostics) {
          expect(d.file).toBe(rel);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.endLine * 10000 + d.endColumn).toBeGreaterThanOrEqual(d.line * 10000 + d.column);
        }
        expectBaseline(`${snapshot}.json`, json.stdout);
        const pretty = await runCli(['check', rel, '--registry', 'examples']);
        expect(pretty.code).toBe(json.code);
        expectBaseline(`${snapshot}.txt`, pretty.stdout);
      });
    }
  });
}
