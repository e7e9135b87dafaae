/**
 * `urlValidation`: scheme and host checks, then the resolved addresses. The
 * address returned is the one the client connects to (README: address pinning).
 */
import { BlockList, isIP } from 'node:net';
import { ActionError } from '../errors.js';
import type { Lookup, LookupAddress, UrlValidation } from '../types.js';
import { hostOf, resolveHost } from './resolve.js';

function blockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix] = range.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** Never reachable under urlValidation: link-local, cloud metadata, multicast, broadcast. */
const METADATA = blockList(['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254', '100.100.100.200', '224.0.0.0/4', '255.255.255.255', 'ff00::/8']);
const LOOPBACK = blockList(['127.0.0.0/8', '0.0.0.0/8', '::1', '::']);
const PRIVATE = blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7']);

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`) as the IPv4 address it stands for. */
function unmap(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return address;
  if (m[1]) return m[1];
  const n = (parseInt(m[2] ?? '0', 16) << 16) | parseInt(m[3] ?? '0', 16);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function has(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Why `address` is blocked under `policy`, or undefined when it is allowed. */
export function isBlockedAddress(address: string, policy: UrlValidation): string | undefined {
  const a = unmap(address);
  if (has(METADATA, a)) return 'link-local/metadata';
  if (!policy.allowLoopback && has(LOOPBACK, a)) return 'loopback';
  if (!policy.allowPrivateNetworks && has(PRIVATE, a)) return 'private network';
  const listed = (policy.blockedDomains ?? []).filter((d) => isIP(d.split('/')[0] ?? ''));
  if (listed.length && has(blockList(listed), a)) return 'blockedDomains';
  return undefined;
}

/** `*.example.com` matches any subdomain of example.com; other patterns match exactly. */
function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p;
}

function blocked(url: URL, why: string): ActionError {
  return new ActionError('VALIDATION', `URL ${url.origin} is blocked by urlValidation: ${why}`, { reason: 'url_blocked' }, false);
}

/**
 * Applies `policy` to `url` (scheme, host lists), resolves the host and checks
 * every address; returns the address to connect to. Nothing connects before it returns.
 */
export async function checkUrlPolicy(url: URL, policy: UrlValidation, lookup?: Lookup): Promise<LookupAddress> {
  const host = hostOf(url);
  if (policy.requireHTTPS && url.protocol !== 'https:') throw blocked(url, 'HTTPS is required');
  if (policy.blockedDomains?.some((d) => hostMatches(host, d))) throw blocked(url, `host '${host}' is in blockedDomains`);
  if (policy.allowedDomains && !policy.allowedDomains.some((d) => hostMatches(host, d))) throw blocked(url, `host '${host}' is not in allowedDomains`);
  const addresses = await resolveHost(url, lookup);
  for (const { address } of addresses) {
    const why = isBlockedAddress(address, policy);
    if (why) throw blocked(url, `host '${host}' resolves to ${address} (${why})`);
  }
  return addresses[0];
}
