import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { precompiledKeys, precompiledSource, schemaFingerprint } from '../../src/schema/precompiled.js';
import { schemaEntryFor } from '../../src/schema/index.js';
import { validatorFor } from '../../src/schema/validator.js';
import { loadPaths, loadText } from '../../src/source/load.js';
import { toJSON } from '../../src/source/nodes.js';
import { repoRoot } from '../support/baseline.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

describe('precompiled manifest validators', () => {
  // Inside the repository (tmp/ is ignored), so the generated code resolves ajv's runtime helpers.
  mkdirSync(path.join(repoRoot, 'tmp'), { recursive: true });
  const file = path.join(mkdtempSync(path.join(repoRoot, 'tmp', 'precompiled-')), 'validators.cjs');
  writeFileSync(file, precompiledSource());
  const loaded = createRequire(import.meta.url)(file) as Record<string, unknown>;
  const keys = loaded.keys as string[];

  it('records the fingerprint of the schemas and one validator per entry', () => {
    expect(loaded.fingerprint).toBe(schemaFingerprint());
    expect(keys).toEqual(precompiledKeys());
    expect(keys).toContain('workflow.schema.json#/$defs/blockForm');
    expect(keys).toContain('bundle.schema.json');
    keys.forEach((_, i) => expect(typeof loaded[`v${i}`]).toBe('function'));
  });

  it('accept and reject exactly what the validators compiled at run time do, with the same errors', async () => {
    const examples = await loadPaths([path.join(repoRoot, 'examples')], { cwd: repoRoot });
    const broken = [
      'workflows:\n  - name: w\n    steps:\n      - id: 1\n        action: [x]\n        timeout: -5\n',
      'connector:\n  name: Bad Name\n  kind: nope\nactions:\n  - name: a\n    input: 7\n',
      'agent:\n  name: a\n  model: 3\n',
    ].flatMap((text, i) => loadText(`broken-${i}.yaml`, text).manifests);
    const manifests = [...examples.manifests, ...broken];
    expect(manifests.length).toBeGreaterThan(8);
    let rejected = 0;
    for (const manifest of manifests) {
      const entry = schemaEntryFor(manifest.form);
      const key = entry.file + entry.pointer;
      const index = keys.indexOf(key);
      expect(index).toBeGreaterThanOrEqual(0);
      const json = toJSON(manifest.root);
      const runtime = validatorFor(entry);
      const ahead = loaded[`v${index}`] as Validate;
      const ok = runtime(json);
      expect(ahead(json)).toBe(ok);
      expect(ahead.errors ?? null).toEqual(runtime.errors ?? null);
      if (!ok) rejected++;
    }
    expect(rejected).toBeGreaterThanOrEqual(2);
  });
});
