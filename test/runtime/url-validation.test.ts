import { afterEach, describe, expect, it } from 'vitest';
import { invokeAction, type UrlValidation } from '../../runtime-lib/index.js';
import { isBlockedAddress } from '../../runtime-lib/src/http/url-policy.js';
import { failure, fakeLookup, httpConnector, json, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A connector whose URL comes from the input, under `policy`. */
const fromInput = (policy: UrlValidation) => httpConnector({ url: '${input.url}', urlValidation: policy });

describe('isBlockedAddress', () => {
  it.each<[string, UrlValidation, string | undefined]>([
    ['169.254.169.254', {}, 'link-local/metadata'],
    ['169.254.169.254', { allowPrivateNetworks: true, allowLoopback: true }, 'link-local/metadata'],
    ['fd00:ec2::254', { allowPrivateNetworks: true }, 'link-local/metadata'],
    ['fe80::1', {}, 'link-local/metadata'],
    ['100.100.100.200', {}, 'link-local/metadata'],
    ['127.0.0.1', {}, 'loopback'],
    ['127.9.9.9', {}, 'loopback'],
    ['::1', {}, 'loopback'],
    ['0.0.0.0', {}, 'loopback'],
    ['127.0.0.1', { allowLoopback: true }, undefined],
    ['10.1.2.3', {}, 'private network'],
    ['172.16.0.1', {}, 'private network'],
    ['172.31.255.255', {}, 'private network'],
    ['172.32.0.1', {}, undefined],
    ['192.168.1.1', {}, 'private network'],
    ['fc00::1', {}, 'private network'],
    ['fdff::1', {}, 'private network'],
    ['10.1.2.3', { allowPrivateNetworks: true }, undefined],
    ['::ffff:10.0.0.1', {}, 'private network'],
    ['::ffff:a9fe:a9fe', { allowPrivateNetworks: true }, 'link-local/metadata'],
    ['::ffff:7f00:1', {}, 'loopback'],
    ['93.184.216.34', {}, undefined],
    ['2606:2800:220:1::', {}, undefined],
    ['93.184.216.34', { blockedDomains: ['93.184.0.0/16'] }, 'blockedDomains'],
  ])('%s under %j → %s', (address, policy, why) => {
    expect(isBlockedAddress(address, policy)).toBe(why);
  });
});

describe('urlValidation', () => {
  it('a name resolving to the metadata address is blocked before any connection', async () => {
    const lookup = fakeLookup({ 'metadata.test': '169.254.169.254' });
    const err = await failure(invokeAction(fromInput({}), 'call', { url: 'http://metadata.test/latest/meta-data/' }, { lookup }));
    expect(err).toMatchObject({ code: 'VALIDATION', retryable: false, details: { reason: 'url_blocked' } });
    expect(err.message).toBe("URL http://metadata.test is blocked by urlValidation: host 'metadata.test' resolves to 169.254.169.254 (link-local/metadata)");
    expect(lookup.asked).toEqual(['metadata.test']);
  });

  it('an IP literal in a private range is blocked without a lookup', async () => {
    const lookup = fakeLookup({});
    const err = await failure(invokeAction(fromInput({}), 'call', { url: 'http://10.0.0.5:8080/admin' }, { lookup }));
    expect(err.message).toContain('10.0.0.5 (private network)');
    expect(lookup.asked).toEqual([]);
  });

  it('IPv6 literals are checked too (mapped IPv4 included)', async () => {
    const lookup = fakeLookup({});
    for (const url of ['http://[::ffff:169.254.169.254]/', 'http://[fd00:ec2::254]/', 'http://[::1]:9/']) {
      const err = await failure(invokeAction(fromInput({ allowPrivateNetworks: true }), 'call', { url }, { lookup }));
      expect(err.details.reason).toBe('url_blocked');
    }
  });

  it('a name with any blocked address among its answers is blocked', async () => {
    const lookup = fakeLookup({ 'mixed.test': ['93.184.216.34', '192.168.0.10'] });
    const err = await failure(invokeAction(fromInput({}), 'call', { url: 'http://mixed.test/' }, { lookup }));
    expect(err.message).toContain('192.168.0.10 (private network)');
  });

  it('loopback is blocked by default and allowed with allowLoopback', async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const lookup = fakeLookup({ 'local.test': '127.0.0.1' });
    const url = `http://local.test:${server.port}/x`;
    const err = await failure(invokeAction(fromInput({}), 'call', { url }, { lookup }));
    expect(err.message).toContain('127.0.0.1 (loopback)');
    expect(server.requests).toHaveLength(0);
    expect(await invokeAction(fromInput({ allowLoopback: true }), 'call', { url }, { lookup })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it('a redirect from an allowed server to a blocked address is not followed', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/start') return void res.writeHead(302, { location: 'http://metadata.test/latest/meta-data/iam' }).end();
      if (req.url === '/private') return void res.writeHead(307, { location: 'http://10.1.1.1/' }).end();
      json(res, 200, {});
    });
    const lookup = fakeLookup({ 'metadata.test': '169.254.169.254' });
    const policy = { allowLoopback: true };
    const a = await failure(invokeAction(fromInput(policy), 'call', { url: `${server.origin}/start` }, { lookup }));
    expect(a.message).toContain("host 'metadata.test' resolves to 169.254.169.254");
    const b = await failure(invokeAction(fromInput(policy), 'call', { url: `${server.origin}/private` }, { lookup }));
    expect(b.message).toContain('10.1.1.1 (private network)');
    expect(server.requests.map((r) => r.url)).toEqual(['/start', '/private']);
  });

  it('a redirect to an allowed host is followed and re-resolved', async () => {
    server = await startServer((req, res) =>
      req.url === '/start'
        ? void res.writeHead(302, { location: `http://b.example.test:${server?.port}/end` }).end()
        : json(res, 200, { host: req.headers.host }),
    );
    const lookup = fakeLookup({ 'a.example.test': '127.0.0.1', 'b.example.test': '127.0.0.1' });
    const out = await invokeAction(
      fromInput({ allowLoopback: true, allowedDomains: ['*.example.test'] }),
      'call',
      { url: `http://a.example.test:${server.port}/start` },
      { lookup },
    );
    expect(out).toEqual({ host: `b.example.test:${server.port}` });
    expect(lookup.asked).toEqual(['a.example.test', 'b.example.test']);
  });

  it('allowedDomains wildcards match subdomains only; blockedDomains match names', async () => {
    const lookup = fakeLookup({ 'example.test': '93.184.216.34', 'api.example.test': '93.184.216.34', 'evil.test': '93.184.216.34' });
    const policy = { allowedDomains: ['*.example.test'], blockedDomains: ['api.example.test'] };
    const apex = await failure(invokeAction(fromInput(policy), 'call', { url: 'http://example.test/' }, { lookup }));
    expect(apex.message).toContain("host 'example.test' is not in allowedDomains");
    const evil = await failure(invokeAction(fromInput(policy), 'call', { url: 'http://evil.test/' }, { lookup }));
    expect(evil.message).toContain('not in allowedDomains');
    const listed = await failure(invokeAction(fromInput(policy), 'call', { url: 'http://API.example.test./' }, { lookup }));
    expect(listed.message).toContain("host 'api.example.test' is in blockedDomains");
    expect(lookup.asked).toEqual([]);
  });

  it('requireHTTPS rejects http URLs', async () => {
    const err = await failure(invokeAction(fromInput({ requireHTTPS: true }), 'call', { url: 'http://example.test/' }, { lookup: fakeLookup({}) }));
    expect(err.message).toContain('HTTPS is required');
  });

  it('an unresolvable name is UNAVAILABLE', async () => {
    const err = await failure(invokeAction(fromInput({}), 'call', { url: 'http://nowhere.test/' }, { lookup: fakeLookup({}) }));
    expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { backendCode: 'ENOTFOUND' } });
  });

  it('resolves once per hop and connects to the checked address (no second lookup)', async () => {
    server = await startServer((req, res) => json(res, 200, { host: req.headers.host }));
    let calls = 0;
    // A rebinding resolver: the first answer is allowed, any later one would be the metadata address.
    const lookup = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 as const }];
    const out = await invokeAction(fromInput({ allowLoopback: true }), 'call', { url: `http://rebind.test:${server.port}/` }, { lookup });
    expect(out).toEqual({ host: `rebind.test:${server.port}` });
    expect(calls).toBe(1);
  });
});
