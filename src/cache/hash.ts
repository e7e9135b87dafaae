/**
 * Content hashes for the caches: short, stable hex digests of file texts and
 * of JSON-shaped keys. Not for security — only to notice that something changed.
 */
import { createHash } from 'node:crypto';

/** The hex digest of a text (UTF-8) or of raw bytes. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha1').update(content).digest('hex');
}

/** The hex digest of a JSON-shaped value, with object keys sorted so equal values hash alike. */
export function jsonHash(value: unknown): string {
  return contentHash(stableStringify(value));
}

/** JSON text with object keys in sorted order (undefined members left out, as JSON.stringify does). */
function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${stableStringify(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}
