/** The HTTP exchange through a caller-supplied fetch: no address pinning (README). */
import { networkError, type HttpRequest, type HttpResponse } from './request.js';

/** The same exchange through a caller-supplied fetch (no address pinning). */
export async function sendFetch(fetchImpl: typeof fetch, req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  try {
    const res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body ?? null, redirect: 'manual', signal });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { status: res.status, headers, body: await res.text(), url: req.url };
  } catch (e) {
    throw networkError(e, signal);
  }
}
