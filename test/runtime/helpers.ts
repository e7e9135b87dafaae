/** Test helpers: a real loopback HTTP server, a fake clock, descriptor builders. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActionError, type Clock, type ConnectorDescriptor, type HttpHandlerConfig, type Lookup } from '../../runtime-lib/index.js';
import { abortError } from '../../runtime-lib/src/clock.js';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void;

/** Starts a node:http server on 127.0.0.1 (port 0) that records every request. */
export async function startServer(route: Route): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const seen = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, body: Buffer.concat(chunks).toString() };
      requests.push(seen);
      route(seen, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` as JSON with `status`. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A clock that never sleeps: it records each delay and moves its time forward. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): Clock & { readonly sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw abortError(signal);
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A DNS lookup answering from a table (never touching real DNS), recording each question. */
export function fakeLookup(table: Record<string, string | string[]>): Lookup & { readonly asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const answer = table[host];
    if (answer === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return (Array.isArray(answer) ? answer : [answer]).map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(lookup, { asked });
}

/** A one-action http connector around `handler`. */
export function httpConnector(
  handler: Omit<HttpHandlerConfig, 'kind' | 'method'> & { method?: HttpHandlerConfig['method'] },
  extra: Partial<ConnectorDescriptor> = {},
): ConnectorDescriptor {
  return {
    ref: 'connector:test/svc@1.0.0',
    name: 'svc',
    kind: 'http',
    runtime: {},
    actions: { call: { handler: { kind: 'http', method: 'POST', ...handler } } },
    ...extra,
  };
}

/** The ActionError `p` rejects with (fails the test when it resolves or rejects otherwise). */
export async function failure(p: Promise<unknown>): Promise<ActionError> {
  const e: unknown = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof ActionError)) throw new Error(`expected an ActionError, got ${String(e)}`);
  return e;
}
