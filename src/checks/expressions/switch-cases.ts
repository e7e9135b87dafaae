/**
 * Warns about switch cases that can never match: the switch value has a
 * literal type (an `enum`, a `const`) that does not include the case name.
 */
import { exprTypeMessages as M } from '../../diagnostics/catalog/expr-types.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import { exprText } from '../../expr/infer.js';
import { wholeValueExpr } from '../../expr/template.js';
import { describe, membersOf, removeNull, removeUndefined, resolved } from '../../expr/types.js';
import { stepsOf } from '../steps.js';
import { workflowCheck } from './analysis.js';

export const switchCases = workflowCheck({
  name: 'switch-cases',
  doc: 'Every switch case can match the value switched on.',
  runWorkflow(context, analysis) {
    for (const step of stepsOf(analysis.workflow)) {
      if (step.kind !== 'switch' || step.value.kind !== 'scalar') continue;
      const site = analysis.site(step.value);
      const expr = site && wholeValueExpr(site.template);
      if (!site || !expr) continue;
      const members = membersOf(removeNull(removeUndefined(site.inferred.type))).map(resolved);
      if (members.length === 0 || !members.every((m) => m.kind === 'literal')) continue;
      const values = members.map((m) => (m.kind === 'literal' ? String(m.value) : ''));
      for (const c of step.cases) {
        if (values.includes(c.name.value)) continue;
        const guess = closestMatch(c.name.value, values);
        context.bag.report(
          M.UnreachableCase,
          c.name.span,
          { name: c.name.value, expr: exprText(expr), type: describe(site.inferred.type), values: values.map((v) => `'${v}'`).join(', ') },
          guess ? { hint: `did you mean '${guess}'?` } : {},
        );
      }
    }
  },
});
