/**
 * `owc build` in memory: the program → every file of the output folder, as
 * text, with the diagnostics of code generation. Nothing is written here
 * (see ./write.ts). Output is deterministic: connectors are ordered by
 * reference, file names come from a scope, and no file holds a timestamp or
 * an absolute path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { generateConnectorModule } from '../../generators/connector/connector-module.js';
import { generateIndexModule, type IndexEntry } from '../../generators/connector/index-module.js';
import { connectorFileBase, connectorNamespaceName, connectorRef } from '../../generators/connector/names.js';
import { generatedHeader } from '../../generators/common/header.js';
import { formatJavaScript, formatTypeScript } from '../../generators/common/format.js';
import { NameScope } from '../../generators/common/naming.js';
import { supportModuleDts, supportModuleJs, supportModulePath } from '../../generators/common/validator-support.js';
import { buildMessages } from '../diagnostics/catalog/build.js';
import { createDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConnectorIR, Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import { displayPath } from '../source/load.js';
import { packageModeProblems } from './runtime-resolution.js';
import { owcPackageRoot, runtimeEntryPath } from './package-root.js';
import { generatedTsconfig } from './tsconfig.js';

/** `package`: modules import `owc/runtime`; `copy`: the runtime is copied to `OUT/runtime/` and imported relatively. */
export type RuntimeMode = 'package' | 'copy';

export interface BuildOptions {
  /** The output folder (used to name nothing in the files; kept for the writer and future relative paths). */
  readonly outDir: string;
  readonly runtime: RuntimeMode;
  /** Base for the manifest paths written into file headers; default the working directory. */
  readonly cwd?: string;
}

/** One file of the output folder; `path` is relative to it, with `/` separators. */
export interface BuildFile {
  readonly path: string;
  readonly text: string;
}

export interface BuildResult {
  readonly files: readonly BuildFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The folder generated connector modules go into. */
export const connectorsDir = 'connectors';
/** The folder `--runtime copy` puts the runtime library into. */
export const runtimeDir = 'runtime';

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The manifest path for a header: relative to `cwd` when the file is under it, `/`-separated. */
function headerPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return toPosix(file);
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? toPosix(file.split(sep).slice(-2).join(sep)) : toPosix(rel);
}

function compareConnectors(a: ConnectorIR, b: ConnectorIR): number {
  const ka = `${connectorRef(a)}\u0000${a.origin.file.path}\u0000${a.origin.span.start}`;
  const kb = `${connectorRef(b)}\u0000${b.origin.file.path}\u0000${b.origin.span.start}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Every `.js` and `.d.ts` file under `dir`, relative and sorted. */
function runtimeFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub === '' ? name : `${sub}/${name}`;
      if (statSync(join(dir, rel)).isDirectory()) visit(rel);
      else if (name.endsWith('.js') || name.endsWith('.d.ts')) out.push(rel);
    }
  };
  visit('');
  return out;
}

/** The compiled runtime as build files under `runtime/`, plus the entry's specifier from a connector module. */
function copiedRuntime(): { files: BuildFile[]; entry: string } | { missing: string } {
  const root = owcPackageRoot();
  if (root === undefined) return { missing: 'the owc installation' };
  const entry = runtimeEntryPath(root);
  const entryDir = dirname(entry);
  try {
    readFileSync(entry, 'utf8');
  } catch {
    return { missing: toPosix(relative(process.cwd(), entry)) };
  }
  const files = runtimeFiles(entryDir).map((rel) => ({ path: `${runtimeDir}/${rel}`, text: readFileSync(join(entryDir, rel), 'utf8') }));
  return { files, entry: `../${runtimeDir}/${toPosix(relative(entryDir, entry))}` };
}

/**
 * Generates the output folder of `owc build` (DESIGN.md §8, §9): one module per
 * connector under `connectors/` with its validators, the validation support
 * module, an `index.ts`, a strict `tsconfig.json` and, with `runtime: 'copy'`,
 * the runtime library under `runtime/`. Files come back sorted by path.
 */
export async function buildProgram(program: Program, _bindings: Bindings, options: BuildOptions): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const files: BuildFile[] = [];

  let runtimeSpecifier = 'owc/runtime';
  if (options.runtime === 'package') {
    const problems = packageModeProblems(options.outDir);
    const shown = displayPath(options.outDir, cwd);
    const span = { file: shown, start: 0, end: 0 };
    if (problems.runtimeUnresolvable) diagnostics.push(createDiagnostic(buildMessages.RuntimeNotResolvable, span, { path: shown }));
    if (problems.notModulePackage) diagnostics.push(createDiagnostic(buildMessages.NotModulePackage, span, { path: shown }));
  }
  if (options.runtime === 'copy') {
    const copied = copiedRuntime();
    if ('missing' in copied) {
      const span = { file: copied.missing, start: 0, end: 0 };
      diagnostics.push(createDiagnostic(buildMessages.RuntimeNotBuilt, span, { path: copied.missing }));
    } else {
      files.push(...copied.files);
      runtimeSpecifier = copied.entry;
      // Without owc around, the folder declares its own module format.
      files.push({ path: 'package.json', text: `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n` });
    }
  }

  const fileScope = new NameScope();
  const indexEntries: IndexEntry[] = [];
  let usesSupport = false;
  for (const connector of [...program.connectors].sort(compareConnectors)) {
    const fileBase = fileScope.unique(connectorFileBase(connector));
    const module = await generateConnectorModule(connector, {
      fileBase,
      runtimeSpecifier,
      supportSpecifier: `../${supportModulePath}.js`,
      sourcePath: headerPath(connector.origin.file.path, cwd),
    });
    diagnostics.push(...module.diagnostics);
    if (module.files.length === 0) continue;
    usesSupport ||= module.usesSupport;
    for (const f of module.files) files.push({ path: `${connectorsDir}/${f.path}`, text: f.text });
    indexEntries.push({
      specifier: `./${connectorsDir}/${fileBase}.js`,
      namespaceName: connectorNamespaceName(connector),
      names: [
        { name: module.exports.factory, isTypeOnly: false },
        { name: module.exports.client, isTypeOnly: true },
        { name: module.exports.descriptor, isTypeOnly: false },
      ],
    });
  }

  if (usesSupport) {
    const header = generatedHeader(undefined);
    files.push({ path: `${supportModulePath}.js`, text: await formatJavaScript(header + supportModuleJs) });
    files.push({ path: `${supportModulePath}.d.ts`, text: await formatTypeScript(header + supportModuleDts) });
  }
  files.push({ path: 'index.ts', text: await generateIndexModule(indexEntries) });
  files.push({ path: 'tsconfig.json', text: await generatedTsconfig() });

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}
