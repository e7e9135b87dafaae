/** Loads manifests from text, lowers and resolves them, and runs expression checks over them. */
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { Check } from '../../../src/checks/check.js';
import { lowerManifests } from '../../../src/lower/index.js';
import type { Program } from '../../../src/lower/ir.js';
import type { Bindings } from '../../../src/resolve/bindings.js';
import { resolveProgram } from '../../../src/resolve/index.js';
import { loadText, type LoadedManifest } from '../../../src/source/load.js';
import type { SourceFile } from '../../../src/source/span.js';

export interface Checked {
  readonly diagnostics: readonly Diagnostic[];
  /** `CODE line:column message` for each diagnostic, in order. */
  readonly lines: readonly string[];
  /** Diagnostics from loading, lowering and resolving (should be empty in tests). */
  readonly setup: readonly Diagnostic[];
  readonly files: ReadonlyMap<string, SourceFile>;
}

export interface LoadedProgram {
  readonly program: Program;
  readonly bindings: Bindings;
  /** Diagnostics from loading, lowering and resolving (should be empty in tests). */
  readonly setup: readonly Diagnostic[];
  readonly files: ReadonlyMap<string, SourceFile>;
}

/** Loads, lowers and resolves the manifests in `files` (path → text). */
export function loadProgram(files: Readonly<Record<string, string>>): LoadedProgram {
  const manifests: LoadedManifest[] = [];
  const setup: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  for (const [path, text] of Object.entries(files)) {
    const loaded = loadText(path, text);
    sources.set(path, loaded.file);
    manifests.push(...loaded.manifests);
    setup.push(...loaded.diagnostics);
  }
  const lowered = lowerManifests(manifests);
  setup.push(...lowered.diagnostics);
  const empty: Program = { files: [], connectors: [], workflows: [], agents: [], bundles: [] };
  const resolved = resolveProgram(lowered.program, empty);
  setup.push(...resolved.diagnostics);
  return { program: lowered.program, bindings: resolved.bindings, setup, files: sources };
}

/** Runs `checks` over the manifests in `files` (path → text). */
export function runExpressionChecks(files: Readonly<Record<string, string>>, checks: readonly Check[], strict = false): Checked {
  const { program, bindings, setup, files: sources } = loadProgram(files);
  const bag = new DiagnosticBag();
  const context = { program, bindings, options: { strict }, bag };
  for (const check of checks) check.run(context);
  const diagnostics = sortDiagnostics(bag.all);
  const lines = diagnostics.map((d) => {
    const pos = sources.get(d.span.file)?.position(d.span.start);
    return `${d.code} ${pos ? `${pos.line}:${pos.column}` : '?'} ${d.message}`;
  });
  return { diagnostics, lines, setup, files: sources };
}
