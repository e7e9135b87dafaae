/** Writing a build: refuses on errors, never replaces user files, never leaves the output folder. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildManifestName, writeBuild, type BuildResult } from '../../src/build/index.js';
import { generatedHeader } from '../../generators/common/header.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'owc-write-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const header = generatedHeader(undefined);
function result(files: Record<string, string>, diagnostics: Diagnostic[] = []): BuildResult {
  return { files: Object.entries(files).map(([path, text]) => ({ path, text })), diagnostics };
}
const error: Diagnostic = { code: 'OWC8002', severity: 'error', message: 'broken', span: { file: 'a.yaml', start: 0, end: 1 } };

describe('writeBuild', () => {
  it('writes nothing at all when the build has errors', () => {
    const out = join(tempDir(), 'gen');
    const written = writeBuild(out, result({ 'index.ts': `${header}export {};\n` }, [error]));
    expect(written.refused).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the files and a list of them, and rewrites its own files', () => {
    const out = join(tempDir(), 'gen');
    expect(writeBuild(out, result({ 'index.ts': `${header}export {};\n`, 'connectors/a.ts': `${header}export const a = 1;\n` })).refused).toBe(false);
    expect(readFileSync(join(out, 'connectors', 'a.ts'), 'utf8')).toContain('export const a = 1;');
    expect(JSON.parse(readFileSync(join(out, buildManifestName), 'utf8'))).toEqual({ generatedBy: 'owc', files: ['connectors/a.ts', 'index.ts'] });
    const again = writeBuild(out, result({ 'index.ts': `${header}export {};\n`, 'connectors/a.ts': `${header}export const a = 2;\n` }));
    expect(again.refused).toBe(false);
    expect(readFileSync(join(out, 'connectors', 'a.ts'), 'utf8')).toContain('export const a = 2;');
  });

  it('leaves a file that already holds its text untouched, without a cache too', () => {
    const out = tempDir();
    writeBuild(out, result({ 'index.ts': `${header}export {};\n`, 'connectors/a.ts': `${header}1\n` }));
    const old = new Date(2000, 0, 1);
    for (const p of ['index.ts', 'connectors/a.ts']) utimesSync(join(out, p), old, old);
    expect(writeBuild(out, result({ 'index.ts': `${header}export {};\n`, 'connectors/a.ts': `${header}2\n` })).written).toEqual(['index.ts', 'connectors/a.ts']);
    expect(statSync(join(out, 'index.ts')).mtimeMs).toBe(old.getTime());
    expect(statSync(join(out, 'connectors', 'a.ts')).mtimeMs).not.toBe(old.getTime());
  });

  it('refuses to replace a file it did not generate, and then writes nothing', () => {
    const out = tempDir();
    writeFileSync(join(out, 'index.ts'), 'export const mine = true;\n');
    const written = writeBuild(out, result({ 'index.ts': `${header}export {};\n`, 'tsconfig.json': `${header}{}\n` }));
    expect(written.refused).toBe(true);
    expect(written.diagnostics.map((d) => d.code)).toEqual(['OWC8008']);
    expect(readFileSync(join(out, 'index.ts'), 'utf8')).toBe('export const mine = true;\n');
    expect(existsSync(join(out, 'tsconfig.json'))).toBe(false);
  });

  it('removes stale files of its previous build but keeps user files', () => {
    const out = tempDir();
    writeBuild(out, result({ 'connectors/a.ts': `${header}1\n`, 'connectors/b.ts': `${header}2\n`, 'runtime/index.js': 'export {};\n' }));
    writeFileSync(join(out, 'notes.md'), 'mine\n');
    const second = writeBuild(out, result({ 'connectors/a.ts': `${header}1\n` }));
    expect(second.removed).toEqual(['connectors/b.ts', 'runtime/index.js']);
    expect(existsSync(join(out, 'connectors', 'b.ts'))).toBe(false);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine\n');
  });

  it('keeps a listed file the user replaced with their own text', () => {
    const out = tempDir();
    writeBuild(out, result({ 'connectors/b.ts': `${header}2\n` }));
    writeFileSync(join(out, 'connectors', 'b.ts'), 'hand-written\n');
    expect(writeBuild(out, result({})).removed).toEqual([]);
    expect(readFileSync(join(out, 'connectors', 'b.ts'), 'utf8')).toBe('hand-written\n');
  });

  it('never writes outside the output folder', () => {
    const root = tempDir();
    const out = join(root, 'gen');
    const escaped = writeBuild(out, result({ '../evil.ts': `${header}x\n` }));
    expect(escaped.refused).toBe(true);
    expect(escaped.diagnostics.map((d) => d.code)).toEqual(['OWC8007']);
    expect(existsSync(join(root, 'evil.ts'))).toBe(false);

    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(out, { recursive: true });
    symlinkSync(elsewhere, join(out, 'connectors'));
    const linked = writeBuild(out, result({ 'connectors/a.ts': `${header}x\n` }));
    expect(linked.diagnostics.map((d) => d.code)).toEqual(['OWC8007']);
    expect(existsSync(join(elsewhere, 'a.ts'))).toBe(false);
  });
});
