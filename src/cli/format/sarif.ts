/**
 * `owc check --format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it
 * (one run, rules from the message catalog, results with physical locations
 * relative to the repository root).
 */
import { allMessages } from '../../diagnostics/catalog/index.js';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import type { FileTable } from './locate.js';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  readonly toolVersion: string;
}

export function formatSarif(diagnostics: readonly Diagnostic[], files: FileTable, options: SarifOptions): string {
  const messages = allMessages();
  const used = new Set(diagnostics.map((d) => d.code));
  const rules = messages.filter((m) => used.has(m.code));
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const location = (span: Diagnostic['span']) => {
    const r = files.range(span);
    return {
      physicalLocation: {
        artifactLocation: { uri: encodeURI(span.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: Math.max(r.endColumn, r.line === r.endLine ? r.column + 1 : 1) },
      },
    };
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'owc',
            version: options.toolVersion,
            informationUri: 'https://github.com/openworkflow/owc',
            rules: rules.map((m) => ({
              id: m.code,
              shortDescription: { text: m.message.replace(/\{(\w+)\}/g, '…') },
              fullDescription: { text: m.doc },
              help: { text: `${m.doc}${m.hint ? `\nHint: ${m.hint.replace(/\{(\w+)\}/g, '…')}` : ''}` },
              defaultConfiguration: { level: sarifLevel[m.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
          level: sarifLevel[d.severity],
          message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
          locations: [location(d.span)],
          ...(d.related && d.related.length > 0
            ? { relatedLocations: d.related.map((rel, id) => ({ id, message: { text: rel.message }, ...location(rel.span) })) }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
