/** `invokeAction`: validation, dispatch by handler kind, timeout, retry (README). */
import { abortError, realClock, whenAborted } from './clock.js';
import { ActionError, toActionError } from './errors.js';
import { httpTransport } from './http/handler.js';
import { createRedactor, redactValue } from './redact.js';
import { functions, loadTransport, transports } from './registry.js';
import { withRetry } from './retry.js';
import { substitute } from './template.js';
import type { ConnectorDescriptor, HandlerConfig, HandlerContext, InvokeOptions, LogLevel } from './types.js';
import { check } from './validate.js';

type Run = (input: unknown, ctx: HandlerContext) => Promise<unknown>;

function unavailable(message: string): ActionError {
  return new ActionError('UNAVAILABLE', message, {}, false);
}

/** How one action runs: a caller override, the SDK function, or the transport of its kind. */
function runnerFor(action: string, handler: HandlerConfig | undefined, options: InvokeOptions): Run {
  const override = options.actions?.[action];
  if (override) return async (input, ctx) => override(input, ctx);
  if (!handler) throw unavailable(`action '${action}' has no handler`);
  const registered = transports.get(handler.kind);
  if (registered) return (input, ctx) => registered.invoke(handler, input, ctx);
  switch (handler.kind) {
    case 'function': {
      const fn = options.handlers?.[handler.name] ?? functions.get(handler.name);
      if (!fn) throw unavailable(`no handler registered for function '${handler.name}'`);
      return async (input, ctx) => fn(input, ctx);
    }
    case 'http':
      return (input, ctx) => httpTransport.invoke(handler, input, ctx);
    case 'lambda':
    case 'custom':
      throw unavailable(`'${handler.kind}' handlers need a handler in options.actions['${action}']`);
    case 'command':
    case 'mcp':
    case 'kafka':
      return async (input, ctx) => (await loadTransport(handler.kind)).invoke(handler, input, ctx);
  }
}

/**
 * Calls `action` of `connector` with `input`: validates the input, runs the
 * handler with the per-attempt timeout and the retry policy, validates the
 * output. Every failure is a redacted ActionError.
 */
export async function invokeAction<O = unknown>(connector: ConnectorDescriptor, action: string, input: unknown, options: InvokeOptions = {}): Promise<O> {
  const redactor = options.redactor ?? createRedactor();
  const clock = options.clock ?? realClock;
  const env = options.env ?? globalThis.process?.env ?? {};
  const provider = options.secrets ?? ((name: string) => env[name]);
  const label = `${connector.name}.${action}`;
  const log = (level: LogLevel, message: string, data?: { readonly [key: string]: unknown }) =>
    options.logger?.(level, redactor.redact(message), data && (redactValue(redactor, data) as { [key: string]: unknown }));
  let attempts = 0;
  try {
    const descriptor = connector.actions[action];
    if (!descriptor) throw new ActionError('VALIDATION', `connector '${connector.ref}' has no action '${action}'`);
    check(descriptor.validateInput, input, `input of ${label}`);
    const handler = descriptor.handler ?? (connector.kind === 'mcp-server' ? { kind: 'mcp' } : undefined);
    const run = runnerFor(action, handler, options);
    const timeoutMs = (options.timeoutSeconds ?? handler?.timeoutSeconds ?? connector.runtime.timeoutSeconds ?? 300) * 1000;
    const secret = async (name: string) => {
      const value = await provider(name);
      if (value) redactor.add(value);
      return value;
    };
    const output = await withRetry(
      handler?.retry,
      async (attempt) => {
        attempts = attempt;
        const controller = new AbortController();
        const cancel = () => controller.abort(new ActionError('CANCELED', `${label} was canceled`));
        if (options.signal?.aborted) cancel();
        options.signal?.addEventListener('abort', cancel, { once: true });
        const timer = setTimeout(() => controller.abort(new ActionError('TIMEOUT', `${label} timed out after ${timeoutMs / 1000} s`)), timeoutMs);
        const ctx: HandlerContext = {
          connector,
          action,
          attempt,
          timeoutMs,
          options,
          clock,
          redactor,
          secret,
          signal: controller.signal,
          env: (name) => env[name],
          substitute: (template, value) => substitute(template, value, ctx),
          log,
        };
        try {
          return await Promise.race([run(input, ctx), whenAborted(controller.signal)]);
        } catch (e) {
          throw controller.signal.aborted ? abortError(controller.signal) : toActionError(e);
        } finally {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', cancel);
        }
      },
      {
        clock,
        signal: options.signal,
        random: options.random,
        onRetry: (n, e, delay) => log('warn', `${label} attempt ${n} failed: ${e.message}`, { code: e.code, delayMs: delay }),
      },
    );
    check(descriptor.validateOutput, output, `output of ${label}`);
    return output as O;
  } catch (e) {
    const error = toActionError(e, 'INTERNAL_ERROR');
    const details = { attempts, ...error.details, connector: connector.ref, action };
    throw new ActionError(error.code, redactor.redact(error.message), redactValue(redactor, details) as typeof details, error.retryable);
  }
}
