/**
 * Lowers workflow manifests: every entry of a `workflows:` list, a
 * `workflow:` block, or a registry manifest (`type: workflow`). Inputs are
 * JSON Schemas plus `default`, `description` and a boolean `required`.
 */
import type { MapNode, ValueNode } from '../source/nodes.js';
import type { LowerContext } from './context.js';
import { originOf } from './context.js';
import type { JsonValue, WorkflowInputIR, WorkflowIR, WorkflowOutputIR } from './ir.js';
import { lowerStepList } from './lower-step.js';
import { lowerTesting } from './lower-testing.js';
import { lowerTriggers } from './lower-trigger.js';
import { asSchema, booleanOf, define, jsonOf, mapOf, nameOf, optionalJsonOf, stringOf, valueOf } from './values.js';

/** The workflows of one recognised workflow manifest. */
export function lowerWorkflows(ctx: LowerContext, root: MapNode): WorkflowIR[] {
  switch (ctx.form.form) {
    case 'list': {
      const list = valueOf(root, 'workflows');
      if (list?.kind !== 'seq') return [];
      return list.items.flatMap((item, index) => (item.kind === 'map' ? [lowerWorkflow(ctx, item, `workflows[${index}]`)] : []));
    }
    case 'block': {
      const block = mapOf(valueOf(root, 'workflow'));
      return block ? [lowerWorkflow(ctx, block, 'workflow')] : [];
    }
    default:
      return [lowerWorkflow(ctx, root, 'workflow')];
  }
}

/**
 * One workflow. A workflow without a name (the schema stage reports it) is
 * called by its place in the file (`workflows[1]`) so it can still be checked.
 */
function lowerWorkflow(ctx: LowerContext, node: MapNode, place: string): WorkflowIR {
  const name = nameOf(valueOf(node, 'name'));
  return {
    kind: 'workflow',
    name: name ?? { value: place, span: node.entries[0]?.keyNode.span ?? node.span },
    namespace: nameOf(valueOf(node, 'namespace')),
    version: nameOf(valueOf(node, 'version')),
    displayName: stringOf(valueOf(node, 'displayName', 'display_name')),
    description: stringOf(valueOf(node, 'description')),
    inputs: lowerInputs(valueOf(node, 'inputs')),
    triggers: lowerTriggers(valueOf(node, 'triggers')),
    steps: lowerStepList(ctx, valueOf(node, 'steps'), 'steps', node.span).steps,
    outputs: lowerOutputs(valueOf(node, 'outputs')),
    authorization: optionalJsonOf(valueOf(node, 'authorization')),
    guardrails: optionalJsonOf(valueOf(node, 'guardrails')),
    testing: lowerTesting(valueOf(node, 'testing')),
    origin: originOf(ctx, node),
  };
}

/** Keys of an input declaration that are not part of its JSON Schema. */
const declarationKeys = new Set(['default', 'description']);

function lowerInputs(node: ValueNode | undefined): WorkflowInputIR[] {
  const map = mapOf(node);
  if (!map) return [];
  return map.entries.map((e) => {
    const decl = e.value;
    const json = jsonOf(decl);
    const requiredNode = valueOf(decl, 'required');
    return {
      name: { value: e.key, span: e.keyNode.span },
      schema: { json: isObject(json) ? schemaPart(json) : asSchema(json), node: decl },
      required: booleanOf(requiredNode, false),
      default: valueOf(decl, 'default'),
      description: stringOf(valueOf(decl, 'description')),
      span: e.keyNode.span.start <= decl.span.start ? { ...decl.span, start: e.keyNode.span.start } : decl.span,
    };
  });
}

/**
 * The JSON Schema part of an input declaration. `required` is removed only
 * when it is the boolean flag; a list (`required: [a, b]` on an object input)
 * is the JSON Schema keyword and stays.
 */
function schemaPart(json: { readonly [key: string]: JsonValue }): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(json)) {
    if (declarationKeys.has(key) || (key === 'required' && typeof value === 'boolean')) continue;
    define(out, key, value);
  }
  return out;
}

function isObject(json: JsonValue): json is { readonly [key: string]: JsonValue } {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** `name: {value, description}`, or the shorthand `name: "{{ … }}"`. */
function lowerOutputs(node: ValueNode | undefined): WorkflowOutputIR[] {
  const map = mapOf(node);
  if (!map) return [];
  return map.entries.map((e) => {
    const decl = mapOf(e.value);
    const value = decl && valueOf(decl, 'value') !== undefined ? valueOf(decl, 'value')! : e.value;
    return {
      name: { value: e.key, span: e.keyNode.span },
      value,
      description: decl && value !== e.value ? stringOf(valueOf(decl, 'description')) : undefined,
      span: { ...e.value.span, start: Math.min(e.keyNode.span.start, e.value.span.start) },
    };
  });
}
