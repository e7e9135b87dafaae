/**
 * File offsets of the characters of a `Name`. The IR keeps a reference as a
 * plain string with the span of the scalar it was written in; to point a
 * diagnostic at the bad part of `connector:community/weather@^x`, we replay
 * the scalar's quoting over the source text (the same mapping the expression
 * checker uses) and keep the result only if it is plausible.
 */
import type { Name } from '../lower/ir.js';
import { buildOffsetMap, type OffsetMap, type ScalarStyle } from '../source/scalar-map.js';
import type { SourceFile } from '../source/span.js';

/** The offset of each character of `name.value` (and one past the end), or undefined when it cannot be known. */
export function nameOffsets(name: Name, file: SourceFile | undefined): OffsetMap | undefined {
  if (file === undefined || file.path !== name.span.file) return undefined;
  const { start, end } = name.span;
  if (start < 0 || end > file.text.length || end < start) return undefined;
  const raw = file.text.slice(start, end);
  if (raw === name.value) return Array.from({ length: raw.length + 1 }, (_, i) => start + i);
  const map = buildOffsetMap(styleOf(raw), raw, start, name.value);
  return plausible(map, name.value.length, start, end) ? map : undefined;
}

function styleOf(raw: string): ScalarStyle {
  switch (raw[0]) {
    case '"':
      return 'QUOTE_DOUBLE';
    case "'":
      return 'QUOTE_SINGLE';
    case '|':
      return 'BLOCK_LITERAL';
    case '>':
      return 'BLOCK_FOLDED';
    default:
      return 'PLAIN';
  }
}

/** Increasing offsets inside the span, one per character plus the end. */
function plausible(map: OffsetMap, length: number, start: number, end: number): boolean {
  if (map.length !== length + 1) return false;
  for (let i = 0; i < map.length; i++) {
    const offset = map[i]!;
    if (offset < start || offset > end) return false;
    if (i > 0 && offset <= map[i - 1]!) return false;
  }
  return true;
}
