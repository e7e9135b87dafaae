/** A wait `until.time` must be an ISO 8601 timestamp (a warning, like the other time values). */
import { containsTemplate } from '../../expr/template.js';
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { Check } from '../check.js';
import { timestampProblem } from '../formats/timestamp.js';
import { forEachStep } from '../steps.js';

export const waitTimestamps: Check = {
  name: 'wait-timestamps',
  doc: "Warns about a wait step whose 'until.time' is not an ISO 8601 timestamp such as '2025-10-08T09:00:00Z'.",
  run({ program, bag }) {
    forEachStep(program, (step) => {
      if (step.kind !== 'wait' || step.wait.kind !== 'time') return;
      const time = step.wait.time;
      if (typeof time.value !== 'string' || containsTemplate(time.value)) return;
      const detail = timestampProblem(time.value.trim());
      if (detail) bag.report(M.InvalidTimestamp, time.span, { value: time.value, detail });
    });
  },
};
