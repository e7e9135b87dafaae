/**
 * One HTTP exchange over node:http(s), connected to an address already checked
 * by `checkUrlPolicy`, with redirects followed (and re-checked) by hand.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { abortError } from '../clock.js';
import { ActionError, toActionError } from '../errors.js';
import type { InvokeOptions, LookupAddress, UrlValidation } from '../types.js';
import { hostOf, resolveHost } from './resolve.js';

export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: { readonly [name: string]: string };
  readonly body?: string;
  /** Header names dropped on a cross-origin redirect, besides authorization and cookie. */
  readonly credentials?: readonly string[];
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: { readonly [name: string]: string | undefined };
  readonly body: string;
  /** The URL that answered (after redirects). */
  readonly url: URL;
}

const MAX_BODY = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** The ActionError for a failed connection or an abort. */
export function networkError(e: unknown, signal: AbortSignal): ActionError {
  // Node's messages name the address (`connect ECONNREFUSED 127.0.0.1:9`); the code goes to backendCode.
  return signal.aborted ? abortError(signal) : toActionError(e, 'UNAVAILABLE');
}

/** Sends one request to `target` (an IP), keeping the URL's name for Host and TLS. */
function send(req: HttpRequest, target: LookupAddress, signal: AbortSignal): Promise<HttpResponse> {
  const { url } = req;
  const host = hostOf(url);
  return new Promise((resolve, reject) => {
    const r = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        host: target.address,
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: req.method,
        headers: { host: url.host, ...req.headers },
        servername: isIP(host) ? undefined : host,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) r.destroy(new ActionError('BACKEND_ERROR', `response from ${url.origin} exceeds ${MAX_BODY} bytes`));
          else chunks.push(c);
        });
        // Node joins repeated headers except set-cookie, which the runtime never reads.
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers as HttpResponse['headers'], body: Buffer.concat(chunks).toString(), url }),
        );
        res.on('error', (e) => reject(networkError(e, signal)));
      },
    );
    r.on('error', (e) => reject(networkError(e, signal)));
    r.end(req.body);
  });
}

/**
 * Sends `req`, following redirects: each hop's URL and resolved addresses are
 * checked against `policy`; 303 (and 301/302 after POST) become a GET without
 * body; credentials are dropped on a cross-origin hop.
 */
export async function exchange(req: HttpRequest, policy: UrlValidation | undefined, options: InvokeOptions, signal: AbortSignal): Promise<HttpResponse> {
  for (let hop = 0; ; hop++) {
    if (req.url.protocol !== 'http:' && req.url.protocol !== 'https:')
      throw new ActionError('VALIDATION', `URL scheme ${req.url.protocol} is not http(s)`, { reason: 'url_invalid' }, false);
    let res: HttpResponse;
    try {
      // The policy module loads only for handlers that declare urlValidation.
      const target = policy
        ? await (await import('./url-policy.js')).checkUrlPolicy(req.url, policy, options.lookup)
        : options.fetch
          ? undefined
          : (await resolveHost(req.url, options.lookup))[0];
      if (signal.aborted) throw abortError(signal);
      // A caller's fetch (tests, mocks) is a separate module, loaded only when given.
      res = options.fetch || !target ? await (await import('./fetch.js')).sendFetch(options.fetch ?? fetch, req, signal) : await send(req, target, signal);
    } catch (e) {
      throw networkError(e, signal);
    }
    const location = res.headers['location'];
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
    if (hop >= MAX_REDIRECTS) throw new ActionError('BACKEND_ERROR', `too many redirects from ${req.url.origin}`, {}, false);
    const url = new URL(location, req.url);
    const toGet = res.status === 303 || (res.status <= 302 && req.method === 'POST');
    const headers: Record<string, string> = { ...req.headers };
    if (url.origin !== req.url.origin) {
      for (const name of ['authorization', 'cookie', ...(req.credentials ?? [])]) delete headers[name];
    }
    if (toGet) delete headers['content-type'];
    req = { ...req, method: toGet ? 'GET' : req.method, url, headers, body: toGet ? undefined : req.body };
  }
}
