/** Turns an HTTP response into the action output or an ActionError (README: HTTP handler). */
import { ActionError, knownCode } from '../errors.js';
import type { ErrorDetails } from '../types.js';
import type { HttpResponse } from './request.js';

/** The body as JSON, as text when it is not JSON, or null when empty. */
export function parseBody(res: HttpResponse): unknown {
  if (!res.body.trim()) return null;
  try {
    return JSON.parse(res.body);
  } catch {
    return res.body;
  }
}

/** `value` as a record to read fields from ({} for anything else). */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date). */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The ActionError for a non-2xx response; `what` names the request in the message. */
export function statusError(res: HttpResponse, what: string, body: unknown, now: number): ActionError {
  const { status } = res;
  const o = record(body);
  const said = o['message'] ?? o['error_description'] ?? o['error'] ?? (typeof body === 'string' ? body.slice(0, 200) : undefined);
  const after = retryAfterMs(res.headers['retry-after'], now);
  const details: ErrorDetails = { status, httpCode: `HTTP_${status}`, retryAfterMs: after, backendCode: typeof o['code'] === 'string' ? o['code'] : undefined };
  const message = `${what} to ${res.url.origin}${res.url.pathname} failed with HTTP ${status}${typeof said === 'string' ? `: ${said}` : ''}`;
  return new ActionError(status === 429 ? 'RATE_LIMIT' : 'BACKEND_ERROR', message, details, status >= 500 || status === 408 || status === 429);
}

/** The action output of a 2xx response under `mode`, or the envelope's error. */
export function outputOf(res: HttpResponse, mode: 'auto' | 'envelope' | 'plain'): unknown {
  const body = parseBody(res);
  const o = mode === 'plain' ? {} : record(body);
  const where = res.url.origin + res.url.pathname;
  if (o['status'] === 'success' && (mode === 'envelope' || 'data' in o)) return o['data'] ?? null;
  if (o['status'] === 'error' && (mode === 'envelope' || typeof o['message'] === 'string')) {
    const code = o['code'];
    const known = knownCode(code);
    throw new ActionError(
      known ?? 'BACKEND_ERROR',
      `${where} answered with an error: ${String(o['message'])}`,
      known || typeof code !== 'string' ? {} : { backendCode: code },
      !!known,
    );
  }
  if (mode === 'envelope') throw new ActionError('BACKEND_ERROR', `${where} sent no {status, data} envelope`, {}, false);
  return body;
}
