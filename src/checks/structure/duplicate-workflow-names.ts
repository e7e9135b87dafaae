/** Workflows are called by name, so names are unique within a file. */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { Check } from '../check.js';
import { forEachDuplicate } from '../steps.js';

export const duplicateWorkflowNames: Check = {
  name: 'duplicate-workflow-names',
  doc: 'Reports a workflow whose name is already used by another workflow in the same file.',
  run({ program, bag }) {
    forEachDuplicate(
      program.workflows,
      (workflow) => `${workflow.origin.file.path}\u0000${workflow.name.value}`,
      (workflow, first) =>
        bag.report(M.DuplicateWorkflowName, workflow.name.span, { name: workflow.name.value }, { related: [{ message: 'first defined here', span: first.name.span }] }),
    );
  },
};
