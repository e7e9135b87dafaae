import { describe, expect, it } from 'vitest';
import { field, type ScalarNode } from '../../src/source/nodes.js';
import { loadText } from '../../src/source/load.js';
import type { SourceFile } from '../../src/source/span.js';
import { parseTemplate, type Expr, type MemberExpr, type Template, type TemplatePart } from '../../src/expr/index.js';

/** Loads a one-workflow file and returns the scalar at `workflow.<key>`. */
function scalarIn(path: string, text: string, key = 'a'): { file: SourceFile; node: ScalarNode } {
  const loaded = loadText(path, text);
  expect(loaded.diagnostics).toEqual([]);
  const manifest = loaded.manifests[0]!;
  const node = field(field(manifest.root, 'workflow'), key);
  if (node?.kind !== 'scalar') throw new Error(`no scalar at workflow.${key}`);
  return { file: manifest.file, node };
}

function exprsOf(parts: readonly TemplatePart[]): Expr[] {
  return parts.flatMap((p): Expr[] => {
    switch (p.kind) {
      case 'text':
        return [];
      case 'expr':
        return [p.expr];
      case 'for':
        return [p.iterable, ...exprsOf(p.body)];
      case 'if':
        return [...p.branches.flatMap((b) => [b.condition, ...exprsOf(b.body)]), ...exprsOf(p.otherwise ?? [])];
    }
  });
}

function members(e: Expr): MemberExpr[] {
  switch (e.kind) {
    case 'member':
      return [e, ...members(e.object)];
    case 'index':
      return [...members(e.object), ...members(e.index)];
    case 'binary':
      return [...members(e.left), ...members(e.right)];
    case 'unary':
      return members(e.operand);
    case 'filter':
      return [...members(e.input), ...e.args.flatMap(members)];
    case 'call':
      return e.args.flatMap(members);
    case 'list':
      return e.items.flatMap(members);
    case 'literal':
    case 'identifier':
      return [];
  }
}

/** Line and column of the member segment `name` (the first one found). */
function whereIs(file: SourceFile, t: Template, name: string): { line: number; column: number; text: string } {
  const m = exprsOf(t.parts).flatMap(members).find((x) => x.name === name);
  if (!m) throw new Error(`no member '${name}'`);
  return { ...file.position(m.nameSpan.start), text: file.text.slice(m.nameSpan.start, m.nameSpan.end) };
}

function parsed(node: ScalarNode): Template {
  const r = parseTemplate(node);
  expect(r.diagnostics).toEqual([]);
  return r.template!;
}

const seg = 'tempreture';

describe('spans through YAML scalars', () => {
  it('plain scalar over two lines', () => {
    const { file, node } = scalarIn('w.yaml', 'workflow:\n  a: Temp is\n     {{ steps.fetch.output.tempreture }} now\n');
    expect(whereIs(file, parsed(node), seg)).toEqual({ line: 3, column: 28, text: seg });
  });

  it("single-quoted scalar with '' escapes", () => {
    const { file, node } = scalarIn('w.yaml', "workflow:\n  a: 'It''s ''{{ steps.fetch.output.tempreture }}'''\n");
    expect(whereIs(file, parsed(node), seg)).toEqual({ line: 2, column: 37, text: seg });
  });

  it('double-quoted scalar with escapes and a folded line', () => {
    const text = 'workflow:\n  a: "\\t\\u00e9 \\"x\\"\n    {{ steps.fetch.output.tempreture }}"\n';
    const { file, node } = scalarIn('w.yaml', text);
    expect(node.value).toBe('\té "x" {{ steps.fetch.output.tempreture }}');
    expect(whereIs(file, parsed(node), seg)).toEqual({ line: 3, column: 27, text: seg });
  });

  it('literal block scalar', () => {
    const text = 'workflow:\n  a: |\n    Line one\n      {{ steps.fetch.output.tempreture }}\n    Line three\n';
    const { file, node } = scalarIn('w.yaml', text);
    expect(whereIs(file, parsed(node), seg)).toEqual({ line: 4, column: 29, text: seg });
  });

  it('folded block scalar', () => {
    const text = 'workflow:\n  a: >\n    Line one\n    line two {{ steps.fetch.output.tempreture }}\n\n    {{ inputs.city }}\n';
    const { file, node } = scalarIn('w.yaml', text);
    const t = parsed(node);
    expect(whereIs(file, t, seg)).toEqual({ line: 4, column: 36, text: seg });
    expect(whereIs(file, t, 'city')).toEqual({ line: 6, column: 15, text: 'city' });
  });

  it('for and if blocks in a block scalar keep their lines', () => {
    const text = [
      'workflow:',
      '  a: |',
      '    Report',
      '    {% for w in steps.fetch.output %}',
      '    - {{ w.tempreture }}',
      '    {% endfor %}',
      '',
    ].join('\n');
    const { file, node } = scalarIn('w.yaml', text);
    const t = parsed(node);
    const block = t.parts.find((p) => p.kind === 'for');
    if (block?.kind !== 'for') throw new Error('no for block');
    expect(file.position(block.variableSpan.start)).toEqual({ line: 4, column: 12 });
    expect(file.position(block.span.start)).toEqual({ line: 4, column: 5 });
    expect(file.position(block.span.end)).toEqual({ line: 6, column: 17 });
    expect(whereIs(file, t, seg)).toEqual({ line: 5, column: 12, text: seg });
  });

  it('JSON string with escapes', () => {
    const text = '{\n  "workflow": {\n    "a": "x\\n\\"q\\" {{ steps.fetch.output.tempreture }}"\n  }\n}\n';
    const { file, node } = scalarIn('w.json', text);
    expect(whereIs(file, parsed(node), seg)).toEqual({ line: 3, column: 42, text: seg });
  });

  it('covers an escaped string literal whole', () => {
    const text = '{"workflow": {"a": "{{ x == \\"a\\\\tb\\" }}"}}';
    const { file, node } = scalarIn('w.json', text);
    const t = parsed(node);
    const e = t.parts[0];
    if (e?.kind !== 'expr' || e.expr.kind !== 'binary') throw new Error('shape');
    expect(e.expr.right).toMatchObject({ kind: 'literal', value: 'a\tb' });
    expect(file.text.slice(e.expr.right.span.start, e.expr.right.span.end)).toBe('\\"a\\\\tb\\"');
  });

  it('marks the whole-value expression in a quoted scalar', () => {
    const { file, node } = scalarIn('w.yaml', 'workflow:\n  a: "{{ steps.fetch.output }}"\n');
    const t = parsed(node);
    expect(t.wholeValue).toBe(true);
    expect(file.text.slice(t.span.start, t.span.end)).toBe('{{ steps.fetch.output }}');
  });

  it('gives no template for non-string scalars', () => {
    const { node } = scalarIn('w.yaml', 'workflow:\n  a: 42\n');
    expect(parseTemplate(node)).toEqual({ template: undefined, diagnostics: [] });
  });
});

describe('syntax errors point into the file', () => {
  const errorAt = (path: string, text: string): { line: number; column: number; code: string; marked: string } => {
    const { file, node } = scalarIn(path, text);
    const r = parseTemplate(node);
    expect(r.template).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    return { ...file.position(d.span.start), code: d.code, marked: file.text.slice(d.span.start, d.span.end) };
  };

  it('in a literal block scalar', () => {
    const text = 'workflow:\n  a: |\n    one\n    two {{ steps.fetch.output. }}\n';
    expect(errorAt('w.yaml', text)).toEqual({ line: 4, column: 32, code: 'OWC5001', marked: '}}' });
  });

  it('in a folded plain scalar', () => {
    const text = 'workflow:\n  a: Hello\n    {{ inputs.name ) }}\n';
    expect(errorAt('w.yaml', text)).toEqual({ line: 3, column: 20, code: 'OWC5001', marked: ')' });
  });

  it('an unclosed {{ in a double-quoted scalar after escapes', () => {
    const text = 'workflow:\n  a: "\\u00e9\\u00e9 {{ inputs.name"\n';
    expect(errorAt('w.yaml', text)).toEqual({ line: 2, column: 20, code: 'OWC5012', marked: '{{' });
  });

  it('in a JSON string', () => {
    const text = '{\n  "workflow": {\n    "a": "\\"hi\\" {{ a = b }}"\n  }\n}\n';
    expect(errorAt('w.json', text)).toEqual({ line: 3, column: 23, code: 'OWC5003', marked: '=' });
  });

  it('an unclosed for block in a block scalar', () => {
    const text = 'workflow:\n  a: |\n    x\n    {% for w in ws %}\n    {{ w }}\n';
    expect(errorAt('w.yaml', text)).toEqual({ line: 4, column: 5, code: 'OWC5017', marked: '{% for w in ws %}' });
  });
});
