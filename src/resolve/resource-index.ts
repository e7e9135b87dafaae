/**
 * Every resource a reference may bind to — the checked program's and the
 * registry folders' — indexed by type and name, with the identity string
 * (`connector:community/weather@1.0.0`) each one answers to.
 */
import semver from 'semver';
import type { Program, Resource } from '../lower/ir.js';
import type { SourceFile } from '../source/span.js';
import { formatIdentity, type RegistryType } from './ref.js';

export interface IndexedResource {
  readonly resource: Resource;
  readonly type: RegistryType;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The version, normalised, when the manifest declares a valid SemVer version. */
  readonly version: string | undefined;
  /** `type:namespace/name@version`, leaving out what the manifest does not declare. */
  readonly identity: string;
  /** Loaded from a `--registry` folder rather than from the checked paths. */
  readonly fromRegistry: boolean;
  readonly file: SourceFile;
}

export class ResourceIndex {
  private readonly byKey = new Map<string, IndexedResource[]>();
  private readonly byResource = new Map<Resource, IndexedResource>();
  private readonly files = new Map<string, SourceFile>();

  constructor(program: Program, registry: Program) {
    const seen = new Set<string>();
    for (const [source, fromRegistry] of [
      [program, false],
      [registry, true],
    ] as const) {
      for (const file of source.files) if (!this.files.has(file.path)) this.files.set(file.path, file);
      for (const resource of [...source.connectors, ...source.workflows, ...source.agents, ...source.bundles]) {
        // The same manifest given both as a path and inside a registry folder is one resource.
        const where = `${resource.origin.file.path}:${resource.origin.span.start}:${resource.kind}`;
        if (seen.has(where)) continue;
        seen.add(where);
        this.add(resource, fromRegistry);
      }
    }
  }

  private add(resource: Resource, fromRegistry: boolean): void {
    const namespace = resource.namespace?.value;
    const written = resource.version?.value.trim();
    const version = written === undefined ? undefined : (semver.valid(written) ?? undefined);
    const entry: IndexedResource = {
      resource,
      type: resource.kind,
      namespace,
      name: resource.name.value,
      version,
      identity: formatIdentity(resource.kind, namespace, resource.name.value, version ?? written),
      fromRegistry,
      file: resource.origin.file,
    };
    const key = `${resource.kind}\u0000${entry.name}`;
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
    this.byResource.set(resource, entry);
    if (!this.files.has(entry.file.path)) this.files.set(entry.file.path, entry.file);
  }

  /** Resources of `type` named `name`, in any namespace, in load order. */
  named(type: RegistryType, name: string): readonly IndexedResource[] {
    return this.byKey.get(`${type}\u0000${name}`) ?? [];
  }

  /** Every resource of `type`, in load order. */
  ofType(type: RegistryType): IndexedResource[] {
    return [...this.byResource.values()].filter((r) => r.type === type);
  }

  /** The index entry of a loaded resource. */
  entryOf(resource: Resource): IndexedResource | undefined {
    return this.byResource.get(resource);
  }

  /** The loaded file at `path` (for exact positions inside references). */
  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }
}
