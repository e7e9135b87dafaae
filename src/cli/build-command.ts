/**
 * `owc build [paths…] --out DIR [--runtime package|copy]` — checks, then
 * writes typed modules and a strict tsconfig.json into DIR. Writes nothing
 * when there are errors; records resolved versions in owc.lock.
 *
 * Both halves are incremental, with their caches in DIR/.owc-cache: the check
 * re-checks only changed files and their dependants (src/pipeline/cached-check.ts),
 * and generation, which reads only the files declaring connectors, is replayed
 * when none of those changed (src/build/replay.ts). See docs/cli.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { BuildResult, RuntimeMode, WriteResult } from '../build/index.js';
import { generationKey, recordGeneration, replayGeneration, type GenerationSettings } from '../build/replay.js';
import { BuildCache, buildCacheSalt } from '../cache/build-cache.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkProjectCached, declaresKind, type CheckedProject } from '../pipeline/cached-check.js';
import { emptyBindings } from '../resolve/bindings.js';
import { serializeLockFile, type LockFile } from '../resolve/lockfile.js';
import { displayPath } from '../source/load.js';
import type { SourceFile } from '../source/span.js';
import { collect, ExitCode, requireExistingPaths, UsageError, type CliIO } from './io.js';
import { renderDiagnostics } from './report.js';
import { toolVersion } from './version.js';

interface BuildFlags {
  readonly out: string;
  readonly runtime: string;
  readonly strict?: boolean;
  readonly registry?: string[];
  readonly lock?: boolean;
  readonly cache?: boolean;
}

export function registerBuildCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('build')
    .description('check, then compile manifests to typed TypeScript modules in --out')
    .argument('[paths...]', 'files or folders to build (folders are searched for manifests)', [])
    .requiredOption('--out <dir>', 'the folder to write the modules and tsconfig.json into')
    .option('--runtime <mode>', "'package' imports owc/runtime; 'copy' copies the runtime into the output", 'package')
    .option('--strict', 'treat "may be undefined" and open-schema warnings as errors')
    .option('--registry <dir>', 'a folder of manifests to resolve references against (repeatable)', collect, [])
    .option('--no-lock', 'do not write owc.lock')
    .option('--no-cache', 'check and generate everything again (the caches in DIR/.owc-cache are rewritten)')
    .action(async (paths: string[], flags: BuildFlags) => {
      done(await runBuild(paths, flags, io));
    });
}

function parseRuntime(mode: string): RuntimeMode {
  if (mode === 'package' || mode === 'copy') return mode;
  throw new UsageError(`unknown runtime mode '${mode}': use package or copy`);
}

/** The folder inside the output folder where `owc build` keeps its caches (build.json, check.json, nodes/). */
export const buildCacheDir = '.owc-cache';

async function runBuild(paths: string[], flags: BuildFlags, io: CliIO): Promise<number> {
  const runtime = parseRuntime(flags.runtime);
  const outDir = path.resolve(io.cwd, flags.out);
  const registryDirs = flags.registry ?? [];
  const writeLock = flags.lock !== false;
  // The check is incremental, with its cache in OUT/.owc-cache, saved only once the build is written.
  // With registry folders only a full check knows the lock, so a build that writes one checks everything.
  const checked = await checkProjectCached({
    paths,
    registryDirs,
    strict: flags.strict === true,
    cwd: io.cwd,
    cacheDir: path.join(outDir, buildCacheDir),
    // The build cache's salt (a hash of owc's code) keys the check too, as it keyed the build's diagnostics before.
    toolVersion: `${toolVersion}+${buildCacheSalt()}`,
    refresh: flags.cache === false || (writeLock && registryDirs.length > 0),
    deferWrite: true,
    memory: io.memory,
  });
  const cacheReport = io.env.OWC_CACHE_REPORT === '1';
  if (cacheReport) io.stderr(`owc: cache ${checked.outcome}, ${checked.checkedAgain} file(s) checked\n`);
  requireExistingPaths(checked.missing);
  const report = (diagnostics: readonly Diagnostic[], files: readonly SourceFile[]): number => {
    const { text, summary } = renderDiagnostics(diagnostics, files, checked.checkedFileCount, 'pretty', io);
    if (diagnostics.length > 0) io.stderr(text);
    return summary.errors;
  };
  const refuse = (): number => {
    io.stderr('owc: nothing written: fix the errors above first\n');
    return ExitCode.Failed;
  };
  // Generating code for manifests with errors is wasted work: stop before it.
  const project = checked.project;
  if (checked.diagnostics.some((d) => d.severity === 'error') || project === undefined) {
    report(checked.diagnostics, checked.files);
    return refuse();
  }

  const cache = flags.cache === false ? BuildCache.empty(outDir) : BuildCache.load(outDir);
  const { built, lowered } = await generate(project, { outDir, runtime, cwd: io.cwd }, cache);
  if (cacheReport) io.stderr(lowered === undefined ? 'owc: generation replayed\n' : `owc: generation loaded ${lowered} connector file(s)\n`);
  if (built === undefined) {
    io.stderr('owc: nothing written: the inputs changed while owc read them; build again\n');
    return ExitCode.Usage;
  }
  const all = sortDiagnostics([...checked.diagnostics, ...built.diagnostics]);
  if (report(all, project.sources(all)) > 0) return refuse();
  const { writeBuild } = await import('../build/index.js');
  const code = finishWrite(writeBuild(outDir, built), outDir, io);
  if (code !== ExitCode.Ok) return code;
  project.save();
  if (writeLock && project.lock !== undefined) await updateLock(project.lockPath, project.lock);
  return code;
}

/**
 * The generated files: replayed from the cache when no file declaring a
 * connector changed since the last build into the folder (./build/replay.ts),
 * otherwise generated from just those files, lowered again (unchanged
 * connector modules still come from the per-connector cache). Undefined when
 * a file changed while the build read it.
 */
async function generate(
  project: CheckedProject,
  settings: GenerationSettings,
  cache: BuildCache,
): Promise<{ readonly built: BuildResult | undefined; readonly lowered?: number }> {
  const inputs = project.files.filter((f) => f.group === 'main' && declaresKind(f, 'connector'));
  const key = generationKey(inputs, settings);
  const replayed = key === undefined ? undefined : replayGeneration(cache, key, settings);
  if (replayed !== undefined) return { built: replayed };
  const program = project.lower(inputs.map((f) => f.path));
  if (program === undefined) return { built: undefined, lowered: inputs.length };
  const { buildProgram } = await import('../build/index.js');
  // Connector modules are generated from the connectors alone: no bindings needed.
  const built = await buildProgram(program, emptyBindings(), { ...settings, cache });
  if (key !== undefined) recordGeneration(cache, key, built);
  return { built, lowered: inputs.length };
}

/** Reports how writing the build went. */
function finishWrite(written: WriteResult, outDir: string, io: CliIO): number {
  if (written.refused) {
    for (const d of written.diagnostics) io.stderr(`owc: ${d.message}${d.hint ? ` (${d.hint})` : ''}\n`);
    return ExitCode.Usage;
  }
  const shown = displayPath(outDir, io.cwd);
  io.stdout(`wrote ${written.written.length} files to ${shown}${written.removed.length > 0 ? ` (removed ${written.removed.length} stale)` : ''}\n`);
  return ExitCode.Ok;
}

/** Writes owc.lock only when its content changes (and not at all for a build with no references). */
async function updateLock(lockPath: string, lock: LockFile): Promise<void> {
  const text = serializeLockFile(lock);
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === text || (current === undefined && Object.keys(lock.references).length === 0)) return;
  await writeFile(lockPath, text, 'utf8');
}
