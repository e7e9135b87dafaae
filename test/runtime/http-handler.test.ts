import { afterEach, describe, expect, it } from 'vitest';
import { invokeAction } from '../../runtime-lib/index.js';
import { failure, fakeLookup, httpConnector, json, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('http handler: request', () => {
  it('POSTs the input as JSON and unwraps a success envelope', async () => {
    server = await startServer((_req, res) => json(res, 200, { status: 'success', data: { temperature: 21 } }));
    const out = await invokeAction(httpConnector({ url: `${server.origin}/execute` }), 'call', { location: 'Oslo' });
    expect(out).toEqual({ temperature: 21 });
    const [seen] = server.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/execute');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ location: 'Oslo' });
  });

  it('returns a plain JSON body as the output (auto and plain modes)', async () => {
    server = await startServer((_req, res) => json(res, 200, { status: 'success', temperature: 3 }));
    expect(await invokeAction(httpConnector({ url: server.origin }), 'call', {})).toEqual({ status: 'success', temperature: 3 });
    expect(await invokeAction(httpConnector({ url: server.origin, response: 'plain' }), 'call', {})).toEqual({ status: 'success', temperature: 3 });
  });

  it('keeps an envelope-shaped body whole in plain mode and demands an envelope in envelope mode', async () => {
    server = await startServer((req, res) => (req.url === '/env' ? json(res, 200, { data: 1 }) : json(res, 200, { status: 'success', data: 7 })));
    expect(await invokeAction(httpConnector({ url: `${server.origin}/x`, response: 'plain' }), 'call', {})).toEqual({ status: 'success', data: 7 });
    const err = await failure(invokeAction(httpConnector({ url: `${server.origin}/env`, response: 'envelope' }), 'call', {}));
    expect(err.code).toBe('BACKEND_ERROR');
    expect(err.message).toContain('envelope');
  });

  it('maps an error envelope to its taxonomy code or BACKEND_ERROR with the backend code', async () => {
    server = await startServer((req, res) =>
      req.url === '/a'
        ? json(res, 200, { status: 'error', message: 'city not found', code: 'NOT_FOUND' })
        : json(res, 200, { status: 'error', message: 'try later', code: 'unavailable' }),
    );
    const a = await failure(invokeAction(httpConnector({ url: `${server.origin}/a` }), 'call', {}));
    expect(a).toMatchObject({ code: 'BACKEND_ERROR', details: { backendCode: 'NOT_FOUND' } });
    expect(a.message).toContain('city not found');
    const b = await failure(invokeAction(httpConnector({ url: `${server.origin}/b` }), 'call', {}));
    expect(b.code).toBe('UNAVAILABLE');
  });

  it('returns text for a non-JSON body and null for an empty one', async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.url === '/text' ? 'hello' : '');
    });
    expect(await invokeAction(httpConnector({ url: `${server.origin}/text` }), 'call', {})).toBe('hello');
    expect(await invokeAction(httpConnector({ url: `${server.origin}/empty` }), 'call', {})).toBeNull();
  });

  it('substitutes ${input.x} URL-encoded in the path and env/secrets verbatim', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connector = httpConnector({
      url: `\${env.BASE}/repos/\${input.repo}/issues/\${input.n}`,
      headers: { 'X-Env': '${env.REGION}', 'X-Secret': 'k=${secrets.KEY}', Authorization: 'Bearer ${TOKEN}' },
      query: { q: '${input.repo}' },
    });
    await invokeAction(
      connector,
      'call',
      { repo: 'a b/c?d', n: 4 },
      {
        env: { BASE: server.origin, REGION: 'eu/west' },
        secrets: (name) => ({ KEY: 's/1', TOKEN: 'tok' })[name],
      },
    );
    const [seen] = server.requests;
    expect(seen?.url).toBe('/repos/a%20b%2Fc%3Fd/issues/4?q=a+b%2Fc%3Fd');
    expect(seen?.headers['x-env']).toBe('eu/west');
    expect(seen?.headers['x-secret']).toBe('k=s/1');
    expect(seen?.headers['authorization']).toBe('Bearer tok');
  });

  it('a bare ${X} falls back to env when no secret has that name', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await invokeAction(
      httpConnector({ url: server.origin, headers: { 'X-A': '${ONLY_ENV}' } }),
      'call',
      {},
      { env: { ONLY_ENV: 'e' }, secrets: () => undefined },
    );
    expect(server.requests[0]?.headers['x-a']).toBe('e');
  });

  it('a missing env or secret is UNAVAILABLE naming it, before any request', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const err = await failure(invokeAction(httpConnector({ url: server.origin, headers: { A: '${secrets.NOPE}' } }), 'call', {}, { env: {} }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toContain('secrets.NOPE');
    expect(server.requests).toHaveLength(0);
  });

  it('substitutes a whole-URL input placeholder without encoding it', async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const out = await invokeAction(httpConnector({ url: '${input.callback}' }), 'call', { callback: `${server.origin}/cb?x=1` });
    expect(out).toEqual({ ok: true });
    expect(server.requests[0]?.url).toBe('/cb?x=1');
  });

  it('GET sends no body and turns unused input fields into query parameters', async () => {
    server = await startServer((_req, res) => json(res, 200, []));
    await invokeAction(httpConnector({ method: 'GET', url: `${server.origin}/users/\${input.owner}/repos` }), 'call', {
      owner: 'octo',
      type: 'public',
      tags: ['a', 'b'],
      filter: { x: 1 },
      skip: null,
    });
    const [seen] = server.requests;
    expect(seen?.method).toBe('GET');
    expect(seen?.body).toBe('');
    expect(seen?.url).toBe('/users/octo/repos?type=public&tags=a&tags=b&filter=%7B%22x%22%3A1%7D');
  });

  it('sends an explicit body template, keeping a whole-placeholder value typed', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connector = httpConnector({ url: server.origin, body: { query: '${input.q}', size: '${input.n}', label: 'n=${input.n}', fixed: [true] } });
    await invokeAction(connector, 'call', { q: 'x', n: 5 });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ query: 'x', size: 5, label: 'n=5', fixed: [true] });
  });

  it('options.baseUrl replaces the origin (string or per-origin map)', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connector = httpConnector({ url: 'http://weather-service:8000/execute?v=1' });
    await invokeAction(connector, 'call', {}, { baseUrl: `${server.origin}/prefix/` });
    await invokeAction(connector, 'call', {}, { baseUrl: { 'http://weather-service:8000': server.origin } });
    expect(server.requests.map((r) => r.url)).toEqual(['/prefix/execute?v=1', '/execute?v=1']);
  });

  it('connects to the resolved address but keeps the name in the Host header', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const lookup = fakeLookup({ 'svc.test': '127.0.0.1' });
    await invokeAction(httpConnector({ url: `http://svc.test:${server.port}/x` }), 'call', {}, { lookup });
    expect(lookup.asked).toEqual(['svc.test']);
    expect(server.requests[0]?.headers.host).toBe(`svc.test:${server.port}`);
  });

  it('follows redirects, turning a POST into a GET on 303 and keeping it on 307', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/see-other') return void res.writeHead(303, { location: '/done' }).end();
      if (req.url === '/temporary') return void res.writeHead(307, { location: '/done' }).end();
      json(res, 200, { method: req.method, body: req.body });
    });
    expect(await invokeAction(httpConnector({ url: `${server.origin}/see-other` }), 'call', { a: 1 })).toEqual({ method: 'GET', body: '' });
    expect(await invokeAction(httpConnector({ url: `${server.origin}/temporary` }), 'call', { a: 1 })).toEqual({ method: 'POST', body: '{"a":1}' });
  });

  it('gives up after 5 redirects', async () => {
    server = await startServer((_req, res) => void res.writeHead(302, { location: '/again' }).end());
    const err = await failure(invokeAction(httpConnector({ url: server.origin }), 'call', {}));
    expect(err.code).toBe('BACKEND_ERROR');
    expect(server.requests).toHaveLength(6);
  });

  it('an unreachable server is UNAVAILABLE; a bad URL is VALIDATION', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const port = server.port;
    await server.close();
    server = undefined;
    const down = await failure(invokeAction(httpConnector({ url: `http://127.0.0.1:${port}/` }), 'call', {}));
    expect(down).toMatchObject({ code: 'UNAVAILABLE', details: { backendCode: 'ECONNREFUSED' } });
    const bad = await failure(invokeAction(httpConnector({ url: '${input.u}' }), 'call', { u: 'not a url' }));
    expect(bad.code).toBe('VALIDATION');
    const scheme = await failure(invokeAction(httpConnector({ url: '${input.u}' }), 'call', { u: 'file:///etc/passwd' }));
    expect(scheme.code).toBe('VALIDATION');
  });

  it('uses a caller-supplied fetch with manual redirects', async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (url, init) => {
      calls.push(`${init?.method} ${String(url)} ${init?.redirect}`);
      return new Response(JSON.stringify({ status: 'success', data: 'ok' }), { status: 200 });
    };
    expect(await invokeAction(httpConnector({ url: 'http://nowhere.test/x' }), 'call', {}, { fetch: fetchImpl })).toBe('ok');
    expect(calls).toEqual(['POST http://nowhere.test/x manual']);
  });
});

describe('http handler: status mapping', () => {
  it.each([
    [400, 'BACKEND_ERROR', false],
    [404, 'BACKEND_ERROR', false],
    [408, 'BACKEND_ERROR', true],
    [429, 'RATE_LIMIT', true],
    [500, 'BACKEND_ERROR', true],
    [503, 'BACKEND_ERROR', true],
  ])('HTTP %i → %s (retryable %s)', async (status, code, retryable) => {
    server = await startServer((_req, res) => json(res, status, { message: 'nope' }));
    const err = await failure(invokeAction(httpConnector({ url: `${server.origin}/p?key=secret` }), 'call', {}));
    expect(err).toMatchObject({
      code,
      retryable,
      details: { status, httpCode: `HTTP_${status}`, attempts: 1, connector: 'connector:test/svc@1.0.0', action: 'call' },
    });
    expect(err.message).toBe(`POST request to ${server.origin}/p failed with HTTP ${status}: nope`);
  });
});
