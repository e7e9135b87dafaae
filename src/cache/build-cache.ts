/**
 * The build cache of `owc build`, kept in the output folder
 * (`OUT/.owc-cache/build.json`). An entry maps a key (a content hash of
 * everything one generation step reads: manifest text, options, names) to the
 * files that step produced — as paths and content hashes, never as text: on a
 * hit the text is read back from the output folder and used only when every
 * file there still hashes to what the cache recorded. The file also records a
 * salt (cache format, owc version, a hash of the code that generates); a
 * different salt, a file whose checksum line does not match its body, or any
 * entry of the wrong shape means an empty cache, so a stale or damaged cache
 * costs a full rebuild and never yields different output.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { JsonValue } from '../lower/ir.js';
import { writeFileAtomically } from './atomic-write.js';
import { contentHash, jsonHash } from './hash.js';
import { isDiagnostic, isRecord } from './stored.js';

/** Where the cache lives, relative to the output folder. */
export const buildCachePath = '.owc-cache/build.json';

/** Bumped whenever the layout of the cache file changes. */
const cacheFormat = 1;

/**
 * One file of a cached step: its path relative to the output folder, the hash
 * of its text and, once written, its size and modification time — a file whose
 * size and time still match is not read again.
 */
export interface CachedFile {
  readonly path: string;
  readonly hash: string;
  readonly size?: number;
  readonly mtimeMs?: number;
}

/** What one generation step produced. */
export interface CacheEntry {
  readonly files: readonly CachedFile[];
  /** Step-specific facts the build needs besides the files (export names, …). */
  readonly data: JsonValue;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A file of the output folder that a cache hit verified: `unchanged` is always
 * true, and the text is read from the folder when first asked for (a build that
 * only writes never asks: it skips unchanged files).
 */
export class VerifiedFile {
  readonly unchanged = true;
  private memo: string | undefined;

  constructor(
    private readonly fullPath: string,
    /** The cache's record of the file. */
    readonly cached: CachedFile,
    known?: string,
  ) {
    this.memo = known;
  }

  get path(): string {
    return this.cached.path;
  }

  /** The file's text (read on first use). */
  get text(): string {
    this.memo ??= readFileSync(this.fullPath, 'utf8');
    return this.memo;
  }
}

/** A hit: the files as found in the output folder, the data and the diagnostics. */
export interface CacheHit {
  readonly files: readonly VerifiedFile[];
  readonly data: JsonValue;
  readonly diagnostics: readonly Diagnostic[];
}

/** Whether `path` is a plain relative path with `/` separators that stays inside the folder it is taken from. */
export function isSafeRelative(path: string): boolean {
  if (path === '' || isAbsolute(path) || path.includes('\\')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function isEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value) || !Array.isArray(value['files']) || !Array.isArray(value['diagnostics']) || !('data' in value)) return false;
  const optionalNumber = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));
  const filesOk = value['files'].every(
    (f) => isRecord(f) && typeof f['path'] === 'string' && isSafeRelative(f['path']) && typeof f['hash'] === 'string' && optionalNumber(f['size']) && optionalNumber(f['mtimeMs']),
  );
  return filesOk && value['diagnostics'].every(isDiagnostic);
}

/**
 * Every file under `dir` (recursively) as `relative path\0size\0modification
 * time`, sorted; missing folders count as empty. Stats rather than texts:
 * reading and hashing owc's 1.5 MB of code cost every build 20–30 ms, and an
 * edit or a reinstall changes a file's time anyway.
 */
function folderTexts(dir: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...folderTexts(full, `${prefix}${name}/`));
    else if (/\.(ts|js|mjs|cjs|json)$/.test(name)) out.push(`${prefix}${name}\u0000${stat.size}\u0000${stat.mtimeMs}`);
  }
  return out;
}

let saltMemo: string | undefined;

/**
 * The salt of this owc: the cache format, owc's version and the sizes and
 * times of its code and data (every file of `src/` and `generators/` and the
 * manifest schemas in `schemas/`), so a
 * cache written by any other owc — or by a working copy that was edited since
 * — is never used. Whole-build entries hold the check's diagnostics too, so
 * the checker's code belongs in the salt as much as the generators'.
 */
export function buildCacheSalt(): string {
  if (saltMemo !== undefined) return saltMemo;
  const here = dirname(fileURLToPath(import.meta.url));
  const src = resolve(here, '..');
  let version = 'unknown';
  let root: string | undefined;
  for (const candidate of [resolve(src, '..'), resolve(src, '..', '..')]) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8'));
      if (isRecord(pkg) && pkg['name'] === 'owc' && typeof pkg['version'] === 'string') {
        version = pkg['version'];
        root = candidate;
        break;
      }
    } catch {
      // try the next candidate
    }
  }
  const code = [...folderTexts(src, 'src/'), ...folderTexts(resolve(src, '..', 'generators'), 'generators/')];
  // The manifest schemas the checker validates against.
  if (root !== undefined) code.push(...folderTexts(join(root, 'schemas'), 'schemas/'));
  saltMemo = jsonHash([cacheFormat, version, ...code]);
  return saltMemo;
}

/** The text of the regular file at `path` (not a link, not a folder); undefined when there is none or it cannot be read. */
export function readRegularFile(path: string): string | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The build cache of one output folder: entries read at the start of a build, entries recorded during it. */
export class BuildCache {
  private readonly recorded = new Map<string, CacheEntry>();

  private constructor(
    /** The output folder (absolute). */
    readonly outDir: string,
    private readonly salt: string,
    private readonly previous: ReadonlyMap<string, CacheEntry>,
    /** The cache file's text as read, so an unchanged cache is not written again. */
    private readonly loadedText: string | undefined,
  ) {}

  /** Reads the cache of `outDir`; anything missing, foreign or damaged gives an empty cache. */
  static load(outDir: string, salt: string = buildCacheSalt()): BuildCache {
    const out = resolve(outDir);
    const text = readRegularFile(join(out, buildCachePath));
    return new BuildCache(out, salt, text === undefined ? new Map() : readEntries(text, salt), text);
  }

  /** An empty cache for `outDir` that ignores what is stored there (a forced full build that still records). */
  static empty(outDir: string, salt: string = buildCacheSalt()): BuildCache {
    return new BuildCache(resolve(outDir), salt, new Map(), undefined);
  }

  /** How many entries were read from the folder. */
  get loadedEntries(): number {
    return this.previous.size;
  }

  /**
   * The entry for `key` when every one of its files is still in the output
   * folder, a regular file with the recorded content: the same size and
   * modification time as when it was written, or else the same hash. A hit is
   * recorded again, so it survives into the next cache file.
   */
  lookup(key: string): CacheHit | undefined {
    const entry = this.previous.get(key);
    if (entry === undefined) return undefined;
    const files: VerifiedFile[] = [];
    for (const file of entry.files) {
      const full = join(this.outDir, file.path);
      let stat;
      try {
        stat = lstatSync(full);
      } catch {
        return undefined;
      }
      if (!stat.isFile()) return undefined;
      if (stat.size === file.size && stat.mtimeMs === file.mtimeMs) {
        files.push(new VerifiedFile(full, file));
        continue;
      }
      const text = readRegularFile(full);
      if (text === undefined || contentHash(text) !== file.hash) return undefined;
      // Same text, other time (touched or copied): record the new stamp.
      files.push(new VerifiedFile(full, { path: file.path, hash: file.hash }, text));
    }
    this.recorded.set(key, { ...entry, files: files.map((f) => f.cached) });
    return { files, data: entry.data, diagnostics: entry.diagnostics };
  }

  /** Keeps every entry read from the folder in the next cache file (a build answered whole from the cache used them all). */
  retainAll(): void {
    for (const [key, entry] of this.previous) if (!this.recorded.has(key)) this.recorded.set(key, entry);
  }

  /** Records what the step `key` produced (paths relative to the output folder); verified files keep their record. */
  record(key: string, files: readonly { readonly path: string; readonly text: string }[], data: JsonValue, diagnostics: readonly Diagnostic[]): void {
    const cached = files.map((f) => (f instanceof VerifiedFile ? f.cached : { path: f.path, hash: this.hashOf(f.path, f.text) }));
    this.recorded.set(key, { files: cached, data, diagnostics });
  }

  private readonly hashes = new Map<string, { readonly text: string; readonly hash: string }>();

  /** The hash of a file's text, computed once per path and text. */
  private hashOf(path: string, text: string): string {
    const known = this.hashes.get(path);
    if (known !== undefined && known.text === text) return known.hash;
    const hash = contentHash(text);
    this.hashes.set(path, { text, hash });
    return hash;
  }

  /** Adds the size and modification time of files written since they were recorded. */
  private stamped(entry: CacheEntry): CacheEntry {
    if (entry.files.every((f) => f.size !== undefined && f.mtimeMs !== undefined)) return entry;
    const files = entry.files.map((f) => {
      if (f.size !== undefined && f.mtimeMs !== undefined) return f;
      try {
        const stat = lstatSync(join(this.outDir, f.path));
        return stat.isFile() ? { path: f.path, hash: f.hash, size: stat.size, mtimeMs: stat.mtimeMs } : f;
      } catch {
        return f;
      }
    });
    return { ...entry, files };
  }

  /** The cache file's text: a checksum line, then the JSON body. */
  serialize(): string {
    const entries: { [key: string]: CacheEntry } = {};
    for (const key of [...this.recorded.keys()].sort()) entries[key] = this.stamped(this.recorded.get(key)!);
    const body = JSON.stringify({ format: cacheFormat, salt: this.salt, entries });
    return `${contentHash(body)}\n${body}\n`;
  }

  /**
   * Writes the cache file (to a temporary name first, then renamed, so a crash
   * never leaves half a file), once the recorded files are in the folder: their
   * size and time are taken now. Returns false when it could not.
   */
  save(): boolean {
    const text = this.serialize();
    return text === this.loadedText || writeFileAtomically(join(this.outDir, buildCachePath), text);
  }
}

function readEntries(text: string, salt: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  const newline = text.indexOf('\n');
  if (newline < 0 || !text.endsWith('\n')) return entries;
  const body = text.slice(newline + 1, -1);
  if (text.slice(0, newline) !== contentHash(body)) return entries;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return entries;
  }
  if (!isRecord(data) || data['format'] !== cacheFormat || data['salt'] !== salt || !isRecord(data['entries'])) return entries;
  for (const [key, value] of Object.entries(data['entries'])) {
    if (!isEntry(value)) return new Map();
    entries.set(key, value);
  }
  return entries;
}
