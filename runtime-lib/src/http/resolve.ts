/** Host resolution for every connection; the address returned is the one connected to. */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ActionError } from '../errors.js';
import type { Lookup, LookupAddress } from '../types.js';

/** The URL's host without IPv6 brackets or a trailing dot, lower case. */
export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

const defaultLookup: Lookup = async (host) => (await dnsLookup(host, { all: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Every address of `url`'s host (an IP literal is its own address); at least one. */
export async function resolveHost(url: URL, lookup: Lookup = defaultLookup): Promise<readonly [LookupAddress, ...LookupAddress[]]> {
  const host = hostOf(url);
  const family = isIP(host);
  // A failing lookup rejects with its own error; `exchange` reports it as UNAVAILABLE.
  const [first, ...rest] = family ? [{ address: host, family: family === 6 ? 6 : 4 } as const] : await lookup(host);
  if (!first) throw new ActionError('UNAVAILABLE', `host '${host}' has no address`);
  return [first, ...rest];
}
