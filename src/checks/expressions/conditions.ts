/**
 * Warns when a condition — `condition` of an if step, `condition` on any
 * other step, a handoff choice's condition — is not boolean: it is tested
 * for truthiness, which often hides a mistake (`{{ steps.a.output.items }}`
 * is true for an empty list).
 */
import { exprTypeMessages as M } from '../../diagnostics/catalog/expr-types.js';
import { exprText } from '../../expr/infer.js';
import { wholeValueExpr } from '../../expr/template.js';
import { booleanType, describe, includesUndefined, removeNull, removeUndefined, assignable } from '../../expr/types.js';
import { workflowCheck } from './analysis.js';

export const conditions = workflowCheck({
  name: 'conditions',
  doc: 'Every condition is a boolean expression.',
  runWorkflow(context, analysis) {
    for (const site of analysis.sites) {
      if (site.role !== 'when' && site.role !== 'condition' && site.role !== 'handoff-condition') continue;
      const expr = wholeValueExpr(site.template);
      const type = site.inferred.type;
      // `undefined`/`null` members come from reads already reported; they test false.
      const core = includesUndefined(type) ? removeNull(removeUndefined(type)) : type;
      if (expr) {
        if (assignable(core, booleanType).ok) continue;
        context.bag.report(M.ConditionNotBoolean, expr.span, { expr: exprText(expr), type: describe(type) });
      } else {
        context.bag.report(M.ConditionNotBoolean, site.template.span, { expr: site.node.value === null ? '' : String(site.node.value).trim(), type: 'string' }, {
          hint: 'write the condition as exactly one `{{ expression }}`; any text around it makes a string, which is always true unless empty',
        });
      }
    }
  },
});
