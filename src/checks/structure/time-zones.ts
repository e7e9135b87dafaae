/** Schedule time zones must be IANA names the runtime knows (a warning: DESIGN §5). */
import { containsTemplate } from '../../expr/template.js';
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import type { Check } from '../check.js';
import { isTimeZone, timeZoneNames } from '../formats/time-zone.js';

export const timeZones: Check = {
  name: 'time-zones',
  doc: "Warns about a schedule trigger whose 'timezone' is not a known IANA time zone, suggesting the closest name.",
  run({ program, bag }) {
    for (const workflow of program.workflows) {
      for (const trigger of workflow.triggers) {
        if (trigger.kind !== 'schedule' || !trigger.timezone) continue;
        const zone = trigger.timezone.value;
        if (typeof zone !== 'string' || containsTemplate(zone) || isTimeZone(zone)) continue;
        const suggestion = closestMatch(zone, timeZoneNames());
        bag.report(M.InvalidTimeZone, trigger.timezone.span, { zone }, suggestion ? { hint: "did you mean '{suggestion}'?", hintArgs: { suggestion } } : {});
      }
    }
  },
};
