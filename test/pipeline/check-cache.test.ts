import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate.js';
import { checkCacheFileName } from '../../src/cache/check-cache.js';
import { checkProjectCached, type CacheOutcome } from '../../src/pipeline/cached-check.js';
import { checkProject } from '../../src/pipeline/check-project.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { toolVersion } from '../../src/cli/version.js';
import { repoRoot } from '../support/baseline.js';
import { runCli } from '../support/run-cli.js';

type Json = Record<string, unknown>;

/** A small generated project: 2 connectors, 20 workflows that use them. */
function project(): { dir: string; connectors: readonly string[]; workflows: readonly string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'owc-cache-'));
  const generated = generateProject(path.join(dir, 'project'), 0.02);
  rmSync(generated.openApiFile);
  return { dir, connectors: generated.connectorFiles, workflows: generated.workflowFiles };
}

/** `owc check --format json` output with the cache and without it; they must be the same text. */
async function bothWays(dir: string): Promise<{ cached: string; fresh: string }> {
  const cached = await runCli(['check', 'project', '--format', 'json'], { cwd: dir });
  const fresh = await runCli(['check', 'project', '--format', 'json', '--no-cache'], { cwd: dir });
  expect(cached.code).toBe(fresh.code);
  return { cached: cached.stdout, fresh: fresh.stdout };
}

async function outcome(dir: string): Promise<CacheOutcome> {
  const result = await checkProjectCached({ paths: ['project'], cwd: dir, cacheDir: '.owc-cache', toolVersion });
  return result.outcome;
}

function editYaml(file: string, edit: (doc: Json) => void): void {
  const doc = parse(readFileSync(file, 'utf8')) as Json;
  edit(doc);
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
}

/** Renames every output property of every action, so steps reading them no longer type-check. */
function renameOutputs(doc: Json, suffix: string): void {
  for (const action of doc.actions as Json[]) {
    const output = action.output as Json;
    const props = output.properties as Json;
    output.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [`${k}${suffix}`, v]));
    output.required = (output.required as string[]).map((k) => `${k}${suffix}`);
  }
}

describe('the owc check cache', () => {
  it('gives the same output as a run without it through a series of edits', async () => {
    const { dir, connectors, workflows } = project();
    const first = await bothWays(dir);
    expect(first.cached).toBe(first.fresh);
    expect(JSON.parse(first.fresh).summary.files).toBe(22);
    expect(await outcome(dir)).toBe('unchanged');

    // A workflow changes without changing meaning.
    writeFileSync(workflows[3]!, `${readFileSync(workflows[3]!, 'utf8')}# edited\n`);
    expect(await outcome(dir)).toBe('incremental');
    let run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);

    // A workflow breaks: a step reads an output that does not exist, another step has no action.
    const original = readFileSync(workflows[5]!, 'utf8');
    writeFileSync(workflows[5]!, original.replace(/steps\.step_0\.output\.(\w+)/, 'steps.step_0.output.$1_missing').replace(/action: op_\d/, 'action: op_99'));
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
    expect(JSON.parse(run.fresh).summary.errors).toBeGreaterThan(0);

    // ... and is fixed again.
    writeFileSync(workflows[5]!, original);
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
    expect(run.cached).toBe(first.fresh);

    // A connector's output schema changes: the workflows that use it must be checked again.
    editYaml(connectors[0]!, (doc) => renameOutputs(doc, '_v2'));
    expect(await outcome(dir)).toBe('incremental');
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
    expect(JSON.parse(run.fresh).summary.errors).toBeGreaterThan(0);

    // A new version of the other connector: references (^1.0.0) bind to it now.
    const added = path.join(path.dirname(connectors[1]!), 'svc-001-v1.1.yaml');
    writeFileSync(added, readFileSync(connectors[1]!, 'utf8'));
    editYaml(added, (doc) => {
      (doc.connector as Json).version = '1.1.0';
      renameOutputs(doc, '_new');
    });
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
    const withVersion = JSON.parse(run.fresh) as { diagnostics: Array<{ file: string }> };
    expect(withVersion.diagnostics.length).toBeGreaterThan(0);

    // A file disappears.
    rmSync(workflows[7]!);
    rmSync(added);
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);

    // The cache file is damaged: a full run, the same output.
    const cacheFile = path.join(dir, '.owc-cache', checkCacheFileName);
    expect(existsSync(cacheFile)).toBe(true);
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').slice(0, 200));
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
    writeFileSync(cacheFile, '{"format":1,"key":"x","files":[{"path":1}],"other":[]}');
    run = await bothWays(dir);
    expect(run.cached).toBe(run.fresh);
  }, 120_000);

  it('re-checks only what a changed workflow affects', async () => {
    const { dir, workflows } = project();
    await checkProjectCached({ paths: ['project'], cwd: dir, cacheDir: 'c', toolVersion: 'test' });
    writeFileSync(workflows[0]!, `${readFileSync(workflows[0]!, 'utf8')}# edited\n`);
    const result = await checkProjectCached({ paths: ['project'], cwd: dir, cacheDir: 'c', toolVersion: 'test' });
    expect(result.outcome).toBe('incremental');
    // The workflow and the connectors it uses, not the other 19 workflows.
    expect(result.checkedAgain).toBeLessThanOrEqual(3);
  });

  it('trusts unchanged time stamps and still notices a same-size edit under an old modification time', async () => {
    const { dir, workflows } = project();
    const options = { paths: ['project'], cwd: dir, cacheDir: 'c', toolVersion, racyMs: 0 };
    expect((await checkProjectCached(options)).outcome).toBe('cold');
    expect((await checkProjectCached(options)).outcome).toBe('unchanged');
    const unchanged = await checkProjectCached(options);
    expect(unchanged.outcome).toBe('unchanged');
    expect(unchanged.checkedAgain).toBe(0);

    // Same size, modification time put back: the change time still tells.
    const file = workflows[2]!;
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('description: Synthetic workflow', 'description: Synthetic workflxw');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    utimesSync(file, before.atime, before.mtime);
    const result = await checkProjectCached(options);
    expect(result.outcome).toBe('incremental');
    const full = await checkProject({ paths: ['project'], cwd: dir });
    const shape = (ds: readonly Diagnostic[]): unknown => ds.map((d) => [d.code, d.message, d.span.file, d.span.start, d.span.end, d.hint]);
    expect(shape(result.diagnostics)).toEqual(shape(full.diagnostics));
    expect(full.diagnostics.some((d) => d.span.file.endsWith(path.basename(file)))).toBe(false);
    expect(result.checkedFileCount).toBe(full.checkedFileCount);
  });

  it('records the new stamps of files whose time stamps changed but not their text, so later runs do not read them again', async () => {
    const { dir, workflows } = project();
    const options = { paths: ['project'], cwd: dir, cacheDir: 'c', toolVersion, racyMs: 0 };
    const cacheFile = path.join(dir, 'c', checkCacheFileName);
    type Stamp = { size: number; mtimeMs: number; ctimeMs: number; ino: number };
    const recorded = (): Array<{ path: string; stamp: Stamp }> => (JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Array<{ path: string; stamp: Stamp }> }).files;
    const now = (file: string): Stamp => {
      const s = statSync(path.join(dir, file));
      return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
    };
    expect((await checkProjectCached(options)).outcome).toBe('cold');
    const files = recorded().map((f) => f.path);
    expect(files.length).toBe(22);

    // As after `git checkout`: every file gets another modification time, its text stays.
    const touchAll = (): void => {
      for (const file of files) {
        const s = statSync(path.join(dir, file));
        utimesSync(path.join(dir, file), s.atime, new Date(s.mtimeMs - 60_000));
      }
    };
    touchAll();
    // Past the change times the utimes calls set, so the new stamps can be trusted.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const touched = await checkProjectCached(options);
    expect(touched.outcome).toBe('unchanged');
    expect(recorded().map((f) => [f.path, f.stamp])).toEqual(files.map((file) => [file, now(file)]));

    // The next run trusts every stamp: it reads no file, so it has nothing to record.
    const written = statSync(cacheFile);
    const again = await checkProjectCached(options);
    expect(again.outcome).toBe('unchanged');
    expect(again.diagnostics).toEqual(touched.diagnostics);
    const after = statSync(cacheFile);
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

    // The same with one file edited besides: the files the incremental run does not check again get their new stamps too.
    touchAll();
    const edited = workflows[0]!;
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}# edited\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const incremental = await checkProjectCached(options);
    expect(incremental.outcome).toBe('incremental');
    expect(incremental.checkedAgain).toBeLessThan(files.length);
    expect(recorded().map((f) => [f.path, f.stamp])).toEqual(files.map((file) => [file, now(file)]));
  });

  it('agrees with a run without it when connectors come from --registry and a lock file pins them', async () => {
    const { dir, connectors } = project();
    const args = ['check', 'project/workflows', '--registry', 'project/connectors', '--format', 'json'];
    const same = async (): Promise<string> => {
      const cached = await runCli(args, { cwd: dir });
      const fresh = await runCli([...args, '--no-cache'], { cwd: dir });
      expect(cached.stdout).toBe(fresh.stdout);
      expect(cached.code).toBe(fresh.code);
      return fresh.stdout;
    };
    const clean = await same();
    expect(await same()).toBe(clean);
    expect((await runCli(['lock', 'project/workflows', '--registry', 'project/connectors'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'owc.lock'))).toBe(true);
    await same();
    // A registry connector changes under its locked version: the lock reports it, the cache agrees.
    editYaml(connectors[0]!, (doc) => renameOutputs(doc, '_moved'));
    const changed = await same();
    expect(changed).not.toBe(clean);
    await same();
    rmSync(path.join(dir, 'owc.lock'));
    await same();
  }, 120_000);

  it('agrees with a run without it on the examples while each file in turn is edited and broken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'owc-cache-examples-'));
    cpSync(path.join(repoRoot, 'examples'), path.join(dir, 'project'), { recursive: true });
    const args = ['check', 'project', '--format', 'json'];
    const same = async (): Promise<void> => {
      const cached = await runCli(args, { cwd: dir });
      const fresh = await runCli([...args, '--no-cache'], { cwd: dir });
      expect(cached.stdout).toBe(fresh.stdout);
    };
    await same();
    const files = readdirSync(path.join(dir, 'project'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, `${original}\n# edited\n`);
      await same();
      writeFileSync(file, original.replace('steps.', 'stepz.').replace(/version: "?\d/, 'version: 9'));
      await same();
      writeFileSync(file, original);
      await same();
    }
  }, 180_000);

  it('keys the cache by options: --strict gets its own results', async () => {
    const { dir } = project();
    const options = { paths: ['project'], cwd: dir, cacheDir: 'c', toolVersion: 'test' };
    expect((await checkProjectCached(options)).outcome).toBe('cold');
    expect((await checkProjectCached({ ...options, strict: true })).outcome).toBe('cold');
    expect((await checkProjectCached({ ...options, strict: true })).outcome).toBe('unchanged');
  });
});
