/** `owc check [paths…] [--format pretty|json|sarif] [--strict] [--registry DIR]… [--cache-dir DIR] [--no-cache]` */
import type { Command } from 'commander';
import { checkProjectCached } from '../pipeline/cached-check.js';
import { checkProject } from '../pipeline/check-project.js';
import { collect, ExitCode, requireExistingPaths, type CliIO } from './io.js';
import { parseFormat, renderDiagnostics } from './report.js';
import { toolVersion } from './version.js';

interface CheckFlags {
  readonly format: string;
  readonly strict?: boolean;
  readonly registry?: string[];
  readonly cache: boolean;
  readonly cacheDir: string;
}

/** The default cache folder, relative to the working directory. */
const defaultCheckCacheDir = '.owc-cache';

/** Adds the `check` command to `program`; `done` receives the exit code. */
export function registerCheckCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('check')
    .description('check manifests: structure, references and every {{ }} expression')
    .argument('[paths...]', 'files or folders to check (folders are searched for manifests)', [])
    .option('--format <format>', 'output format: pretty, json or sarif', 'pretty')
    .option('--strict', 'treat "may be undefined" and open-schema warnings as errors')
    .option('--registry <dir>', 'a folder of manifests to resolve references against (repeatable)', collect, [])
    .option('--cache-dir <dir>', 'where to keep results between runs', defaultCheckCacheDir)
    .option('--no-cache', 'check everything and neither read nor write the cache')
    .action(async (paths: string[], flags: CheckFlags) => {
      done(await runCheck(paths, flags, io));
    });
}

async function runCheck(paths: string[], flags: CheckFlags, io: CliIO): Promise<number> {
  const format = parseFormat(flags.format);
  const options = { paths, registryDirs: flags.registry ?? [], strict: flags.strict === true, cwd: io.cwd };
  const result = flags.cache ? await checkProjectCached({ ...options, cacheDir: flags.cacheDir, toolVersion, memory: io.memory }) : await checkProject(options);
  if ('outcome' in result && io.env.OWC_CACHE_REPORT === '1') io.stderr(`owc: cache ${result.outcome}, ${result.checkedAgain} file(s) checked\n`);
  requireExistingPaths(result.missing);
  const { text, summary } = renderDiagnostics(result.diagnostics, result.files, result.checkedFileCount, format, io);
  io.stdout(text);
  return summary.errors > 0 ? ExitCode.Failed : ExitCode.Ok;
}
