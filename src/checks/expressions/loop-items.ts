/**
 * Reports `for_each` on a step and `items` of a forEach step whose value is
 * not a list.
 */
import { exprTypeMessages as M } from '../../diagnostics/catalog/expr-types.js';
import { exprText } from '../../expr/infer.js';
import { containsTemplate, wholeValueExpr } from '../../expr/template.js';
import { describe, elementType, removeNull, removeUndefined, resolved } from '../../expr/types.js';
import type { ValueNode } from '../../source/nodes.js';
import type { CheckContext } from '../check.js';
import { stepsOf } from '../steps.js';
import { workflowCheck, type WorkflowAnalysis } from './analysis.js';

export const loopItems = workflowCheck({
  name: 'loop-items',
  doc: '`for_each` and forEach `items` evaluate to a list.',
  runWorkflow(context, analysis) {
    for (const step of stepsOf(analysis.workflow)) {
      if (step.forEach) checkList(step.forEach.items, "'for_each'", analysis, context);
      if (step.kind === 'forEach') checkList(step.items, "'items'", analysis, context);
    }
  },
});

function checkList(node: ValueNode, where: string, analysis: WorkflowAnalysis, context: CheckContext): void {
  if (node.kind === 'seq') return;
  if (node.kind === 'map') {
    context.bag.report(M.ItemsNotList, node.span, { where, expr: 'this mapping', type: 'an object' }, { hint: 'write a list, or one `{{ expression }}` giving a list' });
    return;
  }
  const site = analysis.site(node);
  if (!site) {
    if (typeof node.value === 'string' && containsTemplate(node.value)) return; // syntax error, reported elsewhere
    context.bag.report(M.ItemsNotList, node.span, { where, expr: JSON.stringify(node.value), type: node.value === null ? 'null' : typeof node.value }, { hint: 'write a list, or one `{{ expression }}` giving a list' });
    return;
  }
  const expr = wholeValueExpr(site.template);
  if (!expr) {
    context.bag.report(M.ItemsNotList, site.template.span, { where, expr: String(node.value).trim(), type: 'string' }, { hint: 'write exactly one `{{ expression }}` giving a list; text around it makes a string' });
    return;
  }
  const type = site.inferred.type;
  const core = removeNull(removeUndefined(type));
  if (resolved(core).kind === 'never' || elementType(core) !== undefined) return;
  const r = resolved(core);
  const hint =
    r.kind === 'string' || (r.kind === 'literal' && typeof r.value === 'string')
      ? "to loop over parts of a string, split it: `{{ value | split(',') }}`"
      : r.kind === 'object'
        ? 'this is one object; loop over one of its list properties'
        : 'give a list, for example an input declared `type: array`';
  context.bag.report(M.ItemsNotList, expr.span, { where, expr: exprText(expr), type: describe(type) }, { hint });
}
