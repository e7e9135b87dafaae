/**
 * The one table of built-in functions and filters (DESIGN.md §4). Every
 * entry is callable as `name(a, b)` and as a filter `a | name(b)` (the piped
 * value is the first argument). The table gives each function's parameter
 * types, for the checker, and how its result type follows from its
 * arguments' types.
 */
import {
  arrayOf,
  booleanType,
  elementType,
  integerType,
  membersOf,
  numberType,
  objectOf,
  removeNull,
  removeUndefined,
  resolved,
  stringType,
  union,
  unknownType,
  widen,
  type Type,
} from './types.js';

export interface FunctionDef {
  readonly name: string;
  /** How the function is called, for hints: `round(value: number, digits?: integer) → number`. */
  readonly signature: string;
  /** One sentence for the docs. */
  readonly doc: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  /** Expected type of each argument; the last entry repeats for variadic functions. */
  readonly params: readonly Type[];
  /** An argument evaluated once per list element with `item` bound to it (`map`, `filter`). */
  readonly perItemArg?: number;
  /** True when `undefined` is a meaningful first argument (`default`). */
  readonly acceptsUndefined?: boolean;
  /** The result type, given the argument types (`undefined` already removed unless `acceptsUndefined`). */
  readonly result: (args: readonly Type[]) => Type;
}

const anyList = arrayOf(unknownType);
const anyObject = objectOf({}, unknownType);
const numbers = arrayOf(numberType);

/** `integer` when every argument is integral, else `number`. */
function numericResult(types: readonly Type[]): Type {
  return types.every((t) => membersOf(t).every((m) => m.kind === 'integer' || (m.kind === 'literal' && Number.isInteger(m.value)))) ? integerType : numberType;
}

function def(d: FunctionDef): FunctionDef {
  return d;
}

const table: readonly FunctionDef[] = [
  def({
    name: 'length',
    signature: 'length(value: string | list | object) → integer',
    doc: 'The number of characters of a string, items of a list or keys of an object.',
    minArgs: 1,
    maxArgs: 1,
    params: [union(stringType, anyList, anyObject)],
    result: () => integerType,
  }),
  def({
    name: 'contains',
    signature: 'contains(haystack: string | list | object, needle) → boolean',
    doc: 'Whether a string contains a substring, a list contains an item, or an object has a key.',
    minArgs: 2,
    maxArgs: 2,
    params: [union(stringType, anyList, anyObject), unknownType],
    result: () => booleanType,
  }),
  def({
    name: 'startsWith',
    signature: 'startsWith(text: string, prefix: string) → boolean',
    doc: 'Whether a string starts with a prefix.',
    minArgs: 2,
    maxArgs: 2,
    params: [stringType, stringType],
    result: () => booleanType,
  }),
  def({
    name: 'endsWith',
    signature: 'endsWith(text: string, suffix: string) → boolean',
    doc: 'Whether a string ends with a suffix.',
    minArgs: 2,
    maxArgs: 2,
    params: [stringType, stringType],
    result: () => booleanType,
  }),
  ...(['upper', 'lower', 'title', 'trim'] as const).map((name) =>
    def({
      name,
      signature: `${name}(text: string) → string`,
      doc: {
        upper: 'The string in upper case.',
        lower: 'The string in lower case.',
        title: 'The string with the first letter of each word in upper case.',
        trim: 'The string without leading and trailing whitespace.',
      }[name],
      minArgs: 1,
      maxArgs: 1,
      params: [stringType],
      result: () => stringType,
    }),
  ),
  def({
    name: 'split',
    signature: "split(text: string, separator?: string) → string[]",
    doc: 'The parts of a string between separators (default: a comma).',
    minArgs: 1,
    maxArgs: 2,
    params: [stringType, stringType],
    result: () => arrayOf(stringType),
  }),
  def({
    name: 'join',
    signature: "join(items: list, separator?: string) → string",
    doc: 'The items of a list rendered as text and joined with a separator (default: a comma).',
    minArgs: 1,
    maxArgs: 2,
    params: [anyList, stringType],
    result: () => stringType,
  }),
  def({
    name: 'default',
    signature: 'default(value, fallback) → the value, or the fallback when it is undefined or null',
    doc: 'The value, or the fallback when the value is undefined or null.',
    minArgs: 2,
    maxArgs: 2,
    params: [unknownType, unknownType],
    acceptsUndefined: true,
    result: ([value = unknownType, fallback = unknownType]) => union(removeNull(removeUndefined(value)), fallback),
  }),
  def({
    name: 'json',
    signature: 'json(value) → string',
    doc: 'The value as compact JSON text.',
    minArgs: 1,
    maxArgs: 1,
    params: [unknownType],
    acceptsUndefined: true,
    result: () => stringType,
  }),
  def({
    name: 'round',
    signature: 'round(value: number, digits?: integer) → number',
    doc: 'The number rounded to a number of decimal digits (default 0, giving an integer).',
    minArgs: 1,
    maxArgs: 2,
    params: [numberType, integerType],
    result: (args) => {
      const digits = args[1] ? resolved(args[1]) : undefined;
      return digits === undefined || (digits.kind === 'literal' && digits.value === 0) ? integerType : numberType;
    },
  }),
  def({
    name: 'sum',
    signature: 'sum(items: number[]) → number',
    doc: 'The sum of a list of numbers (0 for an empty list).',
    minArgs: 1,
    maxArgs: 1,
    params: [numbers],
    result: ([items = unknownType]) => numericResult([elementType(items) ?? numberType]),
  }),
  def({
    name: 'avg',
    signature: 'avg(items: number[]) → number',
    doc: 'The mean of a list of numbers.',
    minArgs: 1,
    maxArgs: 1,
    params: [numbers],
    result: () => numberType,
  }),
  ...(['min', 'max'] as const).map((name) =>
    def({
      name,
      signature: `${name}(items: number[] | string[]) or ${name}(a, b, …) → the ${name === 'min' ? 'smallest' : 'largest'} item`,
      doc: `The ${name === 'min' ? 'smallest' : 'largest'} item of a list, or of the arguments.`,
      minArgs: 1,
      maxArgs: Infinity,
      params: [union(numbers, arrayOf(stringType), numberType, stringType)],
      result: (args) => {
        if (args.length === 1) {
          const only = args[0] ?? unknownType;
          return elementType(only) ?? widen(only);
        }
        return union(...args.map(widen));
      },
    }),
  ),
  def({
    name: 'map',
    signature: 'map(items: list, expression) → list',
    doc: 'The list of the expression evaluated for each item, with `item` bound to it: `map(steps.a.output.users, item.email)`.',
    minArgs: 2,
    maxArgs: 2,
    params: [anyList, unknownType],
    perItemArg: 1,
    result: ([, each = unknownType]) => arrayOf(each),
  }),
  def({
    name: 'filter',
    signature: 'filter(items: list, condition) → list',
    doc: 'The items for which the condition holds, with `item` bound to each: `filter(xs, item.active)`.',
    minArgs: 2,
    maxArgs: 2,
    params: [anyList, unknownType],
    perItemArg: 1,
    result: ([items = unknownType]) => arrayOf(elementType(items) ?? unknownType),
  }),
];

const byName = new Map(table.map((f) => [f.name, f]));

/** The built-in function or filter called `name`. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return byName.get(name);
}

/** Every built-in function, in table order. */
export function allFunctions(): readonly FunctionDef[] {
  return table;
}

/** The expected type of argument `index` of `fn` (variadic functions repeat their last parameter). */
export function parameterType(fn: FunctionDef, index: number): Type {
  return fn.params[Math.min(index, fn.params.length - 1)] ?? unknownType;
}
