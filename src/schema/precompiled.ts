/**
 * Manifest validators compiled ahead of time. `npm run build` runs
 * write-precompiled.ts, which writes every entry validator as standalone ajv
 * code into `dist/schema-validators.cjs`; at run time the compiled CLI loads
 * that file instead of compiling the schemas (0.3–0.9 s per process). The file
 * records a hash of the schemas and options it was compiled from and is used
 * only while they match; from sources (tests) or after a schema edit without
 * a rebuild, the validators are compiled at run time as before.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { contentHash } from '../cache/hash.js';
import { schemaDocuments } from './documents.js';
import { createSchemaAjv, schemaAjvOptions } from './validator.js';

/** Where the build writes the precompiled validators (next to `dist/src/`). */
export const precompiledPath = fileURLToPath(new URL('../../schema-validators.cjs', import.meta.url));

/** Entry points: the `$defs` forms each schema file declares, and each whole file. */
const formDefs = ['blockForm', 'listForm', 'agentSchemaForm', 'registryForm'] as const;

/** What the validators depend on: the schema documents and the ajv options. */
export function schemaFingerprint(): string {
  // Plain JSON.stringify (the documents' own key order) is deterministic here and several times faster than a sorted form.
  return contentHash(JSON.stringify([[...schemaDocuments()], schemaAjvOptions]));
}

/** The validator keys (`file#/$defs/form`, or `file` alone) worth compiling ahead of time. */
export function precompiledKeys(): string[] {
  const keys: string[] = [];
  for (const [file, schema] of schemaDocuments()) {
    keys.push(file);
    const defs = schema.$defs;
    for (const def of formDefs) if (typeof defs === 'object' && defs !== null && def in defs) keys.push(`${file}#/$defs/${def}`);
  }
  return keys;
}

/** CommonJS source exporting `fingerprint`, `keys` and one validator per key. */
export function precompiledSource(): string {
  const ajv = createSchemaAjv({ code: { ...schemaAjvOptions.code, source: true } });
  const keys = precompiledKeys();
  const exportsByName: Record<string, string> = {};
  keys.forEach((key, i) => {
    exportsByName[`v${i}`] = key;
  });
  const standalone = createRequire(import.meta.url)('ajv/dist/standalone/index.js') as { default: (ajv: unknown, refs: Record<string, string>) => string };
  const code = standalone.default(ajv, exportsByName);
  return `${code}\nexports.fingerprint = ${JSON.stringify(schemaFingerprint())};\nexports.keys = ${JSON.stringify(keys)};\n`;
}

/** The precompiled validators by key, when the build wrote them for these very schemas; undefined otherwise. */
export function loadPrecompiled(): ReadonlyMap<string, ValidateFunction> | undefined {
  if (!existsSync(precompiledPath)) return undefined;
  try {
    const loaded = createRequire(import.meta.url)(precompiledPath) as Record<string, unknown>;
    if (loaded.fingerprint !== schemaFingerprint() || !Array.isArray(loaded.keys)) return undefined;
    const out = new Map<string, ValidateFunction>();
    loaded.keys.forEach((key: unknown, i) => {
      const fn = loaded[`v${i}`];
      if (typeof key === 'string' && typeof fn === 'function') out.set(key, fn as ValidateFunction);
    });
    return out;
  } catch {
    return undefined;
  }
}
