/**
 * Schema `pattern`s (and `patternProperties` keys) as the checks read them:
 * regular expressions in the dialect validators use (ECMAScript with the `u`
 * flag). Each pattern is compiled once; the cache keeps the RegExp, or why
 * it does not compile. Sharing a RegExp is safe because without the `g` or
 * `y` flag `.test` keeps no state between calls.
 */

type Compiled = { readonly regExp: RegExp; readonly problem?: undefined } | { readonly regExp?: undefined; readonly problem: string };

/** Enough for the patterns of a large project; past it the oldest entries go first. */
const cacheLimit = 1000;
const cache = new Map<string, Compiled>();

/** `pattern` compiled with the `u` flag, or why it does not compile (the engine's message without its "Invalid regular expression: " prefix). */
export function compilePattern(pattern: string): Compiled {
  let compiled = cache.get(pattern);
  if (compiled !== undefined) return compiled;
  try {
    compiled = { regExp: new RegExp(pattern, 'u') };
  } catch (error) {
    compiled = { problem: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error) };
  }
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}

/** Why `pattern` is not a regular expression validators can run, or undefined when it is one. */
export function regExpProblem(pattern: string): string | undefined {
  return compilePattern(pattern).problem;
}

/** Whether `pattern` is a regular expression validators can run. */
export function isValidPattern(pattern: string): boolean {
  return compilePattern(pattern).regExp !== undefined;
}

/** Tests a schema `pattern` against `text`; an invalid pattern matches nothing. */
export function safeTest(pattern: string, text: string): boolean {
  const { regExp } = compilePattern(pattern);
  if (regExp === undefined) return false;
  try {
    return regExp.test(text);
  } catch {
    return false;
  }
}
