/**
 * Source text and spans. Every value owc loads carries a span of byte-free
 * UTF-16 offsets into the original text of its file; line and column are
 * computed only when a diagnostic is printed.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into one file's text. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** A 1-based line/column position. Columns count UTF-16 code units, as editors do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One loaded file: its path (as given, or relative to the working directory) and full text. */
export class SourceFile {
  private lineStartsCache: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Offsets at which each line starts; line 1 starts at 0. */
  get lineStarts(): readonly number[] {
    if (this.lineStartsCache === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 /* \n */) starts.push(i + 1);
        else if (ch === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStartsCache = starts;
    }
    return this.lineStartsCache;
  }

  /** The 1-based line and column of `offset`, clamped into the text. */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo]! + 1 };
  }

  /** The text of 1-based line `line`, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  /** A span over `[start, end)` in this file. */
  span(start: number, end: number = start): Span {
    return { file: this.path, start, end: Math.max(start, end) };
  }
}

/** The empty span where `span` starts: where a missing value is placed. */
export function spanStart(span: Span): Span {
  return { file: span.file, start: span.start, end: span.start };
}

/** The smallest span covering both spans (which must be in one file). */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
