/**
 * The expression, data-flow and security checks, in the order they run.
 * They share one analysis (./analysis.ts): every template is parsed and typed
 * once, one workflow at a time, and all but `input-defaults` run per workflow.
 */
import type { Check } from '../check.js';
import { conditions } from './conditions.js';
import { expressionSyntax } from './expression-syntax.js';
import { expressionTypes } from './expression-types.js';
import { inputDefaults } from './input-defaults.js';
import { inputValues } from './input-values.js';
import { loopItems } from './loop-items.js';
import { secretFlow } from './secret-flow.js';
import { sqlInterpolation } from './sql-interpolation.js';
import { switchCases } from './switch-cases.js';

export { conditions, expressionSyntax, expressionTypes, inputDefaults, inputValues, loopItems, secretFlow, sqlInterpolation, switchCases };

/** Expression checks (OWC50xx/OWC60xx) and security checks (OWC70xx). */
export const expressionChecks: readonly Check[] = [
  expressionSyntax,
  expressionTypes,
  inputDefaults,
  inputValues,
  conditions,
  loopItems,
  switchCases,
  secretFlow,
  sqlInterpolation,
];
