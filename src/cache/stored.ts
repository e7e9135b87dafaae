/**
 * Shape checks for what the caches read back from disk: a cache file is JSON
 * anyone may have edited, so every value is checked before it is trusted.
 */
import type { Diagnostic, RelatedLocation } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSpan(value: unknown): value is Span {
  return isRecord(value) && typeof value.file === 'string' && Number.isInteger(value.start) && Number.isInteger(value.end);
}

function isRelated(value: unknown): value is RelatedLocation {
  return isRecord(value) && typeof value.message === 'string' && isSpan(value.span);
}

/** A diagnostic as the caches store it (its JSON fields). */
export function isDiagnostic(value: unknown): value is Diagnostic {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    (value.severity === 'error' || value.severity === 'warning' || value.severity === 'info') &&
    typeof value.message === 'string' &&
    isSpan(value.span) &&
    (value.hint === undefined || typeof value.hint === 'string') &&
    (value.related === undefined || (Array.isArray(value.related) && value.related.every(isRelated)))
  );
}
