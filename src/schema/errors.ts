/**
 * Turns ajv's errors into diagnostics a person can act on: one diagnostic per
 * mistake, at the node it concerns, naming the enclosing step, action or
 * workflow. `anyOf` noise collapses into one message ("is missing 'connector'
 * or 'plugin'"), and `if`/`then` bookkeeping errors are dropped.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { schemaMessages as M } from '../diagnostics/catalog/schema.js';
import { createDiagnostic, type Diagnostic, type MessageDef, type MessageArgs, type ReportExtras } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { Span } from '../source/span.js';
import { fromPointer, toPointer } from '../source/json-pointer.js';
import type { Locator } from './location.js';

/** A missing-field error after collapsing an `anyOf` whose branches each require one field. */
interface MissingOneOf {
  readonly keyword: 'owc:missingOneOf';
  readonly instancePath: string;
  readonly fields: readonly string[];
}

type Issue = ErrorObject | MissingOneOf;

function isMissingOneOf(issue: Issue): issue is MissingOneOf {
  return 'fields' in issue;
}

/** What a value of each definition looks like, for "must be a mapping, got a string" mistakes. */
const shapeHints: Readonly<Record<string, string>> = {
  workflowOutput: 'write an output as a mapping: { value: "{{ steps.<id>.output }}", description: … }',
  workflowInput: 'declare an input as a JSON Schema, e.g. { type: string, default: …, required: true }',
  stepList: "write steps as a list, each item starting with '- id: …'",
  step: "a step is a mapping with an 'id' and the fields of its kind ('connector' and 'action', 'agent', 'workflow', or a 'type')",
  trigger: "write a trigger as '- type: schedule' with 'cron', or as '- schedule: \"0 8 * * *\"'",
  handler: "a handler is a mapping with one of 'http', 'function', 'command', 'kafka', 'mcp', 'lambda' or 'custom'",
  actionList: "write actions as a list, each item starting with '- name: …'",
};

/** The pattern of `numberOrTemplate` and its kin: a string there must hold a `{{ }}` template. */
const templatePattern = '\\{\\{';

const templatedTypes: Readonly<Record<string, string>> = {
  numberOrTemplate: 'a number',
  integerOrTemplate: 'an integer',
  booleanOrTemplate: 'true or false',
};

/** Known phrasings for the patterns the manifest schemas use. */
const patternRequirements: Readonly<Record<string, string>> = {
  '^(all|any|count\\(\\s*[0-9]+\\s*\\))$': "must be 'all', 'any', 'count(N)' or {count: N}",
};

/**
 * Diagnostics for ajv `errors`. `unknownSiblings(pointer)` lists the fields of
 * the object at `pointer` that its schema does not know (for "did you mean").
 */
export function diagnosticsForErrors(
  errors: readonly ErrorObject[],
  at: Locator,
  unknownSiblings: (pointer: string) => readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (def: MessageDef, span: Span, args: MessageArgs, extras?: ReportExtras): void => {
    out.push(createDiagnostic(def, span, args, extras));
  };
  for (const issue of collapse(errors)) {
    const path = issue.instancePath;
    if (isMissingOneOf(issue)) {
      const misspelt = misspellingHint(issue.fields, unknownSiblings(path));
      report(M.MissingOneOf, at.objectSpan(path), { where: at.where(path), fields: alternatives(issue.fields) }, misspelt ? { hint: misspelt } : undefined);
      continue;
    }
    const error: ErrorObject = issue;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required': {
        const missing = String(params.missingProperty);
        const misspelt = misspellingHint([missing], unknownSiblings(path));
        report(M.MissingField, at.objectSpan(path), { where: at.where(path), field: missing }, misspelt ? { hint: misspelt } : undefined);
        break;
      }
      case 'type': {
        const hint = [...at.defs(path)].map((d) => shapeHints[d]).find((h) => h !== undefined);
        report(
          M.WrongType,
          at.valueSpan(path),
          { subject: at.subject(path), expected: describeTypes(params.type), actual: describeValue(valueAt(at, path)) },
          hint ? { hint } : undefined,
        );
        break;
      }
      case 'enum': {
        const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
        const value = valueAt(at, path);
        const suggestion = typeof value === 'string' ? closestMatch(value, allowed.map(String)) : undefined;
        report(
          M.NotInEnum,
          at.valueSpan(path),
          { subject: at.subject(path), allowed: allowed.map((v) => String(v)).join(', '), actual: describeLiteral(value) },
          suggestion ? { hint: `did you mean '${suggestion}'?` } : undefined,
        );
        break;
      }
      case 'const':
        report(M.WrongConst, at.valueSpan(path), { subject: at.subject(path), expected: describeLiteral(params.allowedValue), actual: describeLiteral(valueAt(at, path)) });
        break;
      case 'pattern':
        if (params.pattern === templatePattern) {
          // A string where a number (integer, boolean) or a {{ }} template belongs.
          const wanted = [...at.defs(path)].map((d) => templatedTypes[d]).find((t) => t !== undefined) ?? 'a value';
          report(M.WrongType, at.valueSpan(path), { subject: at.subject(path), expected: `${wanted} or a {{ }} template`, actual: describeValue(valueAt(at, path)) });
          break;
        }
        report(M.Constraint, at.valueSpan(path), {
          subject: at.subject(path),
          requirement: `${requirement(error.keyword, params)}; got ${describeLiteral(valueAt(at, path))}`,
        });
        break;
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const key = String(params.additionalProperty ?? params.unevaluatedProperty);
        const child = toPointer([...fromPointer(path), key]);
        report(M.FieldNotAllowed, at.objectSpan(child), { field: key, where: at.where(path) });
        break;
      }
      case 'minLength':
      case 'maxLength':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'minItems':
      case 'maxItems':
        report(M.Constraint, at.valueSpan(path), { subject: at.subject(path), requirement: requirement(error.keyword, params) });
        break;
      default:
        report(M.Invalid, at.valueSpan(path), { subject: at.subject(path), detail: error.message ?? error.keyword });
    }
  }
  return out;
}

/**
 * Drops `if` errors and replaces each `anyOf`/`oneOf` error and its branch
 * errors with the errors of the branch that came closest, or with one
 * "missing one of" issue when every branch only requires a field.
 */
function collapse(errors: readonly ErrorObject[]): Issue[] {
  let issues: Issue[] = errors.filter((e) => e.keyword !== 'if');
  const groups = issues
    .filter((e): e is ErrorObject => !isMissingOneOf(e) && (e.keyword === 'anyOf' || e.keyword === 'oneOf'))
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const group of groups) {
    if (!issues.includes(group)) continue;
    const prefix = `${group.schemaPath}/`;
    const branches = new Map<number, ErrorObject[]>();
    for (const e of issues) {
      if (isMissingOneOf(e) || !e.schemaPath.startsWith(prefix) || !e.instancePath.startsWith(group.instancePath)) continue;
      const index = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      branches.set(index, [...(branches.get(index) ?? []), e]);
    }
    const members = new Set<Issue>([group, ...[...branches.values()].flat()]);
    let replacement: Issue[];
    const all = [...branches.values()];
    if (all.length > 0 && all.every((b) => b.length === 1 && b[0]!.keyword === 'required' && b[0]!.instancePath === group.instancePath)) {
      replacement = [{ keyword: 'owc:missingOneOf', instancePath: group.instancePath, fields: all.map((b) => String((b[0]!.params as Record<string, unknown>).missingProperty)) }];
    } else if (all.length > 0) {
      // The closest branch: the fewest errors, then the deepest (most specific) ones.
      const score = (b: readonly ErrorObject[]): number => b.length * 1000 - Math.max(...b.map((e) => e.instancePath.length));
      replacement = [...all].sort((a, b) => score(a) - score(b))[0]!;
    } else {
      replacement = [group];
    }
    issues = issues.flatMap((e) => (e === group ? replacement : members.has(e) ? [] : [e]));
  }
  return issues;
}

function misspellingHint(wanted: readonly string[], strays: readonly string[]): string | undefined {
  for (const stray of strays) {
    const match = closestMatch(stray, wanted);
    if (match !== undefined) return `'${stray}' looks like a misspelling of '${match}'`;
  }
  return undefined;
}

function alternatives(fields: readonly string[]): string {
  const quoted = fields.map((f) => `'${f}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} or ${quoted[1]}`;
  return `one of ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

const typeNames: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
};

function describeTypes(type: unknown): string {
  const types = (Array.isArray(type) ? type.map(String) : String(type).split(',')).map((t) => t.trim());
  // The schemas list 'string' last where it stands for a "{{ }}" template (["number", "string"]),
  // and first where a plain string is meant (["string", "number"]): say which.
  const names = types.map((t, i) => (t === 'string' && i > 0 && types.slice(0, i).some((o) => o === 'number' || o === 'integer' || o === 'boolean') ? 'a {{ }} template' : typeNames[t] ?? t));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string ('${truncate(value)}')`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function describeLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${truncate(value)}'`;
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

function truncate(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 40 || line !== text ? `${line.slice(0, 40)}…` : line;
}

function requirement(keyword: string, params: Record<string, unknown>): string {
  const limit = Number(params.limit);
  switch (keyword) {
    case 'minLength':
      return limit <= 1 ? 'must not be empty' : `must be at least ${limit} characters long`;
    case 'maxLength':
      return `must be at most ${limit} characters long`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'minItems':
      return limit <= 1 ? 'must not be empty' : `must have at least ${limit} items`;
    case 'maxItems':
      return `must have at most ${limit} items`;
    default: {
      const pattern = String(params.pattern);
      return patternRequirements[pattern] ?? `must match the pattern ${pattern}`;
    }
  }
}

function valueAt(at: Locator, pointer: string): unknown {
  const node = at.node(pointer);
  return node.kind === 'scalar' ? node.value : node.kind === 'seq' ? [] : {};
}
