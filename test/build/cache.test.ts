/**
 * The build cache: an unchanged build reuses every module and writes nothing;
 * one changed connector regenerates alone; and whatever happens to the cache
 * (damaged, foreign, other options) the output equals a clean build byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram, writeBuild, type BuildOptions, type BuildResult, type RuntimeMode } from '../../src/build/index.js';
import { BuildCache, buildCachePath } from '../../src/cache/build-cache.js';
import { contentHash } from '../../src/cache/hash.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lowerManifests } from '../../src/lower/index.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import { loadText } from '../../src/source/load.js';
import { repoRoot } from './helpers.js';

const paths = ['examples/connectors/weather.yaml', 'examples/connectors/calculator.yaml', 'test/build/fixtures/lambda.yaml', 'test/build/fixtures/shapes.yaml'];
const originals = new Map(paths.map((p) => [p, readFileSync(join(repoRoot, p), 'utf8')]));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'owc-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Builds the manifests (with texts overridden by `edits`) into `out`. */
async function build(out: string, options: Partial<BuildOptions> = {}, edits: ReadonlyMap<string, string> = new Map()): Promise<BuildResult> {
  const manifests = paths.flatMap((p) => loadText(p, edits.get(p) ?? originals.get(p)!).manifests);
  const program = lowerManifests(manifests).program;
  return buildProgram(program, emptyBindings(), { outDir: out, runtime: 'package', cwd: repoRoot, ...options });
}

/** Builds with the cache and writes; returns the result. */
async function buildAndWrite(out: string, options: Partial<BuildOptions> = {}, edits?: ReadonlyMap<string, string>): Promise<BuildResult> {
  const result = await build(out, { cache: true, ...options }, edits);
  expect(writeBuild(out, result).refused).toBe(false);
  return result;
}

/** The files of a build without any cache, as path → text, plus its diagnostics. */
async function clean(options: Partial<BuildOptions> = {}, edits?: ReadonlyMap<string, string>): Promise<{ files: Map<string, string>; diagnostics: readonly Diagnostic[] }> {
  const result = await build(join(tempDir(), 'clean'), { ...options, cache: false }, edits);
  return { files: new Map(result.files.map((f) => [f.path, f.text])), diagnostics: result.diagnostics };
}

/** Diagnostics about the modules (not about where the output folder is: OWC8009/OWC8010 name it). */
function moduleDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code !== 'OWC8009' && d.code !== 'OWC8010');
}

function texts(result: BuildResult): Map<string, string> {
  return new Map(result.files.map((f) => [f.path, f.text]));
}

function unchangedPaths(result: BuildResult): string[] {
  return result.files.filter((f) => f.unchanged === true).map((f) => f.path);
}

const cacheFile = (out: string): string => join(out, buildCachePath);

describe('build cache', () => {
  it('reuses every module of an unchanged build, with the same text and diagnostics, and writes nothing', async () => {
    const out = tempDir();
    const first = await buildAndWrite(out);
    expect(unchangedPaths(first)).toEqual([]);
    expect(moduleDiagnostics(first.diagnostics).length).toBeGreaterThan(0);

    // A rewrite would show as a new modification time.
    const times = new Map([...first.files.map((f) => f.path), buildCachePath].map((p) => [p, statSync(join(out, p)).mtimeMs]));

    const second = await buildAndWrite(out);
    expect(texts(second)).toEqual(texts(first));
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(unchangedPaths(second)).toEqual(first.files.map((f) => f.path));
    for (const [p, time] of times) expect(statSync(join(out, p)).mtimeMs, p).toBe(time);

    // Files touched without being changed are checked by content, and still reused.
    const past = new Date('2020-01-01T00:00:00Z');
    for (const f of first.files) utimesSync(join(out, f.path), past, past);
    const third = await buildAndWrite(out);
    expect(unchangedPaths(third)).toEqual(first.files.map((f) => f.path));
    expect(texts(third)).toEqual(texts(first));
  }, 120_000);

  it('regenerates only the connector whose manifest changed, and matches a clean build', async () => {
    const out = tempDir();
    await buildAndWrite(out);
    const edits = new Map([['examples/connectors/calculator.yaml', originals.get('examples/connectors/calculator.yaml')!.replace(/description: .*/, 'description: Adds numbers, now cached')]]);
    expect(edits.get('examples/connectors/calculator.yaml')).not.toBe(originals.get('examples/connectors/calculator.yaml'));
    const second = await buildAndWrite(out, {}, edits);
    const regenerated = second.files.filter((f) => f.unchanged !== true).map((f) => f.path);
    expect(regenerated.filter((p) => p.startsWith('connectors/'))).toEqual([
      'connectors/examples-calculator-v1_0_0.ts',
      'connectors/examples-calculator-v1_0_0.validators.d.ts',
      'connectors/examples-calculator-v1_0_0.validators.js',
    ]);
    const reference = await clean({}, edits);
    expect(texts(second)).toEqual(reference.files);
    expect(moduleDiagnostics(second.diagnostics)).toEqual(moduleDiagnostics(reference.diagnostics));
  }, 120_000);

  it('rebuilds in full, with clean output, from a damaged cache file', async () => {
    const reference = await clean();
    const damages: ((text: string) => string)[] = [
      (t) => t.slice(0, Math.floor(t.length / 2)),
      (t) => t.replace('"files"', '"filez"'),
      (t) => `${'0'.repeat(t.indexOf('\n'))}${t.slice(t.indexOf('\n'))}`,
      () => 'not a cache\n',
      () => '',
    ];
    for (const damage of damages) {
      const out = tempDir();
      await buildAndWrite(out);
      writeFileSync(cacheFile(out), damage(readFileSync(cacheFile(out), 'utf8')));
      const again = await buildAndWrite(out);
      expect(unchangedPaths(again)).toEqual([]);
      expect(texts(again)).toEqual(reference.files);
      // The damaged file was replaced by a good one.
      expect(BuildCache.load(out).loadedEntries).toBeGreaterThan(0);
    }
  }, 180_000);

  it('ignores a cache whose checksum matches but whose entries are malformed', async () => {
    const out = tempDir();
    await buildAndWrite(out);
    const text = readFileSync(cacheFile(out), 'utf8');
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { entries: Record<string, { files: { path: string }[] }> };
    const sign = (data: unknown): void => {
      const json = JSON.stringify(data);
      writeFileSync(cacheFile(out), `${contentHash(json)}\n${json}\n`);
    };
    // Signed this way, the body as it was is accepted: only the malformed entry below makes the cache unusable.
    sign(body);
    expect(BuildCache.load(out).loadedEntries).toBeGreaterThan(0);
    const first = Object.values(body.entries).find((e) => e.files.length > 0)!;
    first.files[0]!.path = '../outside.ts';
    sign(body);
    expect(BuildCache.load(out).loadedEntries).toBe(0);
  }, 120_000);

  it('never uses a cache written by another owc or with other options', async () => {
    const out = tempDir();
    await buildAndWrite(out);
    expect(BuildCache.load(out).loadedEntries).toBeGreaterThan(0);
    expect(BuildCache.load(out, 'another owc').loadedEntries).toBe(0);

    // The runtime mode changes the modules' imports: nothing may come from the package-mode cache.
    const copy = await build(out, { cache: true, runtime: 'copy' as RuntimeMode });
    expect(unchangedPaths(copy).filter((p) => p.startsWith('connectors/'))).toEqual([]);
    expect(texts(copy)).toEqual((await clean({ runtime: 'copy' })).files);
  }, 120_000);

  it('regenerates a module whose file in the output folder was edited or deleted', async () => {
    const out = tempDir();
    const first = await buildAndWrite(out);
    const module = join(out, 'connectors', 'examples-weather-v1_2_0.ts');
    writeFileSync(module, `${readFileSync(module, 'utf8')}// edited\n`);
    rmSync(join(out, 'connectors', 'examples-calculator-v1_0_0.validators.js'));
    const second = await buildAndWrite(out);
    expect(texts(second)).toEqual(texts(first));
    const regenerated = second.files.filter((f) => f.unchanged !== true).map((f) => f.path);
    expect(regenerated).toContain('connectors/examples-weather-v1_2_0.ts');
    expect(regenerated).toContain('connectors/examples-calculator-v1_0_0.validators.js');
    expect(readFileSync(module, 'utf8')).toBe(texts(first).get('connectors/examples-weather-v1_2_0.ts'));
  }, 120_000);

  it("'refresh' ignores the stored cache but records a new one", async () => {
    const out = tempDir();
    await buildAndWrite(out);
    const refreshed = await buildAndWrite(out, { cache: 'refresh' });
    expect(unchangedPaths(refreshed)).toEqual([]);
    expect(BuildCache.load(out).loadedEntries).toBeGreaterThan(0);
  }, 120_000);
});
