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
import { checkProject } from '../../src/pipeline/check-project.js';
import { repoRoot } from '../support/baseline.js';

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
        const result = await checkProject({ paths: [name], cwd: dir, registryDirs: [] });
        for (const d of result.diagnostics) {
          if (d.span.file !== name) continue;
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
          expect(d.span.start).toBeLessThanOrEqual(d.span.end);
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.code).toMatch(/^OWC\d{4}$/);
        }
      }),
      { numRuns: 200, seed: 20261126 },
    );
  });
});
