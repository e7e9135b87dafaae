/**
 * Deterministic generator of synthetic owc projects for benchmarks.
 *
 * A project of scale s (0 < s ≤ 1) holds round(100·s) HTTP connectors of 10
 * actions each (input/output schemas with 6–10 properties: scalars, enums,
 * nested objects, arrays of objects) and round(1000·s) workflows of 20 steps,
 * one workflow per file, each step with 3–6 templated inputs that reference
 * earlier steps' outputs, workflow inputs and interpolated strings — all
 * type-correct, so `owc check` does its full work and reports nothing. The same
 * action schemas are also written as one OpenAPI 3.1 document.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Action {
  readonly name: string;
  readonly input: Schema;
  readonly output: Schema;
}

interface Connector {
  readonly name: string;
  readonly actions: readonly Action[];
}

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango'];

class Gen {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const scalarKinds = ['string', 'string', 'number', 'integer', 'boolean', 'enum'] as const;

function scalarSchema(g: Gen, kind: (typeof scalarKinds)[number]): Schema {
  switch (kind) {
    case 'enum':
      return { type: 'string', enum: [g.pick(words), `${g.pick(words)}-x`, `${g.pick(words)}-y`] };
    case 'integer':
      return { type: 'integer', minimum: 0, description: 'A count' };
    case 'number':
      return { type: 'number', description: 'A measurement' };
    default:
      return { type: kind, description: `The ${kind} value` };
  }
}

function objectSchema(g: Gen, depth: number, closed: boolean): Schema {
  const count = depth === 0 ? g.int(6, 10) : g.int(2, 4);
  const properties: Record<string, Json> = {};
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${g.pick(words)}_${i}`;
    names.push(name);
    const roll = g.next();
    if (depth === 0 && roll < 0.12) properties[name] = objectSchema(g, depth + 1, closed);
    else if (depth === 0 && roll < 0.22) properties[name] = { type: 'array', items: objectSchema(g, depth + 1, closed) };
    else properties[name] = scalarSchema(g, g.pick(scalarKinds));
  }
  const required = names.filter((_, i) => i < 3 || g.chance(0.3));
  return { type: 'object', properties, required, ...(closed ? { additionalProperties: false } : {}) };
}

function makeConnectors(g: Gen, count: number): Connector[] {
  const out: Connector[] = [];
  for (let c = 0; c < count; c++) {
    const actions: Action[] = [];
    for (let a = 0; a < 10; a++) actions.push({ name: `op_${a}`, input: objectSchema(g, 0, true), output: objectSchema(g, 0, false) });
    out.push({ name: `svc-${String(c).padStart(3, '0')}`, actions });
  }
  return out;
}

function connectorManifest(c: Connector): Json {
  return {
    connector: {
      type: 'connector',
      kind: 'http',
      name: c.name,
      namespace: 'bench',
      version: '1.0.0',
      displayName: `Service ${c.name}`,
      description: `Synthetic connector ${c.name}`,
      runtime: { timeout: 30 },
    },
    actions: c.actions.map((a) => ({
      name: a.name,
      description: `Operation ${a.name} of ${c.name}`,
      input: a.input,
      output: a.output,
      handler: { http: { url: `http://127.0.0.1:9000/${c.name}/${a.name}`, method: 'POST', timeout: 10, retry: { max_attempts: 3, backoff: 'exponential' } } },
    })),
  };
}

interface Available {
  readonly path: string;
  readonly type: string;
}

/** Top-level output properties of a step with a scalar type (readable by later steps). */
function readableOutputs(stepId: string, action: Action): Available[] {
  const props = action.output.properties as Record<string, Schema>;
  const required = new Set(action.output.required as string[]);
  const out: Available[] = [];
  for (const [name, schema] of Object.entries(props)) {
    if (!required.has(name)) continue;
    const type = schema.enum ? 'string' : (schema.type as string);
    if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') out.push({ path: `steps.${stepId}.output.${name}`, type });
  }
  return out;
}

function valueFor(g: Gen, schema: Schema, earlier: Available[]): Json {
  if (Array.isArray(schema.enum)) return g.pick(schema.enum as string[]);
  const type = schema.type as string;
  const matching = earlier.filter((e) => e.type === type || (type === 'number' && e.type === 'integer'));
  switch (type) {
    case 'string': {
      const roll = g.next();
      if (roll < 0.3) return '{{ inputs.region }}';
      if (roll < 0.6 && earlier.length > 0) {
        const a = g.pick(earlier);
        const b = g.pick(earlier);
        return `Report for {{ inputs.region }}: {{ ${a.path} }} and {{ ${b.path} }}`;
      }
      if (matching.length > 0) return `{{ ${g.pick(matching).path} }}`;
      return `literal ${g.pick(words)}`;
    }
    case 'number':
    case 'integer':
      if (matching.length > 0 && g.chance(0.7)) return `{{ ${g.pick(matching).path} }}`;
      return type === 'integer' ? g.int(0, 100) : g.int(0, 1000) / 10;
    case 'boolean':
      if (matching.length > 0 && g.chance(0.5)) return `{{ ${g.pick(matching).path} }}`;
      return g.chance(0.5);
    case 'object': {
      const out: Record<string, Json> = {};
      const props = schema.properties as Record<string, Schema>;
      for (const name of schema.required as string[]) out[name] = valueFor(g, props[name]!, earlier);
      return out;
    }
    case 'array':
      return [valueFor(g, schema.items as Schema, earlier)];
    default:
      return null;
  }
}

function workflowManifest(g: Gen, index: number, connectors: readonly Connector[]): Json {
  const steps: Json[] = [];
  const earlier: Available[] = [];
  for (let s = 0; s < 20; s++) {
    const connector = g.pick(connectors);
    const action = g.pick(connector.actions);
    const id = `step_${s}`;
    const props = action.input.properties as Record<string, Schema>;
    const input: Record<string, Json> = {};
    const required = action.input.required as string[];
    const optional = Object.keys(props).filter((p) => !required.includes(p));
    const chosen = [...required, ...optional.slice(0, Math.max(0, g.int(3, 6) - required.length))];
    for (const name of chosen) input[name] = valueFor(g, props[name]!, earlier);
    steps.push({ id, connector: `connector:bench/${connector.name}@^1.0.0`, action: action.name, input });
    earlier.push(...readableOutputs(id, action));
  }
  const last = earlier[earlier.length - 1];
  return {
    workflows: [
      {
        name: `Flow ${index}`,
        version: '1.0.0',
        description: `Synthetic workflow ${index}`,
        inputs: { region: { type: 'string', default: 'north' }, limit: { type: 'integer', default: 10 } },
        triggers: [{ type: 'schedule', cron: `${index % 60} * * * *` }],
        steps,
        outputs: last ? { result: { value: `{{ ${last.path} }}` } } : {},
      },
    ],
  };
}

function openApiDocument(connectors: readonly Connector[]): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};
  for (const c of connectors) {
    for (const a of c.actions) {
      const base = `${c.name.replace(/-/g, '_')}_${a.name}`;
      schemas[`${base}_input`] = a.input;
      schemas[`${base}_output`] = a.output;
      paths[`/${c.name}/${a.name}`] = {
        post: {
          operationId: base,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${base}_input` } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${base}_output` } } } } },
        },
      };
    }
  }
  return { openapi: '3.1.0', info: { title: 'bench', version: '1.0.0' }, paths, components: { schemas } };
}

export interface GeneratedProject {
  readonly dir: string;
  readonly connectorFiles: readonly string[];
  readonly workflowFiles: readonly string[];
  readonly openApiFile: string;
}

/** Writes a project of the given scale into `dir` (replacing it). */
export function generateProject(dir: string, scale: number, seed = 1): GeneratedProject {
  const g = new Gen(rng(seed));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'connectors'), { recursive: true });
  mkdirSync(path.join(dir, 'workflows'), { recursive: true });
  const connectors = makeConnectors(g, Math.max(1, Math.round(100 * scale)));
  const connectorFiles = connectors.map((c) => {
    const file = path.join(dir, 'connectors', `${c.name}.yaml`);
    writeFileSync(file, stringify(connectorManifest(c), { lineWidth: 0 }));
    return file;
  });
  const workflowCount = Math.max(1, Math.round(1000 * scale));
  const workflowFiles: string[] = [];
  for (let w = 0; w < workflowCount; w++) {
    const file = path.join(dir, 'workflows', `flow-${String(w).padStart(4, '0')}.yaml`);
    writeFileSync(file, stringify(workflowManifest(g, w, connectors), { lineWidth: 0 }));
    workflowFiles.push(file);
  }
  const openApiFile = path.join(dir, 'openapi.json');
  writeFileSync(openApiFile, `${JSON.stringify(openApiDocument(connectors), null, 2)}\n`);
  return { dir, connectorFiles, workflowFiles, openApiFile };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (invokedDirectly) {
  const scale = Number(process.argv[3] ?? '0.1');
  const out = process.argv[2] ?? path.join('bench', '.work', `scale-${scale}`);
  const project = generateProject(out, scale);
  process.stdout.write(`wrote ${project.connectorFiles.length} connectors, ${project.workflowFiles.length} workflows to ${out}\n`);
}
