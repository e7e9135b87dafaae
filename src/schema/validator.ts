/**
 * ajv over the manifest schemas: one instance, compiled lazily per manifest
 * form and cached for the life of the process.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { ManifestForm } from '../source/recognise.js';
import { schemaDocuments } from './documents.js';
import { loadPrecompiled } from './precompiled.js';

/** Where validation of a manifest form starts: a schema file and, for a form, its `$defs` entry. */
export interface SchemaEntry {
  readonly file: string;
  /** `#/$defs/blockForm`, or `` for the whole file. */
  readonly pointer: string;
  /** A short name for the entry, used to name the resource in messages. */
  readonly label: string;
}

/** The schema entry that validates a manifest of `form`. */
export function schemaEntryFor(form: ManifestForm): SchemaEntry {
  const file = `${form.resource}.schema.json`;
  switch (form.form) {
    case 'block':
      return { file, pointer: '#/$defs/blockForm', label: 'blockForm' };
    case 'list':
      return { file, pointer: '#/$defs/listForm', label: 'listForm' };
    case 'agent-schema':
      return { file, pointer: '#/$defs/agentSchemaForm', label: 'agentSchemaForm' };
    case 'registry':
      return form.resource === 'bundle'
        ? { file, pointer: '', label: 'bundleManifest' }
        : { file, pointer: '#/$defs/registryForm', label: `${form.resource}RegistryForm` };
    default:
      return assertNever(form, 'manifest form');
  }
}

/**
 * A fresh ajv instance with every manifest schema added (not yet compiled).
 * Start-up cost matters more than validation speed here: shared definitions
 * are compiled once instead of inlined at each use, and the schemas are not
 * re-checked against the meta-schema on every run (a test does that).
 */
export function createSchemaAjv(options: Options = {}): Ajv2020 {
  // Loaded on first use: with the build's precompiled validators a check never needs ajv's compiler.
  const { Ajv2020: Ajv } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv({ ...schemaAjvOptions, ...options });
  for (const schema of schemaDocuments().values()) ajv.addSchema(schema);
  return ajv;
}

/** The options every manifest validator is compiled with (at run time or ahead of time). */
export const schemaAjvOptions = { allErrors: true, strict: false, inlineRefs: false, validateSchema: false, code: { optimize: false } } as const satisfies Options;

let shared: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();
let precompiled: ReadonlyMap<string, ValidateFunction> | undefined | null = null;

/** The compiled validator for `entry`: precompiled by the build when available, else compiled on first use. */
export function validatorFor(entry: SchemaEntry): ValidateFunction {
  const key = entry.file + entry.pointer;
  let validate = compiled.get(key);
  if (validate === undefined) {
    if (precompiled === null) precompiled = loadPrecompiled();
    const ready = precompiled?.get(key);
    if (ready !== undefined) {
      compiled.set(key, ready);
      return ready;
    }
    shared ??= createSchemaAjv();
    const found = shared.getSchema(key);
    if (found === undefined) throw new Error(`manifest schema ${key} is missing`);
    validate = found;
    compiled.set(key, validate);
  }
  return validate;
}
