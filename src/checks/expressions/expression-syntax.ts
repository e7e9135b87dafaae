/**
 * Reports syntax errors in `{{ }}` expressions and `{% %}` tags of every
 * workflow (OWC50xx), at the offending character inside the template.
 */
import type { Check } from '../check.js';
import { expressionAnalysis } from './analysis.js';

export const expressionSyntax: Check = {
  name: 'expression-syntax',
  doc: 'Every template in a workflow parses: `{{ expression }}`, `{% for %}` and `{% if %}` blocks.',
  run(context) {
    context.bag.addAll(expressionAnalysis(context).syntaxDiagnostics);
  },
};
