/**
 * The fast JSON reader must agree with the `yaml` package — same values,
 * styles and spans — on every `.json` text `JSON.parse` accepts and the
 * reader takes. Checked over the repository's JSON files, generated values
 * in several layouts, and mutations of those that still parse as JSON.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPlainJson } from '../../src/source/fast-json.js';
import { loadText } from '../../src/source/load.js';
import { SourceFile } from '../../src/source/span.js';
import { compareReaders } from './fast-yaml-compare.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const runs = (n: number): number => Number(process.env.OWC_FUZZ_RUNS ?? n);

function jsonFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) jsonFilesUnder(full, out);
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const accepts = (text: string): boolean => readPlainJson(new SourceFile('doc.json', text)) !== undefined;

// The loader hands the reader only text JSON.parse accepts (test/fixtures also holds broken JSON).
const corpus = [...jsonFilesUnder(path.join(root, 'examples')), ...jsonFilesUnder(path.join(root, 'test', 'fixtures')), ...jsonFilesUnder(path.join(root, 'schemas'))]
  .map((f) => readFileSync(f, 'utf8'))
  .filter((text) => parses(text));

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('type', '$ref', '__proto__', '<<', 'a b', 'é', '', '1', 'true'));
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('{{ steps.a.output.b }}', 'tab\there', 'line\nbreak', 'quote "q"', 'back\\slash', '\u00e9\u{1F600}', '\u2028', '/path'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;
/** A value written as JSON: compact, indented, or with spaces around every token. */
const document = fc.tuple(value, fc.constantFrom(0, 1, 2, 4, 'spaced'), fc.boolean()).map(([v, layout, newline]) => {
  const text = layout === 'spaced' ? JSON.stringify(v).replace(/([{}[\],:])/g, ' $1 ') : JSON.stringify(v, null, layout);
  return newline ? `${text}\n` : text;
});

describe('fast JSON reader', () => {
  it("agrees with the yaml package on the repository's JSON files", () => {
    expect(corpus.length).toBeGreaterThan(5);
    for (const [i, text] of corpus.entries()) {
      expect(compareReaders(text, 'doc.json'), `corpus file ${i}`).toBeUndefined();
      expect(accepts(text), `corpus file ${i}`).toBe(true);
    }
  });

  it('agrees with the yaml package on escapes, extreme numbers and bare values', () => {
    for (const text of ['{"a": "\\ud800"}', '{"a": "\\u0000"}', '{"\\u0041": 1}', '{"a": "\\/\\b\\f\\r\\t"}', '{"a": 1E400}', '{"a": -1e-400}', '{"a": 12345678901234567890}', '{"a": -0.0}', '["\\u2028"]', '  {"a":1}  ', '"x"', '5', 'null']) {
      expect(compareReaders(text, 'doc.json'), text).toBeUndefined();
      expect(accepts(text), text).toBe(true);
    }
  });

  it('agrees with the yaml package on generated JSON', () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(compareReaders(text, 'doc.json')).toBeUndefined();
      }),
      { numRuns: runs(1500) },
    );
    expect(fc.sample(document, { numRuns: 200, seed: 3 }).filter(accepts).length).toBeGreaterThan(150);
  });

  it('agrees with the yaml package on mutated JSON that still parses', () => {
    const source = fc.oneof(document, fc.constantFrom(...corpus.filter((t) => t.length < 20_000)));
    const mutation = fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(' ', '\n', '\t', '\r\n', '', ',', '0', '-', '"', '\\', 'e', '{}', '[]', '"a":1,'));
    const mutated = fc.tuple(source, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
      let t = text;
      for (const [f, s] of edits) {
        const at = Math.floor(f * t.length);
        t = s === '' ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + s + t.slice(at);
      }
      return t;
    });
    fc.assert(
      fc.property(mutated, (t) => {
        if (parses(t)) expect(compareReaders(t, 'doc.json'), JSON.stringify(t.slice(0, 300))).toBeUndefined();
      }),
      { numRuns: runs(1500) },
    );
    // Enough mutated texts still parse and are taken by the reader (about 70 of these 1000), so the property above is not vacuous.
    const sample = fc.sample(mutated, { numRuns: 1000, seed: 3 });
    expect(sample.filter((t) => parses(t) && accepts(t)).length).toBeGreaterThan(30);
  });

  it('gives up on duplicate keys, tabs, CR line breaks and deep nesting, and loading those still reports', () => {
    for (const text of ['{"a": 1, "a": 2}', '{\t"a": 1}', '{"a": 1}\r\n', `${'['.repeat(150)}${']'.repeat(150)}`]) expect(accepts(text), text.slice(0, 20)).toBe(false);
    expect(loadText('dup.json', '{"a": 1, "a": 2}').diagnostics.map((d) => d.code)).toContain('OWC1002');
    expect(loadText('deep.json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`).diagnostics.length).toBeGreaterThan(0);
  });
});
