/** `with` is an alias of `input`; a step may not carry both. */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { entry } from '../../source/nodes.js';
import type { Check } from '../check.js';
import { forEachStep } from '../steps.js';

export const inputAndWith: Check = {
  name: 'input-and-with',
  doc: "Reports a step that has both 'input' and its alias 'with'.",
  run({ program, bag }) {
    forEachStep(program, (step) => {
      const input = entry(step.node, 'input');
      const alias = entry(step.node, 'with');
      if (input && alias) {
        bag.report(M.InputAndWith, alias.keyNode.span, { id: step.id.value }, { related: [{ message: "'input' is given here", span: input.keyNode.span }] });
      }
    });
  },
};
