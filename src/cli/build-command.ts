/**
 * `owc build [paths…] --out DIR [--runtime package|copy]` — checks, then
 * writes typed modules and a strict tsconfig.json into DIR. Writes nothing
 * when there are errors; records resolved versions in owc.lock.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { RuntimeMode, WriteResult } from '../build/index.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { readCheckInputs, runPipeline } from '../pipeline/check-project.js';
import { BuildCache } from '../cache/build-cache.js';
import { recordWholeBuild, replayBuild, wholeBuildKey } from '../build/replay.js';
import { displayPath } from '../source/load.js';
import { serializeLockFile, type LockFile } from '../resolve/lockfile.js';
import { collect, ExitCode, requireExistingPaths, UsageError, type CliIO } from './io.js';
import { renderDiagnostics } from './report.js';

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
    .option('--no-cache', 'generate every module again (the cache in DIR/.owc-cache is rewritten)')
    .action(async (paths: string[], flags: BuildFlags) => {
      done(await runBuild(paths, flags, io));
    });
}

function parseRuntime(mode: string): RuntimeMode {
  if (mode === 'package' || mode === 'copy') return mode;
  throw new UsageError(`unknown runtime mode '${mode}': use package or copy`);
}

async function runBuild(paths: string[], flags: BuildFlags, io: CliIO): Promise<number> {
  const runtime = parseRuntime(flags.runtime);
  const outDir = path.resolve(io.cwd, flags.out);
  const checkOptions = { paths, registryDirs: flags.registry ?? [], strict: flags.strict === true, cwd: io.cwd };
  const { buildProgram, writeBuild } = await import('../build/index.js');
  const inputs = await readCheckInputs(checkOptions);
  requireExistingPaths(inputs.missing);

  // The build cache (OUT/.owc-cache/build.json): a build whose inputs are all unchanged is answered from it whole.
  const cache = flags.cache === false ? BuildCache.empty(outDir) : BuildCache.load(outDir);
  const settings = { outDir, runtime, strict: checkOptions.strict, registryDirs: checkOptions.registryDirs, cwd: io.cwd, lock: flags.lock !== false };
  const wholeKey = wholeBuildKey(inputs, settings);
  const replayed = wholeKey === undefined ? undefined : replayBuild(cache, wholeKey, inputs, settings);
  if (replayed !== undefined) {
    const { text } = renderDiagnostics(replayed.diagnostics, replayed.files, replayed.checkedFileCount, 'pretty', io);
    if (replayed.diagnostics.length > 0) io.stderr(text);
    return finishWrite(writeBuild(outDir, replayed.result), outDir, io);
  }

  const checked = runPipeline(inputs, { cwd: io.cwd, strict: checkOptions.strict });
  const report = (diagnostics: Parameters<typeof renderDiagnostics>[0]): number => {
    const { text, summary } = renderDiagnostics(diagnostics, checked.files, checked.checkedFileCount, 'pretty', io);
    if (diagnostics.length > 0) io.stderr(text);
    return summary.errors;
  };
  const refuse = (): number => {
    io.stderr('owc: nothing written: fix the errors above first\n');
    return ExitCode.Failed;
  };
  // Generating code for manifests with errors is wasted work: stop before it.
  if (checked.diagnostics.some((d) => d.severity === 'error')) {
    report(checked.diagnostics);
    return refuse();
  }
  const built = await buildProgram(checked.program, checked.bindings, { outDir, runtime, cwd: io.cwd, cache });
  const all = sortDiagnostics([...checked.diagnostics, ...built.diagnostics]);
  if (report(all) > 0) return refuse();
  if (wholeKey !== undefined) recordWholeBuild(cache, wholeKey, built, all, checked.checkedFileCount);
  const code = finishWrite(writeBuild(outDir, built), outDir, io);
  if (code === ExitCode.Ok && flags.lock !== false) await updateLock(checked.lockPath, checked.lock);
  return code;
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
