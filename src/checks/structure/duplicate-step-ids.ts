/** Step ids are unique within a workflow, nested steps included (DESIGN §2). */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { Check } from '../check.js';
import { forEachDuplicate, stepsOf } from '../steps.js';

export const duplicateStepIds: Check = {
  name: 'duplicate-step-ids',
  doc: 'Reports a step whose id is already used by another step of the same workflow, including steps nested in branches, loops and try blocks.',
  run({ program, bag }) {
    for (const workflow of program.workflows) {
      forEachDuplicate(
        stepsOf(workflow),
        (step) => step.id.value,
        (step, first) =>
          bag.report(M.DuplicateStepId, step.id.span, { id: step.id.value, workflow: workflow.name.value }, { related: [{ message: 'first defined here', span: first.id.span }] }),
      );
    }
  },
};
