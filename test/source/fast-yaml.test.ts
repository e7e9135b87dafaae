/**
 * The fast YAML reader must agree with the `yaml` package — same values,
 * styles and spans — on every document it accepts, and accept nothing the
 * package rejects or warns about. Checked over the repository's manifests, a
 * generated benchmark project, generated documents in many layouts, and
 * mutations of all of those.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate.js';
import { resolvePlain } from '../../src/source/fast-read.js';
import { readPlainYaml } from '../../src/source/fast-yaml.js';
import { loadText } from '../../src/source/load.js';
import { SourceFile } from '../../src/source/span.js';
import { compareReaders } from './fast-yaml-compare.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yamlFilesUnder(full, out);
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'owc-fast-yaml-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const repoFiles = [...yamlFilesUnder(path.join(root, 'examples')), ...yamlFilesUnder(path.join(root, 'test'))];
const project = generateProject(path.join(scratch, 'bench'), 0.01);
const corpus = [...repoFiles, ...project.connectorFiles, ...project.workflowFiles].map((f) => readFileSync(f, 'utf8'));

/** More runs for a local burn-in: OWC_FUZZ_RUNS=50000 npx vitest run test/source/fast-yaml.test.ts */
const runs = (n: number): number => Number(process.env.OWC_FUZZ_RUNS ?? n);

const accepts = (text: string): boolean => readPlainYaml(new SourceFile('doc.yaml', text)) !== undefined;

describe('fast YAML reader', () => {
  it('agrees with the yaml package on every manifest in the repository and a generated project', () => {
    for (const [i, text] of corpus.entries()) expect(compareReaders(text), `corpus file ${i}`).toBeUndefined();
    // The reader is worth having only if it takes ordinary manifests.
    expect(corpus.filter(accepts).length / corpus.length).toBeGreaterThan(0.8);
    for (const f of [...project.connectorFiles, ...project.workflowFiles]) expect(accepts(readFileSync(f, 'utf8')), f).toBe(true);
  });

  it('agrees with the yaml package on unusual characters and near-misses', () => {
    for (const text of [
      'a: b\u2028c\n', 'a: b\u0085c\n', 'a: \u00a0b\n', 'a: b\u00a0\n', '\u00a0a: b\n', 'a: b\u000cc\n', 'k\u200b: v\n', 'a: b\u0000c\n',
      'a:\u00a0b\n', 'a: |\n  x\u2028y\n', 'a: "\\uD83D\\uDE00"\n', 'a: \u{1F600} x\n', '\u{1F600}: 1\n', 'a: -\n', 'a: --x\n', 'a: 0x\n', 'a: 1e\n',
      'a: .\n', 'a: +\n', 'a: ~x\n', "a: 'x'y\n", 'a: "x"#c\n', 'a: [a, b]x\n', 'a: [a,,b]\n', 'a: [a, ]\n', 'a: {a}\n', 'a: [ ]\n', 'a: {  }\n',
    ]) {
      expect(compareReaders(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const cases: [string, unknown][] = [
      ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
      ['true', true], ['False', false], ['TRUE', true], ['tRUE', 'tRUE'], ['yes', 'yes'],
      ['012', 12], ['-5', -5], ['+1', 1], ['0o17', 15], ['0x1F', 31], ['0X1F', '0X1F'], ['1_000', '1_000'],
      ['1.', 1], ['.5', 0.5], ['1e3', 1000], ['-1.5E-2', -0.015], ['.inf', Infinity], ['-.Inf', -Infinity],
      ['1.2.3', '1.2.3'], ['v1', 'v1'], ['0.0.1', '0.0.1'], ['-', '-'],
    ];
    for (const [raw, value] of cases) expect(resolvePlain(raw), raw).toEqual(value);
    expect(Number.isNaN(resolvePlain('.NaN'))).toBe(true);
  });

  it('gives up on what it does not model, leaving it to the yaml package', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', 'a: !tag 1\n', '---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n',
      'a: 1\na: 2\n', '<<: {a: 1}\n', 'a: "multi\n  line"\n', 'a: plain\n  continued\n', 'a: |2\n   x\n', 'a: |+\n  x\n\n',
      '? complex\n: key\n', 'a: [1,\n  2]\n', 'just a scalar\n', '', '# only a comment\n', 'a: b: c\n', 'a: "x" y\n',
    ]) {
      expect(accepts(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('leaves deep nesting to the yaml package, and loading it reports instead of crashing', () => {
    const nested = (depth: number): string => {
      let text = '';
      for (let i = 0; i < depth; i++) text += `${' '.repeat(i)}k:\n`;
      return `${text}${' '.repeat(depth)}k: 1\n`;
    };
    expect(accepts(nested(50))).toBe(true);
    expect(accepts(nested(150))).toBe(false);
    expect(accepts(`a: ${'['.repeat(50)}${']'.repeat(50)}\n`)).toBe(true);
    expect(accepts(`a: ${'['.repeat(150)}${']'.repeat(150)}\n`)).toBe(false);
    for (const text of [nested(5000), `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`]) {
      const loaded = loadText('deep.yaml', text);
      expect(loaded.diagnostics.map((d) => d.code)).toContain('OWC1001');
    }
  });

  it('agrees with the yaml package on generated documents', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        expect(compareReaders(text)).toBeUndefined();
      }),
      { numRuns: runs(1500) },
    );
    // Most generated documents are in the subset, so the property above is not vacuous.
    const sample = fc.sample(documentArbitrary, { numRuns: 200, seed: 7 });
    expect(sample.filter(accepts).length).toBeGreaterThan(50);
  });

  it('agrees with the yaml package on mutated documents', () => {
    const sources = fc.oneof(fc.constantFrom(...corpus.filter((t) => t.length < 20_000)), documentArbitrary);
    const mutatedArbitrary = fc.tuple(sources, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([text, mutations]) => mutations.reduce((t, m) => m(t), text));
    fc.assert(
      fc.property(mutatedArbitrary, (mutated) => {
        expect(compareReaders(mutated), mutated.length > 600 ? JSON.stringify(`${mutated.slice(0, 300)} … ${mutated.slice(-300)}`) : JSON.stringify(mutated)).toBeUndefined();
      }),
      { numRuns: runs(1500) },
    );
    // Many mutated documents stay in the subset (about 55 of these 200), so the property above is not vacuous.
    const sample = fc.sample(mutatedArbitrary, { numRuns: 200, seed: 7 });
    expect(sample.filter(accepts).length).toBeGreaterThan(25);
  });
});

// ---- generated documents ---------------------------------------------------

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);
const keyArb = fc.oneof(word, word.map((w) => `${w}.x`), fc.constantFrom('$schema', 'x-y', 'a b', '1', 'true', 'null', '-n', 'é'));
const scalarArb: fc.Arbitrary<Value> = fc.oneof(
  word,
  fc.constantFrom('{{ steps.a.output.b }}', 'Report for {{ inputs.x }}: ok', 'http://x.test/a?b=c#d', 'a #b', 'a: b', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', '', ' lead', 'trail ', '-5', '1.0', 'yes', '~', '#x', '[x]', '@x', '%x', '- x', '? x', ': x', 'x:y', 'ünï'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(keyArb, tie('value')), { maxLength: 4, selector: ([k]) => k }).map((pairs) => Object.fromEntries(pairs)),
  ),
})).value;

/** Layout choices for rendering a value as YAML. */
interface Layout {
  readonly indent: number;
  readonly seqInMapIndented: boolean;
  readonly choices: readonly number[];
}

class Emitter {
  private i = 0;
  constructor(private readonly layout: Layout) {}

  private choose(n: number): number {
    const c = this.layout.choices[this.i++ % this.layout.choices.length]!;
    return c % n;
  }

  scalar(v: Value): string {
    if (typeof v === 'string') {
      const style = this.choose(4);
      if (style === 0) return JSON.stringify(v);
      if (style === 1 && !v.includes('\n')) return `'${v.replace(/'/g, "''")}'`;
      return v === '' ? '""' : v;
    }
    return v === null ? (this.choose(3) === 0 ? '~' : this.choose(2) === 0 ? 'null' : '') : String(v);
  }

  comment(pad: string): string {
    const c = this.choose(10);
    if (c === 0) return `${pad}# note\n`;
    if (c === 1) return '\n';
    if (c === 2) return `${pad.slice(0, Math.max(0, pad.length - 2))}# less\n`;
    if (c === 3) return `${pad}    # more\n`;
    return '';
  }

  trailing(): string {
    return this.choose(6) === 0 ? ' # c' : this.choose(8) === 0 ? '  ' : '';
  }

  block(v: Value, depth: number): string {
    const pad = ' '.repeat(depth);
    if (Array.isArray(v)) {
      if (v.length === 0 || this.choose(8) === 0) return `${pad}${this.flow(v)}\n`;
      return v.map((item) => this.comment(pad) + this.item(item, depth)).join('');
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0 || this.choose(8) === 0) return `${pad}${this.flow(v)}\n`;
      return entries.map(([k, val]) => this.comment(pad) + this.entry(k, val, depth)).join('');
    }
    return `${pad}${this.scalar(v)}\n`;
  }

  private key(k: string): string {
    const style = this.choose(5);
    if (style === 0) return JSON.stringify(k);
    if (style === 1) return `'${k}'`;
    return k;
  }

  private entry(k: string, v: Value, depth: number): string {
    const pad = ' '.repeat(depth);
    const head = `${pad}${this.key(k)}:`;
    if (Array.isArray(v) && v.length > 0 && this.choose(4) !== 0) {
      const inner = this.layout.seqInMapIndented ? depth + this.layout.indent : depth;
      return `${head}${this.trailing()}\n${this.block(v, inner)}`;
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && this.choose(4) !== 0) {
      return `${head}${this.trailing()}\n${this.block(v, depth + this.layout.indent)}`;
    }
    if (typeof v === 'string' && this.choose(4) === 0) return `${head} ${this.blockScalar(v, depth + this.layout.indent)}`;
    const s = typeof v === 'object' && v !== null ? this.flow(v) : this.scalar(v);
    return `${head}${s === '' ? '' : ` ${s}`}${this.trailing()}\n`;
  }

  private item(v: Value, depth: number): string {
    const pad = ' '.repeat(depth);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && this.choose(3) !== 0) {
      // A compact mapping: the first key on the dash's line.
      const inner = this.block(v, depth + 2);
      return `${pad}-${inner.slice(depth + 1)}`;
    }
    if (Array.isArray(v) && v.length > 0 && this.choose(3) === 0) {
      const inner = this.block(v, depth + 2);
      return `${pad}-${inner.slice(depth + 1)}`;
    }
    if (typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) {
      return `${pad}-${this.trailing()}\n${this.block(v, depth + this.layout.indent)}`;
    }
    if (typeof v === 'string' && this.choose(4) === 0) return `${pad}- ${this.blockScalar(v, depth + this.layout.indent)}`;
    const s = typeof v === 'object' && v !== null ? this.flow(v) : this.scalar(v);
    return `${pad}-${s === '' ? '' : ` ${s}`}${this.trailing()}\n`;
  }

  private blockScalar(v: string, depth: number): string {
    const pad = ' '.repeat(depth);
    const header = ['|', '|-', '>', '>-'][this.choose(4)]!;
    const lines = v.split('\n').map((l) => (l === '' ? '' : `${pad}${l}`));
    const extra = this.choose(3) === 0 ? '\n' : '';
    return `${header}${this.trailing()}\n${lines.join('\n')}\n${extra}`;
  }

  private flow(v: Value): string {
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(this.choose(2) ? ', ' : ',')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${this.key(k)}: ${this.flow(x)}`).join(', ')}}`;
    return this.scalar(v);
  }
}

const documentArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.uniqueArray(fc.tuple(keyArb, valueArb), { minLength: 1, maxLength: 5, selector: ([k]) => k }).map((pairs): Value => Object.fromEntries(pairs)),
      fc.array(valueArb, { minLength: 1, maxLength: 4 }),
    ),
    fc.record({ indent: fc.integer({ min: 1, max: 4 }), seqInMapIndented: fc.boolean(), choices: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }) }),
    fc.constantFrom('', '# head\n', '\n', '# yaml-language-server: $schema=x\n\n'),
    fc.constantFrom('', '# tail\n', '\n\n', '  # indented tail\n'),
    fc.boolean(),
  )
  .map(([value, layout, head, tail, dropFinalNewline]) => {
    const body = head + new Emitter(layout).block(value, 0) + tail;
    return dropFinalNewline ? body.replace(/\n$/, '') : body;
  });

// ---- mutations -------------------------------------------------------------

type Mutation = (text: string) => string;

const at = (text: string, fraction: number): number => Math.floor(fraction * text.length);
const lineBounds = (text: string, fraction: number): [number, number] => {
  const p = at(text, fraction);
  const start = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  return [start, nl < 0 ? text.length : nl + 1];
};

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.constantFrom(' ', '  ', '\n', ':', ': ', '#', ' #', '-', '- ', '"', "'", '|', '>', '[', ']', '{', '}', ',', '&a ', '*a', '!t ', '? ', '\t', '\\', 'x')).map(
    ([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  fraction.map((f): Mutation => (t) => t.slice(0, at(t, f)) + t.slice(at(t, f) + 1)),
  fraction.map((f): Mutation => (t) => t.slice(0, at(t, f))),
  fraction.map((f): Mutation => (t) => {
    const [s, e] = lineBounds(t, f);
    return t.slice(0, s) + t.slice(e);
  }),
  fraction.map((f): Mutation => (t) => {
    const [s, e] = lineBounds(t, f);
    return t.slice(0, e) + t.slice(s, e) + t.slice(e);
  }),
  fc.tuple(fraction, fc.integer({ min: -3, max: 3 })).map(([f, d]): Mutation => (t) => {
    const [s] = lineBounds(t, f);
    if (d >= 0) return t.slice(0, s) + ' '.repeat(d) + t.slice(s);
    let n = 0;
    while (n < -d && t[s + n] === ' ') n++;
    return t.slice(0, s) + t.slice(s + n);
  }),
);
