/** The `.d.ts` beside a generated validators module: one typed constant per validator. */
import { Project, StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';

/** Declarations for validators exported under `names` (ajv standalone functions). */
export function validatorDeclarations(names: readonly string[]): string {
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'ValidationError',
      docs: ['One failure reported by a validator (ajv error object).'],
      properties: [
        { name: 'instancePath', type: 'string', isReadonly: true },
        { name: 'keyword', type: 'string', isReadonly: true },
        { name: 'message', type: 'string', isReadonly: true, hasQuestionToken: true },
        { name: 'params', type: '{ readonly [key: string]: unknown }', isReadonly: true },
      ],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'ValidateFunction',
      docs: ['A validator compiled at build time; after a failed call `errors` lists the failures.'],
      callSignatures: [{ parameters: [{ name: 'data', type: 'unknown' }], returnType: 'boolean' }],
      properties: [{ name: 'errors', type: 'readonly ValidationError[] | null', hasQuestionToken: true }],
    },
    ...names.map(
      (name): StatementStructures => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        hasDeclareKeyword: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name, type: 'ValidateFunction' }],
      }),
    ),
  ];
  const project = new Project({ useInMemoryFileSystem: true });
  return project.createSourceFile('validators.d.ts', { statements }).getFullText();
}
