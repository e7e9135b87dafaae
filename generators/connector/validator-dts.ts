/**
 * The `.d.ts` beside a generated validators module: one typed constant per
 * validator. The text is fixed apart from the names, so it is written already
 * in prettier's layout (the snapshot tests hold it to that).
 */

const declarations = `/** One failure reported by a validator (ajv error object). */
export interface ValidationError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: { readonly [key: string]: unknown };
}

/** A validator compiled at build time; after a failed call \`errors\` lists the failures. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}
`;

/** Declarations for validators exported under `names` (identifiers of ajv standalone functions), laid out as prettier would. */
export function validatorDeclarations(names: readonly string[]): string {
  const constants = names.map((name) => `export declare const ${name}: ValidateFunction;\n`).join('');
  return constants === '' ? declarations : `${declarations}\n${constants}`;
}
