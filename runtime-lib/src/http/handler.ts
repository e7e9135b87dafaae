/** The built-in `http` handler kind (README: HTTP handler). */
import { ActionError } from '../errors.js';
import { inputFieldsUsed, isWholeInput, substitute } from '../template.js';
import type { HandlerContext, HttpHandlerConfig, InvokeOptions, Transport } from '../types.js';
import { exchange, type HttpRequest } from './request.js';
import { outputOf, parseBody, statusError } from './response.js';

/** `url` with its origin replaced by the caller's base URL, if one applies. */
function rebase(url: URL, baseUrl: InvokeOptions['baseUrl']): URL {
  const base = typeof baseUrl === 'string' ? baseUrl : baseUrl?.[url.origin];
  return base ? new URL(base.replace(/\/+$/, '') + url.pathname + url.search) : url;
}

function parseUrl(text: string): URL {
  if (!URL.canParse(text)) throw new ActionError('VALIDATION', `'${text}' is not a valid URL`, { reason: 'url_invalid' }, false);
  return new URL(text);
}

/** Appends one input field as query parameters: arrays repeat the key, objects are JSON. */
function appendQuery(params: URLSearchParams, key: string, value: unknown): void {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (v !== undefined && v !== null) params.append(key, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
}

/** Builds the request for one attempt: substituted URL, query, headers, body and auth. */
async function buildRequest(config: HttpHandlerConfig, input: unknown, ctx: HandlerContext): Promise<{ req: HttpRequest; tokenKey: string | undefined }> {
  const url = rebase(parseUrl(await substitute(config.url, input, ctx, isWholeInput(config.url) ? undefined : encodeURIComponent)), ctx.options.baseUrl);
  const templates = [config.url];
  for (const [name, value] of Object.entries(config.query ?? {})) {
    url.searchParams.append(name, await substitute(value, input, ctx));
    templates.push(value);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    headers[name.toLowerCase()] = await substitute(value, input, ctx);
    templates.push(value);
  }
  let body: string | undefined;
  if (config.method === 'GET' || config.method === 'HEAD') {
    const used = new Set(templates.flatMap(inputFieldsUsed));
    if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
      for (const [key, value] of Object.entries(input)) if (!used.has(key)) appendQuery(url.searchParams, key, value);
    }
  } else {
    body = JSON.stringify(config.body === undefined ? (input ?? {}) : await (await import('../body-template.js')).substituteJson(config.body, input, ctx));
    headers['content-type'] ??= 'application/json';
  }
  const credentials: string[] = [];
  // Auth code loads only for connectors that declare auth.
  const { auth } = ctx.connector;
  const tokenKey = auth ? await (await import('./auth.js')).applyAuth(auth, { headers, url, credentials }, ctx) : undefined;
  return { req: { method: config.method, url, headers, body, credentials }, tokenKey };
}

/** Calls the endpoint; an oauth2 401 refreshes the token and retries once. */
async function invokeHttp(config: HttpHandlerConfig, input: unknown, ctx: HandlerContext): Promise<unknown> {
  for (let refreshed = false; ; refreshed = true) {
    const { req, tokenKey } = await buildRequest(config, input, ctx);
    const res = await exchange(req, config.urlValidation, ctx.options, ctx.signal);
    if (res.status === 401 && tokenKey !== undefined && !refreshed) {
      (await import('./oauth2.js')).invalidateToken(tokenKey);
      continue;
    }
    if (res.status < 200 || res.status > 299) throw statusError(res, `${req.method} request`, parseBody(res), ctx.clock.now());
    return outputOf(res, config.response ?? 'auto');
  }
}

/** The http handler kind as a Transport. */
export const httpTransport: Transport<HttpHandlerConfig> = { invoke: invokeHttp };
