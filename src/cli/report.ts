/** Printing diagnostics in the format a command was asked for. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/span.js';
import { choosePalette } from './format/colors.js';
import { formatJson } from './format/json.js';
import { FileTable, summarize, type Summary } from './format/locate.js';
import { formatPretty } from './format/pretty.js';
import { formatSarif } from './format/sarif.js';
import { UsageError, type CliIO } from './io.js';
import { toolVersion } from './version.js';

export type OutputFormat = 'pretty' | 'json' | 'sarif';

export function parseFormat(format: string): OutputFormat {
  if (format === 'pretty' || format === 'json' || format === 'sarif') return format;
  throw new UsageError(`unknown format '${format}': use pretty, json or sarif`);
}

/** Renders `diagnostics` in `format`; returns the text and the summary counts. */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: readonly SourceFile[],
  fileCount: number,
  format: OutputFormat,
  io: CliIO,
): { text: string; summary: Summary } {
  const table = new FileTable(files);
  const summary = summarize(diagnostics, fileCount);
  switch (format) {
    case 'json':
      return { text: formatJson(diagnostics, table, summary), summary };
    case 'sarif':
      return { text: formatSarif(diagnostics, table, { toolVersion }), summary };
    case 'pretty':
      return { text: formatPretty(diagnostics, table, summary, choosePalette(io.isTTY, io.env)), summary };
  }
}
