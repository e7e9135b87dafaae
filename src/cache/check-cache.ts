/**
 * The cache of `owc check` (`.owc-cache/check.json` in the working directory,
 * or `--cache-dir`; `owc build` keeps its own in `OUT/.owc-cache/`): for every
 * input file, the hash of its text, the identities of the resources it
 * declares, the files its results depend on, its diagnostics and the lock keys
 * its references were bound under; beside them, the lock entries. The whole file is stamped with a key (owc version and
 * build, options, lock file hash); a file of another key, of the wrong shape or
 * not valid JSON reads as no cache, so a damaged cache costs one full run and
 * never changes the output. Files other files depend on (connectors, called
 * workflows) also keep their parsed nodes in `nodes/<hash>.json`, so an
 * incremental run reads them back instead of parsing their YAML again.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LockEntry } from '../resolve/lockfile.js';
import { writeFileAtomically } from './atomic-write.js';
import { isDiagnostic, isRecord } from './stored.js';

/** The cache file's name inside the cache folder. */
export const checkCacheFileName = 'check.json';

/** Bumped whenever the layout of the cache file changes. */
const cacheFormat = 3;

/** The folder of per-file node caches inside the cache folder. */
const nodesFolder = 'nodes';

/** The fields of a `FileStamp`. */
const stampFields = ['size', 'mtimeMs', 'ctimeMs', 'ino'] as const;

/** What identifies a file's content without reading it (as `git` does): size, modification and change times, and inode. */
export type FileStamp = { readonly [K in (typeof stampFields)[number]]: number };

/** The stamp of `file` now, or undefined when it cannot be read. */
export function fileStamp(file: string): FileStamp | undefined {
  try {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
  } catch {
    return undefined;
  }
}

/** Whether two stamps are equal: as far as stamps tell, the file did not change between them. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return stampFields.every((k) => a[k] === b[k]);
}

/** What the cache remembers about one input file. */
export interface CachedCheckFile {
  /** The path diagnostics show. */
  readonly path: string;
  readonly group: 'main' | 'registry';
  readonly explicit: boolean;
  readonly hash: string;
  /** Size, modification and change times and inode when the hash was taken; a file with the same stamp is not read again. */
  readonly stamp?: FileStamp;
  /** `kind namespace name version` of every resource the file declares, in order. */
  readonly identities: readonly string[];
  /** Paths of the files whose resources this file's results depend on (direct only). */
  readonly deps: readonly string[];
  /** The diagnostics located in this file. */
  readonly diagnostics: readonly Diagnostic[];
  /** The owc.lock keys this file's references were bound under (see `CheckCache.lock`). */
  readonly lockKeys: readonly string[];
}

export interface CheckCache {
  readonly key: string;
  /** When the run that wrote the cache started reading files (ms since the epoch). */
  readonly readAt: number;
  readonly files: readonly CachedCheckFile[];
  /** Diagnostics located outside the input files (a folder, the lock file). */
  readonly other: readonly Diagnostic[];
  /**
   * What a run without the cache resolves every reference to (the
   * `references` of the owc.lock it writes). Absent when that is not known:
   * with registry folders only a full run knows it.
   */
  readonly lock?: Readonly<Record<string, LockEntry>>;
}

/**
 * The check cache in one folder, as a run uses it. With a `CacheMemory` (a
 * long-lived process: `owc daemon`) reads come from memory while the files
 * are as they were, and writes happen when the memory is flushed.
 */
export interface CheckCacheStore {
  /** The cache; undefined when there is none or it cannot be trusted. Never throws. */
  read(): CheckCache | undefined;
  /** Replaces the cache file atomically (creating the folder). Failure to write is not an error. */
  write(cache: CheckCache): void;
  /** A file's stored load result (node-codec.ts form) under `key`; undefined when absent or unreadable. */
  readNodes(key: string): unknown;
  /** Stores a file's load result under `key` (a hash of its path and text). Failure to write is not an error. */
  writeNodes(key: string, data: unknown): void;
  /** Removes stored load results whose key is not in `keep`. */
  pruneNodes(keep: ReadonlySet<string>): void;
  /** Runs `work` (writing the cache) now, or with a cache memory when it is flushed. */
  later(work: () => void): void;
}

/** The check cache in `dir`, read and written through `memory` when given. */
export function checkCacheStore(dir: string, memory?: CacheMemory): CheckCacheStore {
  const file = path.join(dir, checkCacheFileName);
  const nodesDir = path.join(dir, nodesFolder);
  const nodeFile = (key: string): string => path.join(nodesDir, `${key}.json`);
  if (memory === undefined) {
    return {
      read: () => readCacheFile(file),
      write: (cache) => writeFileAtomically(file, serializeCache(cache)),
      readNodes: (key) => readJson(nodeFile(key)),
      writeNodes: (key, data) => writeFileAtomically(nodeFile(key), JSON.stringify(data)),
      pruneNodes: (keep) => pruneFolder(nodesDir, keep),
      later: (work) => work(),
    };
  }
  const kept = memory.folder(dir);
  return {
    read() {
      const stamp = fileStamp(file);
      if (kept.check !== undefined && stamp !== undefined && sameStamp(kept.check.stamp, stamp)) return kept.check.cache;
      const cache = readCacheFile(file);
      kept.check = stamp === undefined || cache === undefined ? undefined : { stamp, cache };
      return cache;
    },
    write(cache) {
      kept.check = undefined;
      memory.defer(() => {
        if (writeFileAtomically(file, serializeCache(cache))) {
          const stamp = fileStamp(file);
          if (stamp !== undefined) kept.check = { stamp, cache };
        }
      });
    },
    readNodes(key) {
      if (kept.nodes.has(key)) return kept.nodes.get(key);
      const data = readJson(nodeFile(key));
      if (data !== undefined) kept.nodes.set(key, data);
      return data;
    },
    writeNodes(key, data) {
      kept.nodes.set(key, data);
      memory.defer(() => writeFileAtomically(nodeFile(key), JSON.stringify(data)));
    },
    pruneNodes(keep) {
      for (const key of kept.nodes.keys()) if (!keep.has(key)) kept.nodes.delete(key);
      memory.defer(() => pruneFolder(nodesDir, keep));
    },
    later: (work) => memory.defer(work),
  };
}

/** What one cache folder holds in memory. */
interface KeptFolder {
  /** The cache file as last read or written, with the stamp the file had then. */
  check: { readonly stamp: FileStamp; readonly cache: CheckCache } | undefined;
  /** Stored load results by key: a key names a path and a text, so its data never changes. */
  readonly nodes: Map<string, unknown>;
}

/**
 * What a long-lived process keeps of check caches between runs: the last few
 * cache folders' files, and the writes of a run, put off until `flush` (after
 * the reply has gone out).
 */
export class CacheMemory {
  private readonly folders = new Map<string, KeptFolder>();
  private deferred: (() => void)[] = [];

  constructor(private readonly maxFolders = 4) {}

  /** The memory of `dir`; the folder used longest ago is forgotten when there are too many. */
  folder(dir: string): KeptFolder {
    let kept = this.folders.get(dir);
    if (kept !== undefined) this.folders.delete(dir);
    else kept = { check: undefined, nodes: new Map() };
    this.folders.set(dir, kept);
    for (const old of this.folders.keys()) {
      if (this.folders.size <= this.maxFolders) break;
      this.folders.delete(old);
    }
    return kept;
  }

  defer(write: () => void): void {
    this.deferred.push(write);
  }

  /** Carries out the writes put off so far, in order (and those they put off in turn). */
  flush(): void {
    while (this.deferred.length > 0) {
      const writes = this.deferred;
      this.deferred = [];
      for (const write of writes) write();
    }
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function pruneFolder(dir: string, keep: ReadonlySet<string>): void {
  try {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.json') && keep.has(name.slice(0, -5))) continue;
      rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Nothing stored yet.
  }
}

/** Reads a cache file; undefined when there is none or it cannot be trusted. */
function readCacheFile(file: string): CheckCache | undefined {
  const parsed = readJson(file);
  if (!isRecord(parsed) || parsed.format !== cacheFormat || typeof parsed.key !== 'string' || typeof parsed.readAt !== 'number') return undefined;
  const { files, other, lock, lockKeys } = parsed;
  if (!isStringArray(lockKeys) || !Array.isArray(files) || !files.every((f) => isStoredFile(f, lockKeys.length)) || !Array.isArray(other) || !other.every(isDiagnostic)) return undefined;
  if (lock !== undefined && !(isRecord(lock) && Object.values(lock).every(isLockEntry))) return undefined;
  // A dependency on another input file is stored as that file's index in `files`.
  if (!files.every((f) => f.deps.every((d) => typeof d === 'string' || (Number.isInteger(d) && d >= 0 && d < files.length)))) return undefined;
  const paths = files.map((f) => f.path);
  const decoded = files.map((f): CachedCheckFile => ({ ...f, deps: f.deps.map((d) => (typeof d === 'number' ? paths[d]! : d)), lockKeys: f.lockKeys.map((i) => lockKeys[i]!) }));
  return { key: parsed.key, readAt: parsed.readAt, files: decoded, other, ...(lock === undefined ? {} : { lock: lock as Record<string, LockEntry> }) };
}

function serializeCache(cache: CheckCache): string {
  // Lock keys repeat across files: each file lists indices into one table of them.
  const table = [...new Set(cache.files.flatMap((f) => f.lockKeys))];
  const index = new Map(table.map((k, i) => [k, i]));
  // Dependencies are nearly all other input files (a workflow lists every connector it uses): their indices are a fraction of the paths' size.
  const fileIndex = new Map(cache.files.map((f, i) => [f.path, i]));
  const files = cache.files.map((f) => ({ ...f, deps: f.deps.map((d) => fileIndex.get(d) ?? d), lockKeys: f.lockKeys.map((k) => index.get(k)!) }));
  return JSON.stringify({ format: cacheFormat, ...cache, lockKeys: table, files });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A file as stored: its lock keys are indices into the table of `count` keys. */
function isStoredFile(value: unknown, count: number): value is Omit<CachedCheckFile, 'lockKeys' | 'deps'> & { lockKeys: number[]; deps: (string | number)[] } {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    (value.group === 'main' || value.group === 'registry') &&
    typeof value.explicit === 'boolean' &&
    typeof value.hash === 'string' &&
    (value.stamp === undefined || isStamp(value.stamp)) &&
    isStringArray(value.identities) &&
    Array.isArray(value.deps) &&
    value.deps.every((d) => typeof d === 'string' || typeof d === 'number') &&
    Array.isArray(value.lockKeys) &&
    value.lockKeys.every((i) => Number.isInteger(i) && i >= 0 && i < count) &&
    Array.isArray(value.diagnostics) &&
    value.diagnostics.every(isDiagnostic)
  );
}

function isLockEntry(value: unknown): value is LockEntry {
  return isRecord(value) && typeof value.resolved === 'string' && typeof value.file === 'string' && typeof value.sha256 === 'string';
}

function isStamp(value: unknown): value is FileStamp {
  return isRecord(value) && stampFields.every((k) => typeof value[k] === 'number');
}
