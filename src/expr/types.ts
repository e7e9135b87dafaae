/**
 * The closed type lattice of expressions (DESIGN.md §5, STYLE.md 7): a small
 * set of types with `union`, `assignable` and `describe`, and `unknown` as
 * the honest escape hatch — nothing is ever reported against `unknown`.
 */
import { assertNever } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';

export type Type =
  | UnknownType
  | NeverType
  | NullType
  | UndefinedType
  | BooleanType
  | NumberType
  | IntegerType
  | StringType
  | LiteralType
  | ArrayType
  | TupleType
  | ObjectType
  | UnionType
  | RecursiveType;

export interface UnknownType {
  readonly kind: 'unknown';
}
export interface NeverType {
  readonly kind: 'never';
}
export interface NullType {
  readonly kind: 'null';
}
/**
 * `undefined`. `reported` marks an undefined that a diagnostic already
 * explained (a step that may not have run), so reads through it stay quiet.
 */
export interface UndefinedType {
  readonly kind: 'undefined';
  readonly reported?: boolean;
}
export interface BooleanType {
  readonly kind: 'boolean';
}
export interface NumberType {
  readonly kind: 'number';
}
export interface IntegerType {
  readonly kind: 'integer';
}
export interface StringType {
  readonly kind: 'string';
}
export interface LiteralType {
  readonly kind: 'literal';
  readonly value: string | number | boolean;
}
export interface ArrayType {
  readonly kind: 'array';
  readonly element: Type;
}
/** A fixed prefix (`prefixItems`) and the type of any further items (`undefined`: none allowed). */
export interface TupleType {
  readonly kind: 'tuple';
  readonly items: readonly Type[];
  readonly rest: Type | undefined;
}

export interface Property {
  readonly type: Type;
  readonly optional: boolean;
  /** Where the property is declared (the key in the schema's `properties`). */
  readonly declaredAt?: Span;
  /** `writeOnly: true` or `x-sensitive: true`: a secret may flow here. */
  readonly sensitive?: boolean;
}

/**
 * An object. `additional` is the type of properties not listed; `undefined`
 * means the object is closed: reading another property is an error.
 */
export interface ObjectType {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, Property>;
  readonly additional: Type | undefined;
  /** Where the object's schema is written. */
  readonly declaredAt?: Span;
  readonly sensitive?: boolean;
}
export interface UnionType {
  readonly kind: 'union';
  readonly members: readonly Type[];
}
/** A named recursive type (a `$ref` cycle); `target()` gives its definition. */
export interface RecursiveType {
  readonly kind: 'recursive';
  readonly name: string;
  readonly target: () => Type;
}

// ─── constructors ──────────────────────────────────────────────────────────

export const unknownType: UnknownType = { kind: 'unknown' };
export const neverType: NeverType = { kind: 'never' };
export const nullType: NullType = { kind: 'null' };
export const undefinedType: UndefinedType = { kind: 'undefined' };
/** An undefined already explained by a diagnostic (reads through it are not reported again). */
export const reportedUndefinedType: UndefinedType = { kind: 'undefined', reported: true };
export const booleanType: BooleanType = { kind: 'boolean' };
export const numberType: NumberType = { kind: 'number' };
export const integerType: IntegerType = { kind: 'integer' };
export const stringType: StringType = { kind: 'string' };

/** A literal type (`'success'`, `3`, `true`). */
export function literal(value: string | number | boolean): LiteralType {
  return { kind: 'literal', value };
}

/** A list whose items have type `element`. */
export function arrayOf(element: Type): ArrayType {
  return { kind: 'array', element };
}

/** A tuple with fixed item types and an optional rest type. */
export function tupleOf(items: readonly Type[], rest?: Type): TupleType {
  return { kind: 'tuple', items, rest };
}

/** Shorthand for a property entry of `objectOf`. */
export type PropertySpec = Type | Property;

function isProperty(p: PropertySpec): p is Property {
  return 'type' in p && 'optional' in p && !('kind' in p);
}

/**
 * An object type from a record of properties (a bare type means a required
 * property). `additional` undefined: closed.
 */
export function objectOf(
  properties: Readonly<Record<string, PropertySpec>>,
  additional?: Type,
  extras: { readonly declaredAt?: Span; readonly sensitive?: boolean } = {},
): ObjectType {
  const map = new Map<string, Property>();
  for (const [name, spec] of Object.entries(properties)) {
    map.set(name, isProperty(spec) ? spec : { type: spec, optional: false });
  }
  return { kind: 'object', properties: map, additional, ...extras };
}

/** An optional property of `type`. */
export function optional(type: Type, declaredAt?: Span): Property {
  return declaredAt ? { type, optional: true, declaredAt } : { type, optional: true };
}

/** Follows recursive references to a non-recursive type. */
export function resolved(type: Type): Exclude<Type, RecursiveType> {
  let t = type;
  for (let i = 0; t.kind === 'recursive' && i < 64; i++) t = t.target();
  return t.kind === 'recursive' ? unknownType : t;
}

/** The members of a union, or the type itself. */
export function membersOf(type: Type): readonly Type[] {
  const t = resolved(type);
  return t.kind === 'union' ? t.members : [t];
}

/** A stable key for structural de-duplication inside unions. */
function typeKey(type: Type, depth = 0): string {
  if (depth > 6) return '…';
  switch (type.kind) {
    case 'unknown':
    case 'never':
    case 'null':
    case 'boolean':
    case 'number':
    case 'integer':
    case 'string':
      return type.kind;
    case 'undefined':
      return type.reported ? 'undefined!' : 'undefined';
    case 'literal':
      return `lit:${typeof type.value}:${String(type.value)}`;
    case 'array':
      return `[${typeKey(type.element, depth + 1)}]`;
    case 'tuple':
      return `(${type.items.map((t) => typeKey(t, depth + 1)).join(',')}${type.rest ? `...${typeKey(type.rest, depth + 1)}` : ''})`;
    case 'object': {
      const props = [...type.properties].map(([k, p]) => `${JSON.stringify(k)}${p.optional ? '?' : ''}:${typeKey(p.type, depth + 1)}`);
      return `{${props.join(',')}${type.additional ? `,*:${typeKey(type.additional, depth + 1)}` : ''}}`;
    }
    case 'union':
      return `U(${type.members.map((t) => typeKey(t, depth + 1)).join('|')})`;
    case 'recursive':
      return `rec:${type.name}`;
    default:
      return assertNever(type, 'type');
  }
}

/**
 * The union of `types`: flattened, de-duplicated, `never` dropped; `unknown`
 * absorbs everything; literals fold into their base type when it is present;
 * `integer` folds into `number`; `true | false` becomes `boolean`.
 */
export function union(...types: readonly Type[]): Type {
  // Unions are built for nearly every property read, so this avoids closures and keys where it can.
  if (types.length === 1) {
    const only = types[0]!;
    if (only.kind !== 'union') return only.kind === 'never' ? neverType : only.kind === 'unknown' ? unknownType : only;
  }
  const flat: Type[] = [];
  for (const t of types) flatten(t, flat);
  let hasNumber = false;
  let hasString = false;
  let hasInteger = false;
  let hasBoolean = false;
  let hasTrue = false;
  let hasFalse = false;
  // An unreported undefined wins over a reported one: the read must still be flagged.
  let plainUndefined = false;
  for (const t of flat) {
    switch (t.kind) {
      case 'unknown':
        return unknownType;
      case 'number':
        hasNumber = true;
        break;
      case 'string':
        hasString = true;
        break;
      case 'integer':
        hasInteger = true;
        break;
      case 'boolean':
        hasBoolean = true;
        break;
      case 'literal':
        if (t.value === true) hasTrue = true;
        else if (t.value === false) hasFalse = true;
        break;
      case 'undefined':
        if (!t.reported) plainUndefined = true;
        break;
      default:
        break;
    }
  }
  if (!hasBoolean && hasTrue && hasFalse) {
    hasBoolean = true;
    flat.push(booleanType);
  }
  const out: Type[] = [];
  // The structural key of each kept member (see `keyed`), computed the first
  // time it is compared, so that each member is serialized at most once.
  const keys: (string | undefined)[] = [];
  for (const t of flat) {
    if (t.kind === 'literal') {
      if (typeof t.value === 'string' && hasString) continue;
      if (typeof t.value === 'boolean' && hasBoolean) continue;
      if (typeof t.value === 'number' && (hasNumber || (hasInteger && Number.isInteger(t.value)))) continue;
    }
    if (t.kind === 'integer' && hasNumber) continue;
    if (t.kind === 'undefined' && t.reported && plainUndefined) continue;
    let key: string | undefined;
    let duplicate = false;
    for (let i = 0; i < out.length && !duplicate; i++) {
      const kept = out[i]!;
      if (kept === t) duplicate = true;
      else if (kept.kind !== t.kind) continue;
      else if (keyed(t)) duplicate = (keys[i] ??= typeKey(kept)) === (key ??= typeKey(t));
      else duplicate = sameSimpleMember(kept, t);
    }
    if (!duplicate) {
      out.push(t);
      keys.push(key);
    }
  }
  if (out.length === 0) return neverType;
  if (out.length === 1) return out[0]!;
  return { kind: 'union', members: out };
}

/** Adds the members of `t` (itself when not a union) to `flat`, without `never`. */
function flatten(t: Type, flat: Type[]): void {
  if (t.kind === 'union') for (const m of t.members) flatten(m, flat);
  else if (t.kind !== 'never') flat.push(t);
}

/**
 * Whether union members of `t`'s kind are told apart by their structural
 * key. Keys are only computed between members of one kind, so a member is
 * only serialized when another of its kind is there: `T | undefined` never
 * serializes `T`. Unions are not among them: members are flattened first.
 */
function keyed(t: Type): boolean {
  return t.kind === 'array' || t.kind === 'tuple' || t.kind === 'object' || t.kind === 'recursive';
}

/** Whether two union members of the same kind, one not `keyed`, are the same type. */
function sameSimpleMember(a: Type, b: Type): boolean {
  switch (a.kind) {
    case 'undefined':
      return !a.reported === !(b as UndefinedType).reported;
    case 'literal': {
      const v = (b as LiteralType).value;
      return typeof a.value === typeof v && String(a.value) === String(v);
    }
    default:
      return true;
  }
}

/** `type` without `undefined` (what `default` and a checked read leave). */
export function removeUndefined(type: Type): Type {
  const t = resolved(type);
  if (t.kind === 'undefined') return neverType;
  if (t.kind !== 'union') return type;
  return union(...t.members.filter((m) => m.kind !== 'undefined'));
}

/** `type` without `null`. */
export function removeNull(type: Type): Type {
  const t = resolved(type);
  if (t.kind === 'null') return neverType;
  if (t.kind !== 'union') return type;
  return union(...t.members.filter((m) => m.kind !== 'null'));
}

/** True when `type` may be `undefined` (and the possibility has not been reported already). */
export function mayBeUndefined(type: Type): boolean {
  return membersOf(type).some((m) => m.kind === 'undefined' && !m.reported);
}

/** True when `type` includes `undefined` in any form. */
export function includesUndefined(type: Type): boolean {
  return membersOf(type).some((m) => m.kind === 'undefined');
}

/** The type of one element of a list type; `undefined` when `type` is not a list. */
export function elementType(type: Type): Type | undefined {
  const t = resolved(type);
  switch (t.kind) {
    case 'unknown':
      return unknownType;
    case 'array':
      return t.element;
    case 'tuple':
      return union(...t.items, ...(t.rest ? [t.rest] : []));
    case 'union': {
      const elems: Type[] = [];
      for (const m of t.members) {
        if (m.kind === 'undefined' || m.kind === 'null') continue;
        const e = elementType(m);
        if (e === undefined) return undefined;
        elems.push(e);
      }
      return elems.length === 0 ? undefined : union(...elems);
    }
    default:
      return undefined;
  }
}

/** Result of looking a property up on one object type. */
export type PropertyLookup =
  | { readonly kind: 'declared'; readonly type: Type; readonly property: Property }
  | { readonly kind: 'additional'; readonly type: Type }
  | { readonly kind: 'missing'; readonly known: readonly string[] };

/** Looks `name` up on an object type: a declared property, the additional type, or missing (closed). */
export function lookupProperty(object: ObjectType, name: string): PropertyLookup {
  const property = object.properties.get(name);
  if (property) return { kind: 'declared', type: property.optional ? union(property.type, undefinedType) : property.type, property };
  if (object.additional) return { kind: 'additional', type: object.additional };
  return { kind: 'missing', known: [...object.properties.keys()] };
}

// ─── assignability ─────────────────────────────────────────────────────────

export type Assignability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: Assignability = { ok: true };
const fail = (reason: string): Assignability => ({ ok: false, reason });

/**
 * Whether a value of type `source` may be used where `target` is expected.
 * `unknown` on either side is assignable (no proof either way); the reason of
 * a failure names the first mismatch in words.
 */
export function assignable(source: Type, target: Type, depth = 0): Assignability {
  if (depth > 24) return OK;
  const s = resolved(source);
  const t = resolved(target);
  if (s.kind === 'unknown' || t.kind === 'unknown' || s.kind === 'never') return OK;
  if (s.kind === 'union') {
    for (const m of s.members) {
      const r = assignable(m, t, depth + 1);
      if (!r.ok) return r;
    }
    return OK;
  }
  if (t.kind === 'union') {
    let sameShape: Assignability | undefined;
    for (const m of t.members) {
      const r = assignable(s, m, depth + 1);
      if (r.ok) return OK;
      // A member of the same shape (object for object) explains the failure better than "not assignable".
      if (!sameShape && resolved(m).kind === s.kind && (s.kind === 'object' || s.kind === 'array' || s.kind === 'tuple')) sameShape = r;
    }
    return sameShape ?? fail(mismatch(s, t));
  }
  switch (t.kind) {
    case 'never':
      return fail(mismatch(s, t));
    case 'null':
    case 'undefined':
    case 'boolean':
    case 'string':
      if (s.kind === t.kind) return OK;
      if (s.kind === 'literal' && literalBase(s.value) === t.kind) return OK;
      return fail(mismatch(s, t));
    case 'number':
      if (s.kind === 'number' || s.kind === 'integer') return OK;
      if (s.kind === 'literal' && typeof s.value === 'number') return OK;
      return fail(mismatch(s, t));
    case 'integer':
      if (s.kind === 'integer') return OK;
      if (s.kind === 'literal' && typeof s.value === 'number' && Number.isInteger(s.value)) return OK;
      return fail(mismatch(s, t));
    case 'literal':
      if (s.kind === 'literal' && s.value === t.value) return OK;
      return fail(mismatch(s, t));
    case 'array':
      if (s.kind === 'array') return nested(assignable(s.element, t.element, depth + 1), 'an item');
      if (s.kind === 'tuple') {
        for (const [i, item] of s.items.entries()) {
          const r = assignable(item, t.element, depth + 1);
          if (!r.ok) return nested(r, `item ${i}`);
        }
        return s.rest ? nested(assignable(s.rest, t.element, depth + 1), 'an item') : OK;
      }
      return fail(mismatch(s, t));
    case 'tuple':
      if (s.kind === 'tuple') {
        for (const [i, item] of t.items.entries()) {
          const from = s.items[i] ?? s.rest;
          if (from === undefined) return fail(`item ${i} is missing`);
          const r = assignable(from, item, depth + 1);
          if (!r.ok) return nested(r, `item ${i}`);
        }
        return OK;
      }
      if (s.kind === 'array') {
        for (const [i, item] of t.items.entries()) {
          const r = assignable(s.element, item, depth + 1);
          if (!r.ok) return nested(r, `item ${i}`);
        }
        return OK;
      }
      return fail(mismatch(s, t));
    case 'object':
      if (s.kind !== 'object') return fail(mismatch(s, t));
      return assignableObject(s, t, depth);
    default:
      return assertNever(t, 'type');
  }
}

function assignableObject(s: ObjectType, t: ObjectType, depth: number): Assignability {
  for (const [name, tp] of t.properties) {
    const sp = s.properties.get(name);
    if (!sp) {
      if (tp.optional) {
        if (s.additional) {
          const r = assignable(s.additional, tp.type, depth + 1);
          if (!r.ok) return nested(r, `property '${name}'`);
        }
        continue;
      }
      if (s.additional) continue; // an open source object may hold it
      return fail(`property '${name}' is missing`);
    }
    if (sp.optional && !tp.optional) return fail(`property '${name}' may be missing`);
    const r = assignable(sp.type, tp.type, depth + 1);
    if (!r.ok) return nested(r, `property '${name}'`);
  }
  if (t.additional) {
    for (const [name, sp] of s.properties) {
      if (t.properties.has(name)) continue;
      const r = assignable(sp.type, t.additional, depth + 1);
      if (!r.ok) return nested(r, `property '${name}'`);
    }
  }
  return OK;
}

function nested(r: Assignability, where: string): Assignability {
  return r.ok ? r : fail(`${where}: ${r.reason}`);
}

function mismatch(s: Type, t: Type): string {
  return `${describe(s)} is not assignable to ${describe(t)}`;
}

function literalBase(value: string | number | boolean): 'string' | 'number' | 'boolean' {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

// ─── describing types in words ─────────────────────────────────────────────

/** The type in words, TypeScript-like: `number | undefined`, `string[]`, `{ name: string, age?: integer }`. */
export function describe(type: Type, depth = 0): string {
  switch (type.kind) {
    case 'unknown':
    case 'never':
    case 'null':
    case 'undefined':
    case 'boolean':
    case 'number':
    case 'integer':
    case 'string':
      return type.kind;
    case 'literal':
      return typeof type.value === 'string' ? `'${type.value}'` : String(type.value);
    case 'array': {
      const inner = describe(type.element, depth + 1);
      return resolved(type.element).kind === 'union' ? `(${inner})[]` : `${inner}[]`;
    }
    case 'tuple': {
      const items = type.items.map((t) => describe(t, depth + 1));
      if (type.rest) items.push(`...${describe(arrayOf(type.rest), depth + 1)}`);
      return `[${items.join(', ')}]`;
    }
    case 'object': {
      if (depth > 1) return 'object';
      const entries = [...type.properties];
      const shown = entries.slice(0, 5).map(([k, p]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}${p.optional ? '?' : ''}: ${describe(p.type, depth + 1)}`);
      if (entries.length > 5) shown.push('…');
      if (type.additional) shown.push(`[key: string]: ${describe(type.additional, depth + 1)}`);
      return shown.length === 0 ? '{}' : `{ ${shown.join(', ')} }`;
    }
    case 'union': {
      // Put `null` and `undefined` last, as people write them.
      const rank = (t: Type): number => (t.kind === 'null' ? 1 : t.kind === 'undefined' ? 2 : 0);
      const members = [...type.members].sort((a, b) => rank(a) - rank(b));
      const words: string[] = [];
      for (const m of members) {
        const w = describe(m, depth);
        if (!words.includes(w)) words.push(w);
      }
      return words.join(' | ');
    }
    case 'recursive':
      return type.name;
    default:
      return assertNever(type, 'type');
  }
}

/** The type of a plain JSON value (a literal in the manifest, a `default`). */
export function typeOfValue(value: unknown): Type {
  if (value === null) return nullType;
  if (value === undefined) return undefinedType;
  if (typeof value === 'string' || typeof value === 'boolean') return literal(value);
  if (typeof value === 'number') return literal(value);
  if (Array.isArray(value)) return tupleOf(value.map(typeOfValue));
  if (typeof value === 'object') {
    const props: Record<string, Type> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(props, k, { value: typeOfValue(v), enumerable: true });
    return objectOf(props);
  }
  return unknownType;
}

/** Widens literals to their base types (`'a'` → string), for inferred values of variables. */
export function widen(type: Type): Type {
  const t = resolved(type);
  switch (t.kind) {
    case 'literal':
      if (typeof t.value === 'number') return Number.isInteger(t.value) ? integerType : numberType;
      return typeof t.value === 'string' ? stringType : booleanType;
    case 'union':
      return union(...t.members.map(widen));
    case 'tuple':
      return arrayOf(union(...t.items.map(widen), ...(t.rest ? [widen(t.rest)] : [])));
    default:
      return type;
  }
}
