/**
 * Writing a build to disk. Refuses when the build has errors (DESIGN.md §8).
 * Touches nothing outside the output folder, never replaces a file owc did
 * not generate, and removes only files its own previous build listed in
 * `.owc-build.json` (so stale modules of renamed connectors go away).
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isGeneratedText } from '../../generators/common/header.js';
import { isSafeRelative, readRegularFile } from '../cache/build-cache.js';
import { buildMessages } from '../diagnostics/catalog/build.js';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { runtimeDir, type BuildFile, type BuildResult } from './build-program.js';

/** The list of files the last build wrote, relative to the output folder. */
export const buildManifestName = '.owc-build.json';

export interface WriteResult {
  /** True when nothing was written because the build (or the folder) has errors. */
  readonly refused: boolean;
  /** Files written or already up to date, relative to the output folder. */
  readonly written: readonly string[];
  /** Files of the previous build that this build no longer produces, removed. */
  readonly removed: readonly string[];
  /** Problems with the output folder (OWC8007, OWC8008); their span's file is the path concerned. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The files the previous build listed in `.owc-build.json`, and the list's text as read (undefined when it could not be read). */
function previousFiles(outDir: string): { files: Set<string>; text: string | undefined } {
  let text: string;
  try {
    text = readFileSync(join(outDir, buildManifestName), 'utf8');
  } catch {
    return { files: new Set(), text: undefined };
  }
  try {
    const data: unknown = JSON.parse(text);
    const files = typeof data === 'object' && data !== null && 'files' in data ? data.files : undefined;
    return { files: new Set(Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && isSafeRelative(f)) : []), text };
  } catch {
    return { files: new Set(), text };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `path` (which exists) resolves inside `root` (both real paths). */
function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** Writes `result` into `outDir` (created if needed), unless the build has errors; see the file comment. */
export function writeBuild(outDir: string, result: BuildResult): WriteResult {
  if (result.diagnostics.some((d) => d.severity === 'error')) return { refused: true, written: [], removed: [], diagnostics: [] };
  const out = resolve(outDir);
  const problems: Diagnostic[] = [];
  const problem = (def: typeof buildMessages.WriteFailed | typeof buildMessages.WouldOverwrite, path: string, detail = ''): void => {
    problems.push(createDiagnostic(def, { file: path, start: 0, end: 0 }, { path, detail }));
  };
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    problem(buildMessages.WriteFailed, out, message(error));
    return { refused: true, written: [], removed: [], diagnostics: problems };
  }
  const realOut = realpathSync(out);
  const { files: previous, text: previousManifest } = previousFiles(out);
  // Files the build cache verified in this very folder need neither checking nor writing.
  const sameFolder = result.cache !== undefined && result.cache.outDir === out;
  const skip = (file: BuildFile): boolean => sameFolder && file.unchanged === true;

  // Check everything first: a refused build writes nothing at all. Targets that already hold their text are not written again.
  const upToDate = new Set<string>();
  for (const file of result.files) {
    const target = join(out, file.path);
    if (skip(file) && isSafeRelative(file.path)) continue;
    if (!isSafeRelative(file.path)) {
      problem(buildMessages.WriteFailed, target, 'the path leaves the output folder');
      continue;
    }
    if (!existsSync(target) && !isSymlink(target)) continue;
    if (isSymlink(target)) {
      problem(buildMessages.WouldOverwrite, target);
      continue;
    }
    const existing = readRegularFile(target);
    if (existing === undefined) problem(buildMessages.WriteFailed, target, 'it is not a regular file');
    else if (existing !== file.text && !ownedByOwc(file.path, existing, previous)) problem(buildMessages.WouldOverwrite, target);
    else if (existing === file.text) upToDate.add(file.path);
  }
  if (problems.length > 0) return { refused: true, written: [], removed: [], diagnostics: problems };

  const written: string[] = [];
  for (const file of result.files) {
    const target = join(out, file.path);
    if (skip(file)) {
      written.push(file.path);
      continue;
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      if (!inside(realOut, realpathSync(dirname(target)))) {
        problem(buildMessages.WriteFailed, target, 'its folder resolves outside the output folder');
        continue;
      }
      if (!upToDate.has(file.path)) writeFileSync(target, file.text);
      written.push(file.path);
    } catch (error) {
      problem(buildMessages.WriteFailed, target, message(error));
    }
  }

  const produced = new Set(result.files.map((f) => f.path));
  const removed: string[] = [];
  for (const path of [...previous].sort()) {
    if (produced.has(path)) continue;
    const target = join(out, path);
    try {
      const existing = readRegularFile(target);
      if (existing === undefined || !inside(realOut, realpathSync(dirname(target)))) continue;
      if (!ownedByOwc(path, existing, previous)) continue;
      rmSync(target);
      removed.push(path);
    } catch (error) {
      problem(buildMessages.WriteFailed, target, message(error));
    }
  }
  try {
    const manifest = `${JSON.stringify({ generatedBy: 'owc', files: [...produced].sort() }, null, 2)}\n`;
    if (previousManifest !== manifest) writeFileSync(join(out, buildManifestName), manifest);
  } catch (error) {
    problem(buildMessages.WriteFailed, join(out, buildManifestName), message(error));
  }
  // A cache that cannot be saved only makes the next build slower.
  if (sameFolder && problems.length === 0) result.cache?.save();
  return { refused: false, written, removed, diagnostics: problems };
}

/**
 * Whether owc may replace or remove an existing file: it carries the generated
 * header, or it is one of the header-less files (the copied runtime,
 * package.json) that owc's previous build wrote at that path. An edited
 * generated file whose header was removed is the user's now.
 */
function ownedByOwc(path: string, existing: string, previous: ReadonlySet<string>): boolean {
  if (isGeneratedText(existing)) return true;
  const headerless = path.startsWith(`${runtimeDir}/`) || path === 'package.json';
  return headerless && previous.has(path);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
