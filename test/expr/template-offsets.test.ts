/**
 * `parseTemplate` skips building a scalar's offset map when the value is its
 * source text character for character. Whatever the scalar looks like, the
 * template must come out exactly as it does through the full offset map.
 */
import { describe, expect, it } from 'vitest';
import { parseTemplate, parseTemplateText } from '../../src/expr/index.js';
import { loadText } from '../../src/source/load.js';
import type { ScalarNode, ValueNode } from '../../src/source/nodes.js';

function scalars(node: ValueNode, out: ScalarNode[] = []): ScalarNode[] {
  if (node.kind === 'map') for (const e of node.entries) scalars(e.value, out);
  else if (node.kind === 'seq') for (const item of node.items) scalars(item, out);
  else if (typeof node.value === 'string' && node.value.includes('{')) out.push(node);
  return out;
}

/** Every template-holding string scalar of a YAML or JSON text. */
function templatesIn(path: string, text: string): ScalarNode[] {
  return loadText(path, text).manifests.flatMap((m) => scalars(m.root));
}

function expectSameAsOffsetMap(node: ScalarNode): void {
  const value = node.value as string;
  const viaMap = parseTemplateText(value, node.offsets(), node.span.file, node.style);
  expect(parseTemplate(node), `${node.style} ${JSON.stringify(value)}`).toEqual(viaMap);
}

// Pieces that make a value differ from its source (escapes, folding, blanks) and pieces that do not.
const pieces = ['a', ' ', '  ', '\t', '{{ x.y }}', '{{ a }}', '{{ b + }}', '{% if c %}', '{% endif %}', '\\"', '\\t', '\\u00e9', '\\\\', "''", '\n       ', '\n\n       ', ' \n       ', ' #', ':'];

describe('template offsets without an offset map', () => {
  it('agree with the offset map in every scalar style', () => {
    let seed = 11;
    const pick = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let seen = 0;
    for (let round = 0; round < 1500; round++) {
      let body = '{{ v }}';
      for (let i = pick(6); i > 0; i--) body += pieces[pick(pieces.length)];
      const forms = [
        `workflow:\n  a: "${body}"\n`,
        `workflow:\n  a: '${body}'\n`,
        `workflow:\n  a: x ${body}\n`,
        `workflow:\n  a:\n    - x ${body}\n    - y\n`,
        `workflow:\n  a: |\n    ${body}\n`,
        `workflow:\n  a: >-\n    ${body}\n`,
      ];
      for (const text of forms) {
        for (const node of templatesIn('w.yaml', text)) {
          expectSameAsOffsetMap(node);
          seen++;
        }
      }
      for (const node of templatesIn('w.json', `{"workflow": {"a": "${body.replace(/\n/g, '\\n')}"}}`)) {
        expectSameAsOffsetMap(node);
        seen++;
      }
    }
    // Most random texts are valid YAML: the comparison ran on thousands of scalars.
    expect(seen).toBeGreaterThan(3000);
  });
});
