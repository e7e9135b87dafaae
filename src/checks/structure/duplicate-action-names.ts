/** Steps call actions by name, so action names are unique within a connector. */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { Check } from '../check.js';
import { forEachDuplicate } from '../steps.js';

export const duplicateActionNames: Check = {
  name: 'duplicate-action-names',
  doc: 'Reports an action whose name is already used by another action of the same connector.',
  run({ program, bag }) {
    for (const connector of program.connectors) {
      forEachDuplicate(
        connector.actions,
        // A missing name is a schema error, not a duplicate.
        (action) => (action.name.value === '' ? undefined : action.name.value),
        (action, first) =>
          bag.report(M.DuplicateActionName, action.name.span, { name: action.name.value, connector: connector.name.value }, { related: [{ message: 'first defined here', span: first.name.span }] }),
      );
    }
  },
};
