/**
 * `owc check --format pretty`: one block per diagnostic with a code frame
 * (two lines of context, the offending span underlined), the hint, related
 * locations, and a summary line.
 */
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../source/span.js';
import type { Palette } from './colors.js';
import type { FileTable, Summary } from './locate.js';

const contextLines = 2;
const maxUnderlinedLines = 6;

export function formatPretty(diagnostics: readonly Diagnostic[], files: FileTable, summary: Summary, colors: Palette): string {
  const blocks = diagnostics.map((d) => formatOne(d, files, colors));
  blocks.push(summaryLine(summary, colors));
  return `${blocks.join('\n')}\n`;
}

/** The colour of a severity: its label and the marks in its code frame. */
function severityColor(severity: Severity, colors: Palette): (s: string) => string {
  switch (severity) {
    case 'error':
      return colors.red;
    case 'warning':
      return colors.yellow;
    case 'info':
      return colors.blue;
  }
}

function severityLabel(severity: Severity, colors: Palette): string {
  return colors.bold(severityColor(severity, colors)(severity));
}

function formatOne(d: Diagnostic, files: FileTable, colors: Palette): string {
  const r = files.range(d.span);
  const lines: string[] = [];
  const file = files.get(d.span.file);
  // A diagnostic about a path rather than a text (an output folder, an unreadable file) has no line to show.
  const where = file && file.text.length > 0 ? `${d.span.file}:${r.line}:${r.column}` : d.span.file;
  lines.push(`${colors.bold(where)} ${severityLabel(d.severity, colors)} ${colors.dim(d.code)} ${colors.bold(d.message)}`);
  if (file && file.text.length > 0) lines.push(...codeFrame(file, r.line, r.column, r.endLine, r.endColumn, d.severity, colors));
  if (d.hint) lines.push(`  ${colors.cyan('hint:')} ${d.hint}`);
  for (const rel of d.related ?? []) {
    const rr = files.range(rel.span);
    lines.push(`  ${colors.dim('note:')} ${rel.message} ${colors.dim(`(${rel.span.file}:${rr.line}:${rr.column})`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Display width of a line: tabs expand to the next multiple of 4 so carets line up. */
function expandTabs(text: string): { text: string; columnMap: (column: number) => number } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    map.push(out.length);
    if (text[i] === '\t') out += ' '.repeat(4 - (out.length % 4));
    else out += text[i];
  }
  map.push(out.length);
  return { text: out, columnMap: (column) => map[Math.min(column - 1, map.length - 1)] ?? out.length };
}

function codeFrame(file: SourceFile, line: number, column: number, endLine: number, endColumn: number, severity: Severity, colors: Palette): string[] {
  const first = Math.max(1, line - contextLines);
  const lastMarked = Math.min(endLine, line + maxUnderlinedLines - 1);
  const last = Math.min(file.lineStarts.length, lastMarked + (endLine > line ? 0 : 1));
  const gutterWidth = String(last).length;
  const mark = severityColor(severity, colors);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = file.lineText(n);
    const { text, columnMap } = expandTabs(raw);
    const marked = n >= line && n <= lastMarked;
    const gutter = `${marked ? mark('>') : ' '} ${colors.dim(String(n).padStart(gutterWidth))} ${colors.dim('|')}`;
    out.push(`${gutter} ${text}`.trimEnd());
    if (!marked) continue;
    const from = n === line ? columnMap(column) : firstNonBlank(text);
    const to = n === endLine ? columnMap(endColumn) : text.length;
    const width = Math.max(1, to - from);
    out.push(`  ${' '.repeat(gutterWidth)} ${colors.dim('|')} ${' '.repeat(from)}${mark('^'.repeat(width))}`);
  }
  return out;
}

function firstNonBlank(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(summary: Summary, colors: Palette): string {
  const files = plural(summary.files, 'file');
  if (summary.errors === 0 && summary.warnings === 0) return `${colors.bold('✔')} no problems in ${files}`;
  const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
  const icon = summary.errors > 0 ? colors.red('✖') : colors.yellow('⚠');
  return `${colors.bold(icon)} ${parts.join(', ')} in ${files}`;
}
