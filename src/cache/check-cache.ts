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
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LockEntry } from '../resolve/lockfile.js';
import { isDiagnostic, isRecord } from './stored.js';

/** The cache file's name inside the cache folder. */
export const checkCacheFileName = 'check.json';

/** Bumped whenever the layout of the cache file changes. */
const cacheFormat = 3;

/** What the cache remembers about one input file. */
export interface CachedCheckFile {
  /** The path diagnostics show. */
  readonly path: string;
  readonly group: 'main' | 'registry';
  readonly explicit: boolean;
  readonly hash: string;
  /** Size, modification and change times and inode when the hash was taken; a file with the same stamp is not read again. */
  readonly stamp?: { readonly size: number; readonly mtimeMs: number; readonly ctimeMs: number; readonly ino: number };
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

/** Reads the cache in `dir`; undefined when there is none or it cannot be trusted. Never throws. */
export function readCheckCache(dir: string): CheckCache | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, checkCacheFileName), 'utf8'));
  } catch {
    return undefined;
  }
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

/** Writes the cache into `dir` (created when missing), replacing the file atomically. Failure to write is not an error. */
export function writeCheckCache(dir: string, cache: CheckCache): void {
  try {
    mkdirSync(dir, { recursive: true });
    const target = path.join(dir, checkCacheFileName);
    const temporary = `${target}.${process.pid}.tmp`;
    // Lock keys repeat across files: each file lists indices into one table of them.
    const table = [...new Set(cache.files.flatMap((f) => f.lockKeys))];
    const index = new Map(table.map((k, i) => [k, i]));
    // Dependencies are nearly all other input files (a workflow lists every connector it uses): their indices are a fraction of the paths' size.
    const fileIndex = new Map(cache.files.map((f, i) => [f.path, i]));
    const files = cache.files.map((f) => ({ ...f, deps: f.deps.map((d) => fileIndex.get(d) ?? d), lockKeys: f.lockKeys.map((k) => index.get(k)!) }));
    writeFileSync(temporary, JSON.stringify({ format: cacheFormat, ...cache, lockKeys: table, files }));
    renameSync(temporary, target);
  } catch {
    // A read-only folder only costs the next run its speed.
  }
}

/** The folder of per-file node caches inside the cache folder. */
const nodesFolder = 'nodes';

/** A file's cached load result (node-codec.ts form) stored under `key`; undefined when absent or unreadable. */
export function readCachedNodes(dir: string, key: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dir, nodesFolder, `${key}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Stores a file's load result under `key` (a hash of its path and text). Failure to write is not an error. */
export function writeCachedNodes(dir: string, key: string, data: unknown): void {
  try {
    mkdirSync(path.join(dir, nodesFolder), { recursive: true });
    const target = path.join(dir, nodesFolder, `${key}.json`);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(data));
    renameSync(temporary, target);
  } catch {
    // Only costs a later run a parse.
  }
}

/** Removes stored load results whose key is not in `keep`. */
export function pruneCachedNodes(dir: string, keep: ReadonlySet<string>): void {
  try {
    for (const name of readdirSync(path.join(dir, nodesFolder))) {
      if (name.endsWith('.json') && keep.has(name.slice(0, -5))) continue;
      rmSync(path.join(dir, nodesFolder, name), { force: true });
    }
  } catch {
    // Nothing stored yet.
  }
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

function isStamp(value: unknown): boolean {
  return isRecord(value) && ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((k) => typeof value[k] === 'number');
}
