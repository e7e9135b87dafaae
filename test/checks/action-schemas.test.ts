import { describe, expect, it } from 'vitest';
import { actionSchemas } from '../../src/checks/structure/action-schemas.js';
import { runCheck } from './helpers.js';

/** A connector with one action whose input schema is `input` (YAML, indented under `input:`). */
const connector = (input: string, output = '      type: object\n'): string =>
  `connector:\n  kind: sdk\n  name: calc\nactions:\n  - name: add\n    input:\n${input}    output:\n${output}    handler: {function: calc.add}\n`;

describe('action-schemas', () => {
  it('reports a $ref whose pointer leads nowhere, at the $ref, with the key that was probably meant', () => {
    const text = connector('      type: object\n      properties:\n        a: { $ref: "#/$defs/numbr" }\n      $defs:\n        number: { type: number }\n');
    expect(runCheck(actionSchemas, text)).toMatchObject([
      { code: 'OWC3024', severity: 'error', message: "$ref '#/$defs/numbr' in the input schema of action 'add' points to nothing in that schema", at: '9:20', hint: "did you mean '#/$defs/number'?" },
    ]);
  });

  it('checks output schemas, items and combinators, and gives the general hint when nothing is close', () => {
    const output = '      type: array\n      items:\n        anyOf:\n          - $ref: "#/definitions/thing"\n          - { type: string }\n';
    const found = runCheck(actionSchemas, connector('      type: object\n', output));
    expect(found).toMatchObject([{ code: 'OWC3024', message: "$ref '#/definitions/thing' in the output schema of action 'add' points to nothing in that schema", at: '12:19' }]);
    expect(found[0]!.hint).toMatch(/^point it at a part of the same schema/);
  });

  it('accepts references that resolve, escaped or percent-encoded, and the root', () => {
    const input = [
      '      type: object',
      '      properties:',
      '        a: { $ref: "#/$defs/a~1b" }',
      '        b: { $ref: "#/$defs/c%20d" }',
      '        c: { $ref: "#/properties/a" }',
      '        d: { $ref: "#" }',
      '      $defs:',
      '        a/b: { type: string }',
      '        c d: { type: number }',
      '',
    ].join('\n');
    expect(runCheck(actionSchemas, connector(input))).toEqual([]);
  });

  it('leaves anchors, other documents, schemas with a nested $id and data keywords alone', () => {
    const input = [
      '      type: object',
      '      properties:',
      '        a: { $ref: "#thing" }',
      '        b: { $ref: "https://example.com/schemas/b.json" }',
      '        c: { type: object, default: { $ref: "#/nowhere" }, enum: [{ $ref: "#/nowhere" }] }',
      '',
    ].join('\n');
    expect(runCheck(actionSchemas, connector(input))).toEqual([]);
    const withId = '      type: object\n      properties:\n        a:\n          $id: "https://example.com/a"\n          $ref: "#/$defs/x"\n          $defs: { x: { type: string } }\n';
    expect(runCheck(actionSchemas, connector(withId))).toEqual([]);
  });

  it('still follows references when the only $id is at the root, in data or not a string', () => {
    const input = [
      '      $id: "https://example.com/root"',
      '      type: object',
      '      default: { $id: "https://example.com/data" }',
      '      properties:',
      '        a: { $ref: "#/$defs/missing" }',
      '        b: { $id: 7 }',
      '        $id: { type: string }',
      '',
    ].join('\n');
    expect(runCheck(actionSchemas, connector(input)).map((d) => [d.code, d.at])).toEqual([['OWC3024', '11:20']]);
  });

  it('does not stop at a malformed percent escape', () => {
    const text = connector('      type: object\n      properties:\n        a: { $ref: "#/$defs/%zz" }\n');
    expect(runCheck(actionSchemas, text).map((d) => d.code)).toEqual(['OWC3024']);
  });

  it('reports type names JSON Schema does not have, each at its place, with the closest one', () => {
    const text = connector('      type: object\n      properties:\n        a: { type: numbr }\n        b: { type: [string, nul] }\n        c: { type: decimal }\n        type: { type: string }\n');
    expect(runCheck(actionSchemas, text)).toMatchObject([
      { code: 'OWC3025', severity: 'error', message: "unknown type 'numbr' in the input schema of action 'add'", at: '9:20', hint: "did you mean 'number'?" },
      { code: 'OWC3025', message: "unknown type 'nul' in the input schema of action 'add'", at: '10:29', hint: "did you mean 'null'?" },
      { code: 'OWC3025', message: "unknown type 'decimal' in the input schema of action 'add'", at: '11:20', hint: 'JSON Schema types are string, number, integer, boolean, object, array and null' },
    ]);
  });

  it('reports patterns and patternProperties keys that are not u-flag regular expressions', () => {
    const input = [
      '      type: object',
      '      properties:',
      '        code: { type: string, pattern: "[A-Z" }',
      '        ok: { type: string, pattern: "^[a-z]+\\\\d{2}$" }',
      '        bad: { type: string, pattern: "\\\\-" }',
      '      patternProperties:',
      '        "^x-(": { type: string }',
      '        "^y-": { type: string }',
      '',
    ].join('\n');
    const found = runCheck(actionSchemas, connector(input));
    expect(found.map((d) => [d.code, d.at, d.text])).toEqual([
      ['OWC3026', '9:40', '"[A-Z"'],
      ['OWC3026', '11:39', '"\\\\-"'],
      ['OWC3026', '13:9', '"^x-("'],
    ]);
    expect(found[0]!.message).toBe("pattern '[A-Z' in the input schema of action 'add' is not a valid regular expression: /[A-Z/u: Unterminated character class");
  });

  it('leaves enum, const, default and examples values alone', () => {
    const input = '      type: object\n      default: { type: nothing, pattern: "(" }\n      examples: [{ type: nothing }]\n      enum: [{ pattern: "(" }]\n';
    expect(runCheck(actionSchemas, connector(input))).toEqual([]);
  });

  it('reads property names as names: a property called type, pattern or $ref is not a keyword', () => {
    const input = [
      '      type: object',
      '      properties:',
      '        type: { type: string }',
      '        pattern: { type: string }',
      '        $ref: { type: string }',
      '      dependentRequired:',
      '        type: [subtype]',
      '      dependencies:',
      '        pattern: [flags]',
      '        $ref: { properties: { x: { type: strng } } }',
      '',
    ].join('\n');
    expect(runCheck(actionSchemas, connector(input)).map((d) => [d.code, d.text])).toEqual([['OWC3025', 'strng']]);
  });
});
