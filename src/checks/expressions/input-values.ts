/**
 * Checks every action, agent and sub-workflow step's `input` against the
 * schema of what it calls: literal and template values by type, enums,
 * bounds and patterns; required fields; fields a closed schema does not
 * accept (error) or an open schema does not declare (warning).
 */
import { entry } from '../../source/nodes.js';
import { stepsOf } from '../steps.js';
import { workflowCheck } from './analysis.js';
import { inputTarget, isInputStep } from './input-targets.js';
import { checkInputValue } from './value-fit.js';

export const inputValues = workflowCheck({
  name: 'input-values',
  doc: 'Every value passed to an action, agent or sub-workflow fits the input schema of what it calls, and every required input is given.',
  runWorkflow(context, analysis) {
    for (const step of stepsOf(analysis.workflow)) {
      if (!isInputStep(step)) continue;
      const target = inputTarget(step, context.bindings);
      if (!target) continue;
      const anchor = (entry(step.node, 'input') ?? entry(step.node, 'with'))?.keyNode.span ?? step.id.span;
      checkInputValue(step.input, anchor, {
        target,
        site: (node) => analysis.site(node),
        strict: context.options.strict,
        report: (d) => context.bag.add(d),
      });
    }
  },
});
