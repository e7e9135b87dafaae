/**
 * A step list written as `[]` — a workflow's `steps`, `then`, `else`, a case,
 * `default`, a branch, a forEach or try body, `catch`, `finally` — is almost
 * always an unfinished edit. Absent lists are not reported here: missing
 * required lists are schema errors, and branch-shapes covers `then`, `cases`
 * and `branches`.
 */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { StepIR } from '../../lower/ir.js';
import { entry, type MapNode, type ValueNode } from '../../source/nodes.js';
import type { Check, CheckContext } from '../check.js';
import { forEachStep } from '../steps.js';

/** The step lists a step writes, with a description of each for the message. */
function writtenLists(step: StepIR): { readonly where: string; readonly node: ValueNode | undefined }[] {
  const own = (key: string, label = `'${key}'`) => ({ where: `${label} of step '${step.id.value}'`, node: entry(step.node, key)?.value });
  const nested = (key: string, label: string) => {
    const map = entry(step.node, key)?.value;
    return map?.kind === 'map' ? map.entries.map((e) => ({ where: `${label} '${e.key}' of step '${step.id.value}'`, node: e.value })) : [];
  };
  switch (step.kind) {
    case 'if':
      return [own('then'), own('else')];
    case 'switch':
      return [...nested('cases', 'case'), own('default')];
    case 'parallel':
      return step.form === 'branches' ? nested('branches', 'branch') : [];
    case 'forEach':
    case 'try':
      return [own('steps'), ...(step.kind === 'try' ? [own('catch'), own('finally')] : [])];
    default:
      return [];
  }
}

function reportIfEmpty(context: CheckContext, where: string, node: ValueNode | undefined): void {
  if (node?.kind === 'seq' && node.items.length === 0) context.bag.report(M.EmptyStepList, node.span, { where });
}

export const emptyStepLists: Check = {
  name: 'empty-step-lists',
  doc: 'Reports a list of steps written empty: a workflow\'s steps, a branch, a case, a loop or try body, then/else, catch or finally.',
  run(context) {
    for (const workflow of context.program.workflows) {
      const node: MapNode = workflow.origin.node;
      reportIfEmpty(context, `'steps' of workflow '${workflow.name.value}'`, entry(node, 'steps')?.value);
    }
    forEachStep(context.program, (step) => {
      for (const list of writtenLists(step)) reportIfEmpty(context, list.where, list.node);
    });
  },
};
