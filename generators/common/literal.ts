/**
 * Object literals in generated code, as values: JSON data from manifests
 * (written quoted by ./code-layout.ts) and `Code` leaves, which the generator
 * itself builds from scope-checked identifiers and which are written verbatim.
 */
import type { JsonValue } from '../../src/lower/ir.js';

/** A fragment of generated code (an identifier or a call the generator built). */
export class Code {
  constructor(readonly text: string) {}
}

/** Marks generator-built code for verbatim output. */
export function code(text: string): Code {
  return new Code(text);
}

/** A value to write as a literal: JSON data, code fragments, and objects/arrays of them. Undefined properties are left out. */
export type LiteralValue =
  | JsonValue
  | Code
  | readonly LiteralValue[]
  | { readonly [key: string]: LiteralValue | undefined };
