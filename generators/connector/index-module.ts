/** The build's `index.ts`: re-exports every connector module. */
import { Project, StructureKind, type ExportDeclarationStructure } from 'ts-morph';
import { formatTypeScript } from '../common/format.js';
import { generatedHeader } from '../common/header.js';
import { NameScope } from '../common/naming.js';

export interface IndexEntry {
  /** Specifier relative to the index (`./connectors/examples-weather-v1_2_0.js`). */
  readonly specifier: string;
  /** The identifier of the module's namespace export (made unique here). */
  readonly namespaceName: string;
  /** Names to re-export by name when no other module exports the same name. */
  readonly names: readonly { readonly name: string; readonly isTypeOnly: boolean }[];
}

/**
 * Every module as a namespace (`export * as examplesWeatherV1_2_0 from …`),
 * plus its factory, client type and descriptor by name when that name is
 * unique in the build (two versions of one connector share names, so those
 * are reachable through their namespaces only).
 */
export async function generateIndexModule(entries: readonly IndexEntry[]): Promise<string> {
  const counts = new Map<string, number>();
  for (const e of entries) for (const n of e.names) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  const scope = new NameScope([...counts.keys()]);
  const statements: ExportDeclarationStructure[] = [];
  for (const e of entries) {
    const named = e.names.filter((n) => counts.get(n.name) === 1);
    if (named.length > 0) {
      statements.push({ kind: StructureKind.ExportDeclaration, moduleSpecifier: e.specifier, namedExports: named.map((n) => ({ name: n.name, isTypeOnly: n.isTypeOnly })) });
    }
    statements.push({ kind: StructureKind.ExportDeclaration, moduleSpecifier: e.specifier, namespaceExport: scope.unique(e.namespaceName) });
  }
  const project = new Project({ useInMemoryFileSystem: true });
  const text = project.createSourceFile('index.ts', { statements }).getFullText();
  return formatTypeScript(generatedHeader(undefined) + (statements.length === 0 ? 'export {};\n' : text));
}
