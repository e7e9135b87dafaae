/**
 * `owc build` after edits: the incremental build (its check cache and
 * generation replay in OUT/.owc-cache) must print, write and lock exactly what
 * a `--no-cache` build of the same inputs does, through a series of edits —
 * and must actually be incremental where it can be.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate.js';
import { runCli } from '../support/run-cli.js';

type Json = Record<string, unknown>;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A small generated project (2 connectors, 20 workflows using them) as the working directory. */
function project(): { dir: string; connectors: readonly string[]; workflows: readonly string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'owc-incremental-build-'));
  scratch.push(dir);
  const generated = generateProject(path.join(dir, 'project'), 0.02);
  rmSync(generated.openApiFile);
  return { dir, connectors: generated.connectorFiles, workflows: generated.workflowFiles };
}

/** Every file under `dir` except the caches, as relative path → text. */
function tree(dir: string, sub = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(path.join(dir, sub))) return out;
  for (const name of readdirSync(path.join(dir, sub)).sort()) {
    const rel = sub === '' ? name : `${sub}/${name}`;
    if (rel === '.owc-cache') continue;
    if (statSync(path.join(dir, rel)).isDirectory()) for (const [k, v] of tree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(path.join(dir, rel), 'utf8'));
  }
  return out;
}

function readLock(dir: string): string | undefined {
  const file = path.join(dir, 'owc.lock');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function putLock(dir: string, text: string | undefined): void {
  const file = path.join(dir, 'owc.lock');
  if (text === undefined) rmSync(file, { force: true });
  else writeFileSync(file, text);
}

const env = { NO_COLOR: '1', OWC_CACHE_REPORT: '1' };
const incremental = 'out-incremental';
const clean = 'out-clean';

/** What a build printed, without the cache report, with the clean build's folder named like the incremental one. */
function shown(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('owc: cache ') && !line.startsWith('owc: generation '))
    .join('\n')
    .replaceAll(clean, incremental);
}

/**
 * Builds into `out-incremental` with the cache, then — from the same inputs
 * and the same owc.lock — into `out-clean` with `--no-cache`: same exit code,
 * messages, files and lock. Returns the incremental build's cache report.
 */
async function sameAsClean(dir: string, args: readonly string[] = ['project']): Promise<{ code: number; report: string }> {
  const lockBefore = readLock(dir);
  const inc = await runCli(['build', ...args, '--out', incremental], { cwd: dir, env });
  const lockAfterIncremental = readLock(dir);
  putLock(dir, lockBefore);
  const full = await runCli(['build', ...args, '--out', clean, '--no-cache'], { cwd: dir, env });
  expect(inc.code).toBe(full.code);
  expect(shown(inc.stderr)).toBe(shown(full.stderr));
  expect(shown(inc.stdout)).toBe(shown(full.stdout));
  expect(lockAfterIncremental).toBe(readLock(dir));
  expect(tree(path.join(dir, incremental))).toEqual(tree(path.join(dir, clean)));
  const report = inc.stderr
    .split('\n')
    .filter((line) => line.startsWith('owc: cache ') || line.startsWith('owc: generation '))
    .join('\n');
  return { code: inc.code, report };
}

function editYaml(file: string, edit: (doc: Json) => void): void {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  edit(doc);
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
}

describe('owc build, incrementally', () => {
  it('writes, prints and locks what a --no-cache build does through a series of edits', async () => {
    const { dir, connectors, workflows } = project();
    let run = await sameAsClean(dir);
    expect(run.code).toBe(0);
    expect(run.report).toContain('owc: cache cold');
    const lock = readLock(dir);
    expect(lock).toContain('connector:bench/svc-000@^1.0.0');
    // The lock did not exist before: it is an input now, so the check starts afresh once.
    run = await sameAsClean(dir);
    expect(run.report).toContain('owc: cache cold');
    run = await sameAsClean(dir);
    expect(run.report).toBe('owc: cache unchanged, 0 file(s) checked\nowc: generation replayed');

    // A workflow changes: it is checked again with the connectors it uses, and no connector is loaded for generation.
    writeFileSync(workflows[3]!, `${readFileSync(workflows[3]!, 'utf8')}# edited\n`);
    run = await sameAsClean(dir);
    expect(run.report).toMatch(/^owc: cache incremental, [1-3] file\(s\) checked\nowc: generation replayed$/);

    // A workflow writes a reference no other file writes: the lock gains an entry ...
    const original3 = readFileSync(workflows[3]!, 'utf8');
    writeFileSync(workflows[3]!, original3.replace('connector:bench/svc-000@^1.0.0', 'connector:bench/svc-000@~1.0.0'));
    run = await sameAsClean(dir);
    expect(run.report).toContain('owc: cache incremental');
    expect(readLock(dir)).toContain('connector:bench/svc-000@~1.0.0');
    // ... and loses it again. The lock is an input of the check: a build after one that changed it checks everything.
    writeFileSync(workflows[3]!, original3);
    run = await sameAsClean(dir);
    expect(run.report).toContain('owc: cache cold');
    expect(readLock(dir)).toBe(lock);
    run = await sameAsClean(dir);
    expect(run.report).toContain('owc: cache cold');
    run = await sameAsClean(dir);
    expect(run.report).toContain('owc: cache unchanged');

    // A workflow breaks: nothing is written, the lock stays, the messages are those of a clean build.
    const original5 = readFileSync(workflows[5]!, 'utf8');
    const before = tree(path.join(dir, incremental));
    writeFileSync(workflows[5]!, original5.replace(/steps\.step_0\.output\.(\w+)/, 'steps.step_0.output.$1_missing'));
    run = await sameAsClean(dir);
    expect(run.code).toBe(1);
    expect(run.report).toContain('owc: cache incremental');
    expect(tree(path.join(dir, incremental))).toEqual(before);
    expect(readLock(dir)).toBe(lock);
    // ... and is fixed again: the build after the failed one is still incremental.
    writeFileSync(workflows[5]!, original5);
    run = await sameAsClean(dir);
    expect(run.code).toBe(0);
    expect(run.report).toBe('owc: cache unchanged, 0 file(s) checked\nowc: generation replayed');

    // Under the lock, a connector changed without a new version is an error (OWC4040).
    const connector0 = readFileSync(connectors[0]!, 'utf8');
    editYaml(connectors[0]!, (doc) => {
      (doc.connector as Json).description = 'Changed between builds';
    });
    run = await sameAsClean(dir);
    expect(run.code).toBe(1);
    writeFileSync(connectors[0]!, connector0);
    run = await sameAsClean(dir);
    expect(run.code).toBe(0);
  }, 240_000);

  it('generates again only when a connector changes, and agrees with a --no-cache build', async () => {
    const { dir, connectors, workflows } = project();
    const noLock = ['project', '--no-lock'];
    let run = await sameAsClean(dir, noLock);
    expect(run.report).toContain('owc: cache cold');
    writeFileSync(workflows[1]!, `${readFileSync(workflows[1]!, 'utf8')}# edited\n`);
    run = await sameAsClean(dir, noLock);
    expect(run.report).toMatch(/^owc: cache incremental, [1-3] file\(s\) checked\nowc: generation replayed$/);
    expect(readLock(dir)).toBeUndefined();

    // A connector changes without changing its interface: its module is generated again.
    editYaml(connectors[0]!, (doc) => {
      (doc.connector as Json).description = 'Changed between builds';
    });
    run = await sameAsClean(dir, noLock);
    expect(run.report).toContain('owc: cache incremental');
    expect(run.report).toContain('owc: generation loaded 2 connector file(s)');
    expect(tree(path.join(dir, incremental)).get('connectors/bench-svc-000-v1_0_0.ts')).toContain('Changed between builds');
    run = await sameAsClean(dir, noLock);
    expect(run.report).toBe('owc: cache unchanged, 0 file(s) checked\nowc: generation replayed');

    // A workflow breaks: nothing is written, the messages are those of a clean build.
    const original5 = readFileSync(workflows[5]!, 'utf8');
    writeFileSync(workflows[5]!, original5.replace(/action: op_\d/, 'action: op_99'));
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(1);
    writeFileSync(workflows[5]!, original5);
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(0);
    expect(run.report).toContain('owc: generation replayed');

    // A connector change that breaks the workflows using it.
    const connector1 = readFileSync(connectors[1]!, 'utf8');
    editYaml(connectors[1]!, (doc) => {
      for (const action of doc.actions as Json[]) (action.output as Json).additionalProperties = false;
      (doc.actions as Json[]).splice(0, 1);
    });
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(1);
    writeFileSync(connectors[1]!, connector1);
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(0);

    // A workflow file disappears; then a new connector file appears.
    rmSync(workflows[7]!);
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(0);
    const added = path.join(path.dirname(connectors[1]!), 'svc-009.yaml');
    writeFileSync(added, readFileSync(connectors[1]!, 'utf8'));
    editYaml(added, (doc) => {
      (doc.connector as Json).name = 'svc-009';
    });
    run = await sameAsClean(dir, noLock);
    expect(run.code).toBe(0);
    expect(tree(path.join(dir, incremental)).has('connectors/bench-svc-009-v1_0_0.ts')).toBe(true);
    // ... and goes again: its module is removed.
    rmSync(added);
    await sameAsClean(dir, noLock);
    expect(tree(path.join(dir, incremental)).has('connectors/bench-svc-009-v1_0_0.ts')).toBe(false);

    // A generated module deleted by hand is generated again, not replayed from the cache.
    rmSync(path.join(dir, incremental, 'connectors', 'bench-svc-000-v1_0_0.ts'));
    run = await sameAsClean(dir, noLock);
    expect(run.report).toContain('owc: generation loaded');
  }, 240_000);

  it('agrees with a --no-cache build when connectors come from --registry, with and without the lock', async () => {
    const { dir, workflows } = project();
    const withLock = ['project/workflows', '--registry', 'project/connectors'];
    const noLock = [...withLock, '--no-lock'];
    expect((await sameAsClean(dir, withLock)).code).toBe(0);
    expect(readLock(dir)).toContain('connector:bench/svc-001@^1.0.0');
    await sameAsClean(dir, noLock);
    for (const [i, args] of [noLock, withLock, noLock].entries()) {
      // A build that rewrote the lock leaves the next one a full check; settle first.
      await sameAsClean(dir, args);
      const original = readFileSync(workflows[i]!, 'utf8');
      writeFileSync(workflows[i]!, original.replace('connector:bench/svc-000@^1.0.0', 'connector:bench/svc-000@~1.0.0'));
      const run = await sameAsClean(dir, args);
      // With the lock to write, only a full check knows it.
      expect(run.report).toContain(args === withLock ? 'owc: cache cold' : 'owc: cache incremental');
      writeFileSync(workflows[i]!, original);
      await sameAsClean(dir, args);
    }
  }, 240_000);

  it('writes no cache and nothing else when the first build has errors', async () => {
    const { dir, workflows } = project();
    writeFileSync(workflows[0]!, readFileSync(workflows[0]!, 'utf8').replace(/action: op_\d/, 'action: op_99'));
    const run = await runCli(['build', 'project', '--out', 'gen'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(path.join(dir, 'gen'))).toBe(false);
    expect(existsSync(path.join(dir, 'owc.lock'))).toBe(false);
  });
});
