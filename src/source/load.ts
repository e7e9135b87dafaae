/**
 * Loading: files and folders → parsed documents with positions → recognised
 * manifests. Bad input becomes diagnostics; only a path that does not exist
 * is a usage error (the CLI exits 2 for it).
 */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { sourceMessages as M } from '../diagnostics/catalog/source.js';
import type { MapNode, ValueNode } from './nodes.js';
import { readPlainJson } from './fast-json.js';
import { readPlainYaml } from './fast-yaml.js';
import { recogniseManifest, type ManifestForm } from './recognise.js';
import { SourceFile } from './span.js';
import { documentToNodes } from './yaml-to-nodes.js';
import { decodeLoaded } from './node-codec.js';

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

/** A file found under the given paths, before it is read. */
export interface InputFile {
  readonly abs: string;
  /** The path diagnostics show (see displayPath). */
  readonly shown: string;
  /** Named on the command line rather than found in a folder. */
  readonly explicit: boolean;
}

/** What `paths` name: the distinct files to load in order, paths that do not exist, and folders without manifests. */
export interface CollectedInputs {
  readonly inputs: readonly InputFile[];
  readonly missing: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Finds every file `paths` name (files as given, folders searched recursively), without reading them. */
export async function collectInputs(paths: readonly string[], options: LoadOptions = {}): Promise<CollectedInputs> {
  const cwd = options.cwd ?? process.cwd();
  const missing: string[] = [];
  const bag = new DiagnosticBag();
  const inputs: InputFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    inputs.push({ abs, shown: displayPath(abs, cwd), explicit });
  };
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
      for (const f of found) add(f, false);
    } else {
      add(abs, true);
    }
  }
  return { inputs, missing, diagnostics: bag.all };
}

/**
 * Reads one input as text (a leading BOM removed); a message instead when it
 * cannot be read or is binary. Synchronous: for thousands of small files it is
 * several times faster than the promise API.
 */
export function readInput(abs: string): { text: string } | { error: string } {
  try {
    const buffer = readFileSync(abs);
    if (buffer.includes(0)) throw new Error('it is a binary file');
    let text = buffer.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * An input after reading: its text, or why it could not be read. `encoded` is
 * what loading this very text produced before, in the form of node-codec.ts
 * (from a cache); it is used instead of parsing when it decodes.
 */
export type ReadInput = InputFile & ({ readonly text: string; readonly encoded?: unknown } | { readonly error: string });

/** Loads inputs already read, in order: parse errors and unreadable files become diagnostics. */
export function loadInputs(read: readonly ReadInput[]): { files: SourceFile[]; manifests: LoadedManifest[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const files: SourceFile[] = [];
  const manifests: LoadedManifest[] = [];
  for (const input of read) {
    if ('error' in input) {
      bag.report(M.ReadFailed, new SourceFile(input.shown, '').span(0), { path: input.shown, detail: input.error });
      continue;
    }
    const result = (input.encoded === undefined ? undefined : decodeText(input.shown, input.text, input.encoded)) ?? loadText(input.shown, input.text, { explicit: input.explicit });
    files.push(result.file);
    for (const m of result.manifests) manifests.push(m);
    bag.addAll(result.diagnostics);
  }
  return { files, manifests, diagnostics: [...bag.all] };
}

type Decoded = { readonly file: SourceFile; readonly manifests: readonly LoadedManifest[]; readonly diagnostics: readonly Diagnostic[] };

/**
 * Stored load results decoded before, by the stored data: a long-lived
 * process that keeps the data (`owc daemon`) gets the same manifests back, so
 * lowering them is not repeated either (lower/index.ts).
 */
const decodedBefore = new WeakMap<object, Decoded>();

function decodeText(shown: string, text: string, encoded: unknown): Decoded | undefined {
  const known = typeof encoded === 'object' && encoded !== null ? decodedBefore.get(encoded) : undefined;
  if (known !== undefined && known.file.path === shown && known.file.text === text) return known;
  const file = new SourceFile(shown, text);
  const decoded = decodeLoaded(file, encoded);
  if (decoded === undefined) return undefined;
  const result = { file, ...decoded };
  if (typeof encoded === 'object' && encoded !== null) decodedBefore.set(encoded, result);
  return result;
}

/** Loads every manifest reachable from `paths` (files, or folders searched recursively). */
export async function loadPaths(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const collected = await collectInputs(paths, options);
  const read: ReadInput[] = [];
  for (const input of collected.inputs) read.push({ ...input, ...readInput(input.abs) });
  const loaded = loadInputs(read);
  const bag = new DiagnosticBag();
  bag.addAll(collected.diagnostics);
  bag.addAll(loaded.diagnostics);
  return { files: loaded.files, manifests: loaded.manifests, diagnostics: bag.all, missing: collected.missing };
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
  // Most manifests are plain block YAML or JSON: the fast readers take those; anything else goes to the yaml package.
  const plain = language === 'YAML' ? readPlainYaml(file) : readPlainJson(file);
  if (plain !== undefined) {
    addDocument(file, plain, 0, true, options.explicit !== false, manifests, bag);
    return { file, manifests, diagnostics: bag.all };
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
    addDocument(file, documentToNodes(file, doc, bag), documentIndex, docList.length === 1, options.explicit !== false, manifests, bag);
  });
  return { file, manifests, diagnostics: bag.all };
}

/** Recognises one document's root as a manifest (adding it to `manifests`) or reports why it is not one. */
function addDocument(file: SourceFile, root: ValueNode | undefined, documentIndex: number, onlyDocument: boolean, explicit: boolean, manifests: LoadedManifest[], bag: DiagnosticBag): void {
  if (root === undefined) {
    if (onlyDocument && explicit) bag.report(M.EmptyFile, file.span(0));
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
  if (explicit || recognition.looksLikeManifest) {
    const at = root.kind === 'map' && root.entries[0] ? root.entries[0].keyNode.span : file.span(root.span.start, root.span.start + 1);
    bag.report(M.NotAManifest, at, { detail: recognition.detail });
  }
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
