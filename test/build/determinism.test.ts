/** Same input → byte-identical output, whatever the order the manifests were given in. */
import { describe, expect, it } from 'vitest';
import { buildPaths, exampleConnectors } from './helpers.js';

const paths = [...exampleConnectors, 'test/build/fixtures/weather-v2.yaml', 'test/build/fixtures/shapes.yaml', 'test/build/fixtures/lambda.yaml'];

describe('deterministic output', () => {
  it('is byte-identical across two builds and across input orders', async () => {
    const first = await buildPaths(paths);
    const second = await buildPaths(paths);
    const reversed = await buildPaths([...paths].reverse());
    expect(second.files).toEqual(first.files);
    expect(reversed.files).toEqual(first.files);
    expect(first.files.map((f) => f.path)).toEqual([...first.files.map((f) => f.path)].sort());
  }, 180_000);

  it('contains no `any`, no timestamps and no absolute paths', async () => {
    const { files } = await buildPaths(paths);
    for (const file of files.filter((f) => f.path.endsWith('.ts'))) {
      expect(file.text, file.path).not.toMatch(/(:\s*any\b|<any>|\bas any\b|any\[\])/);
    }
    for (const file of files) {
      expect(file.text, file.path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(file.text, file.path).not.toContain(process.cwd());
    }
  }, 120_000);

  it('gives two versions of one connector distinct modules, reachable by namespace', async () => {
    const { files } = await buildPaths(['examples/connectors/weather.yaml', 'test/build/fixtures/weather-v2.yaml']);
    const modules = files.filter((f) => /^connectors\/[^/]+\.ts$/.test(f.path) && !f.path.endsWith('.d.ts')).map((f) => f.path);
    expect(modules).toEqual(['connectors/examples-weather-v1_2_0.ts', 'connectors/examples-weather-v2_0_0.ts']);
    const index = files.find((f) => f.path === 'index.ts')?.text ?? '';
    expect(index).toContain("export * as examplesWeatherV1_2_0 from './connectors/examples-weather-v1_2_0.js';");
    expect(index).toContain("export * as examplesWeatherV2_0_0 from './connectors/examples-weather-v2_0_0.js';");
    // createWeatherClient exists in both, so the index does not re-export it by name.
    expect(index).not.toMatch(/^\s*createWeatherClient,/m);
  });
});
