import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  ActionError,
  createRedactor,
  fromAjv,
  invokeAction,
  registerAction,
  registerTransport,
  retryDelayMs,
  shouldRetry,
  toActionError,
  unregisterAction,
  withRetry,
  type ConnectorDescriptor,
  type HandlerConfig,
  type RetryPolicy,
} from '../../runtime-lib/index.js';
import { failure, fakeClock } from './helpers.js';

const ajv = new Ajv({ allErrors: true });
const validateInput = fromAjv(
  ajv.compile({
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['a', 'b'],
  }),
);
const validateOutput = fromAjv(ajv.compile({ type: 'object', properties: { result: { type: 'number' } }, required: ['result'] }));

function connector(handler: HandlerConfig | undefined, kind: ConnectorDescriptor['kind'] = 'sdk'): ConnectorDescriptor {
  return {
    ref: 'connector:community/calculator@1.0.0',
    name: 'calculator',
    kind,
    runtime: { timeoutSeconds: 5 },
    actions: { add: { handler, validateInput, validateOutput } },
  };
}
const add = connector({ kind: 'function', name: 'calculator.add' });

describe('function handlers', () => {
  it('runs a function registered by name', async () => {
    registerAction('calculator.add', (input) => {
      const { a, b } = input as { a: number; b: number };
      return { result: a + b };
    });
    try {
      expect(await invokeAction(add, 'add', { a: 2, b: 3 })).toEqual({ result: 5 });
    } finally {
      unregisterAction('calculator.add');
    }
  });

  it('options.handlers wins over the registry and receives a context', async () => {
    registerAction('calculator.add', () => ({ result: -1 }));
    try {
      const out = await invokeAction(
        add,
        'add',
        { a: 1, b: 1 },
        { handlers: { 'calculator.add': async (_i, ctx) => ({ result: ctx.attempt + ctx.timeoutMs }) } },
      );
      expect(out).toEqual({ result: 1 + 5000 });
    } finally {
      unregisterAction('calculator.add');
    }
  });

  it('a missing function is UNAVAILABLE naming it', async () => {
    const err = await failure(invokeAction(add, 'add', { a: 1, b: 2 }));
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: false, details: { connector: 'connector:community/calculator@1.0.0', action: 'add' } });
    expect(err.message).toBe("no handler registered for function 'calculator.add'");
  });

  it('a thrown error becomes BACKEND_ERROR, a thrown taxonomy code is kept, other codes go to backendCode', async () => {
    const run = (fn: () => unknown) => failure(invokeAction(add, 'add', { a: 1, b: 2 }, { handlers: { 'calculator.add': fn } }));
    expect(
      (
        await run(() => {
          throw new Error('division by zero');
        })
      ).toJSON(),
    ).toMatchObject({ code: 'BACKEND_ERROR', message: 'division by zero' });
    expect(
      (
        await run(() => {
          throw Object.assign(new Error('slow'), { code: 'rate_limit' });
        })
      ).code,
    ).toBe('RATE_LIMIT');
    expect(
      (
        await run(() => {
          throw Object.assign(new Error('x'), { code: 'ENOENT' });
        })
      ).details.backendCode,
    ).toBe('ENOENT');
    expect(
      (
        await run(() => {
          throw new ActionError('UNAVAILABLE', 'down');
        })
      ).code,
    ).toBe('UNAVAILABLE');
  });

  it('retries a function handler under its policy', async () => {
    let calls = 0;
    const clock = fakeClock();
    const c = connector({ kind: 'function', name: 'f', retry: { maxAttempts: 3, backoff: 'linear' } });
    const out = await invokeAction(
      c,
      'add',
      { a: 1, b: 2 },
      { clock, handlers: { f: () => (++calls < 3 ? Promise.reject(new ActionError('UNAVAILABLE', 'busy')) : { result: calls }) } },
    );
    expect(out).toEqual({ result: 3 });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('a handler that ignores the signal still times out, and sees its signal aborted', async () => {
    let seen: AbortSignal | undefined;
    const c = connector({ kind: 'function', name: 'slow', timeoutSeconds: 0.05 });
    const err = await failure(
      invokeAction(
        c,
        'add',
        { a: 1, b: 2 },
        {
          handlers: {
            slow: (_i, ctx) => {
              seen = ctx.signal;
              return new Promise(() => undefined);
            },
          },
        },
      ),
    );
    expect(err.code).toBe('TIMEOUT');
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(ActionError);
  });

  it('options.timeoutSeconds overrides the handler and connector timeouts', async () => {
    const c = connector({ kind: 'function', name: 'slow', timeoutSeconds: 100 });
    const err = await failure(invokeAction(c, 'add', { a: 1, b: 2 }, { timeoutSeconds: 0.02, handlers: { slow: () => new Promise(() => undefined) } }));
    expect(err.message).toBe('calculator.add timed out after 0.02 s');
  });
});

describe('validation', () => {
  it('invalid input is VALIDATION with the failing paths and the handler is not called', async () => {
    let called = false;
    const err = await failure(invokeAction(add, 'add', { a: 'x', tags: [1] }, { handlers: { 'calculator.add': () => (called = true) } }));
    expect(err.code).toBe('VALIDATION');
    expect(err.details.paths).toEqual(['/b', '/a', '/tags/0']);
    expect(err.message).toBe("input of calculator.add is invalid: /b must have required property 'b'; /a must be number; /tags/0 must be string");
    expect(called).toBe(false);
  });

  it('invalid output is VALIDATION with paths and is not retried', async () => {
    let calls = 0;
    const c = connector({ kind: 'function', name: 'bad', retry: { maxAttempts: 3 } });
    const err = await failure(invokeAction(c, 'add', { a: 1, b: 2 }, { clock: fakeClock(), handlers: { bad: () => (calls++, { result: 'three' }) } }));
    expect(err).toMatchObject({ code: 'VALIDATION', details: { paths: ['/result'] } });
    expect(err.message).toContain('output of calculator.add is invalid');
    expect(calls).toBe(1);
  });

  it('fromAjv points required errors at the missing field (JSON Pointer escaped)', () => {
    const v = fromAjv(ajv.compile({ type: 'object', required: ['a/b~c'] }));
    expect(v({})).toEqual({ ok: false, errors: [{ path: '/a~1b~0c', message: "must have required property 'a/b~c'" }] });
    expect(v({ 'a/b~c': 1 })).toEqual({ ok: true });
  });

  it('an unknown action is VALIDATION', async () => {
    expect((await failure(invokeAction(add, 'nope', {}))).message).toBe("connector 'connector:community/calculator@1.0.0' has no action 'nope'");
  });
});

describe('other kinds', () => {
  it.each(['lambda', 'custom'] as const)('%s is UNAVAILABLE unless options.actions supplies it', async (kind) => {
    const c = connector({ kind, config: { arn: 'x' } }, kind);
    const err = await failure(invokeAction(c, 'add', { a: 1, b: 2 }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(`'${kind}' handlers need a handler in options.actions['add']`);
    expect(await invokeAction(c, 'add', { a: 1, b: 2 }, { actions: { add: () => ({ result: 9 }) } })).toEqual({ result: 9 });
  });

  it('mcp-server actions without a handler go to the mcp transport; registerTransport replaces it', async () => {
    const seen: unknown[] = [];
    registerTransport('mcp', { invoke: async (config, input, ctx) => (seen.push([config, input, ctx.connector.mcp]), { result: 1 }) });
    const c: ConnectorDescriptor = { ...connector(undefined, 'mcp-server'), mcp: { transport: 'stdio', command: 'srv' } };
    expect(await invokeAction(c, 'add', { a: 1, b: 2 })).toEqual({ result: 1 });
    expect(seen).toEqual([[{ kind: 'mcp' }, { a: 1, b: 2 }, { transport: 'stdio', command: 'srv' }]]);
  });
});

describe('redaction', () => {
  it('scrubs secret values read through the provider from errors and logs', async () => {
    const lines: string[] = [];
    const c = connector({ kind: 'function', name: 'leaky', retry: { maxAttempts: 2 } });
    const err = await failure(
      invokeAction(
        c,
        'add',
        { a: 1, b: 2 },
        {
          clock: fakeClock(),
          secrets: (name) => (name === 'DB_PASSWORD' ? 'hunter2!' : undefined),
          logger: (level, message, data) => lines.push(`${level} ${message} ${JSON.stringify(data)}`),
          handlers: {
            leaky: async (_i, ctx) => {
              const pw = await ctx.secret('DB_PASSWORD');
              ctx.log('info', `connecting with ${pw}`, { pw });
              throw new ActionError('UNAVAILABLE', `login failed for password ${pw} (${encodeURIComponent(pw ?? '')})`, { stderr: `pw=${pw}` });
            },
          },
        },
      ),
    );
    expect(err.message).toBe('login failed for password *** (***)');
    expect(err.details.stderr).toBe('pw=***');
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines[0]).toBe('info connecting with *** {"pw":"***"}');
  });

  it('a shared redactor keeps secrets across calls', () => {
    const r = createRedactor();
    r.add('abc');
    r.add('abcdef');
    expect(r.redact('x abcdef abc')).toBe('x *** ***');
    expect(r.contains('..abc..')).toBe(true);
    expect(r.contains('..ab..')).toBe(false);
  });
});

describe('retry policy arithmetic', () => {
  it.each<[RetryPolicy, number, number]>([
    [{ maxAttempts: 5, backoff: 'fixed' }, 3, 1000],
    [{ maxAttempts: 5, backoff: 'linear', initialDelay: 2 }, 3, 6000],
    [{ maxAttempts: 5 }, 4, 8000],
    [{ maxAttempts: 9, backoffFactor: 10 }, 5, 60_000],
    [{ maxAttempts: 9, backoffFactor: 10, maxDelay: 120 }, 3, 100_000],
  ])('%j after attempt %i waits %i ms', (policy, n, ms) => {
    expect(retryDelayMs(policy, n)).toBe(ms);
  });

  it('shouldRetry: never CANCELED/VALIDATION; retryOn limits; non-retryable only when named', () => {
    const e = (code: string, retryable?: boolean, httpCode?: `HTTP_${number}`) => new ActionError(code, 'x', httpCode ? { httpCode } : {}, retryable);
    expect(shouldRetry({ maxAttempts: 3 }, e('CANCELED'))).toBe(false);
    expect(shouldRetry({ maxAttempts: 3, retryOn: ['validation'] }, e('VALIDATION'))).toBe(false);
    expect(shouldRetry({ maxAttempts: 3 }, e('TIMEOUT'))).toBe(true);
    expect(shouldRetry({ maxAttempts: 3, retryOn: ['Timeout'] }, e('TIMEOUT'))).toBe(true);
    expect(shouldRetry({ maxAttempts: 3, retryOn: ['timeout'] }, e('BACKEND_ERROR'))).toBe(false);
    expect(shouldRetry({ maxAttempts: 3, retryOn: ['BACKEND_ERROR'] }, e('BACKEND_ERROR', false, 'HTTP_400'))).toBe(false);
    expect(shouldRetry({ maxAttempts: 3, retryOn: ['HTTP_400'] }, e('BACKEND_ERROR', false, 'HTTP_400'))).toBe(true);
  });

  it('withRetry stops when the clock sleep is canceled', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    let n = 0;
    const err = await failure(
      withRetry(
        { maxAttempts: 5 },
        async () => {
          if (++n === 2) controller.abort();
          throw new ActionError('UNAVAILABLE', 'down');
        },
        { clock, signal: controller.signal },
      ),
    );
    expect(err.code).toBe('CANCELED');
    expect(n).toBe(2);
  });

  it('toActionError keeps ActionErrors and wraps anything else', () => {
    const a = new ActionError('TIMEOUT', 't');
    expect(toActionError(a)).toBe(a);
    expect(toActionError('boom', 'INTERNAL_ERROR').toJSON()).toEqual({ code: 'INTERNAL_ERROR', message: 'boom', details: {} });
  });
});
