/**
 * `owc build [paths…] --out DIR [--runtime package|copy]` — checks, then
 * writes typed modules and a strict tsconfig.json into DIR. Writes nothing
 * when there are errors; records resolved versions in owc.lock.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram, writeBuild, type RuntimeMode } from '../build/index.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { checkProject } from '../pipeline/check-project.js';
import { displayPath } from '../source/load.js';
import { serializeLockFile, writeLockFile } from '../resolve/lockfile.js';
import { collect, ExitCode, UsageError, type CliIO } from './io.js';
import { renderDiagnostics } from './report.js';

interface BuildFlags {
  readonly out: string;
  readonly runtime: string;
  readonly strict?: boolean;
  readonly registry?: string[];
  readonly lock?: boolean;
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
  const checked = await checkProject({ paths, registryDirs: flags.registry ?? [], strict: flags.strict === true, cwd: io.cwd });
  if (checked.missing.length > 0) throw new UsageError(checked.missing.map((p) => `no such file or folder: ${p}`).join('\n'));
  const report = (diagnostics: Parameters<typeof renderDiagnostics>[0]): number => {
    const { text, summary } = renderDiagnostics(diagnostics, checked.files, checked.checkedFileCount, 'pretty', io);
    if (diagnostics.length > 0) io.stderr(text);
    return summary.errors;
  };
  if (checked.diagnostics.some((d) => d.severity === 'error')) {
    report(checked.diagnostics);
    io.stderr('owc: nothing written: fix the errors above first\n');
    return ExitCode.Failed;
  }
  const built = await buildProgram(checked.program, checked.bindings, { outDir, runtime, cwd: io.cwd });
  const all = sortDiagnostics([...checked.diagnostics, ...built.diagnostics]);
  if (report(all) > 0) {
    io.stderr('owc: nothing written: fix the errors above first\n');
    return ExitCode.Failed;
  }
  const written = writeBuild(outDir, built);
  if (written.refused) {
    for (const d of written.diagnostics) io.stderr(`owc: ${d.message}${d.hint ? ` (${d.hint})` : ''}\n`);
    return ExitCode.Usage;
  }
  if (flags.lock !== false) await updateLock(checked.lockPath, serializeLockFile(checked.lock), checked.lock);
  const shown = displayPath(outDir, io.cwd);
  io.stdout(`wrote ${written.written.length} files to ${shown}${written.removed.length > 0 ? ` (removed ${written.removed.length} stale)` : ''}\n`);
  return ExitCode.Ok;
}

/** Writes owc.lock only when its content changes, so builds do not touch it needlessly. */
async function updateLock(lockPath: string, text: string, lock: Parameters<typeof writeLockFile>[1]): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === text) return;
  if (Object.keys(lock.references).length === 0 && current === undefined) return;
  await writeLockFile(path.dirname(lockPath), lock);
}
