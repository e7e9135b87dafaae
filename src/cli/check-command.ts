/** `owc check [paths…] [--format pretty|json|sarif] [--strict] [--registry DIR]…` */
import type { Command } from 'commander';
import { checkProject } from '../pipeline/check-project.js';
import { collect, ExitCode, UsageError, type CliIO } from './io.js';
import { parseFormat, renderDiagnostics } from './report.js';

interface CheckFlags {
  readonly format: string;
  readonly strict?: boolean;
  readonly registry?: string[];
}

/** Adds the `check` command to `program`; `done` receives the exit code. */
export function registerCheckCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('check')
    .description('check manifests: structure, references and every {{ }} expression')
    .argument('[paths...]', 'files or folders to check (folders are searched for manifests)', [])
    .option('--format <format>', 'output format: pretty, json or sarif', 'pretty')
    .option('--strict', 'treat "may be undefined" and open-schema warnings as errors')
    .option('--registry <dir>', 'a folder of manifests to resolve references against (repeatable)', collect, [])
    .action(async (paths: string[], flags: CheckFlags) => {
      done(await runCheck(paths, flags, io));
    });
}

async function runCheck(paths: string[], flags: CheckFlags, io: CliIO): Promise<number> {
  const format = parseFormat(flags.format);
  const result = await checkProject({ paths, registryDirs: flags.registry ?? [], strict: flags.strict === true, cwd: io.cwd });
  if (result.missing.length > 0) throw new UsageError(result.missing.map((p) => `no such file or folder: ${p}`).join('\n'));
  const { text, summary } = renderDiagnostics(result.diagnostics, result.files, result.checkedFileCount, format, io);
  io.stdout(text);
  return summary.errors > 0 ? ExitCode.Failed : ExitCode.Ok;
}
