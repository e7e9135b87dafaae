/**
 * `owc import mcp <command or url> [args…] [--name N] [--namespace NS] [--connector-version V] [--out FILE]`
 *
 * Connects to an MCP server (a command run over stdio, or a streamable HTTP
 * URL), lists its tools and prints (or writes) a `kind: mcp-server` connector
 * manifest. Arguments after the command go to the server untouched
 * (`owc import mcp node server.js --port 1`); put `--` before the command
 * when a server argument is one of owc's own global options (`-v`, `--version`).
 * (The connector version flag is `--connector-version` for the same reason.)
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { McpImportTarget } from '../import/mcp.js';
import { ExitCode, UsageError, type CliIO } from './io.js';

interface ImportFlags {
  readonly name?: string;
  readonly namespace?: string;
  readonly connectorVersion?: string;
  readonly out?: string;
}

/** Adds the `import` command (with its `mcp` subcommand) to `program`; `done` receives the exit code. */
export function registerImportCommand(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('import')
    .description('write connector manifests from what a running service describes')
    .enablePositionalOptions();
  command
    .command('mcp')
    .description('connect to an MCP server and write a kind: mcp-server connector with one action per tool')
    .argument('<target>', 'the command that starts the server (stdio), or its streamable HTTP URL')
    .argument('[args...]', 'arguments for the server command')
    .option('--name <name>', "connector name (default: the server's name)")
    .option('--namespace <namespace>', 'connector namespace (default: local)')
    .option('--connector-version <version>', "connector version (default: the server's version, or 0.1.0)")
    .option('--out <file>', 'write the manifest to this file instead of stdout')
    .passThroughOptions()
    .action(async (target: string, args: string[], flags: ImportFlags) => {
      done(await runImportMcp(target, args, flags, io));
    });
}

async function runImportMcp(target: string, args: string[], flags: ImportFlags, io: CliIO): Promise<number> {
  const isUrl = /^https?:\/\//i.test(target);
  if (isUrl && args.length > 0) throw new UsageError(`an MCP server URL takes no arguments (got '${args.join(' ')}')`);
  const server: McpImportTarget = isUrl ? { url: target } : { command: target, args };
  let text: string;
  try {
    // Loaded on demand: the MCP client is heavy and only this command needs it.
    const { importMcpConnector } = await import('../import/mcp.js');
    text = await importMcpConnector(server, {
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
      ...(flags.connectorVersion === undefined ? {} : { version: flags.connectorVersion }),
    });
  } catch (error) {
    io.stderr(`owc: ${(error as Error).message}\n`);
    return ExitCode.Failed;
  }
  if (flags.out === undefined) {
    io.stdout(text);
    return ExitCode.Ok;
  }
  const file = path.resolve(io.cwd, flags.out);
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${flags.out}: ${(error as Error).message}`);
  }
  io.stderr(`owc: wrote ${flags.out}\n`);
  return ExitCode.Ok;
}
