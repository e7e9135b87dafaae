/** `owc lock [paths…]` — resolve references and write owc.lock (versions and manifest hashes). */
import path from 'node:path';
import type { Command } from 'commander';
import { checkProject } from '../pipeline/check-project.js';
import { writeLockFile } from '../resolve/lockfile.js';
import { collect, ExitCode, requireExistingPaths, type CliIO } from './io.js';
import { renderDiagnostics } from './report.js';

interface LockFlags {
  readonly registry?: string[];
}

export function registerLockCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('lock')
    .description('resolve registry references and record the chosen versions and manifest hashes in owc.lock')
    .argument('[paths...]', 'files or folders whose references to lock', [])
    .option('--registry <dir>', 'a folder of manifests to resolve references against (repeatable)', collect, [])
    .action(async (paths: string[], flags: LockFlags) => {
      done(await runLock(paths, flags, io));
    });
}

async function runLock(paths: string[], flags: LockFlags, io: CliIO): Promise<number> {
  // Re-locking is how a user accepts a changed manifest, so the old lock must not pin anything.
  const checked = await checkProject({ paths, registryDirs: flags.registry ?? [], cwd: io.cwd, ignoreLock: true });
  requireExistingPaths(checked.missing);
  const resolveErrors = checked.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('OWC4'));
  if (resolveErrors.length > 0) {
    io.stderr(renderDiagnostics(resolveErrors, checked.files, checked.checkedFileCount, 'pretty', io).text);
    io.stderr('owc: owc.lock not written: some references do not resolve\n');
    return ExitCode.Failed;
  }
  const written = await writeLockFile(io.cwd, checked.lock);
  io.stdout(`locked ${Object.keys(checked.lock.references).length} references in ${path.relative(io.cwd, written)}\n`);
  return ExitCode.Ok;
}
