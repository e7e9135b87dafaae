/**
 * Which kind a step is (DESIGN §2): its `type` when given, otherwise inferred
 * from the fields it carries. A step whose kind cannot be told is reported
 * here, once, with a hint; lowering then leaves it out of the IR.
 */
import { closestMatch } from '../diagnostics/suggest.js';
import { structureMessages as M } from '../diagnostics/catalog/structure.js';
import { entry, type MapNode } from '../source/nodes.js';
import type { LowerContext } from './context.js';
import type { Name, StepKind } from './ir.js';
import { stringOf, valueOf } from './values.js';

export const stepKinds: readonly StepKind[] = ['action', 'agent', 'workflow', 'if', 'switch', 'forEach', 'parallel', 'wait', 'try', 'transform', 'handoff'];

/** Spellings people reach for that name a kind unambiguously. */
const kindAliases: Readonly<Record<string, StepKind>> = {
  for_each: 'forEach',
  foreach: 'forEach',
  loop: 'forEach',
  subworkflow: 'workflow',
  'sub-workflow': 'workflow',
  sub_workflow: 'workflow',
  condition: 'if',
  connector: 'action',
  connector_call: 'action',
  delay: 'wait',
  sleep: 'wait',
};

/** Fields that belong to one logic kind: a step carrying them most likely lacks that `type`. */
const telltaleFields: ReadonlyArray<readonly [string, StepKind]> = [
  ['then', 'if'],
  ['cases', 'switch'],
  ['branches', 'parallel'],
  ['items', 'forEach'],
  ['duration', 'wait'],
  ['until', 'wait'],
  ['catch', 'try'],
  ['finally', 'try'],
  ['expression', 'transform'],
  ['selectAgent', 'handoff'],
];

/** The kind of the step `node` (identified as `id`), or undefined after reporting why it has none. */
export function stepKindOf(ctx: LowerContext, node: MapNode, id: Name): StepKind | undefined {
  const typeNode = valueOf(node, 'type');
  const type = stringOf(typeNode);
  if (type !== undefined && typeNode) {
    const known = stepKinds.find((k) => k === type);
    if (known) return known;
    const suggestion = kindAliases[type.toLowerCase()] ?? closestMatch(type, stepKinds);
    ctx.bag.report(
      M.UnknownStepType,
      typeNode.span,
      { id: id.value, type, kinds: stepKinds.join(', ') },
      suggestion ? { hint: "did you mean 'type: {suggestion}'?", hintArgs: { suggestion } } : {},
    );
    return undefined;
  }
  const inferred = inferKind(node);
  if (typeof inferred === 'string') return inferred;
  ctx.bag.report(M.UndeterminedStepKind, node.entries[0]?.keyNode.span ?? node.span, { id: id.value, advice: inferred.advice });
  return undefined;
}

/** Kind inference for a step without `type`. */
function inferKind(node: MapNode): StepKind | { readonly advice: string } {
  // Any of connector/plugin/action makes an action step; when one of the
  // pair is missing the schema stage reports it (as it does for `type: action`).
  if (entry(node, 'connector') || entry(node, 'plugin') || entry(node, 'action')) return 'action';
  if (entry(node, 'agent')) return 'agent';
  if (entry(node, 'workflow')) return 'workflow';
  if (valueOf(node, 'parallel')?.kind === 'seq') return 'parallel';
  for (const [field, kind] of telltaleFields) {
    if (entry(node, field)) return { advice: `it has '${field}:'; add 'type: ${kind}'` };
  }
  return {
    advice: `add 'type:' (one of ${stepKinds.join(', ')}), or 'connector:' and 'action:' for an action step`,
  };
}
