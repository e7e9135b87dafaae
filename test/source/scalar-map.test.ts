import { parseDocument, isMap, isScalar, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildOffsetMap, type ScalarStyle } from '../../src/source/scalar-map.js';

/** Parses `key: <scalar>` documents and returns the scalar node. */
function scalarOf(src: string): Scalar {
  const doc = parseDocument(src);
  if (!isMap(doc.contents)) throw new Error('expected a map');
  const value = doc.contents.items[0]!.value;
  if (!isScalar(value)) throw new Error('expected a scalar');
  return value;
}

/** For each value character, the source character it maps to. */
function mapped(src: string): { value: string; sources: string[]; offsets: readonly number[] } {
  const node = scalarOf(src);
  const [start, end] = node.range!;
  const value = String(node.value);
  const offsets = buildOffsetMap(node.type as ScalarStyle, src.slice(start, end), start, value);
  return { value, sources: [...value].map((_, i) => src[offsets[i]!]!), offsets };
}

const cases: Array<[string, string]> = [
  ['plain', 'k: hello {{ a.b }}\n'],
  ['plain multi-line', 'k: first {{ a }}\n  second {{ b }}\n\n  third\n'],
  ['single-quoted', "k: 'it''s {{ x }}'\n"],
  ['double-quoted escapes', 'k: "tab\\there {{ y }} \\u00e9 {{ z }}"\n'],
  ['double-quoted line continuation', 'k: "one \\\n   two {{ w }}"\n'],
  ['literal block', 'k: |\n  Hello {{ inputs.name }}\n    indented {{ q }}\n\n  end\n'],
  ['literal strip', 'k: |-\n  a {{ b }}\n  c\n'],
  ['literal keep', 'k: |+\n  a {{ b }}\n\n\n'],
  ['folded block', 'k: >\n  folded {{ a }}\n  next {{ b }}\n\n  para {{ c }}\n    more {{ d }}\n  tail\n'],
  ['folded strip deep', 'k: >-\n      x {{ y }}\n      z\n'],
  ['json string', '{"k": "json \\"q\\" {{ steps.a.output }}"}'],
];

describe('buildOffsetMap', () => {
  for (const [name, src] of cases) {
    it(`maps every unescaped character exactly (${name})`, () => {
      const { value, sources } = mapped(src);
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        const from = sources[i]!;
        // Escapes map to their backslash; folded breaks map to the line break.
        if (from === '\\' || ((ch === ' ' || ch === '\n') && (from === '\n' || from === '\r'))) continue;
        expect(from, `${name}: value[${i}] = ${JSON.stringify(ch)}`).toBe(ch);
      }
    });
  }

  it('puts a template inside a block scalar at its real line', () => {
    const src = 'k: |\n  line one\n  Hello {{ inputs.name }}\n';
    const { value, offsets } = mapped(src);
    const at = offsets[value.indexOf('{{')]!;
    expect(src.slice(at, at + 2)).toBe('{{');
    expect(src.slice(0, at).split('\n').length).toBe(3);
  });

  it('keeps offsets monotonic', () => {
    for (const [, src] of cases) {
      const { offsets } = mapped(src);
      for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
    }
  });
});
