import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/source/load.js';
import { toJSON } from '../../src/source/nodes.js';
import { createSchemaAjv, knownFields, knownStepFields, schemaDocuments, schemaFileNames, schemasFolder } from '../../src/schema/index.js';

const resourceFiles = ['connector.schema.json', 'workflow.schema.json', 'agent.schema.json', 'bundle.schema.json'];

describe('the schema files', () => {
  it('exist under the published names, declare draft 2020-12 and use their file name as $id', () => {
    for (const name of schemaFileNames) {
      const schema = JSON.parse(readFileSync(path.join(schemasFolder(), name), 'utf8')) as Record<string, unknown>;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(name);
    }
    expect(schemaFileNames).toEqual(expect.arrayContaining(resourceFiles));
  });

  it('are valid against the 2020-12 meta-schema and compile in strict mode', () => {
    // strictTypes/strictRequired would demand `type: object` beside every `required` used as a discriminator.
    const ajv = createSchemaAjv({ strict: true, strictTypes: false, strictRequired: false });
    ajv.addKeyword('patternErrorMessage'); // an editor annotation, the only keyword outside the standard
    for (const schema of schemaDocuments().values()) expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    for (const name of resourceFiles) expect(typeof ajv.getSchema(name)).toBe('function');
  });

  it('every $ref resolves', () => {
    const ajv = createSchemaAjv({ strict: true, strictTypes: false, strictRequired: false });
    ajv.addKeyword('patternErrorMessage');
    const refs: string[] = [];
    const collect = (node: unknown, file: string): void => {
      if (Array.isArray(node)) node.forEach((n) => collect(n, file));
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value.startsWith('#') ? `${file}${value}` : value);
          else collect(value, file);
        }
      }
    };
    for (const [file, schema] of schemaDocuments()) collect(schema, file);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) expect(ajv.getSchema(ref), ref).toBeDefined();
  });
});

describe('editors validate with the top-level files', () => {
  // An editor applies workflow.schema.json etc. as a whole; the top-level if/then picks the form.
  const ajv = createSchemaAjv();
  const verdict = (file: string, text: string, name = 'm.yaml'): boolean => {
    const loaded = loadText(name, text);
    const validate = ajv.getSchema(file)!;
    return validate(toJSON(loaded.manifests[0]!.root)) as boolean;
  };

  it.each([
    ['workflow.schema.json', 'workflows:\n  - name: a\n    steps: [{ id: s, connector: c, action: x }]\n', true],
    ['workflow.schema.json', 'workflows:\n  - name: a\n    steps: [{ id: s, connector: c }]\n', false],
    ['workflow.schema.json', 'workflow:\n  name: a\n  steps: []\n', true],
    ['workflow.schema.json', 'workflow:\n  steps: []\n', false],
    ['workflow.schema.json', 'schemaVersion: 0.1.0\ntype: workflow\nname: a\nversion: 1.0.0\nsteps: []\n', true],
    ['workflow.schema.json', 'schemaVersion: 0.1.0\ntype: workflow\nname: a\nsteps: []\n', false],
    ['connector.schema.json', 'connector: { name: a, version: 1.0.0, kind: http }\nactions: [{ name: x }]\n', true],
    ['connector.schema.json', 'connector: { name: a, version: 1.0.0, kind: http }\nactions: [{ description: x }]\n', false],
    ['connector.schema.json', 'schemaVersion: 0.1.0\ntype: connector\nname: a\nversion: 1.0.0\nkind: sdk\n', true],
    ['agent.schema.json', 'agent: { name: a, model: { provider: p, id: m } }\n', true],
    ['agent.schema.json', 'agent: { id: a }\nmodel: { provider: p, name: m }\ninstructions: { system: s }\ntools: []\nruntime: any\n', true],
    ['agent.schema.json', 'agent: { id: a }\nmodel: { provider: p, name: m }\ninstructions: { system: s }\ntools: []\nruntime: nowhere\n', false],
    ['agent.schema.json', 'schemaVersion: 0.1.0\ntype: agent\nname: a\nversion: 1.0.0\nmodel: { provider: p, id: m }\n', true],
    ['bundle.schema.json', 'schemaVersion: 0.1.0\ntype: bundle\nname: b\nversion: 1.0.0\nincludes: [connector:a/b@1.0.0]\n', true],
    ['bundle.schema.json', 'schemaVersion: 0.1.0\ntype: bundle\nname: b\nversion: 1.0.0\n', false],
  ])('%s on %j → %s', (file, text, valid) => {
    expect(verdict(file, text)).toBe(valid);
  });
});

describe('known fields', () => {
  it('lists the fields of a step kind, common fields included', () => {
    expect(knownStepFields('action')).toEqual(expect.arrayContaining(['id', 'name', 'type', 'connector', 'plugin', 'action', 'input', 'with', 'for_each', 'continue_on_error', 'continueOnError']));
    expect(knownStepFields('wait')).not.toContain('connector');
    expect(knownStepFields()).toEqual(expect.arrayContaining(['then', 'cases', 'branches', 'selectAgent', 'expression', 'until']));
  });

  it('lists the fields of other definitions', () => {
    expect(knownFields('retry')).toEqual(['max_attempts', 'maxAttempts', 'backoff', 'backoff_factor', 'backoffFactor', 'initialDelay', 'maxDelay', 'jitter', 'retryOn']);
    expect(knownFields('httpHandler')).toContain('urlValidation');
    expect(knownFields('no-such-def')).toEqual([]);
  });
});

describe('docs/editor-setup.md', () => {
  it('shows the yaml-language-server modeline and the VS Code setting for the published schemas', () => {
    const doc = readFileSync(path.join(schemasFolder(), '..', 'docs', 'editor-setup.md'), 'utf8');
    expect(doc).toContain('# yaml-language-server: $schema=');
    expect(doc).toContain('node_modules/owc/schemas/workflow.schema.json');
    expect(doc).toContain('"yaml.schemas"');
    for (const name of resourceFiles) expect(doc).toContain(name);
  });
});

describe('the fallback for steps of no known kind', () => {
  it('lists exactly the fields of all step kinds', () => {
    const kinds = ['actionStep', 'agentStep', 'workflowStep', 'ifStep', 'switchStep', 'forEachStep', 'parallelStep', 'waitStep', 'tryStep', 'transformStep', 'handoffStep'];
    const union = new Set(kinds.flatMap((k) => knownFields(k)));
    expect(new Set(knownFields('unrecognisedStep'))).toEqual(union);
  });
});
