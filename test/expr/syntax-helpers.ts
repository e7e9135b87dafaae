/** Helpers for the expression front-end tests: parse text whose offsets are its own indices. */
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseExpression, parseTemplateText, printExpr, type ExpressionResult, type TemplateResult } from '../../src/expr/index.js';

/** Offsets for text that sits at the start of a file unchanged: `offsets[i] = i`. */
export function identity(text: string): number[] {
  return Array.from({ length: text.length + 1 }, (_, i) => i);
}

export function expr(text: string): ExpressionResult {
  return parseExpression(text, identity(text), 'test.yaml');
}

export function template(text: string): TemplateResult {
  return parseTemplateText(text, identity(text), 'test.yaml');
}

/** The expression printed with every group parenthesized, or the diagnostics when it fails. */
export function grouped(text: string): string {
  const r = expr(text);
  if (!r.expr) throw new Error(`did not parse: ${text}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  expect(r.diagnostics).toEqual([]);
  return printExpr(r.expr, { explicit: true });
}

/** A compact view of a diagnostic: code, [start, end) and message. */
export function brief(d: Diagnostic): { code: string; start: number; end: number; message: string } {
  return { code: d.code, start: d.span.start, end: d.span.end, message: d.message };
}
