/** Schedule triggers need a valid cron expression (a warning: DESIGN §5). */
import { containsTemplate } from '../../expr/template.js';
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import type { Check } from '../check.js';
import { validateCron } from '../formats/cron.js';
import { valueSpan } from '../steps.js';

export const cronExpressions: Check = {
  name: 'cron-expressions',
  doc: "Warns about a schedule trigger whose 'cron' is not a valid cron expression, pointing at the offending field.",
  run({ program, bag }) {
    for (const workflow of program.workflows) {
      for (const trigger of workflow.triggers) {
        if (trigger.kind !== 'schedule') continue;
        const cron = trigger.cron;
        if (typeof cron.value !== 'string' || containsTemplate(cron.value)) continue; // missing or non-text: a schema error
        const problem = validateCron(cron.value);
        if (problem) bag.report(M.InvalidCron, valueSpan(cron, problem.start, problem.end), { cron: cron.value, detail: problem.detail });
      }
    }
  },
};
