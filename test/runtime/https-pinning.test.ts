import { readFileSync } from 'node:fs';
import { createServer, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionError, invokeAction } from '../../runtime-lib/index.js';
import { fakeLookup, httpConnector } from './helpers.js';

// A loopback HTTPS server with a self-signed certificate for `secure.test`
// (fixtures/, valid for 100 years). The runtime connects to the resolved IP,
// so these tests show that TLS still sends SNI for, and verifies the
// certificate against, the name in the URL.
const cert = readFileSync(new URL('fixtures/secure-test.crt', import.meta.url));
const key = readFileSync(new URL('fixtures/secure-test.key', import.meta.url));
const sni: (string | undefined)[] = [];
const server = createServer({ cert, key }, (req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ host: req.headers.host }));
});
server.on('secureConnection', (socket) => sni.push(socket.servername || undefined));
let port = 0;
const savedCa = globalAgent.options.ca;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  globalAgent.options.ca = savedCa;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('https to a pinned address', () => {
  const lookup = fakeLookup({ 'secure.test': '127.0.0.1', 'wrong.test': '127.0.0.1' });
  const call = (host: string) =>
    invokeAction(httpConnector({ url: `https://${host}:${port}/x`, urlValidation: { allowLoopback: true } }), 'call', {}, { lookup });

  it('rejects an untrusted certificate (verification stays on)', async () => {
    globalAgent.options.ca = undefined;
    const err: unknown = await call('secure.test').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).code).toBe('UNAVAILABLE');
    expect((err as ActionError).details.backendCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('verifies the certificate against the URL name while connecting to the IP', async () => {
    globalAgent.options.ca = cert;
    expect(await call('secure.test')).toEqual({ host: `secure.test:${port}` });
    expect(sni.at(-1)).toBe('secure.test');
    const err: unknown = await call('wrong.test').catch((e: unknown) => e);
    expect((err as ActionError).details.backendCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});
