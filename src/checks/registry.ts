/**
 * Every check, in the order they run. Structural checks come first; the
 * expression, data-flow and security checks add their entries after them.
 */
import type { Check } from './check.js';
import { actionSchemas } from './structure/action-schemas.js';
import { branchShapes } from './structure/branch-shapes.js';
import { cronExpressions } from './structure/cron-expressions.js';
import { duplicateActionNames } from './structure/duplicate-action-names.js';
import { duplicateStepIds } from './structure/duplicate-step-ids.js';
import { duplicateWorkflowNames } from './structure/duplicate-workflow-names.js';
import { durations } from './structure/durations.js';
import { emptyStepLists } from './structure/empty-step-lists.js';
import { inputAndWith } from './structure/input-and-with.js';
import { timeZones } from './structure/time-zones.js';
import { waitTimestamps } from './structure/wait-timestamps.js';
import { expressionChecks } from './expressions/index.js';

export const checks: readonly Check[] = [
  // structure (OWC30xx)
  duplicateWorkflowNames,
  duplicateActionNames,
  actionSchemas,
  duplicateStepIds,
  inputAndWith,
  branchShapes,
  emptyStepLists,
  cronExpressions,
  durations,
  timeZones,
  waitTimestamps,
  // expressions, data flow (OWC50xx, OWC60xx) and security (OWC70xx)
  ...expressionChecks,
];
