/** Test helpers: YAML text → IR → the diagnostics of the structural checks. */
import { runChecks } from '../../src/checks/index.js';
import type { Check } from '../../src/checks/check.js';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import { lower } from '../lower/helpers.js';

export interface Reported {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** `line:column` of the span start. */
  readonly at: string;
  /** The source text the span covers. */
  readonly text: string;
  readonly hint?: string;
  readonly related?: readonly string[];
}

/** Runs one check over `text` and describes what it reported. */
export function runCheck(check: Check, text: string, path = 'test.yaml'): Reported[] {
  const { program, file } = lower(text, path);
  const bag = new DiagnosticBag();
  check.run({ program, bindings: emptyBindings(), options: { strict: false }, bag });
  return sortDiagnostics(bag.all).map((d) => describe(d, file));
}

/** Runs every registered check over `text` (the checks' diagnostics only). */
export function runAllChecks(text: string, path = 'test.yaml'): Diagnostic[] {
  const { program } = lower(text, path);
  return runChecks(program, emptyBindings(), { strict: false });
}

function describe(d: Diagnostic, file: { position(o: number): { line: number; column: number }; text: string }): Reported {
  const pos = file.position(d.span.start);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    at: `${pos.line}:${pos.column}`,
    text: file.text.slice(d.span.start, d.span.end),
    ...(d.hint === undefined ? {} : { hint: d.hint }),
    ...(d.related ? { related: d.related.map((r) => `${r.message} @${file.position(r.span.start).line}:${file.position(r.span.start).column}`) } : {}),
  };
}

/** A one-workflow manifest whose step list is `steps` (YAML list, written at column 0). */
export function workflowWith(steps: string, extra = ''): string {
  const body = steps
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `workflows:\n  - name: demo\n${extra}    steps:\n${body}\n`;
}
