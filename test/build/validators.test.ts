/** Build-time validators: ajv standalone code that runs with only the emitted support module. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNames, supportModuleJs } from '../../generators/common/validator-support.js';
import { generateValidatorModule, unknownFormats, type ValidatorSpec } from '../../generators/common/validators.js';

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] | null };

const dir = mkdtempSync(join(tmpdir(), 'owc-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(specs: readonly ValidatorSpec[], name: string): Promise<Record<string, Validate>> {
  const result = generateValidatorModule(specs);
  if (!result.ok) throw new Error(JSON.stringify(result.failures));
  mkdirSync(join(dir, 'support'), { recursive: true });
  writeFileSync(join(dir, 'support', 'validation-support.js'), supportModuleJs);
  const imports = result.supportImports.length > 0 ? `import { ${result.supportImports.join(', ')} } from './support/validation-support.js';\n` : '';
  const file = join(dir, `${name}.js`);
  writeFileSync(file, imports + result.js);
  return (await import(pathToFileURL(file).href)) as Record<string, Validate>;
}

describe('generated validators', () => {
  it('validate with code-point lengths, deep-equal enums and formats, without ajv at run time', async () => {
    const mod = await load(
      [
        {
          exportName: 'validateThing',
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string', minLength: 2, maxLength: 2 },
              mode: { enum: [{ a: [1] }, 'plain'] },
              when: { type: 'string', format: 'date-time' },
              site: { type: 'string', format: 'uri' },
            },
            required: ['name'],
            additionalProperties: false,
          },
        },
      ],
      'thing',
    );
    const validate = mod['validateThing']!;
    expect(validate({ name: '😀😀', mode: { a: [1] }, when: '2026-11-26T04:00:00Z', site: 'https://example.com/x' })).toBe(true);
    expect(validate({ name: 'abc', mode: { a: [2] }, when: '2026-02-30T00:00:00Z', site: 'not a uri', extra: 1 })).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath}:${e.keyword}`)).toEqual([':additionalProperties', '/name:maxLength', '/mode:enum', '/when:format', '/site:format']);
  });

  it('compile draft-07 tuples with the draft-07 dialect', async () => {
    const mod = await load([{ exportName: 'validatePair', schema: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false } }], 'pair');
    expect(mod['validatePair']!(['a', 1])).toBe(true);
    expect(mod['validatePair']!(['a', 1, 2])).toBe(false);
  });

  it('report schemas that cannot be compiled', () => {
    const result = generateValidatorModule([{ exportName: 'validateBad', schema: { type: 'text' } }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failures[0]?.exportName).toBe('validateBad');
  });

  it('name the formats they do not check', () => {
    expect(unknownFormats({ type: 'object', properties: { a: { format: 'isbn' }, b: { format: 'email' }, c: { enum: [{ format: 'x' }] } } })).toEqual(['isbn']);
  });

  it('implement every format the generator registers', async () => {
    writeFileSync(join(dir, 'support-only.js'), supportModuleJs);
    const support = (await import(pathToFileURL(join(dir, 'support-only.js')).href)) as { formats: Record<string, { validate: (s: string) => boolean }> };
    expect(Object.keys(support.formats).sort()).toEqual([...formatNames].sort());
    const samples: [string, string, boolean][] = [
      ['date', '2024-02-29', true],
      ['date', '2023-02-29', false],
      ['time', '23:59:60+01:00', true],
      ['email', 'a.b@example.org', true],
      ['email', 'a@b', false],
      ['ipv4', '10.0.0.256', false],
      ['ipv6', '::ffff:10.0.0.1', true],
      ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
      ['duration', 'P1DT2H', true],
      ['duration', 'P', false],
      ['hostname', 'example.com', true],
      ['json-pointer', '/a~1b', true],
      ['regex', '(', false],
    ];
    for (const [format, text, valid] of samples) expect(support.formats[format]!.validate(text), `${format} ${text}`).toBe(valid);
  });
});
