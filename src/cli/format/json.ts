/** `owc check --format json`: exactly the contract shape of DESIGN.md §8. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FileTable, Summary } from './locate.js';

export function formatJson(diagnostics: readonly Diagnostic[], files: FileTable, summary: Summary): string {
  const out = {
    diagnostics: diagnostics.map((d) => {
      const r = files.range(d.span);
      return {
        code: d.code,
        severity: d.severity,
        message: d.message,
        file: d.span.file,
        line: r.line,
        column: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
        ...(d.hint === undefined ? {} : { hint: d.hint }),
      };
    }),
    summary: { errors: summary.errors, warnings: summary.warnings, files: summary.files },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
