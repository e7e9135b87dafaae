import { afterEach, describe, expect, it } from 'vitest';
import { invokeAction, type AuthConfig } from '../../runtime-lib/index.js';
import { failure, fakeClock, fakeLookup, httpConnector, json, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echo = () => startServer((req, res) => json(res, 200, { url: req.url, headers: req.headers }));

async function call(
  auth: AuthConfig,
  secrets: Record<string, string>,
  headers?: Record<string, string>,
): Promise<{ url: string; headers: Record<string, string> }> {
  server ??= await echo();
  return invokeAction(httpConnector({ url: `${server.origin}/p`, headers }, { auth }), 'call', {}, { secrets: (n) => secrets[n] });
}

describe('http auth', () => {
  it('apiKey in a header with a prefix, from <PREFIX>_API_KEY', async () => {
    const out = await call({ type: 'apiKey', in: 'header', name: 'X-API-Key', prefix: 'Key' }, { SVC_API_KEY: 'k1' });
    expect(out.headers['x-api-key']).toBe('Key k1');
  });

  it('apiKey in the query and in a cookie, from a named secret', async () => {
    const q = await call({ type: 'apiKey', in: 'query', name: 'api_key', secrets: { apiKey: 'MY_KEY' } }, { MY_KEY: 'k 2' });
    expect(q.url).toBe('/p?api_key=k+2');
    const c = await call({ type: 'apiKey', in: 'cookie', name: 'session' }, { SVC_API_KEY: 'k3' });
    expect(c.headers['cookie']).toBe('session=k3');
  });

  it('bearer and basic', async () => {
    expect((await call({ type: 'bearer', scheme: 'jwt' }, { SVC_TOKEN: 't' })).headers['authorization']).toBe('Bearer t');
    const basic = await call({ type: 'basic' }, { SVC_USERNAME: 'u', SVC_PASSWORD: 'p:w' });
    expect(basic.headers['authorization']).toBe(`Basic ${Buffer.from('u:p:w').toString('base64')}`);
  });

  it('a handler header that sets the auth header wins and no secret is needed', async () => {
    const out = await call({ type: 'bearer' }, { GITHUB_TOKEN: 'gh' }, { Authorization: 'Bearer ${GITHUB_TOKEN}' });
    expect(out.headers['authorization']).toBe('Bearer gh');
  });

  it('a missing credential is UNAVAILABLE naming the secret, and nothing is sent', async () => {
    server = await echo();
    const err = await failure(call({ type: 'apiKey', in: 'header', name: 'X-Key' }, {}));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toContain("secret 'SVC_API_KEY' is not set");
    expect(server.requests).toHaveLength(0);
  });
});

describe('oauth2 client credentials', () => {
  /** A token endpoint issuing tok-1, tok-2, … and an API accepting only tokens in `valid`. */
  async function oauthServer(opts: { expiresIn?: number; valid?: (token: string) => boolean } = {}) {
    let issued = 0;
    const tokenRequests: { auth: string | undefined; body: string }[] = [];
    server = await startServer((req, res) => {
      if (req.url === '/token') {
        tokenRequests.push({ auth: req.headers.authorization, body: req.body });
        issued++;
        return json(res, 200, { access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: opts.expiresIn ?? 3600 });
      }
      const token = (req.headers.authorization ?? '').replace('Bearer ', '');
      if (opts.valid && !opts.valid(token)) return json(res, 401, { message: 'expired token' });
      json(res, 200, { token });
    });
    const auth: AuthConfig = { type: 'oauth2', flow: 'client_credentials', tokenUrl: `${server.origin}/token`, scopes: ['read', 'write'] };
    return { auth, tokenRequests, connector: httpConnector({ url: `${server.origin}/api` }, { auth }) };
  }
  const secrets = (n: string) => ({ SVC_CLIENT_ID: 'client', SVC_CLIENT_SECRET: 's3cret' })[n];

  it('fetches a token with client_credentials and caches it until expiry', async () => {
    const { connector, tokenRequests } = await oauthServer({ expiresIn: 3600 });
    const clock = fakeClock();
    expect(await invokeAction(connector, 'call', {}, { secrets, clock })).toEqual({ token: 'tok-1' });
    expect(await invokeAction(connector, 'call', {}, { secrets, clock })).toEqual({ token: 'tok-1' });
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.auth).toBe(`Basic ${Buffer.from('client:s3cret').toString('base64')}`);
    expect(new URLSearchParams(tokenRequests[0]?.body).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(tokenRequests[0]?.body).get('scope')).toBe('read write');
    clock.advance(3600 * 1000 - 31_000);
    expect(await invokeAction(connector, 'call', {}, { secrets, clock })).toEqual({ token: 'tok-1' });
    clock.advance(2_000);
    expect(await invokeAction(connector, 'call', {}, { secrets, clock })).toEqual({ token: 'tok-2' });
    expect(tokenRequests).toHaveLength(2);
  });

  it('concurrent calls share one token request', async () => {
    const { connector, tokenRequests } = await oauthServer();
    await Promise.all([1, 2, 3].map(() => invokeAction(connector, 'call', {}, { secrets })));
    expect(tokenRequests).toHaveLength(1);
  });

  it('a 401 refreshes the token once and repeats the request', async () => {
    const { connector, tokenRequests } = await oauthServer({ valid: (t) => t !== 'tok-1' });
    expect(await invokeAction(connector, 'call', {}, { secrets })).toEqual({ token: 'tok-2' });
    expect(tokenRequests).toHaveLength(2);
    expect(server?.requests.map((r) => r.url)).toEqual(['/token', '/api', '/token', '/api']);
  });

  it('a 401 after the refresh fails with HTTP_401 without a third token request', async () => {
    const { connector } = await oauthServer({ valid: () => false });
    const err = await failure(invokeAction(connector, 'call', {}, { secrets }));
    expect(err).toMatchObject({ code: 'BACKEND_ERROR', retryable: false, details: { status: 401, httpCode: 'HTTP_401' } });
    expect(server?.requests.map((r) => r.url)).toEqual(['/token', '/api', '/token', '/api']);
  });

  it('client auth in the body when configured', async () => {
    const { auth, tokenRequests } = await oauthServer();
    const connector = httpConnector({ url: `${server?.origin}/api` }, { auth: { ...auth, clientAuth: 'body', scopes: [] } });
    await invokeAction(connector, 'call', {}, { secrets });
    const form = new URLSearchParams(tokenRequests[0]?.body);
    expect(tokenRequests[0]?.auth).toBeUndefined();
    expect([form.get('client_id'), form.get('client_secret'), form.get('scope')]).toEqual(['client', 's3cret', null]);
  });

  it('a failing token endpoint is reported with its status and the secret scrubbed', async () => {
    server = await startServer((req, res) => json(res, 400, { error: 'invalid_client', error_description: `bad secret s3cret in ${req.body}` }));
    const connector = httpConnector({ url: `${server.origin}/api` }, { auth: { type: 'oauth2', tokenUrl: `${server.origin}/token` } });
    const err = await failure(invokeAction(connector, 'call', {}, { secrets }));
    expect(err).toMatchObject({ code: 'BACKEND_ERROR', details: { status: 400 } });
    expect(err.message).toContain('oauth2 token request');
    expect(err.message).not.toContain('s3cret');
    expect(err.message).toContain('bad secret ***');
  });

  it('other flows send the <PREFIX>_ACCESS_TOKEN secret', async () => {
    server = await echo();
    const connector = httpConnector({ url: server.origin }, { auth: { type: 'oauth2', flow: 'authorization_code', authorizationUrl: 'x' } as AuthConfig });
    const out = await invokeAction<{ headers: Record<string, string> }>(
      connector,
      'call',
      {},
      { secrets: (n) => (n === 'SVC_ACCESS_TOKEN' ? 'at' : undefined) },
    );
    expect(out.headers['authorization']).toBe('Bearer at');
  });
});

describe('redaction over HTTP', () => {
  it('secrets sent in headers, basic credentials and oauth2 tokens never reach an error message', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/token') return json(res, 200, { access_token: 'tok-XYZ', expires_in: 60 });
      json(res, 500, { message: `rejected ${req.headers['authorization']} / ${req.headers['x-key']}` });
    });
    const secrets = (n: string) => ({ KEY: 'k-123', SVC_USERNAME: 'user', SVC_PASSWORD: 'pa55', SVC_CLIENT_ID: 'id', SVC_CLIENT_SECRET: 'cs' })[n];
    const withKey = httpConnector({ url: `${server.origin}/a`, headers: { 'X-Key': '${secrets.KEY}' } }, { auth: { type: 'basic' } });
    const a = await failure(invokeAction(withKey, 'call', {}, { secrets }));
    expect(a.message).toBe(`POST request to ${server.origin}/a failed with HTTP 500: rejected Basic *** / ***`);
    const oauth = httpConnector({ url: `${server.origin}/b` }, { auth: { type: 'oauth2', tokenUrl: `${server.origin}/token` } });
    const b = await failure(invokeAction(oauth, 'call', {}, { secrets }));
    expect(b.message).toContain('rejected Bearer *** / undefined');
    // A second call takes the cached token and must still scrub it with its own redactor.
    const c = await failure(invokeAction(oauth, 'call', {}, { secrets }));
    expect(c.message).not.toContain('tok-XYZ');
  });
});

describe('credentials on redirects', () => {
  it('are kept on a same-origin hop and dropped on a cross-origin one', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/same') return void res.writeHead(307, { location: '/landed' }).end();
      if (req.url === '/cross') return void res.writeHead(307, { location: `http://other.test:${server?.port}/landed` }).end();
      json(res, 200, { key: req.headers['x-api-key'] ?? null, auth: req.headers['authorization'] ?? null });
    });
    const lookup = fakeLookup({ 'first.test': '127.0.0.1', 'other.test': '127.0.0.1' });
    const auth: AuthConfig = { type: 'apiKey', in: 'header', name: 'X-API-Key' };
    const run = (path: string) =>
      invokeAction(
        httpConnector({ url: `http://first.test:${server?.port}${path}`, headers: { Authorization: 'Bearer ${T}' } }, { auth }),
        'call',
        {},
        { lookup, secrets: (n) => ({ SVC_API_KEY: 'k', T: 't' })[n] },
      );
    expect(await run('/same')).toEqual({ key: 'k', auth: 'Bearer t' });
    expect(await run('/cross')).toEqual({ key: null, auth: null });
  });
});
