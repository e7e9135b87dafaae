import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/expr/index.js';
import { expr, grouped } from './syntax-helpers.js';

describe('precedence and associativity', () => {
  const table: Array<[string, string]> = [
    ['a or b and c', 'a or (b and c)'],
    ['a || b && c', 'a or (b and c)'],
    ['a and b or c', '(a and b) or c'],
    ['a or b or c', '(a or b) or c'],
    ['not a and b', '(not a) and b'],
    ['!a', 'not a'],
    ['not not a', 'not (not a)'],
    ['not a == b', 'not (a == b)'],
    ['! a in xs', 'not (a in xs)'],
    ['a == b and c != d', '(a == b) and (c != d)'],
    ['a in xs or b', '(a in xs) or b'],
    ['a + b == c * d', '(a + b) == (c * d)'],
    ['a + b * c', 'a + (b * c)'],
    ['a - b - c', '(a - b) - c'],
    ['a / b * c % d', '((a / b) * c) % d'],
    ['-a * b', '(-a) * b'],
    ['- - a', '-(-a)'],
    ['-a.b', '-a.b'],
    ['a * -b', 'a * (-b)'],
    ['xs | length > 0', '(xs | length) > 0'],
    ['xs|length>0', '(xs | length) > 0'],
    ['a + b | upper', 'a + (b | upper)'],
    ['a * b | round', 'a * (b | round)'],
    ['-x | abs', '-(x | abs)'],
    ['xs | join(\', \') | upper', "(xs | join(', ')) | upper"],
    ['x | default(\'n/a\')', "x | default('n/a')"],
    ['(a + b) * c', '(a + b) * c'],
    ['a == (b == c)', 'a == (b == c)'],
    ['(x | f).y', '(x | f).y'],
    ['f(a, b)[0].c', 'f(a, b)[0].c'],
    ['map(steps.a.output.users, item.email)', 'map(steps.a.output.users, item.email)'],
    ['f()', 'f()'],
    ['f(1, 2,)', 'f(1, 2)'],
    ["a['b-c'][0]", "a['b-c'][0]"],
    ['x.in.not.true.null', 'x.in.not.true.null'],
    ['[1, [2, 3], []]', '[1, [2, 3], []]'],
    ['[1, 2,]', '[1, 2]'],
    ['true and false or null', '(true and false) or null'],
    ['1.5e-3 + 2E2 + 10', '(0.0015 + 200) + 10'],
    ['"say \\"hi\\""', "'say \"hi\"'"],
    ["'it\\'s'", "'it\\'s'"],
    ["'\\u00e9\\t\\n\\\\'", "'é\\t\\n\\\\'"],
    ['steps.find_alerts.output | length > 0', '(steps.find_alerts.output | length) > 0'],
    ["steps.get_tags.output | contains('priority')", "steps.get_tags.output | contains('priority')"],
    ["steps.risky_operation.status == 'failed'", "steps.risky_operation.status == 'failed'"],
  ];
  it.each(table)('%s', (input, want) => {
    expect(grouped(input)).toBe(want);
  });
});

describe('canonical printing uses only the parentheses precedence needs', () => {
  const table: Array<[string, string]> = [
    ['a+(b*c)', 'a + b * c'],
    ['(a + b) * c', '(a + b) * c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['(not a) == b', '(not a) == b'],
    ['(-x) | abs', '(-x) | abs'],
    ['-(x | abs)', '-x | abs'],
    ['(x | f).y', '(x | f).y'],
    ['a && b || !c', 'a and b or not c'],
    ['(a < b) == c', '(a < b) == c'],
    ['"x"', "'x'"],
  ];
  it.each(table)('%s', (input, want) => {
    const r = expr(input);
    expect(r.diagnostics).toEqual([]);
    expect(printExpr(r.expr!)).toBe(want);
  });
});

describe('AST shape', () => {
  it('builds calls with an identifier callee and filters with a name and arguments', () => {
    const call = expr('length(xs)').expr!;
    expect(call).toMatchObject({ kind: 'call', callee: { kind: 'identifier', name: 'length' }, args: [{ kind: 'identifier', name: 'xs' }] });
    const filter = expr("xs | join(', ')").expr!;
    expect(filter).toMatchObject({ kind: 'filter', input: { name: 'xs' }, name: { name: 'join' }, args: [{ kind: 'literal', value: ', ' }] });
  });

  it('reads number, string and keyword literals', () => {
    expect(expr('42').expr).toMatchObject({ kind: 'literal', value: 42 });
    expect(expr('0.5').expr).toMatchObject({ kind: 'literal', value: 0.5 });
    expect(expr("'a'").expr).toMatchObject({ kind: 'literal', value: 'a' });
    expect(expr('null').expr).toMatchObject({ kind: 'literal', value: null });
    expect(expr('false').expr).toMatchObject({ kind: 'literal', value: false });
  });

  it('maps both spellings of the logical operators to one operator', () => {
    expect(expr('a && b').expr).toMatchObject({ kind: 'binary', operator: 'and' });
    expect(expr('a || b').expr).toMatchObject({ kind: 'binary', operator: 'or' });
    expect(expr('!a').expr).toMatchObject({ kind: 'unary', operator: 'not' });
  });

  it('gives spans in offsets, with operator and member-name spans', () => {
    //           0123456789012345678901
    const e = expr('steps.fetch.output.x + 1').expr!;
    expect(e).toMatchObject({ kind: 'binary', span: { start: 0, end: 24 }, operatorSpan: { start: 21, end: 22 } });
    if (e.kind !== 'binary' || e.left.kind !== 'member') throw new Error('shape');
    expect(e.left.nameSpan).toMatchObject({ start: 19, end: 20 });
    expect(e.left.span).toMatchObject({ start: 0, end: 20 });
  });

  it('widens a parenthesized expression to its parentheses', () => {
    expect(expr('(a + b) * c').expr).toMatchObject({ left: { span: { start: 0, end: 7 } } });
  });

  it('accepts 64 levels of nesting', () => {
    const deep = '('.repeat(64) + 'x' + ')'.repeat(64);
    expect(expr(deep).diagnostics).toEqual([]);
    const list = '['.repeat(64) + ']'.repeat(64);
    expect(expr(list).diagnostics).toEqual([]);
  });
});
