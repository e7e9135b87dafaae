/**
 * Diagnostics: what every stage reports. A stage never writes message text
 * inline; it reports a catalog entry (see ./catalog) with arguments, so codes
 * stay stable and every message is documented.
 */
import type { Span } from '../source/span.js';

export type Severity = 'error' | 'warning' | 'info';

/** One entry of the message catalog. `message` and `hint` use `{name}` placeholders. */
export interface MessageDef {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** A default hint; a report may override it. */
  readonly hint?: string;
  /** One or two sentences for the docs page: when this is reported and how to fix it. */
  readonly doc: string;
  /** A minimal manifest excerpt that triggers the diagnostic, for the docs page. */
  readonly example: string;
}

/** A location related to a diagnostic ("declared here", "first defined here"). */
export interface RelatedLocation {
  readonly message: string;
  readonly span: Span;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
}

export type MessageArgs = Readonly<Record<string, string | number | boolean>>;

export interface ReportExtras {
  readonly hint?: string;
  readonly hintArgs?: MessageArgs;
  readonly related?: readonly RelatedLocation[];
  /** Overrides the catalog severity (e.g. `--strict` turning a warning into an error). */
  readonly severity?: Severity;
}

/** Fills `{name}` placeholders from `args`; unknown placeholders are left as written. */
export function formatMessage(template: string, args: MessageArgs = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** Builds a diagnostic from a catalog entry. */
export function createDiagnostic(
  def: MessageDef,
  span: Span,
  args: MessageArgs = {},
  extras: ReportExtras = {},
): Diagnostic {
  const hintTemplate = extras.hint ?? def.hint;
  const hint = hintTemplate === undefined ? undefined : formatMessage(hintTemplate, { ...args, ...extras.hintArgs });
  return {
    code: def.code,
    severity: extras.severity ?? def.severity,
    message: formatMessage(def.message, args),
    span,
    ...(hint === undefined ? {} : { hint }),
    ...(extras.related && extras.related.length > 0 ? { related: extras.related } : {}),
  };
}

/** Collects diagnostics for one stage. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];

  report(def: MessageDef, span: Span, args?: MessageArgs, extras?: ReportExtras): void {
    this.items.push(createDiagnostic(def, span, args, extras));
  }

  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  addAll(diagnostics: Iterable<Diagnostic>): void {
    for (const d of diagnostics) this.items.push(d);
  }

  get all(): readonly Diagnostic[] {
    return this.items;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Total order: file, start, end, severity, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  return (
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Sorts and drops exact duplicates (same code, span and message). */
export function sortDiagnostics(diagnostics: Iterable<Diagnostic>): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.code === d.code && prev.message === d.message && compareDiagnostics(prev, d) === 0) continue;
    out.push(d);
  }
  return out;
}

/** Helper for exhaustive `switch` statements over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
