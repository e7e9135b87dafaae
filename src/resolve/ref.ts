/**
 * Registry references: `<type>:<namespace>/<name>@<version>` (DESIGN.md §3).
 *
 * The version is an exact SemVer version, a SemVer range (`~0.4`, `^1.2`,
 * `>=1 <2`, `1.x`) or the dist-tag `latest`. A reference written without
 * `@version` means `latest`; resolution then warns (OWC4006) and names the
 * version it chose, since the lock file is what keeps such a build
 * reproducible. Errors point at the offending part inside the reference.
 */
import semver from 'semver';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveMessages as M } from '../diagnostics/catalog/resolve.js';
import type { Name } from '../lower/ir.js';
import type { OffsetMap } from '../source/scalar-map.js';
import type { Span } from '../source/span.js';

export const registryTypes = ['connector', 'workflow', 'agent', 'bundle'] as const;
export type RegistryType = (typeof registryTypes)[number];

/** What a reference asks for after the `@`. */
export type VersionSpec =
  | { readonly kind: 'exact'; readonly text: string; readonly version: string }
  | { readonly kind: 'range'; readonly text: string; readonly range: string }
  /** `latest`, written or implied by a missing `@version`. */
  | { readonly kind: 'latest'; readonly text: string; readonly implicit: boolean };

export interface RegistryRef {
  readonly type: RegistryType;
  readonly namespace: string;
  readonly name: string;
  readonly version: VersionSpec;
  /** The reference as written. */
  readonly text: string;
  /** Where each part was written (the whole reference when positions are unknown). */
  readonly spans: { readonly type: Span; readonly namespace: Span; readonly name: Span; readonly version: Span };
}

/** A parsed reference: a full registry reference, or a bare resource name (legacy `plugin: slack`, `workflow: etl`). */
export type Reference =
  | { readonly kind: 'registry'; readonly ref: RegistryRef; readonly written: Name }
  | { readonly kind: 'bare'; readonly name: string; readonly written: Name };

export interface ParseReferenceOptions {
  /** The file offset of each character of the value (see nameOffsets); without it errors cover the whole reference. */
  readonly offsets?: OffsetMap;
  /** The resource type the field takes; `any` for bundle includes. Default: any. */
  readonly expected?: RegistryType | 'any';
  /** Whether a plain name without `type:` is accepted. Default: false. */
  readonly allowBare?: boolean;
}

const namePart = /^[a-z0-9._-]+$/;

/** Parses a reference written in a manifest; every problem becomes a diagnostic with a span inside it. */
export function parseReference(written: Name, options: ParseReferenceOptions = {}): { reference?: Reference; diagnostics: Diagnostic[] } {
  const text = written.value;
  const at = spanMapper(written, options.offsets);
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): { diagnostics: Diagnostic[] } => ({ diagnostics: [...diagnostics, d] });

  const colon = text.indexOf(':');
  if (colon === -1) {
    if (options.allowBare && !/[/@]/.test(text) && text.trim() !== '') return { reference: { kind: 'bare', name: text, written }, diagnostics };
    return fail(createDiagnostic(M.RefMissingPart, at(0, text.length), { ref: text, part: 'type (connector:, workflow:, agent: or bundle:)' }));
  }
  const type = text.slice(0, colon);
  if (!isRegistryType(type)) {
    return fail(createDiagnostic(M.RefUnknownType, at(0, colon), { ref: text, type }));
  }
  const expected = options.expected ?? 'any';
  if (expected !== 'any' && type !== expected) {
    return fail(
      createDiagnostic(M.RefWrongType, at(0, colon), { ref: text, expected: withArticle(expected), expectedType: expected, found: withArticle(type), rest: text.slice(colon + 1) }),
    );
  }

  const atSign = text.indexOf('@', colon + 1);
  const pathEnd = atSign === -1 ? text.length : atSign;
  const slash = text.indexOf('/', colon + 1);
  if (slash === -1 || slash > pathEnd) {
    return fail(createDiagnostic(M.RefMissingPart, at(colon + 1, pathEnd), { ref: text, part: "namespace (the part before '/')" }));
  }
  const namespace = text.slice(colon + 1, slash);
  const name = text.slice(slash + 1, pathEnd);
  if (namespace === '') return fail(createDiagnostic(M.RefMissingPart, at(colon + 1, slash + 1), { ref: text, part: 'namespace' }));
  if (name === '') return fail(createDiagnostic(M.RefMissingPart, at(slash, pathEnd), { ref: text, part: 'name' }));
  for (const [part, value, start] of [
    ['namespace', namespace, colon + 1],
    ['name', name, slash + 1],
  ] as const) {
    if (namePart.test(value)) continue;
    const bad = [...value].findIndex((ch) => !/[a-z0-9._-]/.test(ch));
    diagnostics.push(
      createDiagnostic(M.RefInvalidName, at(start + bad, start + bad + 1), { ref: text, part, value, suggestion: suggestName(value) }),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };

  let version: VersionSpec;
  let versionSpan: Span;
  if (atSign === -1) {
    version = { kind: 'latest', text: 'latest', implicit: true };
    versionSpan = at(text.length, text.length);
  } else {
    const versionText = text.slice(atSign + 1);
    versionSpan = at(atSign + 1, text.length);
    if (versionText.trim() === '') return fail(createDiagnostic(M.RefMissingPart, at(atSign, text.length), { ref: text, part: "version after '@'" }));
    const spec = parseVersionSpec(versionText);
    if (spec === undefined) return fail(createDiagnostic(M.RefInvalidVersion, versionSpan, { ref: text, version: versionText }));
    version = spec;
  }
  const ref: RegistryRef = {
    type,
    namespace,
    name,
    version,
    text,
    spans: { type: at(0, colon), namespace: at(colon + 1, slash), name: at(slash + 1, pathEnd), version: versionSpan },
  };
  return { reference: { kind: 'registry', ref, written }, diagnostics };
}

/** Reads what may follow `@`: an exact version, a range, or `latest`; undefined when it is none of these. */
export function parseVersionSpec(text: string): VersionSpec | undefined {
  // Large projects repeat the same few specs thousands of times; semver parsing dominates otherwise.
  if (versionSpecs.has(text)) return versionSpecs.get(text);
  const spec = parseVersionSpecUncached(text);
  if (versionSpecs.size > 10_000) versionSpecs.clear();
  versionSpecs.set(text, spec);
  return spec;
}

const versionSpecs = new Map<string, VersionSpec | undefined>();

function parseVersionSpecUncached(text: string): VersionSpec | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed === 'latest') return { kind: 'latest', text: trimmed, implicit: false };
  const exact = semver.valid(trimmed);
  if (exact !== null) return { kind: 'exact', text: trimmed, version: exact };
  const range = semver.validRange(trimmed);
  if (range !== null) return { kind: 'range', text: trimmed, range };
  return undefined;
}

/** Whether a string is written as a registry reference (has a type prefix, a `/` or an `@`) rather than as a bare name. */
export function looksLikeRegistryRef(text: string): boolean {
  return /[:/@]/.test(text);
}

/** `connector:community/weather@1.0.0`, or as much of it as is known. */
export function formatIdentity(type: RegistryType, namespace: string | undefined, name: string, version: string | undefined): string {
  return `${type}:${namespace === undefined ? '' : `${namespace}/`}${name}${version === undefined ? '' : `@${version}`}`;
}

/** `a connector`, `an agent`. */
function withArticle(type: RegistryType): string {
  return `${type === 'agent' ? 'an' : 'a'} ${type}`;
}

function isRegistryType(text: string): text is RegistryType {
  return (registryTypes as readonly string[]).includes(text);
}

/** A valid spelling close to `value`: lower case, other characters turned into '-'. */
function suggestName(value: string): string {
  const fixed = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return fixed === '' ? 'my-name' : fixed;
}

/** Maps a character range of the value to a file span; the whole reference when offsets are unknown. */
function spanMapper(written: Name, offsets: OffsetMap | undefined): (from: number, to: number) => Span {
  const length = written.value.length;
  if (offsets === undefined || offsets.length !== length + 1) return () => written.span;
  return (from, to) => {
    const start = offsets[Math.min(from, length)]!;
    const end = to <= from ? start : to >= length ? offsets[length]! : offsets[to - 1]! + 1;
    return { file: written.span.file, start, end };
  };
}
