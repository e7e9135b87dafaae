/**
 * Durations must parse (a warning: DESIGN §5): a wait step's `duration`, a
 * wait's `until.timeout`, and any step's `timeout` written as text.
 */
import { containsTemplate } from '../../expr/template.js';
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { durationSeconds } from '../../lower/duration.js';
import { field, type ValueNode } from '../../source/nodes.js';
import type { Check, CheckContext } from '../check.js';
import { forEachStep } from '../steps.js';

function checkDuration(context: CheckContext, node: ValueNode | undefined): void {
  if (node?.kind !== 'scalar' || node.value === null) return; // absent: nothing to check; non-scalars are schema errors
  if (typeof node.value === 'string' && containsTemplate(node.value)) return;
  if (durationSeconds(node.value) === undefined) context.bag.report(M.InvalidDuration, node.span, { value: String(node.value) });
}

export const durations: Check = {
  name: 'durations',
  doc: "Warns about a wait duration or timeout that is neither a number of seconds nor a duration such as '30s', '10m', '1h', '2d' or '1h30m'.",
  run(context) {
    forEachStep(context.program, (step) => {
      checkDuration(context, field(step.node, 'timeout'));
      if (step.kind !== 'wait') return;
      if (step.wait.kind === 'duration') checkDuration(context, step.wait.duration);
      if (step.wait.kind === 'event') checkDuration(context, field(field(step.node, 'until'), 'timeout'));
    });
  },
};
