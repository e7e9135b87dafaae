/** `owc check [paths…] [--format pretty|json|sarif] [--strict] [--registry DIR]…` */
import type { Command } from 'commander';
import { checkProject } from '../pipeline/check-project.js';
import { choosePalette } from './format/colors.js';
import { formatJson } from './format/json.js';
import { FileTable, summarize } from './format/locate.js';
import { formatPretty } from './format/pretty.js';
import { formatSarif } from './format/sarif.js';
import { collect, ExitCode, UsageError, type CliIO } from './io.js';
import { toolVersion } from './version.js';

export type OutputFormat = 'pretty' | 'json' | 'sarif';

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

export function parseFormat(format: string): OutputFormat {
  if (format === 'pretty' || format === 'json' || format === 'sarif') return format;
  throw new UsageError(`unknown format '${format}': use pretty, json or sarif`);
}

async function runCheck(paths: string[], flags: CheckFlags, io: CliIO): Promise<number> {
  const format = parseFormat(flags.format);
  const result = await checkProject({ paths, registryDirs: flags.registry ?? [], strict: flags.strict === true, cwd: io.cwd });
  if (result.missing.length > 0) {
    throw new UsageError(result.missing.map((p) => `no such file or folder: ${p}`).join('\n'));
  }
  const files = new FileTable(result.files);
  const summary = summarize(result.diagnostics, result.checkedFileCount);
  switch (format) {
    case 'json':
      io.stdout(formatJson(result.diagnostics, files, summary));
      break;
    case 'sarif':
      io.stdout(formatSarif(result.diagnostics, files, { toolVersion }));
      break;
    case 'pretty':
      io.stdout(formatPretty(result.diagnostics, files, summary, choosePalette(io.isTTY, io.env)));
      break;
  }
  return summary.errors > 0 ? ExitCode.Failed : ExitCode.Ok;
}
