/**
 * Reports what type inference finds in every template (OWC60xx): unknown
 * names, functions and filters; steps that do not exist, run later, are the
 * step itself or may not have run; properties that a schema does not
 * declare; reads through values that may be undefined; operators and
 * functions applied to values of the wrong type.
 */
import { workflowCheck } from './analysis.js';

export const expressionTypes = workflowCheck({
  name: 'expression-types',
  doc: 'Every expression reads names, steps and properties that exist at that point, and applies operators and functions to values they fit.',
  runWorkflow(context, analysis) {
    context.bag.addAll(analysis.typeDiagnostics);
  },
});
