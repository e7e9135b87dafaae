/**
 * Recognises which manifest a document is by its top-level shape
 * (DESIGN.md §2), and explains the quick-start draft dialect.
 */
import { entry, field, isMap, isSeq, stringValue, type MapNode, type ValueNode } from './nodes.js';

export type ResourceKind = 'connector' | 'workflow' | 'agent' | 'bundle';

export type ManifestForm =
  /** `connector:` block with `actions:` beside it (or inside it). */
  | { readonly resource: 'connector'; readonly form: 'block' }
  /** `workflows:` list. */
  | { readonly resource: 'workflow'; readonly form: 'list' }
  /** `workflow:` block holding one workflow. */
  | { readonly resource: 'workflow'; readonly form: 'block' }
  /** `agent:` block (agent manifest with the agent fields nested under `agent:`). */
  | { readonly resource: 'agent'; readonly form: 'block' }
  /** Registry manifest: `type:` and `schemaVersion` at the top level. */
  | { readonly resource: ResourceKind; readonly form: 'registry' }
  /** The agent JSON Schema form: `agent: {id}`, `model`, `instructions`, `tools`, `runtime`. */
  | { readonly resource: 'agent'; readonly form: 'agent-schema' };

export type Recognition =
  | { readonly ok: true; readonly form: ManifestForm }
  | { readonly ok: false; readonly reason: 'quickstart'; readonly feature: string; readonly advice: string; readonly at: ValueNode }
  | { readonly ok: false; readonly reason: 'unknown'; readonly detail: string; readonly looksLikeManifest: boolean };

const registryTypes: readonly ResourceKind[] = ['connector', 'workflow', 'agent', 'bundle'];

/** Decides which manifest form `root` is. */
export function recogniseManifest(root: ValueNode): Recognition {
  if (!isMap(root)) {
    return {
      ok: false,
      reason: 'unknown',
      detail: `the top level is ${root.kind === 'seq' ? 'a list' : 'a single value'}, not a mapping`,
      looksLikeManifest: false,
    };
  }
  const quick = quickstartDialect(root);
  if (quick) return quick;

  const type = stringValue(field(root, 'type'));
  if (type !== undefined && registryTypes.includes(type as ResourceKind) && (entry(root, 'schemaVersion') || entry(root, 'namespace'))) {
    return { ok: true, form: { resource: type as ResourceKind, form: 'registry' } };
  }
  if (entry(root, 'connector') && isMap(field(root, 'connector'))) return { ok: true, form: { resource: 'connector', form: 'block' } };
  if (entry(root, 'workflows')) return { ok: true, form: { resource: 'workflow', form: 'list' } };
  if (entry(root, 'workflow') && isMap(field(root, 'workflow'))) return { ok: true, form: { resource: 'workflow', form: 'block' } };
  if (entry(root, 'agent') && (entry(root, 'instructions') || entry(root, 'tools') || entry(root, 'runtime'))) {
    return { ok: true, form: { resource: 'agent', form: 'agent-schema' } };
  }
  if (entry(root, 'agent') && isMap(field(root, 'agent'))) return { ok: true, form: { resource: 'agent', form: 'block' } };
  if (type !== undefined && registryTypes.includes(type as ResourceKind)) {
    // `type: workflow` without schemaVersion: still the registry form, the schema check reports the missing field.
    return { ok: true, form: { resource: type as ResourceKind, form: 'registry' } };
  }

  const keys = root.entries.map((e) => e.key);
  const manifestish = ['steps', 'actions', 'triggers', 'inputs', 'outputs', 'handler', 'toolset', 'includes', 'schemaVersion'];
  const looksLikeManifest = keys.some((k) => manifestish.includes(k));
  const shown = keys.slice(0, 5).map((k) => `'${k}'`).join(', ');
  return {
    ok: false,
    reason: 'unknown',
    detail: keys.length === 0 ? 'the top-level mapping is empty' : `its top-level keys (${shown}${keys.length > 5 ? ', …' : ''}) match no manifest form`,
    looksLikeManifest,
  };
}

/** The quick-start page's dialect: `id:` at the top, `connector_call` steps, `operations:`, list-shaped `inputs:`. */
function quickstartDialect(root: MapNode): Recognition | undefined {
  const steps = field(root, 'steps');
  if (isSeq(steps)) {
    for (const step of steps.items) {
      const type = field(step, 'type');
      if (stringValue(type) === 'connector_call' || stringValue(type) === 'output') {
        return {
          ok: false,
          reason: 'quickstart',
          feature: `step type '${stringValue(type)}'`,
          advice:
            "wrap the workflow in 'workflows:' (a list) or 'workflow:', write action steps as 'type: action' with 'connector:', 'action:' (not 'operation:') and 'input:', and declare 'inputs:' as a mapping from name to JSON Schema",
          at: type!,
        };
      }
    }
  }
  const operations = entry(root, 'operations');
  if (operations && isSeq(operations.value)) {
    return {
      ok: false,
      reason: 'quickstart',
      feature: "'operations:' list",
      advice: "write a 'connector:' block (type, kind, name, namespace, version) and an 'actions:' list whose entries have 'name', 'input' and 'output' JSON Schemas and a 'handler'",
      at: operations.keyNode,
    };
  }
  const inputs = entry(root, 'inputs');
  const id = stringValue(field(root, 'id'));
  if (inputs && isSeq(inputs.value) && (entry(root, 'steps') || id !== undefined)) {
    return {
      ok: false,
      reason: 'quickstart',
      feature: "list-shaped 'inputs:'",
      advice: "declare workflow inputs as a mapping from input name to a JSON Schema, e.g. 'inputs: { location: { type: string, required: true } }', inside a 'workflows:' entry",
      at: inputs.keyNode,
    };
  }
  if (id !== undefined && /^(connector|workflow|agent|bundle):/.test(id) && !entry(root, 'type')) {
    const kind = id.slice(0, id.indexOf(':'));
    return {
      ok: false,
      reason: 'quickstart',
      feature: `'id: ${id}' as the manifest identity`,
      advice: `write the registry form instead: 'type: ${kind}', 'schemaVersion', 'namespace', 'name' and 'version' as separate fields`,
      at: field(root, 'id')!,
    };
  }
  return undefined;
}
