/**
 * Golden files: the generated modules of every example connector (and of the
 * build fixtures) must equal snapshots/connectors/, laid out as an output
 * folder (connectors/<module>.ts, index.ts, tsconfig.json, _owc/). On a mismatch the new
 * output is written to snapshots/local/connectors/; `OWC_ACCEPT=1 npx vitest
 * run test/build` rewrites the baselines.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildFile } from '../../src/build/index.js';
import { buildPaths, exampleConnectors, repoRoot } from './helpers.js';

const snapshotDir = join(repoRoot, 'snapshots', 'connectors');
const accept = process.env['OWC_ACCEPT'] === '1';

function compareWithBaseline(name: string, actual: string): void {
  const baseline = join(snapshotDir, name);
  if (accept) {
    mkdirSync(dirname(baseline), { recursive: true });
    writeFileSync(baseline, actual);
    return;
  }
  let expected: string | undefined;
  try {
    expected = readFileSync(baseline, 'utf8');
  } catch {
    expected = undefined;
  }
  if (expected !== actual) {
    const local = join(repoRoot, 'snapshots', 'local', 'connectors', name);
    mkdirSync(dirname(local), { recursive: true });
    writeFileSync(local, actual);
  }
  expect(actual, `snapshots/connectors/${name} differs (new output in snapshots/local/connectors/; accept with OWC_ACCEPT=1)`).toBe(expected);
}

function connectorFiles(files: readonly BuildFile[]): BuildFile[] {
  return files.filter((f) => f.path.startsWith('connectors/'));
}

describe('generated connector modules match snapshots/connectors/', async () => {
  const examples = await buildPaths(exampleConnectors);
  const fixtures = await buildPaths(['test/build/fixtures/lambda.yaml', 'test/build/fixtures/shapes.yaml', 'test/build/fixtures/mcp.yaml', 'test/build/fixtures/edge.yaml']);

  it('builds the examples without errors', () => {
    expect(examples.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(connectorFiles(examples.files).map((f) => f.path)).toEqual([
      'connectors/examples-calculator-v1_0_0.ts',
      'connectors/examples-calculator-v1_0_0.validators.d.ts',
      'connectors/examples-calculator-v1_0_0.validators.js',
      'connectors/examples-chat-v2_0_1.ts',
      'connectors/examples-chat-v2_0_1.validators.d.ts',
      'connectors/examples-chat-v2_0_1.validators.js',
      'connectors/examples-orders-v1_0_0.ts',
      'connectors/examples-orders-v1_0_0.validators.d.ts',
      'connectors/examples-orders-v1_0_0.validators.js',
      'connectors/examples-weather-v1_2_0.ts',
      'connectors/examples-weather-v1_2_0.validators.d.ts',
      'connectors/examples-weather-v1_2_0.validators.js',
    ]);
  });

  // Baselines keep the output folder's layout, so snapshots/connectors/ is itself a build output.
  for (const file of [...connectorFiles(examples.files), ...connectorFiles(fixtures.files)]) {
    it(file.path, () => compareWithBaseline(file.path, file.text));
  }

  // With these, snapshots/connectors/ is a complete output folder that `tsc -p` checks (generated-code.test.ts).
  for (const name of ['index.ts', 'tsconfig.json', '_owc/validation-support.js', '_owc/validation-support.d.ts']) {
    it(name, () => compareWithBaseline(name, examples.files.find((f) => f.path === name)?.text ?? ''));
  }
});
