/**
 * What the validator generator (./validators.ts) takes and gives, and the
 * schema walks the connector generator needs without loading ajv (with a
 * worker pool, ajv is loaded by the workers only).
 */
import type { JsonValue } from '../../src/lower/ir.js';
import { formatNames } from './validator-support.js';

/** One validator to emit: its export name and the schema (as written in the manifest). */
export interface ValidatorSpec {
  readonly exportName: string;
  readonly schema: JsonValue;
}

export type ValidatorFailure = { readonly exportName: string; readonly detail: string };

export type ValidatorModuleResult =
  | {
      readonly ok: true;
      /** JavaScript module source, one statement per line, not indented (without header). */
      readonly js: string;
      /** Names of support-module exports the code uses. */
      readonly supportImports: readonly string[];
    }
  | { readonly ok: false; readonly failures: readonly ValidatorFailure[] };

type JsonObject = { readonly [key: string]: JsonValue };

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` on every object inside `value` (not inside `enum`/`const`/`default`/`examples`, which hold data). */
export function forEachSchemaObject(value: JsonValue, visit: (schema: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) forEachSchemaObject(v, visit);
    return;
  }
  if (!isObject(value)) return;
  visit(value);
  for (const key of Object.keys(value)) {
    if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') forEachSchemaObject(value[key]!, visit);
  }
}

/** The formats a schema uses that the support module does not implement (they are not checked). */
export function unknownFormats(schema: JsonValue): string[] {
  const out = new Set<string>();
  const known = new Set(formatNames);
  forEachSchemaObject(schema, (s) => {
    const format = s['format'];
    if (typeof format === 'string' && !known.has(format)) out.add(format);
  });
  return [...out].sort();
}
