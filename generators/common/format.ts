/**
 * Prettier, run once per generated file with fixed options (no config file
 * lookup), so output does not depend on where owc runs. Prettier is loaded on
 * first use: a build whose modules all come from the cache never loads it.
 */
import type { Options } from 'prettier';

let prettier: Promise<typeof import('prettier')> | undefined;

function format(text: string, opts: Options): Promise<string> {
  prettier ??= import('prettier');
  return prettier.then((p) => p.format(text, opts));
}

/** The line width of generated code; ./code-layout.ts and ./type-layout.ts lay out to it directly. */
export const printWidth = 100;

const options = {
  printWidth,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
} as const;

/**
 * Formats TypeScript source (`.ts`, `.d.ts`). (Prettier's faster `babel-ts`
 * parser rejects types the TypeScript printer writes, such as `-1[]`.)
 */
export function formatTypeScript(text: string): Promise<string> {
  return format(text, { ...options, parser: 'typescript' });
}

/**
 * Formats TypeScript with prettier's `babel-ts` parser, which is faster but
 * rejects some types the TypeScript printer writes (`-1[]`): meant for code
 * whose types owc writes itself (names, `Promise<…>`, `as const`), not for
 * types printed from schemas. Text babel-ts cannot read goes to the
 * `typescript` parser.
 */
export function formatTypeScriptCode(text: string): Promise<string> {
  return format(text, { ...options, parser: 'babel-ts' }).catch(() => formatTypeScript(text));
}

/** Formats JavaScript module source. */
export function formatJavaScript(text: string): Promise<string> {
  return format(text, { ...options, parser: 'babel' });
}

/** Formats JSON (tsconfig.json and other data files). */
export function formatJson(text: string): Promise<string> {
  return format(text, { ...options, parser: 'json' });
}
