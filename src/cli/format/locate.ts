/** Turns spans into the 1-based line/column ranges every output format prints. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile, Span } from '../../source/span.js';

export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Looks files up by the path diagnostics carry. */
export class FileTable {
  private readonly byPath = new Map<string, SourceFile>();

  constructor(files: Iterable<SourceFile>) {
    for (const f of files) this.byPath.set(f.path, f);
  }

  get(path: string): SourceFile | undefined {
    return this.byPath.get(path);
  }

  /** The range of a span; spans in unknown files (a folder, a missing file) are 1:1. */
  range(span: Span): Range {
    const file = this.byPath.get(span.file);
    if (!file) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const start = file.position(span.start);
    const end = file.position(span.end);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}

export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly files: number;
}

export function summarize(diagnostics: readonly Diagnostic[], fileCount: number): Summary {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings, files: fileCount };
}
