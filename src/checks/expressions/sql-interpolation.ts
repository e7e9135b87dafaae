/**
 * Warns when a field named like SQL (`sql`, `query`, `rawSql`, `search_query`)
 * builds its text by interpolating `{{ }}` expressions: pass parameters instead.
 */
import { securityMessages as M } from '../../diagnostics/catalog/security.js';
import { workflowCheck } from './analysis.js';
import { fieldPath } from './input-targets.js';

/** True when a field name reads like SQL text. */
export function isSqlFieldName(name: string): boolean {
  return /sql/i.test(name) || /query$/i.test(name);
}

export const sqlInterpolation = workflowCheck({
  name: 'sql-interpolation',
  doc: 'SQL-like fields are not built by string interpolation.',
  runWorkflow(context, analysis) {
    for (const site of analysis.sites) {
      if (site.role !== 'input' || site.template.wholeValue) continue;
      const key = [...site.path].reverse().find((p): p is string => typeof p === 'string');
      if (key === undefined || !isSqlFieldName(key)) continue;
      context.bag.report(M.SqlInterpolation, site.template.span, { field: fieldPath(site.path) });
    }
  },
});
