/**
 * The schema a step's `input` must fit: the bound action's input schema, the
 * agent's input schema, or — for a sub-workflow — an object schema built
 * from that workflow's input declarations (closed: its inputs are its whole
 * contract; required unless optional or defaulted). Also: whether a place in
 * an input is marked sensitive (`writeOnly` / `x-sensitive` on the field or
 * an enclosing object).
 */
import type { ActionStepIR, AgentStepIR, StepIR, WorkflowIR, WorkflowStepIR } from '../../lower/ir.js';
import type { Bindings } from '../../resolve/bindings.js';
import { entry, type ValueNode } from '../../source/nodes.js';
import type { Span } from '../../source/span.js';
import { followRef, isJsonObject, isSensitiveSchema, ownValue } from '../../expr/schema-types.js';
import { safeTest } from '../patterns.js';

export type InputStep = ActionStepIR | AgentStepIR | WorkflowStepIR;

export interface InputTarget {
  readonly step: InputStep;
  /** In words: `action 'weather.get_forecast'`, `agent 'support'`, `workflow 'City Report'`. */
  readonly description: string;
  /** The JSON Schema the input must satisfy (the root `$ref`s resolve against). */
  readonly schema: unknown;
  readonly schemaNode: ValueNode | undefined;
  /** For sub-workflows: where each input is declared. */
  readonly declarations?: ReadonlyMap<string, Span>;
}

/** True for the step kinds that take an `input` checked against a target schema. */
export function isInputStep(step: StepIR): step is InputStep {
  return step.kind === 'action' || step.kind === 'agent' || step.kind === 'workflow';
}

/** The target schema of a step's input, when its reference is bound and the target declares one. */
export function inputTarget(step: InputStep, bindings: Bindings): InputTarget | undefined {
  switch (step.kind) {
    case 'action': {
      const bound = bindings.actions.get(step);
      if (!bound) return undefined;
      const description = `action '${bound.connector.name.value}.${bound.action.name.value}'`;
      // An action without an input schema takes `{type: object}` (see ActionIR).
      return bound.action.input
        ? { step, description, schema: bound.action.input.json, schemaNode: bound.action.input.node }
        : { step, description, schema: { type: 'object' }, schemaNode: undefined };
    }
    case 'agent': {
      const agent = bindings.agents.get(step.agent);
      if (!agent?.inputSchema) return undefined;
      return { step, description: `agent '${agent.name.value}'`, schema: agent.inputSchema.json, schemaNode: agent.inputSchema.node };
    }
    case 'workflow': {
      const workflow = bindings.workflows.get(step.workflow);
      return workflow ? subWorkflowTarget(step, workflow) : undefined;
    }
  }
}

/**
 * The input schema of each sub-workflow, built once: every step calling the
 * workflow then checks against the same schema object, so its conversion to
 * a type is shared too (see `schemaToType`).
 */
const subWorkflowSchemas = new WeakMap<WorkflowIR, { readonly schema: unknown; readonly declarations: ReadonlyMap<string, Span> }>();

function subWorkflowTarget(step: WorkflowStepIR, workflow: WorkflowIR): InputTarget {
  let contract = subWorkflowSchemas.get(workflow);
  if (contract === undefined) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    const declarations = new Map<string, Span>();
    for (const input of workflow.inputs) {
      Object.defineProperty(properties, input.name.value, { value: input.schema.json, enumerable: true });
      declarations.set(input.name.value, input.name.span);
      if (input.required && input.default === undefined) required.push(input.name.value);
    }
    contract = { schema: { type: 'object', properties, required, additionalProperties: false }, declarations };
    subWorkflowSchemas.set(workflow, contract);
  }
  return { step, description: `workflow '${workflow.name.value}'`, schema: contract.schema, schemaNode: undefined, declarations: contract.declarations };
}

type Json = unknown;
const isObject = isJsonObject;
const own = ownValue;

/** Follows `$ref`s (at most a few hops) to the schema they name. */
export function derefSchema(schema: Json, node: ValueNode | undefined, target: InputTarget): { schema: Json; node: ValueNode | undefined } {
  let current = { schema, node };
  for (let hops = 0; hops < 8 && isObject(current.schema) && typeof own(current.schema, '$ref') === 'string'; hops++) {
    const next = followRef(target.schema, target.schemaNode, own(current.schema, '$ref') as string);
    if (!next) return { schema: true, node: undefined };
    current = next;
  }
  return current;
}

/**
 * Whether the value at `path` inside an input is marked sensitive: some
 * schema on the way from the root to it (the field or an enclosing object)
 * says `writeOnly: true` or `x-sensitive: true`.
 */
export function isSensitivePath(target: InputTarget, path: readonly (string | number)[]): boolean {
  let schema: Json = derefSchema(target.schema, target.schemaNode, target).schema;
  if (isSensitiveSchema(schema)) return true;
  for (const key of path) {
    schema = derefSchema(childSchema(schema, key), undefined, target).schema;
    if (schema === undefined) return false;
    if (isSensitiveSchema(schema)) return true;
  }
  return false;
}

/** The schema of member `key` (a property name or a list index) of values of `schema`. */
export function childSchema(schema: Json, key: string | number): Json {
  if (!isObject(schema)) return undefined;
  if (typeof key === 'number') {
    const prefix = own(schema, 'prefixItems');
    if (Array.isArray(prefix) && key < prefix.length) return prefix[key];
    const items = own(schema, 'items');
    if (Array.isArray(items)) return key < items.length ? items[key] : own(schema, 'additionalItems');
    return items;
  }
  const props = own(schema, 'properties');
  if (isObject(props) && own(props, key) !== undefined) return own(props, key);
  const patterns = own(schema, 'patternProperties');
  if (isObject(patterns)) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (safeTest(pattern, key)) return sub;
    }
  }
  const additional = own(schema, 'additionalProperties');
  return isObject(additional) ? additional : undefined;
}

/** The node of member `key` of a schema's `properties`, for "declared here" locations. */
export function propertyKeySpan(node: ValueNode | undefined, key: string): Span | undefined {
  if (node?.kind !== 'map') return undefined;
  const props = entry(node, 'properties')?.value;
  return props?.kind === 'map' ? entry(props, key)?.keyNode.span : undefined;
}

/** A place inside an input as people write it: `headers.Authorization`, `items[0].sku`; `input` for the root. */
export function fieldPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'input';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
