/**
 * A HandlerContext for calling a transport directly, built from the runtime's
 * own pieces (template substitution, redactor, clock). Its signal aborts with
 * a TIMEOUT ActionError after `timeoutMs`, or with CANCELED when `cancel` aborts,
 * as invokeAction's does.
 */
import { realClock } from '../../../runtime-lib/src/clock.js';
import { ActionError } from '../../../runtime-lib/src/errors.js';
import { createRedactor } from '../../../runtime-lib/src/redact.js';
import { substitute } from '../../../runtime-lib/src/template.js';
import type { ConnectorDescriptor, HandlerContext } from '../../../runtime-lib/src/types.js';

export interface TestContextOptions {
  readonly action?: string;
  readonly connector?: ConnectorDescriptor;
  readonly env?: { readonly [name: string]: string };
  readonly secrets?: { readonly [name: string]: string };
  readonly timeoutMs?: number;
  readonly cancel?: AbortSignal;
}

export interface TestContext {
  readonly context: HandlerContext;
  /** Stops the timeout timer. */
  dispose(): void;
}

/** Builds a context; call `dispose()` when the call has settled. */
export function testContext(options: TestContextOptions = {}): TestContext {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ActionError('TIMEOUT', `the call timed out after ${timeoutMs} ms`)), timeoutMs);
  options.cancel?.addEventListener('abort', () => controller.abort(new ActionError('CANCELED', 'the call was canceled')), { once: true });
  const redactor = createRedactor();
  const env: { readonly [name: string]: string } = { PATH: process.env['PATH'] ?? '', ...options.env };
  const vars = {
    env: (name: string) => env[name],
    secret: async (name: string) => {
      const value = options.secrets?.[name];
      if (value !== undefined) redactor.add(value);
      return value;
    },
  };
  const context: HandlerContext = {
    connector: options.connector ?? { ref: 'connector:tests/fixture@1.0.0', name: 'fixture', kind: 'command', runtime: {}, actions: {} },
    action: options.action ?? 'run',
    signal: controller.signal,
    attempt: 1,
    timeoutMs,
    options: {},
    clock: realClock,
    redactor,
    env: vars.env,
    secret: vars.secret,
    substitute: (template, input) => substitute(template, input, vars),
    log: () => undefined,
  };
  return { context, dispose: () => clearTimeout(timer) };
}

export { failure } from '../helpers.js';
