/**
 * Names in generated code: case conversion from manifest names and a scope
 * that hands out unique identifiers (as ajv's code generator does), so two
 * actions called `get-item` and `get_item` never produce the same function.
 */

const reservedWords = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield await async any boolean constructor ' +
    'declare get module require number set string symbol type from of unknown never object undefined arguments eval'
  ).split(' '),
);

/** Splits a manifest name (`get_current_weather`, `getForecast`, `post-message`, `v1.2`) into lowercase words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `get_current_weather` → `GetCurrentWeather`; never empty, never starts with a digit. */
export function pascalCase(name: string): string {
  const joined = words(name).map(capitalise).join('');
  if (joined === '') return 'Unnamed';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `get_current_weather` → `getCurrentWeather`; never empty, never starts with a digit. */
export function camelCase(name: string): string {
  const [first = '', ...rest] = words(name);
  const joined = first + rest.map(capitalise).join('');
  if (joined === '') return 'unnamed';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Whether `name` can be written as a bare identifier (property name or binding). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** Whether `name` is a JavaScript/TypeScript reserved word (or a name too confusing to declare, like `undefined`). */
export function isReservedWord(name: string): boolean {
  return reservedWords.has(name);
}

/** A set of names in use; `unique` returns the wanted name or the first free `name2`, `name3`, …. */
export class NameScope {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  /** Marks `name` as taken without checking. */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** Whether `name` is already taken (or a reserved word). */
  has(name: string): boolean {
    return this.used.has(name) || reservedWords.has(name);
  }

  /** A name based on `wanted` that is not taken and not a reserved word; it is taken from now on. */
  unique(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.has(name); n++) name = `${wanted}${n}`;
    this.used.add(name);
    return name;
  }
}
