/**
 * Reports syntax errors in `{{ }}` expressions and `{% %}` tags of every
 * workflow (OWC50xx), at the offending character inside the template.
 */
import { workflowCheck } from './analysis.js';

export const expressionSyntax = workflowCheck({
  name: 'expression-syntax',
  doc: 'Every template in a workflow parses: `{{ expression }}`, `{% for %}` and `{% if %}` blocks.',
  runWorkflow(context, analysis) {
    context.bag.addAll(analysis.syntaxDiagnostics);
  },
});
