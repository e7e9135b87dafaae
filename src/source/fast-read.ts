/**
 * What the fast readers (fast-yaml.ts, fast-json.ts) share: how they give up
 * on a text, how deep they go, and how they resolve and share scalar values
 * the way the `yaml` package does.
 */
import type { ScalarValue } from './nodes.js';

/** Thrown inside a fast reader when the text leaves what it models; caught only by `readOrGiveUp`. */
export const giveUp: unique symbol = Symbol('outside the fast readers\' subset');

/** Deeper nesting than this is left to the yaml package (and the recursion stays far from the stack's limit). */
export const maxDepth = 100;

/** What `read` returns; undefined when it gave up (threw `giveUp`), so the caller parses with the yaml package. */
export function readOrGiveUp<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

/**
 * Short strings (field names, enum words) repeat across a project; V8 copies
 * each slice under 13 characters, so they are shared through this table,
 * emptied when it grows large.
 */
const interned = new Map<string, string>();

export function intern(s: string): string {
  if (s.length > 12) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size > 100_000) interned.clear();
  interned.set(s, s);
  return s;
}

/** A plain scalar's value under the YAML 1.2 core schema, as the yaml package resolves it. */
export function resolvePlain(raw: string): ScalarValue {
  const first = raw.charCodeAt(0);
  // Most plain scalars are words: only a few first characters can start anything but a string.
  const maybeSpecial = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e || first === 0x7e || first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46 || raw === '';
  if (!maybeSpecial) return raw;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(raw)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return parseFloat(raw);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
  return raw;
}
