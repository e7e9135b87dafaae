/**
 * Reports a workflow input whose `default` does not fit the type its own
 * declaration gives it (`days: {type: integer, default: "three"}`).
 */
import { containsTemplate } from '../../expr/template.js';
import { exprTypeMessages as M } from '../../diagnostics/catalog/expr-types.js';
import { schemaToType } from '../../expr/schema-types.js';
import { assignable, describe, typeOfValue, widen } from '../../expr/types.js';
import { toJSON } from '../../source/nodes.js';
import type { Check } from '../check.js';

export const inputDefaults: Check = {
  name: 'input-defaults',
  doc: "Every workflow input's default fits the input's declared type.",
  run(context) {
    for (const workflow of context.program.workflows) {
      for (const input of workflow.inputs) {
        if (!input.default) continue;
        const value = toJSON(input.default);
        if (typeof value === 'string' && containsTemplate(value)) continue;
        const expected = schemaToType(input.schema.json, { mode: 'write', node: input.schema.node });
        const actual = typeOfValue(value);
        if (assignable(actual, expected).ok) continue;
        context.bag.report(M.InputDefaultMismatch, input.default.span, { name: input.name.value, actual: describe(widen(actual)), expected: describe(expected) });
      }
    }
  },
};
