import { describe, expect, it } from 'vitest';
import { containsTemplate, printExpr, printTemplate, tokenize, wholeValueExpr, type Template, type TemplatePart } from '../../src/expr/index.js';
import { template } from './syntax-helpers.js';

function ok(text: string): Template {
  const r = template(text);
  expect(r.diagnostics).toEqual([]);
  return r.template!;
}

/** A readable outline of template parts: text as is, expressions and tags canonical. */
function outline(parts: readonly TemplatePart[]): unknown[] {
  return parts.map((p) => {
    switch (p.kind) {
      case 'text':
        return p.text;
      case 'expr':
        return { expr: printExpr(p.expr) };
      case 'for':
        return { for: p.variable, in: printExpr(p.iterable), body: outline(p.body) };
      case 'if':
        return {
          if: p.branches.map((b) => ({ when: printExpr(b.condition), body: outline(b.body) })),
          ...(p.otherwise ? { else: outline(p.otherwise) } : {}),
        };
    }
  });
}

describe('template splitting', () => {
  it('splits text and expressions, with spans', () => {
    const t = ok('Hello {{ name }}!');
    expect(outline(t.parts)).toEqual(['Hello ', { expr: 'name' }, '!']);
    expect(t.parts.map((p) => [p.span.start, p.span.end])).toEqual([
      [0, 6],
      [6, 16],
      [16, 17],
    ]);
    expect(t.span).toEqual({ file: 'test.yaml', start: 0, end: 17 });
    expect(t.wholeValue).toBe(false);
  });

  it.each([
    ['{{ x }}', true],
    ['  {{ steps.a.output }}\n', true],
    ['a{{ x }}', false],
    ['{{ a }}{{ b }}', false],
    ['{% if a %}{{ x }}{% endif %}', false],
    ['plain text', false],
    ['', false],
  ])('wholeValue of %j is %s', (text, whole) => {
    expect(ok(text).wholeValue).toBe(whole);
  });

  it('keeps a value without templates as one text part', () => {
    expect(outline(ok('plain').parts)).toEqual(['plain']);
    expect(ok('').parts).toEqual([]);
  });

  it('leaves braces that open no template alone', () => {
    expect(outline(ok('{"a": {"b": 1}}').parts)).toEqual(['{"a": {"b": 1}}']);
    expect(outline(ok('a }} b %} c { d').parts)).toEqual(['a }} b %} c { d']);
  });

  it('skips closers inside string literals', () => {
    expect(outline(ok("{{ '}}' }}").parts)).toEqual([{ expr: "'}}'" }]);
    expect(outline(ok('{{ "{%" + x }}').parts)).toEqual([{ expr: "'{%' + x" }]);
  });

  it('parses for blocks', () => {
    const t = ok('Report:{% for w in steps.fetch.output %}\n- {{ w.location }}{% endfor %}');
    expect(outline(t.parts)).toEqual(['Report:', { for: 'w', in: 'steps.fetch.output', body: ['\n- ', { expr: 'w.location' }] }]);
    const block = t.parts[1]!;
    if (block.kind !== 'for') throw new Error('expected a for block');
    expect(block.variableSpan).toEqual({ file: 'test.yaml', start: 14, end: 15 });
    expect(block.span).toEqual({ file: 'test.yaml', start: 7, end: 71 });
  });

  it('parses if / elif / else blocks with branch spans', () => {
    const t = ok('{% if a > 1 %}big{% elif a == 1 %}one{% else %}small{% endif %}');
    expect(outline(t.parts)).toEqual([{ if: [{ when: 'a > 1', body: ['big'] }, { when: 'a == 1', body: ['one'] }], else: ['small'] }]);
    const block = t.parts[0]!;
    if (block.kind !== 'if') throw new Error('expected an if block');
    expect(block.branches.map((b) => [b.span.start, b.span.end])).toEqual([
      [0, 17],
      [17, 37],
    ]);
    expect(block.span).toEqual({ file: 'test.yaml', start: 0, end: 63 });
  });

  it('nests blocks', () => {
    const t = ok('{% for x in xs %}{% if x.ok %}{% for y in x.ys %}{{ y }}{% endfor %}{% endif %}{% endfor %}');
    expect(outline(t.parts)).toEqual([
      { for: 'x', in: 'xs', body: [{ if: [{ when: 'x.ok', body: [{ for: 'y', in: 'x.ys', body: [{ expr: 'y' }] }] }] }] },
    ]);
  });

  it('prints a template back canonically', () => {
    const t = ok('Hi {{name|upper}}{%if a%}!{%else%}.{%endif%}{%for x in xs%}{{x}}{%endfor%}');
    expect(printTemplate(t)).toBe('Hi {{ name | upper }}{% if a %}!{% else %}.{% endif %}{% for x in xs %}{{ x }}{% endfor %}');
  });

  it('recognises values that hold templates', () => {
    expect(containsTemplate('a {{ b }}')).toBe(true);
    expect(containsTemplate('{% if a %}')).toBe(true);
    expect(containsTemplate('{ a }')).toBe(false);
    expect(containsTemplate('plain')).toBe(false);
  });

  it('gives the expression of a whole-value template only', () => {
    expect(printExpr(wholeValueExpr(ok(' {{ a.b }} '))!)).toBe('a.b');
    expect(wholeValueExpr(ok('x {{ a }}'))).toBeUndefined();
    expect(wholeValueExpr(ok('{{ a }}{{ b }}'))).toBeUndefined();
    expect(wholeValueExpr(ok('{% if a %}{{ b }}{% endif %}'))).toBeUndefined();
  });
});

describe('lexer', () => {
  const kinds = (text: string): string[] =>
    tokenize(text).map((t) => {
      switch (t.kind) {
        case 'name':
          return `name:${t.name}`;
        case 'keyword':
          return `kw:${t.keyword}`;
        case 'number':
          return `num:${t.value}`;
        case 'string':
          return `str:${t.value}`;
        case 'punct':
          return t.punct;
        case 'eof':
          return 'eof';
        case 'error':
          return `error:${t.error.def.code}`;
      }
    });

  it('reads names, keywords, numbers, strings and operators', () => {
    expect(kinds("a_1 and or not in true false null 3 4.5 6e2 7E-1 'x' \"y\"")).toEqual([
      'name:a_1', 'kw:and', 'kw:or', 'kw:not', 'kw:in', 'kw:true', 'kw:false', 'kw:null',
      'num:3', 'num:4.5', 'num:600', 'num:0.7', 'str:x', 'str:y', 'eof',
    ]);
    expect(kinds('|| && == != <= >= ( ) [ ] , . | ! < > + - * / %')).toEqual([
      '||', '&&', '==', '!=', '<=', '>=', '(', ')', '[', ']', ',', '.', '|', '!', '<', '>', '+', '-', '*', '/', '%', 'eof',
    ]);
  });

  it('decodes string escapes', () => {
    expect(kinds("'a\\\\b\\'c\\\"d\\ne\\tf\\u0041'")).toEqual(["str:a\\b'c\"d\ne\tfA", 'eof']);
  });

  it('keeps a dot after an integer as a member access', () => {
    expect(kinds('1.x')).toEqual(['num:1', '.', 'name:x', 'eof']);
    expect(kinds('xs.0')).toEqual(['name:xs', '.', 'num:0', 'eof']);
  });

  it('turns bad input into error tokens', () => {
    expect(kinds('a = 1')).toEqual(['name:a', 'error:OWC5003', 'num:1', 'eof']);
    expect(kinds('12ab')).toEqual(['error:OWC5006', 'eof']);
    expect(kinds("'open")).toEqual(['error:OWC5004', 'eof']);
    expect(kinds('😀')).toEqual(['error:OWC5003', 'eof']);
  });
});
