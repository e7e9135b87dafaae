/**
 * Output laid out without prettier must be what prettier would make of it:
 * type declarations (generators/common/type-layout.ts) and module code
 * (generators/common/code-layout.ts) either equal prettier's formatting of
 * the same code or are left to prettier; ajv's code is only re-indented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/lower/ir.js';
import { formatJavaScript, formatJson, formatTypeScript } from '../../generators/common/format.js';
import { LayoutUnsupported, flatLiteral, listLines, literalLines } from '../../generators/common/code-layout.js';
import { generatedHeader } from '../../generators/common/header.js';
import { code, type LiteralValue } from '../../generators/common/literal.js';
import { createValidatorPool } from '../../generators/common/validator-pool.js';
import { compileValidatorModule, type ValidatorSpec } from '../../generators/common/validators.js';
import { indentBlocks } from '../../generators/common/js-layout.js';
import { NameScope } from '../../generators/common/naming.js';
import { printNode, schemaDeclarations, type SchemaMode } from '../../generators/common/schema-type.js';
import { layoutDeclaration } from '../../generators/common/type-layout.js';
import { buildProgram } from '../../src/build/index.js';
import { generatedTsconfig } from '../../src/build/tsconfig.js';
import { lowerManifests } from '../../src/lower/index.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import { loadText } from '../../src/source/load.js';
import { buildPaths, exampleConnectors, programOf, repoRoot } from './helpers.js';

/**
 * Per declaration: the laid-out text (or undefined) and prettier's formatting
 * of it alone; and prettier's formatting of all of them together, which the
 * module's text (each laid out or else formatted, one blank line between)
 * must equal.
 */
async function both(
  schema: JsonValue | undefined,
  mode: SchemaMode,
  docs: readonly string[] = [],
): Promise<{ laid: (string | undefined)[]; formatted: string[]; whole: string }> {
  const nodes = schemaDeclarations(schema, 'T', mode, new NameScope(), docs);
  return {
    laid: nodes.map(layoutDeclaration),
    formatted: await Promise.all(nodes.map(async (n) => (await formatTypeScript(printNode(n))).trimEnd())),
    whole: await formatTypeScript(nodes.map((n) => printNode(n)).join('\n\n')),
  };
}

/** Each laid-out declaration equals prettier's formatting of it, and together with the rest they equal prettier's formatting of all. */
function expectPrettierLayout({ laid, formatted, whole }: { laid: (string | undefined)[]; formatted: string[]; whole: string }, label?: string): void {
  laid.forEach((text, i) => {
    if (text !== undefined) expect(text, label).toBe(formatted[i]);
  });
  expect(`${laid.map((text, i) => text ?? formatted[i]).join('\n\n')}\n`, label).toBe(whole);
}

/** Each shape, and for each of its declarations whether it is laid out directly (true) or left to prettier (false). */
const shapes: [string, JsonValue, boolean[]][] = [
  ['an object with docs, enums and nesting', {
    type: 'object',
    description: 'The request.\n\nSecond paragraph.',
    properties: {
      mode: { enum: ['fast', 'slow', -1, 2.5, null, true] },
      nested: { type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'integer', description: 'a count' } } } } }, required: ['a'] },
      grid: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } } } } },
      tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 1 },
      when: { type: 'string', format: 'date-time', default: 'now', deprecated: true },
    },
    required: ['mode'],
  }, [true]],
  ['a long union that must break', { enum: Array.from({ length: 20 }, (_, i) => `value-number-${i}`) }, [false]],
  ['strings with quotes and non-ASCII', { enum: ["it's", 'say "hi"', 'naïve', 'back\\slash'] }, [false]],
  ['odd numbers', { enum: [1e21, 0.1, 1.5e-7, -0] }, [false]],
  ['quoted keys', { type: 'object', properties: { 'content-type': { type: 'string' }, '1st': { type: 'string' } } }, [false]],
  ['an intersection inside a union', { anyOf: [{ allOf: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/b' }] }, { type: 'string' }], $defs: { a: { type: 'object', properties: { x: { type: 'string' } } }, b: { type: 'object' } } }, [true, true, true]],
  ['a closed empty object', { type: 'object', additionalProperties: false }, [true]],
  ['an open map', { type: 'object', additionalProperties: { type: 'string' } }, [true]],
  ['an object using a long union', { type: 'object', properties: { v: { $ref: '#/$defs/v' } }, $defs: { v: { enum: Array.from({ length: 20 }, (_, i) => `value-number-${i}`) } } }, [true, false]],
];

describe('type declarations laid out without prettier', () => {
  for (const [name, schema, direct] of shapes) {
    for (const mode of ['input', 'output'] as const) {
      it(`equal prettier's layout or are left to it: ${name} (${mode})`, async () => {
        const result = await both(schema, mode, ['Input of action "x".']);
        expect(result.laid.map((text) => text !== undefined)).toEqual(direct);
        expectPrettierLayout(result);
      });
    }
  }

  it("equal prettier's layout for every action schema of the build fixtures", async () => {
    const program = programOf(['examples/connectors/weather.yaml', 'examples/connectors/chat.yaml', 'test/build/fixtures/shapes.yaml', 'test/build/fixtures/edge.yaml', 'test/build/fixtures/mcp.yaml']);
    let direct = 0;
    for (const action of program.connectors.flatMap((c) => c.actions)) {
      for (const [schema, mode] of [[action.input?.json, 'input'], [action.output?.json, 'output']] as const) {
        const result = await both(schema, mode);
        direct += result.laid.filter((text) => text !== undefined).length;
        expectPrettierLayout(result, action.name.value);
      }
    }
    expect(direct).toBeGreaterThan(0);
  }, 60_000);

  it("equal prettier's layout for generated schemas", async () => {
    const key = fc.constantFrom('a', 'b_c', 'camelCase', 'x1', 'content-type', 'it\'s');
    const text = fc.constantFrom('plain', 'it\'s', 'tab\there', 'ünïcode', 'a'.repeat(60), 'with "quotes"');
    const schema: fc.Arbitrary<JsonValue> = fc.letrec<{ s: JsonValue }>((tie) => ({
      s: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom<JsonValue>({ type: 'string' }, { type: 'integer' }, { type: 'boolean' }, { type: 'null' }, true),
        fc.record({ enum: fc.array(fc.oneof(text, fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 12 }) }),
        fc.record({ type: fc.constant('array'), items: tie('s') }),
        fc.record({ anyOf: fc.array(tie('s'), { minLength: 1, maxLength: 4 }) }),
        fc.record(
          {
            type: fc.constant('object'),
            properties: fc.dictionary(key, fc.record({ description: text, type: fc.constant('string') }, { requiredKeys: ['type'] }), { maxKeys: 4 }),
            additionalProperties: fc.oneof(fc.constant(false), tie('s')),
          },
          { requiredKeys: ['type', 'properties'] },
        ),
      ),
    })).s;
    let direct = 0;
    await fc.assert(
      fc.asyncProperty(schema, fc.constantFrom<SchemaMode>('input', 'output'), async (s, mode) => {
        const result = await both(s, mode);
        if (result.laid.every((text) => text !== undefined)) direct++;
        expectPrettierLayout(result);
      }),
      { numRuns: 150, seed: 5 },
    );
    expect(direct).toBeGreaterThan(50);
  }, 120_000);
});

describe('indentBlocks', () => {
  it('indents by block depth and keeps every statement as written', () => {
    const code = 'function f(a){\nif(a){\nreturn {x:"{"};\n}\nelse {\nreturn 1;\n}\n}\n\n\nconst s = {"a":1};\n';
    expect(indentBlocks(code)).toBe('function f(a){\n  if(a){\n    return {x:"{"};\n  }\n  else {\n    return 1;\n  }\n}\n\nconst s = {"a":1};\n');
  });

  it('never indents below the first column on unbalanced input', () => {
    expect(indentBlocks('}\n}\nx;\n')).toBe('}\n}\nx;\n');
  });
});

/** The laid-out lines, or undefined when the printer leaves the shape to prettier. */
function laidOut(print: () => string[]): string | undefined {
  try {
    return `${print().join('\n')}\n`;
  } catch (error) {
    if (error instanceof LayoutUnsupported) return undefined;
    throw error;
  }
}

describe('module code laid out without prettier', () => {
  it('gives modules, index and support files that prettier leaves unchanged', async () => {
    const fixtures = ['lambda', 'shapes', 'mcp', 'edge', 'weather-v2'].map((f) => `test/build/fixtures/${f}.yaml`);
    const { files } = await buildPaths([...exampleConnectors, ...fixtures]);
    const checked = files.filter((f) => f.path.endsWith('.ts') || f.path.startsWith('_owc/'));
    expect(checked.length).toBeGreaterThan(10);
    for (const file of checked) {
      const formatted = file.path.endsWith('.js') ? await formatJavaScript(file.text) : await formatTypeScript(file.text);
      expect(file.text, file.path).toBe(formatted);
    }
  }, 60_000);

  it("writes tsconfig.json as prettier formats the same configuration", async () => {
    const header = generatedHeader(undefined);
    expect(generatedTsconfig.startsWith(header)).toBe(true);
    const json = generatedTsconfig.slice(header.length);
    expect(json).toBe(await formatJson(JSON.stringify(JSON.parse(json))));
  });

  it("lays out literals as prettier does, or leaves them to it", async () => {
    const text = fc.oneof(
      fc.constantFrom('plain', "it's", 'say "hi"', `"'"`, 'tab\there', 'line\nbreak', 'back\\slash', 'ünïcode', '\u2028', '${x}', ''),
      fc.string({ maxLength: 90 }),
    );
    const key = fc.constantFrom('a', 'url', 'name', 'description', 'content-type', 'café', '__proto__', '1st', 'x'.repeat(40), "it's");
    const value: fc.Arbitrary<LiteralValue> = fc.letrec<{ v: LiteralValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.integer({ min: -1000, max: 1000 }),
        fc.constantFrom(1e21, 0.1, 1.5e-7, 2.5, true, false, null),
        fc.constantFrom(code('fromAjv(validateThing)'), code('fromAjv(validateAVeryLongValidatorNameForAnActionWithALongName)')),
        fc.array(tie('v'), { maxLength: 5 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    const name = fc.constantFrom('x', 'weatherMetadata', 'aConnectorNameThatIsLongerThanMostNamesAre', `n${'o'.repeat(84)}`);
    const tail = fc.constantFrom(' as const;', ' as const satisfies ConnectorDescriptor;');
    let direct = 0;
    await fc.assert(
      fc.asyncProperty(value, name, tail, async (v, n, t) => {
        const head = `export const ${n} = `;
        const laid = laidOut(() => literalLines(v, head, t, ''));
        if (laid === undefined) return;
        direct++;
        expect(laid).toBe(await formatTypeScript(`${head}${flatLiteral(v)}${t}\n`));
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(direct).toBeGreaterThan(150);
  }, 120_000);

  it('lays out parameter and argument lists as prettier does, or leaves them to it', async () => {
    const ident = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,60}$/);
    await fc.assert(
      fc.asyncProperty(ident, ident, ident, async (fn, input, output) => {
        const type = (n: string): string => `${n[0]!.toUpperCase()}${n.slice(1)}`;
        const laid = laidOut(() => [
          ...listLines(`export async function ${fn}`, '(', [`input: ${type(input)} = {}`, 'options?: InvokeOptions'], ')', `: Promise<${type(output)}> {`, ''),
          ...listLines(`  return invokeAction<${type(output)}>`, '(', ['someConnector', "'some_action'", 'input', 'options'], ')', ';', '  '),
          '}',
        ]);
        if (laid === undefined) return;
        const flat = `export async function ${fn}(input: ${type(input)} = {}, options?: InvokeOptions): Promise<${type(output)}> {\n  return invokeAction<${type(output)}>(someConnector, 'some_action', input, options);\n}\n`;
        expect(laid).toBe(await formatTypeScript(flat));
      }),
      { numRuns: 100, seed: 11 },
    );
  }, 120_000);

  it('gives modules prettier leaves unchanged for connectors and actions with names of any length', async () => {
    // Lengths spread evenly up to past the line width, so the long shapes (and prettier's fallback) come up.
    const name = fc.tuple(fc.integer({ min: 0, max: 110 }), fc.stringMatching(/^[a-z0-9_]{0,6}$/)).map(([n, tail]) => `a${'bc_d'.repeat(28).slice(0, n)}${tail}`);
    await fc.assert(
      fc.asyncProperty(name, fc.array(fc.tuple(name, fc.boolean()), { minLength: 1, maxLength: 3 }), async (connector, actions) => {
        const yaml = [
          'connector:',
          '  type: connector',
          '  kind: sdk',
          `  name: ${connector}`,
          'actions:',
          ...actions.flatMap(([action, opaque], i) => [
            `  - name: ${action}${i}`,
            `    description: Does ${action}`,
            '    input: { type: object, properties: { a: { type: string } } }',
            opaque ? '    handler: { custom: { scheme: grpc } }' : `    handler: { function: ${connector}.${action} }`,
          ]),
        ].join('\n');
        const program = lowerManifests(loadText('long.yaml', yaml).manifests).program;
        const { files, diagnostics } = await buildProgram(program, emptyBindings(), { outDir: 'gen', runtime: 'package', cwd: repoRoot });
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const file of files.filter((f) => f.path.endsWith('.ts'))) expect(file.text, file.path).toBe(await formatTypeScript(file.text));
      }),
      { numRuns: 25, seed: 3 },
    );
  }, 180_000);
});

describe('validators compiled on worker threads', () => {
  it('are compiled by the workers (and this thread, when it helps), as in process', async () => {
    const specs = (n: number): ValidatorSpec[] => [
      { exportName: `validateA${n}`, schema: { type: 'object', properties: { a: { type: 'string', minLength: n } }, required: ['a'] } },
      { exportName: `validateB${n}`, schema: { type: 'array', items: { enum: [n, 'x'] } } },
    ];
    const jobs = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => specs(n));
    for (const helpHere of [false, true]) {
      const pool = createValidatorPool(2, { helpHere });
      expect(pool).toBeDefined();
      try {
        const results = await Promise.all(jobs.map((j) => pool!.compile(j)));
        expect(results).toEqual(jobs.map((j) => compileValidatorModule(j)));
        if (!helpHere) expect(pool!.workerJobs()).toBe(jobs.length);
        else expect(pool!.workerJobs()).toBeGreaterThan(0);
      } finally {
        await pool!.close();
      }
    }
  }, 60_000);

  it('give byte-identical output and the same diagnostics as compiling in process', async () => {
    const paths = [...exampleConnectors, ...['lambda', 'shapes', 'mcp', 'edge', 'weather-v2', 'invalid-schema'].map((f) => `test/build/fixtures/${f}.yaml`)];
    const build = (validatorWorkers: number) => buildProgram(programOf(paths), emptyBindings(), { outDir: 'gen', runtime: 'package', cwd: repoRoot, validatorWorkers });
    const inProcess = await build(0);
    const pooled = await build(2);
    expect(inProcess.diagnostics.some((d) => d.code === 'OWC8002')).toBe(true);
    expect(pooled.diagnostics).toEqual(inProcess.diagnostics);
    expect(pooled.files).toEqual(inProcess.files);
  }, 120_000);
});
