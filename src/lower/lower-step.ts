/**
 * Lowers steps and step lists: step identity (`id`, or `name` when `id` is
 * absent), the step kind, the fields every kind shares (with their snake and
 * camel spellings), `for_each` loop sugar, and the call steps (action, agent,
 * sub-workflow). Logic steps are lowered in lower-logic-step.ts.
 */
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import { joinSpans, type Span } from '../source/span.js';
import type { LowerContext } from './context.js';
import type { ActionStepIR, AgentStepIR, LoopSugarIR, Name, StepCommon, StepIR, StepKind, StepList, WorkflowStepIR } from './ir.js';
import { lowerLogicStep } from './lower-logic-step.js';
import { lowerRetry } from './lower-retry.js';
import { stepKindOf } from './step-kind.js';
import { booleanOf, inputOf, nameOf, nameOrEmpty, numberOf, optionalJsonOf, secondsOf, stringOf, valueOf } from './values.js';

/**
 * Lowers the list of steps at `node`. `path` names the list for synthetic ids
 * (`steps`, `check.then`); `owner` is where an absent list is placed.
 * Items that are not mappings are skipped (the schema stage reports them).
 */
export function lowerStepList(ctx: LowerContext, node: ValueNode | undefined, path: string, owner: Span): StepList {
  if (node?.kind !== 'seq') return { steps: [], span: node?.span ?? owner };
  const steps: StepIR[] = [];
  node.items.forEach((item, index) => {
    if (item.kind !== 'map') return;
    const step = lowerStep(ctx, item, `${path}[${index}]`);
    if (step) steps.push(step);
  });
  return { steps, span: node.span };
}

/** Lowers one step mapping, or returns undefined (after reporting) when its kind cannot be told. */
export function lowerStep(ctx: LowerContext, node: MapNode, syntheticId: string): StepIR | undefined {
  const id = stepIdOf(node, syntheticId);
  const kind = stepKindOf(ctx, node, id);
  if (kind === undefined) return undefined;
  const common = lowerCommon(node, id, kind);
  switch (kind) {
    case 'action':
      return lowerActionStep(node, common);
    case 'agent':
      return { ...common, kind: 'agent', agent: nameOrEmpty(valueOf(node, 'agent'), node.span), input: inputOf(node) } satisfies AgentStepIR;
    case 'workflow':
      return {
        ...common,
        kind: 'workflow',
        workflow: nameOrEmpty(valueOf(node, 'workflow'), node.span),
        version: nameOf(valueOf(node, 'version')),
        input: inputOf(node),
      } satisfies WorkflowStepIR;
    default:
      return lowerLogicStep(node, common, kind, {
        list: (list, label) => lowerStepList(ctx, list, `${id.value}.${label}`, node.span),
        step: (item, label) => lowerStep(ctx, item, `${id.value}.${label}`),
      });
  }
}

/**
 * `id`, else `name`; with neither, a synthetic id such as `steps[2]` (the
 * schema stage reports the missing identifier, so lowering does not).
 */
function stepIdOf(node: MapNode, syntheticId: string): Name {
  const given = nameOf(valueOf(node, 'id')) ?? nameOf(valueOf(node, 'name'));
  if (given && given.value !== '') return given;
  const at = entry(node, 'id')?.keyNode.span ?? entry(node, 'name')?.keyNode.span ?? node.entries[0]?.keyNode.span ?? node.span;
  return { value: syntheticId, span: at };
}

function lowerCommon(node: MapNode, id: Name, kind: StepKind): StepCommon {
  // On a block forEach, `continueOnError` is the loop's own flag (failed items
  // are recorded, the step succeeds); it is kept as the step flag as well.
  return {
    id,
    span: node.span,
    node,
    description: stringOf(valueOf(node, 'description')),
    when: kind === 'if' ? undefined : valueOf(node, 'condition'),
    timeoutSeconds: secondsOf(valueOf(node, 'timeout')),
    retry: lowerRetry(valueOf(node, 'retry')),
    continueOnError: booleanOf(valueOf(node, 'continueOnError', 'continue_on_error'), false),
    forEach: loopSugarOf(node),
    guardrails: optionalJsonOf(valueOf(node, 'guardrails')),
    authorization: optionalJsonOf(valueOf(node, 'authorization')),
    backend: stringOf(valueOf(node, 'backend')),
  };
}

/** `for_each: "{{ … }}"` with optional `parallel: true` and `maxConcurrency`. */
function loopSugarOf(node: MapNode): LoopSugarIR | undefined {
  const e = entry(node, 'for_each');
  if (!e) return undefined;
  return {
    items: e.value,
    parallel: booleanOf(valueOf(node, 'parallel'), false),
    maxConcurrency: numberOf(valueOf(node, 'maxConcurrency', 'max_concurrency')),
    span: joinSpans(e.keyNode.span, e.value.span),
  };
}

function lowerActionStep(node: MapNode, common: StepCommon): ActionStepIR {
  const connector = nameOf(valueOf(node, 'connector'));
  return {
    ...common,
    kind: 'action',
    connector: connector ?? nameOrEmpty(valueOf(node, 'plugin'), node.span),
    legacyPlugin: connector === undefined && entry(node, 'plugin') !== undefined,
    action: nameOrEmpty(valueOf(node, 'action'), node.span),
    input: inputOf(node),
  };
}
