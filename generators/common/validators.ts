/**
 * Validators compiled at build time: ajv turns each action schema into
 * standalone JavaScript (DESIGN.md §7: the runtime never compiles schemas).
 * ajv's standalone code `require`s its own helpers (`ucs2length`, `equal`,
 * ajv-formats); those references are redirected to the emitted support module
 * (./validator-support.ts), so the output depends on neither package. The
 * code goes into a `.js` file with a `.d.ts` beside it: ajv's code is not
 * strict TypeScript, and this way no generated `.ts` needs `any`.
 */
import { _, Ajv, type Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonValue } from '../../src/lower/ir.js';
import { indentBlocks } from './js-layout.js';
import { formatNames } from './validator-support.js';
import { forEachSchemaObject, isObject, type ValidatorFailure, type ValidatorModuleResult, type ValidatorSpec } from './validator-specs.js';

export { unknownFormats, type ValidatorFailure, type ValidatorModuleResult, type ValidatorSpec } from './validator-specs.js';

/** Draft-07 when any schema says so or uses draft-07-only tuple `items`; 2020-12 otherwise. */
function usesDraft07(schemas: readonly JsonValue[]): boolean {
  let found = false;
  for (const schema of schemas) {
    forEachSchemaObject(schema, (s) => {
      const dialect = s['$schema'];
      if (typeof dialect === 'string' && /draft-0[4-7]/.test(dialect)) found = true;
      if (Array.isArray(s['items']) || s['additionalItems'] !== undefined) found = true;
    });
  }
  return found;
}

/** The schema ajv compiles: `$id`/`$schema` at the top are dropped (the key names it; the dialect is chosen per connector). */
function prepared(schema: JsonValue): JsonValue {
  if (!isObject(schema)) return schema;
  const copy: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(schema)) if (key !== '$id' && key !== '$schema') copy[key] = schema[key]!;
  return copy;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const supportReferences: ReadonlyArray<readonly [string, string]> = [
  ['require("ajv/dist/runtime/ucs2length").default', 'ucs2length'],
  ['require("ajv/dist/runtime/equal").default', 'equal'],
];

type Draft = 'draft-07' | '2020-12';

/**
 * ajv turns each schema's code into a live function (`new Function`) before
 * the standalone step reads the code back from `validate.source`. owc never
 * runs those functions at build time, so the code handed to `new Function` is
 * replaced by a stub: the emitted source is unchanged (it is taken before this
 * hook), and V8 no longer parses every validator once more.
 */
function skipEvaluation(): string {
  return 'return function validate() { return false; };';
}

const sharedOptions: Options = { allErrors: true, strict: false, logger: false, validateFormats: true };

function newAjv(draft: Draft, options: Options): Ajv {
  const ajv = draft === 'draft-07' ? new Ajv(options) : new Ajv2020(options);
  for (const name of formatNames) ajv.addFormat(name, { type: 'string', validate: () => true });
  return ajv;
}

/**
 * One instance per dialect that checks schemas against the meta-schema, kept
 * for the whole process: compiling a meta-schema costs about 40 ms, and an
 * instance that generates code must be fresh for every module (its function
 * numbering would otherwise depend on the modules generated before).
 */
const metaCheckers = new Map<Draft, Ajv>();

/** Throws ajv's own "schema is invalid: …" error when `schema` breaks its dialect's meta-schema. */
function checkAgainstMetaSchema(draft: Draft, schema: JsonValue): void {
  if (typeof schema === 'boolean') return;
  let checker = metaCheckers.get(draft);
  if (checker === undefined) {
    checker = newAjv(draft, sharedOptions);
    metaCheckers.set(draft, checker);
  }
  if (!checker.validateSchema(schema as object)) throw new Error(`schema is invalid: ${checker.errorsText()}`);
}

/**
 * Compiles every spec with one ajv instance and returns one ES module exporting
 * a validate function per spec, or the schemas that could not be compiled.
 * ajv's code optimiser is off (it costs about half of the compile time); the
 * checks are the same, with some constant conditions and unused names left in.
 */
export function generateValidatorModule(specs: readonly ValidatorSpec[]): ValidatorModuleResult {
  const options: Options = {
    ...sharedOptions,
    code: { source: true, esm: true, formats: _`formats`, lines: true, optimize: false, process: skipEvaluation },
    validateSchema: false,
  };
  const draft: Draft = usesDraft07(specs.map((s) => s.schema)) ? 'draft-07' : '2020-12';
  const ajv = newAjv(draft, options);

  const failures: ValidatorFailure[] = [];
  const refs: { [exportName: string]: string } = {};
  for (const spec of specs) {
    const key = `owc:${spec.exportName}`;
    try {
      const schema = prepared(spec.schema);
      if (typeof schema !== 'boolean' && !isObject(schema)) throw new Error('a schema must be an object or a boolean');
      checkAgainstMetaSchema(draft, schema);
      ajv.addSchema(schema, key);
      ajv.getSchema(key);
      refs[spec.exportName] = key;
    } catch (error) {
      failures.push({ exportName: spec.exportName, detail: errorMessage(error) });
    }
  }
  if (failures.length > 0) return { ok: false, failures };

  // ajv is CommonJS: the namespace's default is module.exports, whose `default` is the function.
  const standaloneCode = standaloneModule.default.default;
  let code = standaloneCode(ajv, refs).replace(/^"use strict";\n?/, '');
  const supportImports = new Set<string>();
  // Each test scans the whole module (hundreds of kilobytes): the rare ones only after a cheap `includes`.
  const requires = code.includes('require(');
  for (const [reference, name] of requires ? supportReferences : []) {
    if (code.includes(reference)) {
      supportImports.add(name);
      code = code.split(reference).join(name);
    }
  }
  if (code.includes('formats') && /=\s*formats[.[]/.test(code)) supportImports.add('formats');
  if (requires && /\brequire\(/.test(code)) {
    const helper = /require\("([^"]+)"\)/.exec(code)?.[1] ?? 'an ajv helper';
    return {
      ok: false,
      failures: specs.map((s) => ({ exportName: s.exportName, detail: `the schema needs ${helper} at run time, which owc does not emit` })),
    };
  }
  return { ok: true, js: code, supportImports: [...supportImports].sort() };
}

/**
 * `generateValidatorModule` with the code laid out by block depth (see
 * ./js-layout.ts): what a connector module's `.validators.js` holds after its
 * header and support import. Run in process or on a worker (./validator-pool.ts).
 */
export function compileValidatorModule(specs: readonly ValidatorSpec[]): ValidatorModuleResult {
  const result = generateValidatorModule(specs);
  return result.ok ? { ...result, js: indentBlocks(result.js) } : result;
}
