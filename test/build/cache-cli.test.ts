/**
 * `owc build` with its cache, end to end: an unchanged project is answered
 * whole from the cache with the same messages and no writes; any change to
 * the inputs, the lock file or the options takes the full path; the output
 * always equals a build without the cache.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCachePath } from '../../src/cache/build-cache.js';
import { runCli } from '../support/run-cli.js';
import { repoRoot } from './helpers.js';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A project with the example connectors and a build fixture, as the working directory. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'owc-cache-cli-'));
  scratch.push(dir);
  cpSync(path.join(repoRoot, 'examples', 'connectors'), path.join(dir, 'manifests'), { recursive: true });
  for (const name of ['lambda.yaml']) cpSync(path.join(repoRoot, 'test', 'build', 'fixtures', name), path.join(dir, 'manifests', name));
  return dir;
}

/** Every file under `dir` except the cache, as relative path → text. */
function tree(dir: string, sub = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, sub)).sort()) {
    const rel = sub === '' ? name : `${sub}/${name}`;
    if (rel === path.dirname(buildCachePath)) continue;
    if (statSync(path.join(dir, rel)).isDirectory()) for (const [k, v] of tree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(path.join(dir, rel), 'utf8'));
  }
  return out;
}

function mtimes(dir: string): Map<string, number> {
  return new Map([...tree(dir).keys(), buildCachePath].map((p) => [p, statSync(path.join(dir, p)).mtimeMs]));
}

describe('owc build with the cache', () => {
  it('answers an unchanged build from the cache: same messages, nothing written', async () => {
    const dir = project();
    const first = await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('OWC8009');
    const before = mtimes(path.join(dir, 'gen'));
    const second = await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir, env: { NO_COLOR: '1', OWC_CACHE_REPORT: '1' } });
    // Generation came from the cache, not only writing skipped files that were already up to date.
    expect(second.stderr).toContain('owc: generation replayed\n');
    const reportLine = /^owc: (cache|generation) .*\n/gm;
    expect({ ...second, stderr: second.stderr.replace(reportLine, '') }).toEqual(first);
    expect(mtimes(path.join(dir, 'gen'))).toEqual(before);
  }, 120_000);

  it('takes the full path after a change, and its output equals a build without the cache', async () => {
    const dir = project();
    expect((await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'manifests', 'calculator.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/description: .*/, 'description: Changed between builds'));
    const changed = await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir });
    const clean = await runCli(['build', 'manifests', '--out', 'clean', '--no-lock', '--no-cache'], { cwd: dir });
    expect(changed.code).toBe(0);
    expect(clean.code).toBe(0);
    expect(tree(path.join(dir, 'gen'))).toEqual(tree(path.join(dir, 'clean')));
    expect(tree(path.join(dir, 'gen')).get('connectors/examples-calculator-v1_0_0.ts')).toContain('Changed between builds');

    // Another runtime mode is a different build: nothing of the package-mode build is reused.
    const copy = await runCli(['build', 'manifests', '--out', 'gen', '--no-lock', '--runtime', 'copy'], { cwd: dir });
    const cleanCopy = await runCli(['build', 'manifests', '--out', 'clean', '--no-lock', '--runtime', 'copy', '--no-cache'], { cwd: dir });
    expect(copy.code).toBe(0);
    expect(cleanCopy.code).toBe(0);
    expect(tree(path.join(dir, 'gen'))).toEqual(tree(path.join(dir, 'clean')));
  }, 180_000);

  it('rebuilds from a damaged cache file to the same output', async () => {
    const dir = project();
    expect((await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir })).code).toBe(0);
    const expected = tree(path.join(dir, 'gen'));
    const cache = path.join(dir, 'gen', buildCachePath);
    writeFileSync(cache, readFileSync(cache, 'utf8').slice(0, 200));
    // And an output file edited by hand, header kept: owc regenerates it.
    const module = path.join(dir, 'gen', 'connectors', 'examples-weather-v1_2_0.ts');
    writeFileSync(module, `${readFileSync(module, 'utf8')}export const extra = 1;\n`);
    const again = await runCli(['build', 'manifests', '--out', 'gen', '--no-lock'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(tree(path.join(dir, 'gen'))).toEqual(expected);
  }, 180_000);
});
