/**
 * Binds one reference to one loaded resource: finds the candidates, applies
 * the version constraint and the lock, and explains every failure with what
 * is available instead. It records what it chose for the next lock file.
 */
import path from 'node:path';
import semver from 'semver';
import type { DiagnosticBag, MessageArgs, MessageDef, ReportExtras } from '../diagnostics/diagnostic.js';
import { resolveMessages as M } from '../diagnostics/catalog/resolve.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { Name } from '../lower/ir.js';
import type { SourceFile, Span } from '../source/span.js';
import { sha256Hex, type LockEntry, type LockFile } from './lockfile.js';
import { nameOffsets } from './name-offsets.js';
import { formatIdentity, parseReference, type ParseReferenceOptions, type Reference, type RegistryType, type VersionSpec } from './ref.js';
import type { IndexedResource, ResourceIndex } from './resource-index.js';
import { selectVersion, sortVersions } from './versions.js';

export interface BinderOptions {
  readonly lock: LockFile | undefined;
  /** Folder the lock file lives in; manifest paths in the lock are relative to it. */
  readonly lockDir: string;
  /** Folder that loaded file paths are relative to. */
  readonly cwd: string;
}

/** One reference to bind. */
export interface BindRequest {
  readonly type: RegistryType;
  readonly reference: Reference;
  /** A version constraint given beside the reference (a workflow step's `version:`). */
  readonly versionOverride?: VersionSpec;
  /** Where `versionOverride` was written, for "no version satisfies" errors. */
  readonly versionSpan?: Span;
  /** For `workflow: NAME`: prefer a workflow in the same file as the reference. */
  readonly preferSameFile?: boolean;
}

export class Binder {
  /** What the next lock file records, by reference. */
  readonly lockEntries = new Map<string, LockEntry>();
  /** For each file holding references, the lock keys they were bound under (an incremental build rebuilds the lock per file from these). */
  readonly lockKeysByFile = new Map<string, Set<string>>();
  private readonly shaByFile = new Map<SourceFile, string>();
  private readonly reportedChanged = new Set<string>();

  constructor(
    private readonly index: ResourceIndex,
    private readonly bag: DiagnosticBag,
    private readonly options: BinderOptions,
  ) {}

  /** Parses a reference as written, reporting syntax errors at the exact characters. */
  parse(written: Name, options: Omit<ParseReferenceOptions, 'offsets'>): Reference | undefined {
    const offsets = nameOffsets(written, this.index.file(written.span.file));
    const parsed = parseReference(written, { ...options, ...(offsets ? { offsets } : {}) });
    this.bag.addAll(parsed.diagnostics);
    return parsed.reference;
  }

  /** Reports a catalog entry through the shared bag. */
  report(def: MessageDef, span: Span, args?: MessageArgs, extras?: ReportExtras): void {
    this.bag.report(def, span, args, extras);
  }

  /** The resource `request` names, or undefined after reporting why there is none. */
  bind(request: BindRequest): IndexedResource | undefined {
    const { reference } = request;
    const written = reference.written;
    const candidates = this.candidates(request);
    if (candidates === undefined) return undefined;

    const spec: VersionSpec =
      request.versionOverride ?? (reference.kind === 'registry' ? reference.ref.version : { kind: 'latest', text: 'latest', implicit: true });
    const key = lockKey(request);
    const entry = this.options.lock?.references[key];
    const locked = entry === undefined ? undefined : candidates.find((c) => c.identity === entry.resolved);

    let chosen: IndexedResource | undefined;
    if (reference.kind === 'bare' && request.versionOverride === undefined && candidates.length === 1) {
      chosen = candidates[0];
    } else {
      const versions = candidates.flatMap((c) => (c.version === undefined ? [] : [c.version]));
      const version = selectVersion(versions, spec, locked?.version);
      if (version === undefined) {
        this.reportNoVersion(request, candidates, spec);
        return undefined;
      }
      const matches = candidates.filter((c) => c.version !== undefined && semver.eq(c.version, version));
      if (matches.length > 1) {
        this.bag.report(
          M.Ambiguous,
          written.span,
          { ref: written.value, count: matches.length, resolved: matches[0]!.identity },
          { related: matches.map((m) => ({ message: `${m.identity} is declared here`, span: m.resource.origin.span })) },
        );
        return undefined;
      }
      chosen = matches[0];
    }
    if (chosen === undefined) return undefined;

    if (entry !== undefined) this.checkLock(key, entry, chosen, locked, written);
    if (reference.kind === 'registry' && reference.ref.version.kind === 'latest' && reference.ref.version.implicit && request.versionOverride === undefined) {
      this.bag.report(M.RefNoVersion, written.span, { ref: written.value, version: chosen.version ?? 'unversioned' });
    }
    // A workflow called by name from its own file is part of that file, not a dependency.
    if (!(reference.kind === 'bare' && chosen.file.path === written.span.file)) {
      if (!this.lockEntries.has(key)) this.lockEntries.set(key, { resolved: chosen.identity, file: this.lockPath(chosen.file), sha256: this.sha(chosen.file) });
      const keys = this.lockKeysByFile.get(written.span.file);
      if (keys) keys.add(key);
      else this.lockKeysByFile.set(written.span.file, new Set([key]));
    }
    return chosen;
  }

  /** The resources the reference may mean, before versions are considered; undefined after reporting none or an ambiguity. */
  private candidates(request: BindRequest): readonly IndexedResource[] | undefined {
    const { reference, type } = request;
    const written = reference.written;
    if (reference.kind === 'registry') {
      const { namespace, name } = reference.ref;
      const all = this.index.named(type, name);
      const found = all.filter((c) => c.namespace === namespace);
      if (found.length > 0) return found;
      const elsewhere = [...new Set(all.map((c) => c.identity))].sort();
      // Compare names, not `namespace/name`: a shared namespace would make any two names look alike.
      const near = closestMatch(name, new Set(this.index.ofType(type).filter((c) => c.namespace !== undefined).map((c) => c.name)));
      const nearIn = near === undefined ? [] : this.index.named(type, near).filter((c) => c.namespace !== undefined);
      const similar = nearIn.find((c) => c.namespace === namespace) ?? nearIn[0];
      const hint =
        elsewhere.length > 0
          ? `loaded in another namespace: ${elsewhere.join(', ')}`
          : similar !== undefined
            ? `did you mean '${type}:${similar.namespace}/${similar.name}'? Otherwise pass --registry DIR or add its manifest to the paths owc checks`
            : undefined;
      this.bag.report(M.NotLoaded, written.span, { type, name: `${namespace}/${name}` }, hint === undefined ? {} : { hint });
      return undefined;
    }

    const all = this.index.named(type, reference.name);
    const sameFile = request.preferSameFile ? all.filter((c) => c.file.path === written.span.file) : [];
    const found = sameFile.length > 0 ? sameFile : all;
    if (found.length === 0) {
      const similar = closestMatch(reference.name, new Set(this.index.ofType(type).map((c) => c.name)));
      const hint = similar !== undefined ? `did you mean '${similar}'? Otherwise pass --registry DIR or add its manifest to the paths owc checks` : undefined;
      this.bag.report(M.NotLoaded, written.span, { type, name: reference.name }, hint === undefined ? {} : { hint });
      return undefined;
    }
    const namespaces = new Set(found.map((c) => c.namespace ?? ''));
    const unversioned = found.filter((c) => c.version === undefined);
    if (namespaces.size > 1 || (found.length > 1 && unversioned.length > 0)) {
      const identities = [...new Set(found.map((c) => c.identity))].sort();
      const example = found.find((c) => c.namespace !== undefined && c.version !== undefined);
      this.bag.report(
        M.AmbiguousBareName,
        written.span,
        { name: reference.name, count: found.length, type, candidates: identities.join(', ') },
        {
          hintArgs: { example: example === undefined ? `${type}:<namespace>/${reference.name}@<version>` : example.identity },
          related: found.map((c) => ({ message: `${c.identity} is declared here`, span: c.resource.origin.span })),
        },
      );
      return undefined;
    }
    return found;
  }

  private reportNoVersion(request: BindRequest, candidates: readonly IndexedResource[], spec: VersionSpec): void {
    const written = request.reference.written;
    const first = candidates[0]!;
    const id = formatIdentity(request.type, first.namespace, first.name, undefined);
    const versions = sortVersions(candidates.flatMap((c) => (c.version === undefined ? [] : [c.version])));
    const unversioned = candidates.length - candidates.filter((c) => c.version !== undefined).length;
    const listed = versions.length === 0 ? 'no valid versions' : `${id}@${versions.join(', ')}`;
    const extra = unversioned > 0 ? ` (and ${unversioned} manifest${unversioned === 1 ? '' : 's'} without a valid SemVer version)` : '';
    const onlyPrereleases = spec.kind === 'latest' && versions.length > 0;
    const hint = onlyPrereleases
      ? `only prereleases are loaded: ${listed}${extra}; 'latest' never picks a prerelease, so pin one exactly`
      : `available: ${listed}${extra}`;
    const ref = request.reference.kind === 'registry' ? request.reference.ref : undefined;
    const explicit = ref !== undefined && !(ref.version.kind === 'latest' && ref.version.implicit);
    const at = request.versionSpan ?? (explicit ? ref.spans.version : written.span);
    this.bag.report(M.NoMatchingVersion, at, { id, range: spec.text }, { hint });
  }

  /** Tamper detection and the "locked version gone" warning. */
  private checkLock(key: string, entry: LockEntry, chosen: IndexedResource, locked: IndexedResource | undefined, written: Name): void {
    if (locked === undefined) {
      this.bag.report(M.LockedVersionUnavailable, written.span, { ref: key, locked: entry.resolved, resolved: chosen.identity });
      return;
    }
    if (locked !== chosen) return;
    // Only published identities (namespace and version) are immutable; a manifest in the referencing file changes with every edit.
    const published = chosen.namespace !== undefined && chosen.version !== undefined;
    if (!published || chosen.file.path === written.span.file) return;
    if (this.sha(chosen.file) === entry.sha256 || this.reportedChanged.has(chosen.identity)) return;
    this.reportedChanged.add(chosen.identity);
    this.bag.report(M.LockedManifestChanged, written.span, { resolved: chosen.identity }, {
      related: [{ message: `${chosen.identity} is declared here`, span: chosen.resource.origin.span }],
    });
  }

  private sha(file: SourceFile): string {
    let sum = this.shaByFile.get(file);
    if (sum === undefined) {
      sum = sha256Hex(file.text);
      this.shaByFile.set(file, sum);
    }
    return sum;
  }

  private lockPath(file: SourceFile): string {
    const absolute = path.resolve(this.options.cwd, file.path);
    return path.relative(this.options.lockDir, absolute).split(path.sep).join('/');
  }
}

/** The key a reference is locked under: the reference as written, plus any separate version constraint. */
function lockKey(request: BindRequest): string {
  const { reference, type, versionOverride } = request;
  const base = reference.kind === 'registry' ? reference.written.value.trim() : `${type}:${reference.name}`;
  return versionOverride === undefined ? base : `${base.replace(/@.*$/, '')}@${versionOverride.text}`;
}
