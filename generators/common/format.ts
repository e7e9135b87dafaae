/**
 * Prettier, run once per generated file with fixed options (no config file
 * lookup), so output does not depend on where owc runs.
 */
import { format } from 'prettier';

const options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
} as const;

/** Formats TypeScript source (`.ts`, `.d.ts`). */
export function formatTypeScript(text: string): Promise<string> {
  return format(text, { ...options, parser: 'typescript' });
}

/** Formats JavaScript module source. */
export function formatJavaScript(text: string): Promise<string> {
  return format(text, { ...options, parser: 'babel' });
}

/** Formats JSON (tsconfig.json and other data files). */
export function formatJson(text: string): Promise<string> {
  return format(text, { ...options, parser: 'json' });
}
