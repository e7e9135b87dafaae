/** The build's `index.ts`: re-exports every connector module, written in prettier's layout (../common/code-layout.ts). */
import { specifierLines, stringLiteral } from '../common/code-layout.js';
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
export function generateIndexModule(entries: readonly IndexEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) for (const n of e.names) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  const scope = new NameScope([...counts.keys()]);
  const lines: string[] = [];
  for (const e of entries) {
    const named = e.names.filter((n) => counts.get(n.name) === 1);
    if (named.length > 0) lines.push(...specifierLines('export', named.map((n) => (n.isTypeOnly ? `type ${n.name}` : n.name)), e.specifier));
    lines.push(`export * as ${scope.unique(e.namespaceName)} from ${stringLiteral(e.specifier)};`);
  }
  return `${generatedHeader(undefined)}${lines.length === 0 ? 'export {};' : lines.join('\n')}\n`;
}
