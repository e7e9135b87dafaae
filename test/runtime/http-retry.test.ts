import { afterEach, describe, expect, it } from 'vitest';
import { invokeAction, type RetryPolicy } from '../../runtime-lib/index.js';
import { failure, fakeClock, httpConnector, json, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server failing the first `failures` requests with `status`, then answering `{n}`. */
async function flaky(failures: number, status = 503, headers: Record<string, string> = {}) {
  server = await startServer((_req, res) => {
    const n = server?.requests.length ?? 0;
    if (n <= failures) json(res, status, { message: `failure ${n}` }, headers);
    else json(res, 200, { n });
  });
  return server;
}

describe('http retry', () => {
  it.each<[string, RetryPolicy, number[]]>([
    ['fixed', { maxAttempts: 4, backoff: 'fixed', initialDelay: 2 }, [2000, 2000, 2000]],
    ['linear', { maxAttempts: 4, backoff: 'linear', initialDelay: 1.5 }, [1500, 3000, 4500]],
    ['exponential', { maxAttempts: 4, backoff: 'exponential' }, [1000, 2000, 4000]],
    ['exponential with factor 3 and maxDelay 5', { maxAttempts: 4, backoff: 'exponential', backoffFactor: 3, maxDelay: 5 }, [1000, 3000, 5000]],
    ['weather example (factor 0.5)', { maxAttempts: 4, backoff: 'exponential', backoffFactor: 0.5 }, [1000, 500, 250]],
  ])('%s: delays through the clock', async (_name, retry, delays) => {
    const s = await flaky(3);
    const clock = fakeClock();
    expect(await invokeAction(httpConnector({ url: s.origin, retry }), 'call', {}, { clock })).toEqual({ n: 4 });
    expect(clock.sleeps).toEqual(delays);
    expect(s.requests).toHaveLength(4);
  });

  it('full jitter scales each delay by the random source', async () => {
    const s = await flaky(2);
    const clock = fakeClock();
    await invokeAction(
      httpConnector({ url: s.origin, retry: { maxAttempts: 3, backoff: 'fixed', initialDelay: 10, jitter: true } }),
      'call',
      {},
      { clock, random: () => 0.25 },
    );
    expect(clock.sleeps).toEqual([2500, 2500]);
  });

  it('maxAttempts counts every attempt; the final error says how many were made', async () => {
    const s = await flaky(10);
    const clock = fakeClock();
    const err = await failure(invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 3, backoff: 'fixed' } }), 'call', {}, { clock }));
    expect(err).toMatchObject({ code: 'BACKEND_ERROR', details: { status: 503, attempts: 3 } });
    expect(s.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('a 4xx is not retried, 408 is', async () => {
    const s = await flaky(1, 404);
    const clock = fakeClock();
    const err = await failure(invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 3 } }), 'call', {}, { clock }));
    expect(err.details.attempts).toBe(1);
    await s.close();
    const t = await flaky(1, 408);
    expect(await invokeAction(httpConnector({ url: t.origin, retry: { maxAttempts: 3 } }), 'call', {}, { clock })).toEqual({ n: 2 });
  });

  it('retryOn limits the codes that retry, case-insensitively, and can name an HTTP status', async () => {
    const clock = fakeClock();
    const s = await flaky(1, 503);
    const err = await failure(
      invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 3, retryOn: ['timeout', 'rate_limit'] } }), 'call', {}, { clock }),
    );
    expect(err.details.attempts).toBe(1);
    await s.close();
    const t = await flaky(1, 409);
    expect(await invokeAction(httpConnector({ url: t.origin, retry: { maxAttempts: 2, retryOn: ['http_409'] } }), 'call', {}, { clock })).toEqual({ n: 2 });
  });

  it('429 is RATE_LIMIT and Retry-After (seconds) replaces the computed delay', async () => {
    const s = await flaky(2, 429, { 'retry-after': '7' });
    const clock = fakeClock();
    expect(await invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 3, backoff: 'fixed' } }), 'call', {}, { clock })).toEqual({ n: 3 });
    expect(clock.sleeps).toEqual([7000, 7000]);
  });

  it('Retry-After as an HTTP date is measured against the clock', async () => {
    const clock = fakeClock();
    const s = await flaky(1, 429, { 'retry-after': new Date(clock.now() + 12_000).toUTCString() });
    await invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 2 } }), 'call', {}, { clock });
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('a Retry-After beyond maxDelay ends the retries with RATE_LIMIT', async () => {
    const s = await flaky(5, 429, { 'retry-after': '120' });
    const clock = fakeClock();
    const err = await failure(invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 5 } }), 'call', {}, { clock }));
    expect(err).toMatchObject({ code: 'RATE_LIMIT', details: { retryAfterMs: 120_000, attempts: 1, httpCode: 'HTTP_429' } });
    expect(clock.sleeps).toEqual([]);
  });

  it('logs each retry through the logger', async () => {
    const s = await flaky(1);
    const lines: string[] = [];
    await invokeAction(
      httpConnector({ url: s.origin, retry: { maxAttempts: 2 } }),
      'call',
      {},
      { clock: fakeClock(), logger: (level, message) => lines.push(`${level} ${message}`) },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn svc\.call attempt 1 failed: POST request to .* failed with HTTP 503: failure 1$/);
  });
});

describe('http timeout and cancel', () => {
  /** A server that never answers; resolves `closed` when the client drops the socket. */
  async function silent() {
    let onClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (onClose = resolve));
    let onArrive: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (onArrive = resolve));
    server = await startServer((_req, _res, raw) => {
      raw.socket.on('close', onClose);
      onArrive();
    });
    return { s: server, closed, arrived };
  }

  it('a handler timeout ends the call with TIMEOUT and closes the connection', async () => {
    const { s, closed } = await silent();
    const err = await failure(invokeAction(httpConnector({ url: s.origin, timeoutSeconds: 0.2 }), 'call', {}));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('timed out after 0.2 s');
    await closed;
  });

  it('the connector timeout applies when the handler has none, and TIMEOUT is retried', async () => {
    const { s } = await silent();
    const clock = fakeClock();
    const connector = httpConnector({ url: s.origin, retry: { maxAttempts: 2, backoff: 'fixed' } }, { runtime: { timeoutSeconds: 0.1 } });
    const err = await failure(invokeAction(connector, 'call', {}, { clock }));
    expect(err).toMatchObject({ code: 'TIMEOUT', details: { attempts: 2 } });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('aborting the caller signal ends the call with CANCELED, closes the connection and stops retrying', async () => {
    const { s, closed, arrived } = await silent();
    const controller = new AbortController();
    const call = invokeAction(httpConnector({ url: s.origin, retry: { maxAttempts: 5 } }), 'call', {}, { signal: controller.signal, clock: fakeClock() });
    await arrived;
    controller.abort();
    const err = await failure(call);
    expect(err).toMatchObject({ code: 'CANCELED', details: { attempts: 1 } });
    await closed;
    expect(s.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const err = await failure(invokeAction(httpConnector({ url: server.origin }), 'call', {}, { signal: AbortSignal.abort() }));
    expect(err.code).toBe('CANCELED');
    expect(server.requests).toHaveLength(0);
  });
});
