/**
 * `owc.lock`: what each reference resolved to, so builds are reproducible.
 *
 * The file is deterministic — keys sorted at every level, two-space JSON with
 * a trailing newline, no timestamps — so it diffs cleanly and two runs over
 * the same inputs write the same bytes. Each entry maps a reference as
 * written (`connector:community/weather@^1.0`, or `connector:slack` for a
 * legacy bare name) to the resource it bound, the manifest file (relative to
 * the lock file's folder) and the sha256 of that file's text.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveMessages as M } from '../diagnostics/catalog/resolve.js';
import { SourceFile } from '../source/span.js';

export const lockFileName = 'owc.lock';

export interface LockEntry {
  /** The bound resource: `connector:community/weather@1.0.0` (or `workflow:etl` when it has no namespace and version). */
  readonly resolved: string;
  /** The manifest file, relative to the lock file's folder, with forward slashes. */
  readonly file: string;
  /** sha256 (hex) of the manifest file's text. */
  readonly sha256: string;
}

export interface LockFile {
  readonly lockfileVersion: 1;
  /** Reference as written → what it resolved to. */
  readonly references: Readonly<Record<string, LockEntry>>;
}

/** A lock with no entries. */
export function emptyLockFile(): LockFile {
  return { lockfileVersion: 1, references: {} };
}

/** The sha256 (hex) of a manifest's text, as recorded in the lock. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads a lock file. Bad JSON or an unexpected shape is a diagnostic (the
 * lock is then ignored), never an exception. `file` is the lock's source, for
 * printing those diagnostics.
 */
export function parseLockFile(text: string, filePath: string): { lock?: LockFile; diagnostics: Diagnostic[]; file: SourceFile } {
  const file = new SourceFile(filePath, text);
  const problem = (detail: string, at?: string): { diagnostics: Diagnostic[]; file: SourceFile } => {
    const found = at === undefined ? -1 : text.indexOf(JSON.stringify(at));
    const span = found === -1 ? file.span(0, Math.min(1, text.length)) : file.span(found, found + JSON.stringify(at).length);
    return { diagnostics: [createDiagnostic(M.LockSyntax, span, { detail })], file };
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Math.min(Number(position[1]), text.length) : 0;
    return { diagnostics: [createDiagnostic(M.LockSyntax, file.span(offset, Math.min(offset + 1, text.length)), { detail: firstLine(message) })], file };
  }
  if (!isRecord(data)) return problem('the top level is not a JSON object');
  if (data['lockfileVersion'] !== 1) return problem(`unsupported lockfileVersion ${JSON.stringify(data['lockfileVersion'] ?? null)} (owc writes 1)`, 'lockfileVersion');
  const references = data['references'];
  if (!isRecord(references)) return problem("'references' is not an object", 'references');
  const entries: Array<[string, LockEntry]> = [];
  for (const [key, value] of Object.entries(references)) {
    if (!isRecord(value)) return problem(`the entry for '${key}' is not an object`, key);
    const { resolved, file: manifest, sha256 } = value;
    if (typeof resolved !== 'string' || typeof manifest !== 'string' || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      return problem(`the entry for '${key}' needs string fields 'resolved', 'file' and a hex 'sha256'`, key);
    }
    entries.push([key, { resolved, file: manifest, sha256 }]);
  }
  return { lock: { lockfileVersion: 1, references: Object.fromEntries(entries) }, diagnostics: [], file };
}

/** The lock's text: sorted keys, two-space indentation, trailing newline. */
export function serializeLockFile(lock: LockFile): string {
  const references = Object.keys(lock.references)
    .sort(compareStrings)
    .map((key): [string, LockEntry] => {
      const e = lock.references[key]!;
      return [key, { file: e.file, resolved: e.resolved, sha256: e.sha256 }];
    });
  return `${JSON.stringify({ lockfileVersion: lock.lockfileVersion, references: Object.fromEntries(references) }, null, 2)}\n`;
}

/** Writes `owc.lock` into `dir`; returns the path written. */
export async function writeLockFile(dir: string, lock: LockFile): Promise<string> {
  const target = path.join(dir, lockFileName);
  await writeFile(target, serializeLockFile(lock), 'utf8');
  return target;
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\.$/, '');
}
