/**
 * Connector auth applied to an outgoing request, including the oauth2
 * client-credentials token cache (README: HTTP handler, Auth).
 */
import { ActionError } from '../errors.js';
import type { AuthConfig, HandlerContext } from '../types.js';

/** The request parts auth may change. */
export interface AuthTarget {
  readonly headers: Record<string, string>;
  readonly url: URL;
  /** Header names that carry credentials. */
  readonly credentials: string[];
}

function prefixOf(ctx: HandlerContext): string {
  return ctx.connector.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** A secret's value, or UNAVAILABLE naming it. */
export async function need(ctx: HandlerContext, name: string, what: string): Promise<string> {
  const value = await ctx.secret(name);
  if (value === undefined || value === '') {
    throw new ActionError('UNAVAILABLE', `secret '${name}' is not set (needed for ${what} auth of connector '${ctx.connector.name}')`, {}, false);
  }
  return value;
}

/** Sets a credential header unless the handler already set it. */
export function setHeader(target: AuthTarget, name: string, value: string): void {
  const key = name.toLowerCase();
  if (key in target.headers) return;
  target.headers[key] = value;
  target.credentials.push(key);
}

/**
 * Adds `auth` credentials to `target`; a header the handler already sets wins.
 * Returns the oauth2 cache key when a cached token was used (for a 401 refresh).
 */
export async function applyAuth(auth: AuthConfig, target: AuthTarget, ctx: HandlerContext): Promise<string | undefined> {
  const p = prefixOf(ctx);
  switch (auth.type) {
    case 'custom':
      return undefined;
    case 'apiKey': {
      const key = auth.in === 'cookie' ? 'cookie' : auth.name.toLowerCase();
      if (auth.in !== 'query' && key in target.headers) return undefined;
      const secret = await need(ctx, auth.secrets?.apiKey ?? `${p}_API_KEY`, 'apiKey');
      const value = auth.prefix ? `${auth.prefix} ${secret}` : secret;
      if (auth.in === 'query') target.url.searchParams.set(auth.name, value);
      else setHeader(target, key, auth.in === 'cookie' ? `${auth.name}=${value}` : value);
      return undefined;
    }
    case 'bearer':
      if (!('authorization' in target.headers)) setHeader(target, 'authorization', `Bearer ${await need(ctx, auth.secrets?.token ?? `${p}_TOKEN`, 'bearer')}`);
      return undefined;
    case 'basic': {
      if ('authorization' in target.headers) return undefined;
      const user = await need(ctx, auth.secrets?.username ?? `${p}_USERNAME`, 'basic');
      const encoded = Buffer.from(`${user}:${await need(ctx, auth.secrets?.password ?? `${p}_PASSWORD`, 'basic')}`).toString('base64');
      ctx.redactor.add(encoded);
      setHeader(target, 'authorization', `Basic ${encoded}`);
      return undefined;
    }
    case 'oauth2':
      // Token handling loads only for connectors that use oauth2.
      return 'authorization' in target.headers ? undefined : (await import('./oauth2.js')).applyOAuth2(auth, target, ctx, p);
  }
}
