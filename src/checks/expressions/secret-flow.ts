/**
 * Reports values derived from `secrets.*` — directly, through operators and
 * filters, or interpolated into text — that reach a workflow output, a
 * transform, a handoff, or an input field whose schema does not mark it
 * sensitive (`writeOnly: true` or `x-sensitive: true` on the field or an
 * enclosing object).
 */
import { securityMessages as M } from '../../diagnostics/catalog/security.js';
import { workflowCheck } from './analysis.js';
import { fieldPath, inputTarget, isInputStep, isSensitivePath } from './input-targets.js';

export const secretFlow = workflowCheck({
  name: 'secret-flow',
  doc: 'Secrets reach only input fields marked sensitive, never outputs, transforms or other fields.',
  runWorkflow(context, analysis) {
    for (const site of analysis.sites) {
      if (!site.inferred.tainted) continue;
      const secret = site.inferred.secret ?? 'secrets';
      const span = site.inferred.secretSpan ?? site.template.span;
      switch (site.role) {
        case 'output':
          context.bag.report(M.SecretInOutput, span, { name: String(site.path[0] ?? ''), secret });
          break;
        case 'transform-input':
        case 'transform-expression':
          context.bag.report(M.SecretInTransform, span, { step: site.step?.id.value ?? '', secret });
          break;
        case 'handoff':
          context.bag.report(M.SecretInInsensitiveField, span, { field: fieldPath(site.path), secret, target: `the handoff of step '${site.step?.id.value ?? ''}'` });
          break;
        case 'input': {
          const step = site.step;
          if (!step || !isInputStep(step)) break;
          const target = inputTarget(step, context.bindings);
          if (!target) break; // unresolved: reported by resolution
          if (isSensitivePath(target, site.path)) break;
          context.bag.report(M.SecretInInsensitiveField, span, { field: fieldPath(site.path), secret, target: target.description });
          break;
        }
        default:
          break; // conditions, loop sources and switch values only decide control flow
      }
    }
  },
});
