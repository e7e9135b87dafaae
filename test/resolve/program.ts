/** Builds Programs for resolution tests: YAML texts → loadText → lowerManifests. */
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lowerManifests } from '../../src/lower/index.js';
import type { Program } from '../../src/lower/ir.js';
import { loadText } from '../../src/source/load.js';
import type { SourceFile } from '../../src/source/span.js';

/** Loads and lowers `files` (path → text); fails the test on any load or lowering error. */
export function programOf(files: Readonly<Record<string, string>>): Program {
  const manifests = Object.entries(files).flatMap(([path, text]) => {
    const loaded = loadText(path, text);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error'), path).toEqual([]);
    return loaded.manifests;
  });
  const lowered = lowerManifests(manifests);
  expect(lowered.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return lowered.program;
}

export const noRegistry: Program = { files: [], connectors: [], workflows: [], agents: [], bundles: [] };

/** The text a diagnostic's span covers. */
export function spanText(d: Diagnostic, files: readonly SourceFile[]): string {
  const file = files.find((f) => f.path === d.span.file);
  return file === undefined ? `<no file ${d.span.file}>` : file.text.slice(d.span.start, d.span.end);
}

/** `code message` lines, for compact assertions. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.message}`);
}

/** A connector manifest in the registry form. */
export function connectorYaml(namespace: string, name: string, version: string, actions: readonly string[] = ['run']): string {
  return [
    'schemaVersion: 0.1.0',
    'type: connector',
    'kind: http',
    `namespace: ${namespace}`,
    `name: ${name}`,
    `version: ${version}`,
    'actions:',
    ...actions.flatMap((a) => [`  - name: ${a}`, '    input: {type: object}', '    output: {type: object}', '    handler: {http: {url: "https://example.com", method: POST}}']),
    '',
  ].join('\n');
}
