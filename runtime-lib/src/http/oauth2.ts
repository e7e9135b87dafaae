/** oauth2 for the http handler: client-credentials tokens, cached per client and scopes. */
import { ActionError } from '../errors.js';
import type { AuthConfig, HandlerContext } from '../types.js';
import { need, setHeader, type AuthTarget } from './auth.js';
import { exchange } from './request.js';
import { record, statusError } from './response.js';

interface CachedToken {
  token: Promise<string>;
  /** Clock time after which the token is refreshed; undefined = until a 401. */
  expiresAt?: number;
}

const tokens = new Map<string, CachedToken>();

/** Adds a bearer token per `auth`; returns the cache key of a client-credentials token. */
export async function applyOAuth2(
  auth: Extract<AuthConfig, { type: 'oauth2' }>,
  target: AuthTarget,
  ctx: HandlerContext,
  p: string,
): Promise<string | undefined> {
  if ((auth.flow ?? 'client_credentials') !== 'client_credentials' || !auth.tokenUrl) {
    setHeader(target, 'authorization', `Bearer ${await need(ctx, auth.secrets?.accessToken ?? `${p}_ACCESS_TOKEN`, 'oauth2')}`);
    return undefined;
  }
  const id = await need(ctx, auth.secrets?.clientId ?? `${p}_CLIENT_ID`, 'oauth2');
  const secret = await need(ctx, auth.secrets?.clientSecret ?? `${p}_CLIENT_SECRET`, 'oauth2');
  const scopes = (auth.scopes ?? []).join(' ');
  const cacheKey = [auth.tokenUrl, id, scopes].join('\n');
  let cached = tokens.get(cacheKey);
  if (!cached || (cached.expiresAt !== undefined && ctx.clock.now() >= cached.expiresAt)) {
    cached = { token: Promise.resolve('') };
    const entry = cached;
    entry.token = fetchToken(auth.tokenUrl, id, secret, scopes, auth.clientAuth ?? 'basic', ctx, entry);
    tokens.set(cacheKey, entry);
    entry.token.catch(() => tokens.get(cacheKey) === entry && tokens.delete(cacheKey));
  }
  const token = await cached.token;
  ctx.redactor.add(token);
  setHeader(target, 'authorization', `Bearer ${token}`);
  return cacheKey;
}

/** Forgets a cached oauth2 token (after the API answered 401). */
export function invalidateToken(cacheKey: string): void {
  tokens.delete(cacheKey);
}

async function fetchToken(
  tokenUrl: string,
  id: string,
  secret: string,
  scopes: string,
  clientAuth: 'basic' | 'body',
  ctx: HandlerContext,
  entry: { expiresAt?: number },
): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scopes) form.set('scope', scopes);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (clientAuth === 'body') {
    form.set('client_id', id);
    form.set('client_secret', secret);
  } else {
    const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
    ctx.redactor.add(basic);
    headers['authorization'] = `Basic ${basic}`;
  }
  const res = await exchange({ method: 'POST', url: new URL(tokenUrl), headers, body: form.toString() }, undefined, ctx.options, ctx.signal);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  if (res.status < 200 || res.status > 299) throw statusError(res, 'oauth2 token request', parsed, ctx.clock.now());
  const body = record(parsed);
  const token = body['access_token'];
  if (typeof token !== 'string' || !token) throw new ActionError('BACKEND_ERROR', `oauth2 token response from ${res.url.origin} has no access_token`);
  ctx.redactor.add(token);
  const seconds = Number(body['expires_in']);
  if (seconds > 0) entry.expiresAt = ctx.clock.now() + seconds * 1000 - Math.min(30_000, seconds * 500);
  return token;
}
