import { describe, expect, it } from 'vitest';
import { allMessages } from '../../src/diagnostics/catalog/index.js';
import { exprSyntaxMessages } from '../../src/diagnostics/catalog/expr-syntax.js';
import { parseDocument } from 'yaml';
import { DiagnosticBag } from '../../src/diagnostics/diagnostic.js';
import { parseTemplate } from '../../src/expr/index.js';
import { walkNodes } from '../../src/source/nodes.js';
import { SourceFile } from '../../src/source/span.js';
import { documentToNodes } from '../../src/source/yaml-to-nodes.js';
import { brief, expr, template } from './syntax-helpers.js';

type Case = [input: string, code: string, start: number, end: number, message: string];

describe('expression syntax errors: one diagnostic, at the offending characters', () => {
  const table: Case[] = [
    [')', 'OWC5001', 0, 1, "unexpected ')' in expression; expected an operand"],
    ['a + ', 'OWC5001', 4, 4, 'unexpected end of expression in expression; expected an operand'],
    ['a b', 'OWC5001', 2, 3, "unexpected name 'b' in expression; expected an operator or the end of the expression"],
    ['a)', 'OWC5001', 1, 2, "unexpected ')' in expression; expected an operator or the end of the expression"],
    ['x.', 'OWC5001', 2, 2, "unexpected end of expression in property access; expected a property name after '.'"],
    ['x.0', 'OWC5001', 2, 3, "unexpected number 0 in property access; expected a property name after '.'"],
    ["x.'a'", 'OWC5001', 2, 5, "unexpected string 'a' in property access; expected a property name after '.'"],
    ['x | ', 'OWC5001', 4, 4, "unexpected end of expression in filter; expected a filter name after '|'"],
    ['x | 1', 'OWC5001', 4, 5, "unexpected number 1 in filter; expected a filter name after '|'"],
    ['a == not b', 'OWC5001', 5, 8, "unexpected 'not' in expression; expected an operand"],
    ['in', 'OWC5001', 0, 2, "unexpected 'in' in expression; expected an operand"],
    ['f(, a)', 'OWC5001', 2, 3, "unexpected ',' in arguments of 'f'; expected an operand"],
    ['[1, , 2]', 'OWC5001', 4, 5, "unexpected ',' in list; expected an operand"],
    ['x[]', 'OWC5001', 2, 3, "unexpected ']' in index; expected an operand"],
    ['(a', 'OWC5002', 2, 2, "expected ')' to close '(', found end of expression"],
    ['[1, 2', 'OWC5002', 5, 5, "expected ']' to close '[', found end of expression"],
    ['[1 2]', 'OWC5002', 3, 4, "expected ']' to close '[', found number 2"],
    ['f(a b)', 'OWC5002', 4, 5, "expected ')' to close '(', found name 'b'"],
    ['x[0', 'OWC5002', 3, 3, "expected ']' to close '[', found end of expression"],
    ['a = b', 'OWC5003', 2, 3, "unexpected character '=' in expression"],
    ['a & b', 'OWC5003', 2, 3, "unexpected character '&' in expression"],
    ['a ? b : c', 'OWC5003', 2, 3, "unexpected character '?' in expression"],
    ['{a}', 'OWC5003', 0, 1, "unexpected character '{' in expression"],
    ['naïve', 'OWC5003', 2, 3, "unexpected character 'ï' in expression"],
    ["'abc", 'OWC5004', 0, 1, `unterminated string; expected a closing "'"`],
    ['x == "abc', 'OWC5004', 5, 6, `unterminated string; expected a closing '"'`],
    ["'a\\qb'", 'OWC5005', 2, 4, "unknown escape '\\q' in string"],
    ["'\\u12'", 'OWC5005', 1, 5, "unknown escape '\\u12' in string"],
    ['12abc', 'OWC5006', 0, 5, "invalid number '12abc'"],
    ['a < b < c', 'OWC5007', 6, 7, "comparisons cannot be chained: '<' follows another comparison"],
    ['a == b in c', 'OWC5007', 7, 9, "comparisons cannot be chained: 'in' follows another comparison"],
    ['a.b()', 'OWC5008', 0, 4, 'calls on values are not allowed'],
    ['f(1)(2)', 'OWC5008', 0, 5, 'calls on values are not allowed'],
    ['x.constructor', 'OWC5009', 2, 13, "access to 'constructor' is not allowed"],
    ['x.y.__proto__.z', 'OWC5009', 4, 13, "access to '__proto__' is not allowed"],
    ["x['prototype']", 'OWC5009', 2, 13, "access to 'prototype' is not allowed"],
    ['('.repeat(65) + 'x' + ')'.repeat(65), 'OWC5010', 64, 65, 'expression is nested too deeply (more than 64 levels)'],
    ['not '.repeat(65) + 'x', 'OWC5010', 256, 259, 'expression is nested too deeply (more than 64 levels)'],
    ['', 'OWC5001', 0, 0, 'unexpected end of expression in expression; expected an operand'],
  ];
  it.each(table)('%j', (input, code, start, end, message) => {
    const r = expr(input);
    expect(r.expr).toBeUndefined();
    expect(r.diagnostics.map(brief)).toEqual([{ code, start, end, message }]);
  });

  it('hints at the fix where one is known', () => {
    expect(expr('a = b').diagnostics[0]?.hint).toBe("use '==' to compare");
    expect(expr('x.0').diagnostics[0]?.hint).toBe("index a list with brackets: '[0]'");
    expect(expr('a < b < c').diagnostics[0]?.hint).toContain("'a < b and b < c'");
    expect(expr('a == not b').diagnostics[0]?.hint).toContain('(not x)');
    expect(expr('in').diagnostics[0]?.hint).toContain("x['in']");
    expect(expr('a !== b').diagnostics[0]?.hint).toBe("there is no '===' or '!=='; use '==' and '!='");
    expect(expr('.5').diagnostics[0]?.hint).toBe('a number starts with a digit: write 0.5, not .5');
    expect(expr('(x | f).y').diagnostics).toEqual([]);
    expect(expr('x | f.y').diagnostics[0]?.hint).toBe("a filter's result needs parentheses before '.' or '[': '(x | f).name'");
  });

  it("points at the opening delimiter as a related location", () => {
    const [d] = expr('f(x, [1, 2').diagnostics;
    expect(d?.related).toEqual([{ message: "'[' opened here", span: { file: 'test.yaml', start: 5, end: 6 } }]);
  });

  it('stops a long operator chain', () => {
    const r = expr(Array.from({ length: 600 }, () => 'a').join(' + '));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC5021']);
  });
});

describe('template syntax errors', () => {
  const table: Case[] = [
    ['Hello {{ name', 'OWC5012', 6, 8, "unclosed '{{'; expected '}}'"],
    ['{% if a', 'OWC5013', 0, 2, "unclosed '{%'; expected '%}'"],
    ['{{ }}', 'OWC5011', 0, 5, "empty expression in '{{ }}'"],
    ['{{ a + }}', 'OWC5001', 7, 9, "unexpected '}}' in expression; expected an operand"],
    ['{% while x %}', 'OWC5014', 3, 8, "unknown template tag 'while'; expected for, if, elif, else, endfor or endif"],
    ['{% %}', 'OWC5014', 0, 5, "unknown template tag '{% %}' with no name; expected for, if, elif, else, endfor or endif"],
    ['done{% endif %}', 'OWC5015', 4, 15, "'{% endif %}' has no matching '{% if %}'"],
    ['{% else %}', 'OWC5015', 0, 10, "'{% else %}' has no matching '{% if %}'"],
    ['{% for x in xs %}{{ x }}{% endif %}', 'OWC5016', 24, 35, "expected '{% endfor %}' to close '{% for %}', found '{% endif %}'"],
    ['{% if a %}A', 'OWC5017', 0, 10, "'{% if %}' is never closed; expected '{% endif %}'"],
    ['{% for x in xs %}', 'OWC5017', 0, 17, "'{% for %}' is never closed; expected '{% endfor %}'"],
    ['{% if a %}A{% else %}B{% elif c %}C{% endif %}', 'OWC5018', 22, 34, "'{% elif %}' cannot follow '{% else %}'"],
    ['{% if a %}A{% endif a %}', 'OWC5019', 20, 21, "'{% endif %}' takes nothing after its name; found name 'a'"],
    ['{%- if a %}A{% endif %}', 'OWC5020', 0, 3, "whitespace control '{%-' is not supported"],
    ['{% if a -%}A{% endif %}', 'OWC5020', 8, 11, "whitespace control '-%}' is not supported"],
    ['{{ x -}}', 'OWC5020', 5, 8, "whitespace control '-}}' is not supported"],
    ['{{- x -}}', 'OWC5020', 0, 3, "whitespace control '{{- … -}}' is not supported"],
    ['{% for in xs %}{% endfor %}', 'OWC5001', 7, 9, "unexpected 'in' in '{% for %}' tag; expected a loop variable name"],
    ['{% for x of xs %}{% endfor %}', 'OWC5001', 9, 11, "unexpected name 'of' in '{% for %}' tag; expected 'in'"],
    ['{% for x in %}{% endfor %}', 'OWC5001', 12, 14, "unexpected '%}' in '{% for %}' tag; expected an operand"],
    ['{% if %}{% endif %}', 'OWC5001', 6, 8, "unexpected '%}' in '{% if %}' condition; expected an operand"],
    ["{{ 'abc }}", 'OWC5004', 3, 4, `unterminated string; expected a closing "'"`],
  ];
  it.each(table)('%j', (input, code, start, end, message) => {
    const r = template(input);
    expect(r.template).toBeUndefined();
    expect(r.diagnostics.map(brief)).toEqual([{ code, start, end, message }]);
  });

  it('reports independent mistakes in one value, each at its place', () => {
    //                    0         1         2         3
    //                    0123456789012345678901234567890123456
    const r = template('{{ a + }} and {{ ) }} and {{ ok }}');
    expect(r.diagnostics.map((d) => [d.code, d.span.start])).toEqual([
      ['OWC5001', 7],
      ['OWC5001', 17],
    ]);
  });

  it('reports an unclosed {{ and still parses the next expression', () => {
    const r = template('{{ a {{ b + }}');
    expect(r.diagnostics.map((d) => [d.code, d.span.start])).toEqual([
      ['OWC5012', 0],
      ['OWC5001', 12],
    ]);
  });

  it('closes the nearest matching block after a mismatched end tag', () => {
    const r = template('{% for x in xs %}{% if x %}{{ x }}{% endfor %}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC5016']);
    expect(r.diagnostics[0]?.related?.[0]?.span.start).toBe(17);
  });

  it("suggests 'elif' for 'else if'", () => {
    const r = template('{% if a %}A{% else if b %}B{% endif %}');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC5019']);
    expect(r.diagnostics[0]?.hint).toBe("write '{% elif condition %}'");
  });
});

describe('the expression syntax catalog', () => {
  it('uses codes OWC5001–OWC5099, each once, each registered', () => {
    const codes = Object.values(exprSyntaxMessages).map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^OWC50\d\d$/);
    const registered = new Set(allMessages().map((m) => m.code));
    for (const code of codes) expect(registered.has(code)).toBe(true);
  });

  it('has a doc sentence and an example for every entry', () => {
    for (const m of Object.values(exprSyntaxMessages)) {
      expect(m.doc.length).toBeGreaterThan(20);
      expect(m.example.trim()).not.toBe('');
    }
  });
});

describe('catalog examples', () => {
  // Examples too long to spell out in the catalog (they say "… more than N").
  const illustrative = new Set(['OWC5010', 'OWC5021']);
  it.each(Object.values(exprSyntaxMessages).filter((m) => !illustrative.has(m.code)).map((m) => [m.code, m.example] as const))(
    '%s: the example reports the code',
    (code, example) => {
      const file = new SourceFile('example.yaml', example);
      const bag = new DiagnosticBag();
      const root = documentToNodes(file, parseDocument(example), bag);
      expect(bag.all).toEqual([]);
      const codes: string[] = [];
      walkNodes(root!, (node) => {
        if (node.kind === 'scalar') codes.push(...parseTemplate(node).diagnostics.map((d) => d.code));
      });
      expect(codes).toContain(code);
    },
  );
});
