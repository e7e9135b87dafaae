/**
 * The manifest JSON Schemas in `schemas/` (published for editors too), read
 * once from disk. They reference each other by relative `$ref`
 * (`defs.schema.json#/$defs/step`), so they are always loaded together.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromPointer } from '../source/json-pointer.js';

/** A JSON Schema object as parsed from disk. */
export type SchemaObject = { readonly [key: string]: unknown };

/** The schema files, by file name; each file's `$id` is its file name. */
export const schemaFileNames = ['defs.schema.json', 'connector.schema.json', 'workflow.schema.json', 'agent.schema.json', 'bundle.schema.json'] as const;

export type SchemaFileName = (typeof schemaFileNames)[number];

let cached: ReadonlyMap<string, SchemaObject> | undefined;

/** The folder holding the schema files: `schemas/` at the package root, from `src/` or `dist/src/`. */
export function schemasFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    if (existsSync(path.join(candidate, 'defs.schema.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('owc is installed incompletely: its schemas/ folder is missing');
}

/** Every schema document, parsed, keyed by file name (= `$id`). */
export function schemaDocuments(): ReadonlyMap<string, SchemaObject> {
  if (cached === undefined) {
    const folder = schemasFolder();
    const docs = new Map<string, SchemaObject>();
    for (const name of schemaFileNames) {
      docs.set(name, JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as SchemaObject);
    }
    cached = docs;
  }
  return cached;
}

/** The subschema at `ref` (`file#/json/pointer`, or `#/pointer` relative to `fromFile`), and the file it is in. */
export function resolveSchemaRef(ref: string, fromFile: string): { file: string; schema: SchemaObject } | undefined {
  const hash = ref.indexOf('#');
  const file = hash === 0 ? fromFile : hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  let node: unknown = schemaDocuments().get(file);
  if (node === undefined) return undefined;
  for (const part of fromPointer(pointer, true)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'object' && node !== null ? { file, schema: node as SchemaObject } : undefined;
}
