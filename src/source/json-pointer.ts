/**
 * JSON Pointers (RFC 6901): `/a/b~1c` names key `a`, then key `b/c`. Inside a
 * URI fragment (`$ref: '#/$defs/a%20b'`) segments are percent-encoded too.
 */

/** One segment unescaped; with `uri`, percent-decoded first (a malformed escape is kept as written). */
export function unescapeSegment(segment: string, uri = false): string {
  let text = segment;
  if (uri) {
    try {
      text = decodeURIComponent(segment);
    } catch {
      // '%zz' names a key spelled '%zz'.
    }
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The segments of a pointer, unescaped (`''` has none); with `uri`, a pointer taken from a URI fragment. */
export function fromPointer(pointer: string, uri = false): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => unescapeSegment(s, uri));
}

/** One key as a pointer segment (`~` and `/` escaped). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pointer from segments. */
export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}
