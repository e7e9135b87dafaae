/** Scrubs registered secret values from text (errors, logs, traces). */
import type { Redactor } from './types.js';

const MASK = '***';

/** A fresh redactor; values are scrubbed longest first so overlapping secrets vanish whole. */
export function createRedactor(): Redactor {
  const ordered: string[] = [];
  return {
    add(secret) {
      for (const v of [secret, encodeURIComponent(secret)]) if (v && !ordered.includes(v)) ordered.push(v);
      ordered.sort((a, b) => b.length - a.length);
    },
    redact(text) {
      for (const s of ordered) text = text.split(s).join(MASK);
      return text;
    },
    contains(text) {
      return ordered.some((s) => text.includes(s));
    },
  };
}

/** Deep-redacts the strings of a JSON-like value. */
export function redactValue(redactor: Redactor, value: unknown): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(redactor, v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(redactor, v)]));
  }
  return value;
}
