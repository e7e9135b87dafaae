/**
 * The command handler: runs a program (no shell), writes the action input as
 * JSON on its stdin and reads the action output as JSON from its stdout.
 * A non-zero exit is a BACKEND_ERROR carrying the end of stderr; a timeout or
 * cancel ends the program's whole process tree.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { abortError } from '../clock.js';
import { ActionError } from '../errors.js';
import type { CommandHandlerConfig, HandlerContext, Transport } from '../types.js';
import { runChild, type ChildOutcome } from './child-process.js';

export interface CommandTransportOptions {
  /** Milliseconds between SIGTERM and SIGKILL on timeout/cancel; default 2000. */
  readonly killGraceMs?: number;
  /** Largest stdout accepted; default 16 MiB. */
  readonly maxStdoutBytes?: number;
  /** How much of the end of stderr an error keeps; default 8 KiB. */
  readonly stderrTailBytes?: number;
}

/** Variables a program commonly needs to start at all; everything else comes from the handler's `env`. */
const baseEnvironment = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'COMSPEC', 'PATHEXT'];

/** A command transport with its own limits (tests shorten the kill grace period). */
export function createCommandTransport(options: CommandTransportOptions = {}): Transport<CommandHandlerConfig> {
  const limits = {
    killGraceMs: options.killGraceMs ?? 2000,
    maxStdoutBytes: options.maxStdoutBytes ?? 16 * 1024 * 1024,
    stderrTailBytes: options.stderrTailBytes ?? 8 * 1024,
  };
  return { invoke: (config, input, context) => invokeCommand(config, input, context, limits) };
}

/** The transport the runtime loads for `command:` handlers. */
export const transport: Transport<CommandHandlerConfig> = createCommandTransport();

async function invokeCommand(
  config: CommandHandlerConfig,
  input: unknown,
  context: HandlerContext,
  limits: Required<CommandTransportOptions>,
): Promise<unknown> {
  const env: { [name: string]: string } = {};
  for (const name of baseEnvironment) {
    const value = context.env(name);
    if (value !== undefined) env[name] = value;
  }
  for (const [name, template] of Object.entries(config.env ?? {})) env[name] = await context.substitute(template, input);
  const args: string[] = [];
  for (const arg of config.args ?? []) args.push(await context.substitute(arg, input));
  const cwd = config.workingDir === undefined ? undefined : path.resolve(await context.substitute(config.workingDir, input));
  if (cwd !== undefined) await requireDirectory(cwd);

  const outcome = await runChild({
    command: config.command,
    args,
    env,
    cwd,
    stdin: JSON.stringify(input ?? null),
    signal: context.signal,
    ...limits,
  });
  return interpret(outcome, config.command, context);
}

/** Turns how the program ended into the action output or an ActionError. */
function interpret(outcome: ChildOutcome, command: string, context: HandlerContext): unknown {
  const redact = (text: string): string => context.redactor.redact(text);
  switch (outcome.kind) {
    case 'exited': {
      if (outcome.code !== 0) {
        const stderr = redact(outcome.stderr.trim());
        const summary = lastLine(stderr);
        throw new ActionError(
          'BACKEND_ERROR',
          `command '${command}' exited with status ${outcome.code}${summary ? `: ${summary}` : ''}`,
          { exitCode: outcome.code, stderr },
        );
      }
      const text = outcome.stdout.trim();
      if (text === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new ActionError('BACKEND_ERROR', `command '${command}' did not print JSON on stdout (${(error as Error).message})`, {
          stdout: redact(text.slice(0, 200)),
          stderr: redact(outcome.stderr.trim()),
        });
      }
    }
    case 'signalled':
      throw new ActionError('BACKEND_ERROR', `command '${command}' was killed by ${outcome.signal}`, {
        signal: outcome.signal,
        stderr: redact(outcome.stderr.trim()),
      });
    case 'spawn-failed': {
      const reason =
        outcome.error.code === 'ENOENT'
          ? 'was not found'
          : outcome.error.code === 'EACCES'
            ? 'is not executable'
            : `could not be started (${outcome.error.message})`;
      throw new ActionError('UNAVAILABLE', `command '${command}' ${reason}`, { cause: outcome.error.code ?? outcome.error.message });
    }
    case 'stdout-too-large':
      throw new ActionError('BACKEND_ERROR', `command '${command}' printed more than ${outcome.limit} bytes on stdout`);
    case 'aborted':
      throw abortError(context.signal);
  }
}

async function requireDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new ActionError('UNAVAILABLE', `the working directory '${dir}' of the command does not exist`);
  }
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1]?.trim() ?? '';
}
