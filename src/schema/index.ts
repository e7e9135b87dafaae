/**
 * The schema stage: validates each loaded manifest against the manifest JSON
 * Schemas in `schemas/` and reports person-readable diagnostics (OWC2xxx):
 * missing and mistyped fields as errors, unknown fields as warnings with a
 * "did you mean" hint.
 */
import { schemaMessages as M } from '../diagnostics/catalog/schema.js';
import { createDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { LoadedManifest } from '../source/load.js';
import { toJSON } from '../source/nodes.js';
import { resolveSchemaRef } from './documents.js';
import { diagnosticsForErrors } from './errors.js';
import { createLocator } from './location.js';
import { analyseShape } from './shape.js';
import { schemaEntryFor, validatorFor } from './validator.js';

export { schemaEntryFor, createSchemaAjv } from './validator.js';
export { schemaDocuments, schemasFolder, schemaFileNames } from './documents.js';

/** Validates one manifest against the schema of its form. Never throws on bad input. */
export function validateManifest(manifest: LoadedManifest): Diagnostic[] {
  const entry = schemaEntryFor(manifest.form);
  const json = toJSON(manifest.root);
  const validate = validatorFor(entry);
  validate(json);
  const shape = analyseShape(manifest.root, json, entry.file, entry.pointer, entry.label);
  const at = createLocator(manifest.root, shape.defsAt);
  const strays = new Map(shape.unknown.map((u) => [u.pointer, u.entries.map((e) => e.key)]));

  // A rejected YAML alias (already reported while loading) reads as null: say nothing more about it.
  const out: Diagnostic[] = diagnosticsForErrors(validate.errors ?? [], at, (pointer) => strays.get(pointer) ?? []).filter(
    (d) => manifest.file.text[d.span.start] !== '*',
  );
  for (const object of shape.unknown) {
    const where = at.where(object.pointer);
    const isStep = at.defs(object.pointer).has('step');
    for (const e of object.entries) {
      out.push(createDiagnostic(M.UnknownField, e.keyNode.span, { field: e.key, where }, unknownFieldHint(e.key, object.known, isStep)));
    }
  }
  return sortDiagnostics(out);
}

/** "did you mean" for a misspelling; for a step, which kinds of step the field belongs to. */
function unknownFieldHint(key: string, known: readonly string[], isStep: boolean): { hint?: string } {
  const suggestion = closestMatch(key, known);
  if (suggestion !== undefined) return { hint: `did you mean '${suggestion}'?` };
  if (isStep) {
    const kinds = (Object.keys(stepKindDefs) as SchemaStepKind[]).filter((k) => knownFields(stepKindDefs[k]).includes(key));
    if (kinds.length > 0) return { hint: `'${key}' is a field of ${kinds.map((k) => `'${k}'`).join(', ')} steps, not of this kind of step` };
  }
  return {};
}

/** Step kinds and the `$defs` entry holding each kind's own fields. */
export const stepKindDefs = {
  action: 'actionStep',
  agent: 'agentStep',
  workflow: 'workflowStep',
  if: 'ifStep',
  switch: 'switchStep',
  forEach: 'forEachStep',
  parallel: 'parallelStep',
  wait: 'waitStep',
  try: 'tryStep',
  transform: 'transformStep',
  handoff: 'handoffStep',
} as const;

export type SchemaStepKind = keyof typeof stepKindDefs;

/** The fields a `$defs` entry of defs.schema.json lists (`action`, `httpHandler`, `trigger`, …); empty when unknown. */
export function knownFields(def: string): readonly string[] {
  const found = resolveSchemaRef(`defs.schema.json#/$defs/${def}`, 'defs.schema.json');
  const props = found?.schema.properties;
  return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

/** The fields a step of `kind` may carry (common step fields plus the kind's own); all step fields without a kind. */
export function knownStepFields(kind?: SchemaStepKind): readonly string[] {
  const kinds = kind === undefined ? (Object.keys(stepKindDefs) as SchemaStepKind[]) : [kind];
  return [...new Set([...knownFields('step'), ...kinds.flatMap((k) => knownFields(stepKindDefs[k]))])];
}
