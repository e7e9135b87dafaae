/** Test helpers: load a manifest from text and validate it, with positions as line:column. */
import { loadText, type LoadedManifest } from '../../src/source/load.js';
import { validateManifest } from '../../src/schema/index.js';

export interface Found {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly hint: string | undefined;
  /** `line:column` of the start of the span. */
  readonly at: string;
}

/** The single manifest in `text`; fails when the text does not load as exactly one manifest. */
export function loadOne(text: string, path = 'manifest.yaml'): LoadedManifest {
  const loaded = loadText(path, text);
  if (loaded.diagnostics.length > 0 || loaded.manifests.length !== 1) {
    throw new Error(`test manifest did not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return loaded.manifests[0]!;
}

/** Schema diagnostics of the single manifest in `text`. */
export function validateText(text: string, path = 'manifest.yaml'): Found[] {
  const manifest = loadOne(text, path);
  return validateManifest(manifest).map((d) => {
    const p = manifest.file.position(d.span.start);
    return { code: d.code, severity: d.severity, message: d.message, hint: d.hint, at: `${p.line}:${p.column}` };
  });
}

/** Dedents a template literal so manifests can be written inline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
