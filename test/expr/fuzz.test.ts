import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/source/span.js';
import { keywords, parseExpression, parseTemplateText, printExpr, printTemplate, type Expr, type Template, type TemplatePart } from '../../src/expr/index.js';
import { identity } from './syntax-helpers.js';

const file = 'fuzz.yaml';

/** Every span in an expression tree. */
function exprSpans(e: Expr): Span[] {
  switch (e.kind) {
    case 'literal':
    case 'identifier':
      return [e.span];
    case 'list':
      return [e.span, ...e.items.flatMap(exprSpans)];
    case 'member':
      return [e.span, e.nameSpan, ...exprSpans(e.object)];
    case 'index':
      return [e.span, ...exprSpans(e.object), ...exprSpans(e.index)];
    case 'call':
      return [e.span, e.callee.span, ...e.args.flatMap(exprSpans)];
    case 'filter':
      return [e.span, e.name.span, ...exprSpans(e.input), ...e.args.flatMap(exprSpans)];
    case 'unary':
      return [e.span, e.operatorSpan, ...exprSpans(e.operand)];
    case 'binary':
      return [e.span, e.operatorSpan, ...exprSpans(e.left), ...exprSpans(e.right)];
  }
}

function partSpans(parts: readonly TemplatePart[]): Span[] {
  return parts.flatMap((p): Span[] => {
    switch (p.kind) {
      case 'text':
        return [p.span];
      case 'expr':
        return [p.span, ...exprSpans(p.expr)];
      case 'for':
        return [p.span, p.variableSpan, ...exprSpans(p.iterable), ...partSpans(p.body)];
      case 'if':
        return [p.span, ...p.branches.flatMap((b) => [b.span, ...exprSpans(b.condition), ...partSpans(b.body)]), ...partSpans(p.otherwise ?? [])];
    }
  });
}

function templateSpans(t: Template): Span[] {
  return partSpans(t.parts);
}

const within = (outer: { start: number; end: number }) => (s: Span) => s.file === file && s.start >= outer.start && s.end <= outer.end && s.start <= s.end;

/** Increasing offsets with random gaps, like a scalar value mapped into a YAML file. */
const withOffsets = (text: string) =>
  fc.array(fc.integer({ min: 1, max: 12 }), { minLength: text.length + 1, maxLength: text.length + 1 }).chain((gaps) =>
    fc.integer({ min: 0, max: 500 }).map((base) => {
      const offsets: number[] = [];
      let at = base;
      for (const g of gaps) {
        offsets.push(at);
        at += g;
      }
      return { text, offsets };
    }),
  );

const soupTokens = [
  'a', 'steps', 'inputs', '.', 'x', 'in', 'not', 'and', 'or', '!', '&&', '||', '==', '!=', '<', '<=', '>', '>=',
  '+', '-', '*', '/', '%', '|', 'length', 'join', '(', ')', '[', ']', ',', '1', '2.5', '3e2', "'s'", '"t"', "'u",
  'true', 'null', '=', '?', '{', '}', '{{', '}}', '{%', '%}', 'for', 'if', 'elif', 'else', 'endif', 'endfor',
  'constructor', '__proto__', '\\', '\n', ' ', '-}}', '{%-', 'é', '😀',
];
const soup = fc.array(fc.constantFrom(...soupTokens), { maxLength: 40 }).chain((tokens) =>
  fc.array(fc.constantFrom('', ' '), { minLength: tokens.length, maxLength: tokens.length }).map((gaps) => tokens.map((t, i) => t + gaps[i]).join('')),
);

describe('the front end never throws and keeps spans inside the template', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).chain(withOffsets), ({ text, offsets }) => {
        const r = parseTemplateText(text, offsets, file);
        const outer = { start: offsets[0]!, end: offsets[text.length]! };
        expect(r.diagnostics.every((d) => within(outer)(d.span))).toBe(true);
        expect(r.template === undefined).toBe(r.diagnostics.length > 0);
        if (r.template) expect(templateSpans(r.template).every(within(outer))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on expression-ish token soups, as templates and as expressions', () => {
    fc.assert(
      fc.property(soup.chain(withOffsets), ({ text, offsets }) => {
        const outer = { start: offsets[0]!, end: offsets[text.length]! };
        const t = parseTemplateText(text, offsets, file);
        expect(t.diagnostics.every((d) => within(outer)(d.span))).toBe(true);
        if (t.template) expect(templateSpans(t.template).every(within(outer))).toBe(true);
        const e = parseExpression(text, offsets, file);
        expect(e.diagnostics.every((d) => within(outer)(d.span))).toBe(true);
        expect(e.expr === undefined).toBe(e.diagnostics.length > 0);
        expect(e.diagnostics.length).toBeLessThanOrEqual(1);
        if (e.expr) expect(exprSpans(e.expr).every(within(outer))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('on soups inside {{ }}', () => {
    fc.assert(
      fc.property(soup, (inner) => {
        const text = `x {{ ${inner} }} y`;
        const r = parseTemplateText(text, identity(text), file);
        expect(r.diagnostics.every((d) => within({ start: 0, end: text.length })(d.span))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('on hostile nesting and length', () => {
    const hostile = ['('.repeat(100_000), '['.repeat(100_000), '-'.repeat(100_000) + 'x', 'not '.repeat(50_000) + 'x', 'a.'.repeat(50_000) + 'b', 'f(' .repeat(10_000)];
    for (const text of hostile) {
      expect(parseExpression(text, identity(text), file).diagnostics.map((d) => d.code)).toHaveLength(1);
      const inTemplate = `{{ ${text} }}`;
      expect(parseTemplateText(inTemplate, identity(inTemplate), file).diagnostics).toHaveLength(1);
    }
    const blocks = '{% if a %}'.repeat(10_000);
    expect(parseTemplateText(blocks, identity(blocks), file).diagnostics).toHaveLength(10_000);
  });
});

// ─── printing round-trips ─────────────────────────────────────────────────

const span: Span = { file, start: 0, end: 0 };
const keywordSet = new Set<string>(keywords);
const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/).filter((n) => !keywordSet.has(n) && n !== 'constructor' && n !== 'prototype');
const propertyName = fc.oneof(name, fc.constantFrom(...keywords));
const binaryOperators = ['or', 'and', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%'] as const;

const { expr: arbitraryExpr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.integer({ min: 0, max: 10_000 }),
      fc.double({ min: 0, max: 1e30, noNaN: true }).map((x) => Math.abs(x)),
      fc.string({ maxLength: 6 }),
      fc.boolean(),
      fc.constant(null),
    ).map((value): Expr => ({ kind: 'literal', value, span })),
    name.map((n): Expr => ({ kind: 'identifier', name: n, span })),
    fc.array(tie('expr'), { maxLength: 3 }).map((items): Expr => ({ kind: 'list', items, span })),
    fc.tuple(tie('expr'), propertyName).map(([object, n]): Expr => ({ kind: 'member', object, name: n, nameSpan: span, span })),
    fc.tuple(tie('expr'), tie('expr')).map(([object, index]): Expr => ({ kind: 'index', object, index, span })),
    fc.tuple(name, fc.array(tie('expr'), { maxLength: 3 })).map(([n, args]): Expr => ({ kind: 'call', callee: { kind: 'identifier', name: n, span }, args, span })),
    fc.tuple(tie('expr'), name, fc.array(tie('expr'), { maxLength: 2 })).map(([input, n, args]): Expr => ({ kind: 'filter', input, name: { kind: 'identifier', name: n, span }, args, span })),
    fc.tuple(fc.constantFrom('not' as const, '-' as const), tie('expr')).map(([operator, operand]): Expr => ({ kind: 'unary', operator, operand, operatorSpan: span, span })),
    fc.tuple(fc.constantFrom(...binaryOperators), tie('expr'), tie('expr')).map(([operator, left, right]): Expr => ({ kind: 'binary', operator, left, right, operatorSpan: span, span })),
  ),
}));

describe('printing', () => {
  it('prints any template that parses as text that parses back to the same template', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const first = parseTemplateText(text, identity(text), file).template;
        if (!first) return;
        const printed = printTemplate(first);
        const again = parseTemplateText(printed, identity(printed), file);
        expect(again.diagnostics).toEqual([]);
        expect(printTemplate(again.template!)).toBe(printed);
        expect(again.template!.wholeValue).toBe(first.wholeValue);
      }),
      { numRuns: 1500 },
    );
  });

  it('prints any tree as text that parses back to the same tree', () => {
    fc.assert(
      fc.property(arbitraryExpr, (tree) => {
        const text = printExpr(tree);
        const r = parseExpression(text, identity(text), file);
        expect(r.diagnostics).toEqual([]);
        expect(printExpr(r.expr!, { explicit: true })).toBe(printExpr(tree, { explicit: true }));
        expect(printExpr(r.expr!)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
