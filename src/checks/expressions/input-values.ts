/**
 * Checks every action, agent and sub-workflow step's `input` against the
 * schema of what it calls: literal and template values by type, enums,
 * bounds and patterns; required fields; fields a closed schema does not
 * accept (error) or an open schema does not declare (warning).
 */
import { entry } from '../../source/nodes.js';
import { walkSteps } from '../../lower/walk.js';
import type { Check } from '../check.js';
import { expressionAnalysis } from './analysis.js';
import { inputTarget, isInputStep } from './input-targets.js';
import { checkInputValue } from './value-fit.js';

export const inputValues: Check = {
  name: 'input-values',
  doc: 'Every value passed to an action, agent or sub-workflow fits the input schema of what it calls, and every required input is given.',
  run(context) {
    const analysis = expressionAnalysis(context);
    for (const workflow of context.program.workflows) {
      walkSteps(workflow.steps, (step) => {
        if (!isInputStep(step)) return;
        const target = inputTarget(step, context.bindings);
        if (!target) return;
        const anchor = (entry(step.node, 'input') ?? entry(step.node, 'with'))?.keyNode.span ?? step.id.span;
        checkInputValue(step.input, anchor, {
          target,
          site: (node) => analysis.site(node),
          strict: context.options.strict,
          report: (d) => context.bag.add(d),
        });
      });
    }
  },
};
