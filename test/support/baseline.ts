/**
 * Baseline (golden file) comparison in the style of TypeScript's test suite:
 * the reference output is a file under snapshots/; a mismatch writes the new
 * output to snapshots/local/ for diffing, and OWC_ACCEPT=1 accepts it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);
const snapshotsDir = path.join(repoRoot, 'snapshots');

/** Compares `actual` with snapshots/`relPath`. */
export function expectBaseline(relPath: string, actual: string): void {
  const reference = path.join(snapshotsDir, relPath);
  if (process.env.OWC_ACCEPT === '1') {
    mkdirSync(path.dirname(reference), { recursive: true });
    writeFileSync(reference, actual);
    return;
  }
  let expected: string | undefined;
  try {
    expected = readFileSync(reference, 'utf8');
  } catch {
    expected = undefined;
  }
  if (expected !== actual) {
    const local = path.join(snapshotsDir, 'local', relPath);
    mkdirSync(path.dirname(local), { recursive: true });
    writeFileSync(local, actual);
  }
  expect(expected === undefined ? `missing baseline snapshots/${relPath} (run with OWC_ACCEPT=1 to create it)` : actual).toBe(expected ?? actual);
}
