/**
 * The generated code really works: `tsc --noEmit -p OUT` passes on it (with
 * the package runtime inside this repository, and with `--runtime copy` in a
 * folder outside it), its types reject wrong calls, and the weather client
 * makes a real HTTP request to a node:http server while the calculator client
 * calls functions registered by name. Last, the same in a project that
 * installed owc from `npm pack` output (offline, from the npm cache).
 */
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeOptions } from '../../runtime-lib/index.js';
import { writeBuild } from '../../src/build/index.js';
import { buildPaths, ensureDist, exampleConnectors, repoRoot, runTsc } from './helpers.js';

const allConnectors = [
  ...exampleConnectors,
  'test/build/fixtures/lambda.yaml',
  'test/build/fixtures/shapes.yaml',
  'test/build/fixtures/mcp.yaml',
  'test/build/fixtures/weather-v2.yaml',
  'test/build/fixtures/edge.yaml',
  'test/build/fixtures/empty.yaml',
];

let packageOut = '';
let copyOut = '';
const cleanup: string[] = [];

beforeAll(async () => {
  ensureDist();
  mkdirSync(join(repoRoot, 'tmp'), { recursive: true });
  // Inside the repository, so `owc/runtime` resolves to this package itself.
  const repoTemp = mkdtempSync(join(repoRoot, 'tmp', 'build-test-'));
  const outsideTemp = mkdtempSync(join(tmpdir(), 'owc-build-copy-'));
  cleanup.push(repoTemp, outsideTemp);
  packageOut = join(repoTemp, 'gen');
  copyOut = join(outsideTemp, 'gen');
  const pkg = await buildPaths(allConnectors, 'package', packageOut);
  const copy = await buildPaths(allConnectors, 'copy', copyOut);
  expect(writeBuild(packageOut, pkg).refused).toBe(false);
  expect(writeBuild(copyOut, copy).refused).toBe(false);
}, 180_000);

afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('tsc --noEmit -p OUT', () => {
  it('passes with the package runtime (owc/runtime) inside the repository', () => {
    const result = runTsc(['--noEmit', '-p', packageOut]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('passes with --runtime copy in a folder outside the repository', () => {
    const result = runTsc(['--noEmit', '-p', copyOut]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('passes on the baselines in snapshots/connectors/', () => {
    const result = runTsc(['--noEmit', '-p', join(repoRoot, 'snapshots', 'connectors')]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('accepts correct calls and rejects wrong ones in user code', () => {
    const user = [
      "import { createThumbnailsClient, examplesWeatherV1_2_0 } from './index.js';",
      'const weather = examplesWeatherV1_2_0.createWeatherClient();',
      "export const ok = weather.getCurrentWeather({ location: 'Oslo', units: 'metric' }).then((r) => r.temperature.toFixed(1));",
      "export const badUnits = weather.getCurrentWeather({ location: 'Oslo', units: 'kelvin' });",
      'export const badType = weather.getForecast({ location: 1 });',
      "export const typo = weather.getCurrentWeather({ location: 'Oslo' }).then((r) => r.tempreature);",
      '// lambda actions need an implementation',
      'export const noImpl = createThumbnailsClient({});',
      "export const withImpl = createThumbnailsClient({ actions: { 'make-thumbnail': async () => ({ url: 'x' }) } });",
      '',
    ].join('\n');
    writeFileSync(join(copyOut, 'user.ts'), user);
    try {
      const result = runTsc(['--noEmit', '-p', copyOut]);
      const lines = result.output.split('\n').filter((l) => l.includes('user.ts('));
      const errorLines = lines.map((l) => Number(/user\.ts\((\d+),/.exec(l)?.[1]));
      expect(errorLines).toEqual([4, 5, 6, 8]);
    } finally {
      rmSync(join(copyOut, 'user.ts'));
    }
  });
});

// The shapes of the generated modules this test uses (the modules are imported at run time).
interface WeatherModule {
  createWeatherClient(options?: InvokeOptions): {
    getCurrentWeather(input: { location: string; units?: 'metric' | 'imperial' }): Promise<{ temperature: number }>;
    getForecast(input: { location: string; days?: number }): Promise<{ days: { high: number }[] }>;
  };
}
interface CalculatorModule {
  createCalculatorClient(options?: InvokeOptions): {
    add(input: { a: number; b: number }, options?: InvokeOptions): Promise<{ result: number }>;
    divide(input: { dividend: number; divisor: number }): Promise<{ result: number }>;
    mean(input: { values: number[] }): Promise<{ result: number; count: number }>;
  };
}
interface ThumbnailsModule {
  createThumbnailsClient(options: InvokeOptions & { actions: { 'make-thumbnail': (input: unknown) => unknown } }): {
    makeThumbnail(input: { url: string }): Promise<{ url: string }>;
  };
}

async function importGenerated<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(path).href)) as T;
}

interface Recorded {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly apiKey: string | undefined;
  readonly body: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

describe('end to end', () => {
  let server: Server;
  let baseUrl = '';
  const requests: Recorded[] = [];
  let conditions = 'cloudy';

  beforeAll(async () => {
    server = createServer((req, res) => {
      void readBody(req).then((body) => {
        requests.push({ method: req.method, url: req.url, apiKey: req.headers['x-api-key'] as string | undefined, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/weather/current') {
          const input = JSON.parse(body) as { location: string };
          res.end(JSON.stringify({ status: 'success', data: { location: input.location, temperature: 3.5, windspeed: 7, conditions } }));
        } else {
          res.end(JSON.stringify({ location: 'Oslo', days: [{ date: '2026-11-27', high: 4, low: -1 }] }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('calls the weather service over HTTP with the typed client', async () => {
    const mod = await importGenerated<WeatherModule>(join(packageOut, 'connectors', 'examples-weather-v1_2_0.ts'));
    const weather = mod.createWeatherClient({ baseUrl, secrets: (name) => (name === 'WEATHER_API_KEY' ? 'key-123' : undefined) });
    const current = await weather.getCurrentWeather({ location: 'Oslo' });
    expect(current).toEqual({ location: 'Oslo', temperature: 3.5, windspeed: 7, conditions: 'cloudy' });
    expect(requests.at(-1)).toEqual({ method: 'POST', url: '/weather/current', apiKey: 'key-123', body: '{"location":"Oslo"}' });

    const forecast = await weather.getForecast({ location: 'Oslo City', days: 1 });
    expect(forecast.days[0]?.high).toBe(4);
    expect(requests.at(-1)?.method).toBe('GET');
    expect(requests.at(-1)?.url).toBe('/weather/forecast/Oslo%20City?days=1');
  });

  it('validates input before calling and output after, with field paths', async () => {
    const mod = await importGenerated<WeatherModule>(join(packageOut, 'connectors', 'examples-weather-v1_2_0.ts'));
    const weather = mod.createWeatherClient({ baseUrl, secrets: () => 'key-123' });
    const before = requests.length;
    const badInput = { location: '', units: 'kelvin' } as unknown as { location: string };
    await expect(weather.getCurrentWeather(badInput)).rejects.toMatchObject({ code: 'VALIDATION', details: { paths: ['/location', '/units'] } });
    expect(requests.length).toBe(before);

    conditions = 'sunny';
    try {
      await expect(weather.getCurrentWeather({ location: 'Oslo' })).rejects.toMatchObject({ code: 'VALIDATION', details: { paths: ['/conditions'] } });
    } finally {
      conditions = 'cloudy';
    }
  });

  it('calls calculator functions registered by name (copy runtime, no owc import)', async () => {
    const calc = await importGenerated<CalculatorModule>(join(copyOut, 'connectors', 'examples-calculator-v1_0_0.ts'));
    const runtime = await importGenerated<typeof import('../../runtime-lib/index.js')>(join(copyOut, 'runtime', 'index.js'));
    runtime.registerAction('calc.add', (input) => {
      const { a, b } = input as { a: number; b: number };
      return { result: a + b };
    });
    try {
      const client = calc.createCalculatorClient();
      await expect(client.add({ a: 2, b: 40 })).resolves.toEqual({ result: 42 });
      // options.handlers wins over the registry
      await expect(client.add({ a: 2, b: 40 }, { handlers: { 'calc.add': () => ({ result: -1 }) } })).resolves.toEqual({ result: -1 });
      await expect(client.divide({ dividend: 1, divisor: 0 })).rejects.toMatchObject({ code: 'VALIDATION', details: { paths: ['/divisor'] } });
      await expect(client.mean({ values: [1, 2] })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      runtime.unregisterAction('calc.add');
    }
  });

  it('runs a lambda action through the implementation the caller supplies', async () => {
    const mod = await importGenerated<ThumbnailsModule>(join(packageOut, 'connectors', 'fixtures-thumbnails-v0_3_0.ts'));
    const client = mod.createThumbnailsClient({ actions: { 'make-thumbnail': (input) => ({ url: `${(input as { url: string }).url}#thumb` }) } });
    await expect(client.makeThumbnail({ url: 'https://example.com/a.png' })).resolves.toEqual({ url: 'https://example.com/a.png#thumb' });
    await expect(client.makeThumbnail({ url: 'not a uri' })).rejects.toMatchObject({ code: 'VALIDATION', details: { paths: ['/url'] } });
  });
});

describe('in a project that installed owc from a packed tarball', () => {
  let project = '';

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'owc-tarball-'));
    cleanup.push(root);
    const pack = spawnSync('npm', ['pack', '--pack-destination', root, '--ignore-scripts', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    const tarball = (JSON.parse(pack.stdout) as { filename: string }[])[0]?.filename ?? '';
    project = join(root, 'project');
    mkdirSync(join(project, 'manifests'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    for (const name of ['weather.yaml', 'calculator.yaml']) {
      writeFileSync(join(project, 'manifests', name), readFileSync(join(repoRoot, 'examples', 'connectors', name), 'utf8'));
    }
    // The dependencies come from the local npm cache where it has them (`npm ci` caches tarballs but
    // not the package metadata a range needs), else from the registry.
    const install = spawnSync('npm', ['install', join(root, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    // Build with the installed owc's compiled code (dist), in both runtime modes.
    const script = [
      "import { readFileSync } from 'node:fs';",
      "const dist = new URL('./node_modules/owc/dist/src/', import.meta.url);",
      "const { loadText } = await import(new URL('source/load.js', dist).href);",
      "const { lowerManifests } = await import(new URL('lower/index.js', dist).href);",
      "const { buildProgram, writeBuild } = await import(new URL('build/index.js', dist).href);",
      "const { emptyBindings } = await import(new URL('resolve/bindings.js', dist).href);",
      "const paths = ['manifests/weather.yaml', 'manifests/calculator.yaml'];",
      "const manifests = paths.flatMap((p) => loadText(p, readFileSync(p, 'utf8')).manifests);",
      'const { program } = lowerManifests(manifests);',
      "for (const runtime of ['package', 'copy']) {",
      "  const out = runtime === 'package' ? 'src/gen' : 'standalone';",
      '  const result = await buildProgram(program, emptyBindings(), { outDir: out, runtime });',
      '  if (writeBuild(out, result).refused) throw new Error(JSON.stringify(result.diagnostics));',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(project, 'make.mjs'), script);
    const make = spawnSync(process.execPath, ['make.mjs'], { cwd: project, encoding: 'utf8' });
    if (make.status !== 0) throw new Error(`building in the project failed:\n${make.stderr}`);
  }, 300_000);

  it('type-checks the generated folder against the installed owc/runtime', () => {
    const result = runTsc(['--noEmit', '-p', join(project, 'src', 'gen')]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('type-checks the --runtime copy folder', () => {
    const result = runTsc(['--noEmit', '-p', join(project, 'standalone')]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('runs a generated client with the installed runtime', () => {
    const user = [
      "import { registerAction } from 'owc/runtime';",
      "import { createCalculatorClient } from './src/gen/index.js';",
      "registerAction('calc.mean', (input) => { const v = (input as { values: number[] }).values; return { result: v.reduce((a, b) => a + b, 0) / v.length, count: v.length }; });",
      'const calc = createCalculatorClient();',
      'console.log(JSON.stringify(await calc.mean({ values: [1, 2, 6] })));',
      '',
    ].join('\n');
    writeFileSync(join(project, 'user.ts'), user);
    const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['user.ts'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('{"result":3,"count":3}');
  });
});
