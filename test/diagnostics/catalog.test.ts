import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMessages, catalogs } from '../../src/diagnostics/catalog/index.js';
import { renderDiagnosticsDoc } from '../../src/diagnostics/docs.js';

describe('message catalog', () => {
  it('gives every message a unique, well-formed code', () => {
    const codes = allMessages().map((m) => m.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^OWC[1-9]\d{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps each stage inside one code range', () => {
    for (const catalog of catalogs) {
      const ranges = new Set(Object.values(catalog.messages).map((m) => m.code.slice(0, 4)));
      expect([...ranges], catalog.stage).toHaveLength(1);
    }
  });

  it('documents every message', () => {
    for (const m of allMessages()) {
      expect(m.doc.length, m.code).toBeGreaterThan(20);
      expect(m.message, m.code).not.toMatch(/must have required property|must NOT have/);
    }
  });

  it('has docs/diagnostics.md up to date (npm run docs:codes)', () => {
    const onDisk = readFileSync(new URL('../../docs/diagnostics.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderDiagnosticsDoc());
  });
});
