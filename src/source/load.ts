/**
 * Loading: files and folders → parsed documents with positions → recognised
 * manifests. Bad input becomes diagnostics; only a path that does not exist
 * is a usage error (the CLI exits 2 for it).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { sourceMessages as M } from '../diagnostics/catalog/source.js';
import type { MapNode } from './nodes.js';
import { recogniseManifest, type ManifestForm } from './recognise.js';
import { SourceFile } from './span.js';
import { documentToNodes } from './yaml-to-nodes.js';

export interface LoadedManifest {
  readonly file: SourceFile;
  /** Index of the YAML document within its file (0 unless the file uses `---`). */
  readonly documentIndex: number;
  readonly root: MapNode;
  readonly form: ManifestForm;
}

export interface LoadResult {
  readonly files: readonly SourceFile[];
  readonly manifests: readonly LoadedManifest[];
  readonly diagnostics: readonly Diagnostic[];
  /** Paths that could not be found or read as files/folders (usage errors, exit 2). */
  readonly missing: readonly string[];
}

const manifestExtensions = new Set(['.yaml', '.yml', '.json']);
const skippedDirs = new Set(['node_modules', '.git', 'dist']);
const skippedFiles = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'owc.lock']);

export interface LoadOptions {
  /** Paths in diagnostics are shown relative to this folder. Default: process.cwd(). */
  readonly cwd?: string;
}

/** Loads every manifest reachable from `paths` (files, or folders searched recursively). */
export async function loadPaths(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const missing: string[] = [];
  const bag = new DiagnosticBag();
  const candidates: Array<{ abs: string; explicit: boolean }> = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let info;
    try {
      info = await stat(abs);
    } catch {
      missing.push(given);
      continue;
    }
    if (info.isDirectory()) {
      const found = await findManifestFiles(abs);
      if (found.length === 0) bag.report(M.NoManifests, new SourceFile(displayPath(abs, cwd), '').span(0), { path: displayPath(abs, cwd) });
      for (const f of found) candidates.push({ abs: f, explicit: false });
    } else {
      candidates.push({ abs, explicit: true });
    }
  }
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  const manifests: LoadedManifest[] = [];
  for (const { abs, explicit } of candidates) {
    if (seen.has(abs)) continue;
    seen.add(abs);
    const shown = displayPath(abs, cwd);
    let text: string;
    try {
      const buffer = await readFile(abs);
      if (buffer.includes(0)) throw new Error('it is a binary file');
      text = buffer.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } catch (error) {
      bag.report(M.ReadFailed, new SourceFile(shown, '').span(0), { path: shown, detail: (error as Error).message });
      continue;
    }
    const result = loadText(shown, text, { explicit });
    files.push(result.file);
    manifests.push(...result.manifests);
    bag.addAll(result.diagnostics);
  }
  return { files, manifests, diagnostics: bag.all, missing };
}

/** Parses one file's text. `explicit` files must be manifests; files found in folders may be other YAML. */
export function loadText(
  filePath: string,
  text: string,
  options: { explicit?: boolean } = {},
): { file: SourceFile; manifests: LoadedManifest[]; diagnostics: readonly Diagnostic[] } {
  const file = new SourceFile(filePath, text);
  const bag = new DiagnosticBag();
  const manifests: LoadedManifest[] = [];
  const language = filePath.endsWith('.json') ? 'JSON' : 'YAML';
  if (text.trim() === '') {
    if (options.explicit !== false) bag.report(M.EmptyFile, file.span(0));
    return { file, manifests, diagnostics: bag.all };
  }
  if (language === 'JSON') {
    // YAML accepts more than JSON (trailing commas, comments, single quotes): hold .json files to JSON.
    const problem = jsonSyntaxError(text);
    if (problem) {
      bag.report(M.YamlSyntax, file.span(problem.offset, Math.min(text.length, problem.offset + 1)), { language, detail: problem.message });
      return { file, manifests, diagnostics: bag.all };
    }
  }
  let documents;
  try {
    documents = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  } catch (error) {
    bag.report(M.YamlSyntax, file.span(0), { language, detail: (error as Error).message });
    return { file, manifests, diagnostics: bag.all };
  }
  const docList = Array.isArray(documents) ? documents : [documents];
  if (docList.length === 0 && options.explicit !== false) bag.report(M.EmptyFile, file.span(0));
  docList.forEach((doc, documentIndex) => {
    let broken = false;
    for (const error of doc.errors) {
      const start = Math.min(error.pos[0], text.length);
      const span = file.span(start, Math.min(text.length, Math.max(error.pos[1], start + 1)));
      if (error.code === 'DUPLICATE_KEY') {
        const key = duplicateKeyText(text, start);
        const keySpan = file.span(start, Math.min(text.length, start + Math.max(1, key.raw.length)));
        bag.report(M.DuplicateKey, keySpan, { key: key.key });
      } else {
        broken = true;
        bag.report(M.YamlSyntax, span, { language, detail: cleanYamlMessage(error.message) });
      }
    }
    for (const warning of doc.warnings) {
      const start = Math.min(warning.pos[0], text.length);
      bag.report(M.YamlWarning, file.span(start, Math.min(text.length, Math.max(warning.pos[1], start))), { detail: cleanYamlMessage(warning.message) });
    }
    if (broken) return;
    const root = documentToNodes(file, doc, bag);
    if (root === undefined) {
      if (docList.length === 1 && options.explicit !== false) bag.report(M.EmptyFile, file.span(0));
      return;
    }
    const recognition = recogniseManifest(root);
    if (recognition.ok) {
      if (root.kind === 'map') manifests.push({ file, documentIndex, root, form: recognition.form });
      return;
    }
    if (recognition.reason === 'quickstart') {
      bag.report(M.QuickstartDialect, recognition.at.span, { feature: recognition.feature, advice: recognition.advice });
      return;
    }
    if (options.explicit !== false || recognition.looksLikeManifest) {
      const at = root.kind === 'map' && root.entries[0] ? root.entries[0].keyNode.span : file.span(root.span.start, root.span.start + 1);
      bag.report(M.NotAManifest, at, { detail: recognition.detail });
    }
  });
  return { file, manifests, diagnostics: bag.all };
}

/** The key at a duplicate-key error: from the error position up to the ':' on that line. */
function duplicateKeyText(text: string, start: number): { key: string; raw: string } {
  const line = text.slice(start).split(/\r?\n/)[0] ?? '';
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(line);
  if (quoted) return { key: quoted[1]!.slice(1, -1), raw: quoted[1]! };
  const raw = line.split(/:(?:\s|$)/)[0]!.trimEnd();
  return { key: raw.trim(), raw };
}

/** The first JSON syntax error, as an offset and a message, using the engine's own parser. */
function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    let offset = at ? Number(at[1]) : text.length;
    if (!at && lineCol) offset = new SourceFile('', text).lineStarts[Number(lineCol[1]) - 1]! + Number(lineCol[2]) - 1;
    const detail = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/s, '').replace(/ at line \d+ column \d+.*$/s, '');
    return { offset: Math.max(0, Math.min(offset, text.length)), message: detail };
  }
}

/** The yaml package appends " at line L, column C" and a code excerpt; we print our own frame. */
function cleanYamlMessage(message: string): string {
  const firstLine = message.split('\n')[0]!;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

async function findManifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(current, e.name);
      if (e.isDirectory()) {
        if (!skippedDirs.has(e.name)) await walk(full);
      } else if (e.isFile() && manifestExtensions.has(path.extname(e.name).toLowerCase()) && !skippedFiles.has(e.name) && !/^tsconfig.*\.json$/.test(e.name)) {
        out.push(full);
      }
    }
  };
  await walk(dir);
  return out;
}

/** Paths in diagnostics: relative to the working directory (forward slashes), absolute when outside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return shown.split(path.sep).join('/');
}
