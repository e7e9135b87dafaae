/**
 * Quoting helpers: the only way manifest text (descriptions, names, URLs)
 * reaches generated code. Values become literals through JSON encoding;
 * comment text is neutralised so it can never close the comment it sits in.
 */
import type { JsonValue } from '../../src/lower/ir.js';

/** Text safe inside a `/** … *\/` comment: `*\/` cannot end the comment early, and line breaks are normalised. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/[\u2028\u2029]/g, '\n')
    .trim();
}

/** A JavaScript expression for a JSON value (JSON is valid JavaScript once U+2028/U+2029 are escaped). */
export function jsonLiteral(value: JsonValue | undefined): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
