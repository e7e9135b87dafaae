/** Build diagnostics (OWC8xxx): what stops a build and what only warns. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPaths, repoRoot } from './helpers.js';

function summary(diagnostics: readonly { code: string; severity: string; message: string; span: { file: string } }[]) {
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, file: d.span.file }));
}

describe('build diagnostics', () => {
  it('warns about lambda/custom handlers and still generates a client that requires the implementation', async () => {
    const result = await buildPaths(['test/build/fixtures/lambda.yaml']);
    expect(summary(result.diagnostics)).toEqual([
      {
        code: 'OWC8001',
        severity: 'warning',
        message:
          "action 'make-thumbnail' has a lambda handler, which owc cannot call itself; the generated client requires an implementation in options.actions.make-thumbnail",
        file: 'test/build/fixtures/lambda.yaml',
      },
    ]);
    const module = result.files.find((f) => f.path === 'connectors/fixtures-thumbnails-v0_3_0.ts')?.text ?? '';
    expect(module).toContain("readonly 'make-thumbnail': ActionFunction;");
    expect(module).toContain('export function createThumbnailsClient(options: ThumbnailsClientOptions): ThumbnailsClient {');
  });

  it('reports schemas that cannot be compiled, unchecked formats and missing handlers, and emits no module', async () => {
    const result = await buildPaths(['test/build/fixtures/invalid-schema.yaml']);
    expect(summary(result.diagnostics).map((d) => [d.code, d.severity, d.message])).toEqual([
      ['OWC8002', 'error', "the input schema of action 'echo' cannot be compiled to a validator: Invalid regular expression: /((/u: Unterminated group"],
      ['OWC8003', 'warning', "format 'isbn' in the input schema of action 'echo' is not validated"],
      ['OWC8004', 'error', "action 'nothing' has no handler, so the generated client could not call it"],
    ]);
    expect(result.files.some((f) => f.path.startsWith('connectors/'))).toBe(false);
  });

  it('points at the schema in the manifest', async () => {
    const result = await buildPaths(['test/build/fixtures/invalid-schema.yaml']);
    const invalid = result.diagnostics.find((d) => d.code === 'OWC8002');
    const text = readFileSync(join(repoRoot, 'test/build/fixtures/invalid-schema.yaml'), 'utf8');
    expect(text.slice(invalid?.span.start, invalid?.span.start === undefined ? 0 : invalid.span.start + 12)).toBe('type: object');
  });

  it('lets mcp-server actions omit the handler', async () => {
    const result = await buildPaths(['test/build/fixtures/mcp.yaml']);
    expect(result.diagnostics).toEqual([]);
    const module = result.files.find((f) => f.path === 'connectors/fixtures-files-v1_0_0.ts')?.text ?? '';
    expect(module).toContain("mcp: { transport: 'stdio', command: 'node', args: ['server.js'] }");
  });
});
