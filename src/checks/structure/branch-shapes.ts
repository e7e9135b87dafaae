/**
 * Branching steps need something to branch to. A missing `cases` or
 * `branches` (and a missing `then`) is a schema error; what the schema lets
 * through is the empty form: `cases: {}`, `branches: {}`, `parallel: []`.
 * (An empty list inside a case or branch is reported by empty-step-lists.)
 */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { entry, type MapNode } from '../../source/nodes.js';
import type { Span } from '../../source/span.js';
import type { Check } from '../check.js';
import { forEachStep } from '../steps.js';

/** The span of `key`'s value when it is written as an empty mapping or list. */
function writtenEmpty(node: MapNode, key: string): Span | undefined {
  const value = entry(node, key)?.value;
  if (value?.kind === 'map' && value.entries.length === 0) return value.span;
  if (value?.kind === 'seq' && value.items.length === 0) return value.span;
  return undefined;
}

export const branchShapes: Check = {
  name: 'branch-shapes',
  doc: "Reports a 'switch' step whose cases are an empty mapping and a 'parallel' step whose branches are empty.",
  run({ program, bag }) {
    forEachStep(program, (step) => {
      if (step.kind === 'switch') {
        const empty = writtenEmpty(step.node, 'cases');
        if (empty) bag.report(M.SwitchWithoutCases, empty, { id: step.id.value });
      } else if (step.kind === 'parallel') {
        const empty = writtenEmpty(step.node, step.form === 'list' ? 'parallel' : 'branches');
        if (empty) bag.report(M.ParallelWithoutBranches, empty, { id: step.id.value });
      }
    });
  },
};
