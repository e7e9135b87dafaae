/**
 * Bad input never crashes owc: truncated and mutated manifests must end in
 * diagnostics (exit 1 or 2 through the CLI contract), never an exception,
 * and every position must lie inside the file.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/baseline.js';
import { runCli } from '../support/run-cli.js';

function exampleFiles(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(e.name)) out.push({ name: e.name, text: readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(repoRoot, 'examples'));
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(':', '-', '{{', '}}', '"', "'", '|', '>', '[', ']', '{', '}', '\t', '\n', '  ', '&a', '*a', '<<: *a', '{{ steps.', '%', '#', ' ', '') }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function mutate(text: string, ms: ReadonlyArray<{ kind: string; at: number; text?: string }>): string {
  let out = text;
  for (const m of ms) {
    const at = Math.floor(m.at * out.length);
    const lines = out.split('\n');
    const line = Math.floor(m.at * lines.length);
    switch (m.kind) {
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'replace':
        out = out.slice(0, at) + (m.text ?? '') + out.slice(at + 1);
        break;
      case 'deleteLine':
        lines.splice(line, 1);
        out = lines.join('\n');
        break;
      case 'duplicateLine':
        lines.splice(line, 0, lines[line] ?? '');
        out = lines.join('\n');
        break;
    }
  }
  return out;
}

describe('fuzzing owc check with broken manifests', () => {
  const examples = exampleFiles();
  const dir = mkdtempSync(path.join(tmpdir(), 'owc-fuzz-'));

  it('never throws and keeps every position inside the file', async () => {
    expect(examples.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (index, ms) => {
        const example = examples[index]!;
        const text = mutate(example.text, ms);
        const name = `case${path.extname(example.name)}`;
        writeFileSync(path.join(dir, name), text);
        const run = await runCli(['check', name, '--format', 'json'], { cwd: dir });
        // Exit 0 or 1 (never a crash, which would be 2 with "internal error" on stderr).
        expect(run.stderr).toBe('');
        expect([0, 1]).toContain(run.code);
        const out = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number }>; summary: { errors: number } };
        expect(run.code).toBe(out.summary.errors > 0 ? 1 : 0);
        // Text the YAML parser rejects must end in an error (exit 1).
        const syntaxBroken = parseAllDocuments(text).some((doc) => doc.errors.length > 0);
        if (syntaxBroken || text.trim() === '') expect(run.code).toBe(1);
        const lines = text.split(/\r\n|\r|\n/);
        for (const d of out.diagnostics) {
          expect(d.code).toMatch(/^OWC\d{4}$/);
          expect(d.message.length).toBeGreaterThan(0);
          if (d.file !== name) continue;
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          expect(d.column).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
          expect(d.endLine).toBeLessThanOrEqual(lines.length);
          expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
        }
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });
});
