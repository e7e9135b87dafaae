/**
 * The `owc` command line (DESIGN.md §8). `main` never calls process.exit: it
 * returns the exit code, so tests run commands in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerBuildCommand } from './build-command.js';
import { registerCheckCommand } from './check-command.js';
import { registerDaemonCommand } from './daemon-command.js';
import { registerImportCommand } from './import-command.js';
import { registerLockCommand } from './lock-command.js';
import { ExitCode, UsageError, type CliIO } from './io.js';
import { toolVersion } from './version.js';

/** Runs owc with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const done = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('owc')
    .description('the OpenWorkflow compiler: check manifests and compile them to typed TypeScript')
    .version(toolVersion, '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run owc --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCheckCommand(program, io, done);
  registerBuildCommand(program, io, done);
  registerLockCommand(program, io, done);
  registerImportCommand(program, io, done);
  registerDaemonCommand(program, io, done);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; everything else is a usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`owc: ${error.message}\n`);
      return ExitCode.Usage;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`owc: internal error — please report this with the input that caused it\n${message}\n`);
    return ExitCode.Usage;
  }
  return exitCode;
}

/** The process entry point used by bin/owc.js. */
export async function runFromProcess(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  });
  process.exitCode = code;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) await runFromProcess();
