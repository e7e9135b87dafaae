import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/lower/ir.js';
import { resolveProgram } from '../../src/resolve/index.js';
import { emptyLockFile, parseLockFile, serializeLockFile, sha256Hex, writeLockFile, type LockFile } from '../../src/resolve/lockfile.js';
import { connectorYaml, noRegistry, programOf, summary } from './program.js';

const sha = (c: string): string => c.repeat(64);

describe('lock file text', () => {
  const lock: LockFile = {
    lockfileVersion: 1,
    references: {
      'connector:community/weather@^1.0': { resolved: 'connector:community/weather@1.1.0', file: 'reg/weather.yaml', sha256: sha('a') },
      'agent:acme/triage@1.0.0': { resolved: 'agent:acme/triage@1.0.0', file: 'agents/triage.yaml', sha256: sha('b') },
    },
  };

  it('is sorted, indented by two spaces, and ends with a newline', () => {
    expect(serializeLockFile(lock)).toBe(
      [
        '{',
        '  "lockfileVersion": 1,',
        '  "references": {',
        '    "agent:acme/triage@1.0.0": {',
        '      "file": "agents/triage.yaml",',
        '      "resolved": "agent:acme/triage@1.0.0",',
        `      "sha256": "${sha('b')}"`,
        '    },',
        '    "connector:community/weather@^1.0": {',
        '      "file": "reg/weather.yaml",',
        '      "resolved": "connector:community/weather@1.1.0",',
        `      "sha256": "${sha('a')}"`,
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips byte for byte, whatever order the entries were built in', () => {
    const text = serializeLockFile(lock);
    const parsed = parseLockFile(text, 'owc.lock');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.lock).toEqual(lock);
    expect(serializeLockFile(parsed.lock!)).toBe(text);
    const reversed: LockFile = { lockfileVersion: 1, references: Object.fromEntries(Object.entries(lock.references).reverse()) };
    expect(serializeLockFile(reversed)).toBe(text);
    expect(serializeLockFile(emptyLockFile())).toBe('{\n  "lockfileVersion": 1,\n  "references": {}\n}\n');
  });

  it.each([
    ['{ "lockfileVersion": 1, "references": [ }', 'OWC4042'],
    ['[]', 'OWC4042'],
    ['{ "lockfileVersion": 2, "references": {} }', 'OWC4042'],
    ['{ "lockfileVersion": 1, "references": [] }', 'OWC4042'],
    ['{ "lockfileVersion": 1, "references": { "connector:a/b@1": { "resolved": "x", "file": "f" } } }', 'OWC4042'],
    ['', 'OWC4042'],
  ])('reports %j as a diagnostic instead of throwing', (text, code) => {
    const parsed = parseLockFile(text, 'owc.lock');
    expect(parsed.lock).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(parsed.diagnostics[0]!.span.file).toBe('owc.lock');
    expect(parsed.file.text).toBe(text);
  });

  it('points at the offending entry when it can', () => {
    const text = '{\n  "lockfileVersion": 1,\n  "references": { "connector:a/b@1": 3 }\n}\n';
    const [d] = parseLockFile(text, 'owc.lock').diagnostics;
    expect(text.slice(d!.span.start, d!.span.end)).toBe('"connector:a/b@1"');
    expect(d?.message).toBe("the lock file is not valid: the entry for 'connector:a/b@1' is not an object");
  });

  it('is written into a folder as owc.lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'owc-lock-'));
    try {
      const written = await writeLockFile(dir, lock);
      expect(written).toBe(path.join(dir, 'owc.lock'));
      expect(await readFile(written, 'utf8')).toBe(serializeLockFile(lock));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('resolution with a lock', () => {
  const v100 = connectorYaml('community', 'weather', '1.0.0');
  const v110 = connectorYaml('community', 'weather', '1.1.0');
  const registry = programOf({ 'reg/weather-1.0.0.yaml': v100, 'reg/weather-1.1.0.yaml': v110 });
  const program = programOf({
    'w.yaml': 'workflows:\n  - name: w\n    steps:\n      - id: s\n        connector: connector:community/weather@^1.0\n        action: run\n',
  });
  const boundVersion = (result: ReturnType<typeof resolveProgram>): string | undefined => [...result.bindings.connectors.values()][0]?.version?.value;

  it('records every binding with the manifest path and its sha256', () => {
    const result = resolveProgram(program, registry, { cwd: '/project', lockDir: '/project' });
    expect(result.lock).toEqual({
      lockfileVersion: 1,
      references: {
        'connector:community/weather@^1.0': { resolved: 'connector:community/weather@1.1.0', file: 'reg/weather-1.1.0.yaml', sha256: sha256Hex(v110) },
      },
    });
  });

  it('writes paths relative to the lock file folder', () => {
    const result = resolveProgram(program, registry, { cwd: '/project/sub', lockDir: '/project' });
    expect(result.lock.references['connector:community/weather@^1.0']?.file).toBe('sub/reg/weather-1.1.0.yaml');
  });

  it('gives the same lock on every run', () => {
    const first = serializeLockFile(resolveProgram(program, registry, { cwd: '/p' }).lock);
    const second = serializeLockFile(resolveProgram(program, registry, { cwd: '/p', lock: parseLockFile(first, 'owc.lock').lock! }).lock);
    expect(second).toBe(first);
  });

  it('prefers the locked version while it still satisfies the range', () => {
    const lock: LockFile = {
      lockfileVersion: 1,
      references: { 'connector:community/weather@^1.0': { resolved: 'connector:community/weather@1.0.0', file: 'reg/weather-1.0.0.yaml', sha256: sha256Hex(v100) } },
    };
    const result = resolveProgram(program, registry, { lock, cwd: '/p', lockDir: '/p' });
    expect(result.diagnostics).toEqual([]);
    expect(boundVersion(result)).toBe('1.0.0');
    expect(result.lock).toEqual(lock);
  });

  it('detects a locked manifest that changed without a version bump', () => {
    const lock: LockFile = {
      lockfileVersion: 1,
      references: { 'connector:community/weather@^1.0': { resolved: 'connector:community/weather@1.0.0', file: 'reg/weather-1.0.0.yaml', sha256: sha('0') } },
    };
    const result = resolveProgram(program, registry, { lock });
    expect(summary(result.diagnostics)).toEqual(['OWC4040 connector:community/weather@1.0.0 changed since it was locked']);
    expect(result.diagnostics[0]!.hint).toBe("run 'owc lock' to accept the new contents, or publish the change under a new version");
    expect(result.diagnostics[0]!.related?.[0]?.span.file).toBe('reg/weather-1.0.0.yaml');
    expect(boundVersion(result)).toBe('1.0.0');
    expect(result.lock.references['connector:community/weather@^1.0']?.sha256).toBe(sha256Hex(v100));
  });

  it('reports a tampered manifest once even when several references bind it', () => {
    const twice = programOf({
      'w.yaml':
        'workflows:\n  - name: w\n    steps:\n      - id: s\n        connector: connector:community/weather@1.0.0\n        action: run\n      - id: t\n        connector: connector:community/weather@~1.0\n        action: run\n',
    });
    const entry = { resolved: 'connector:community/weather@1.0.0', file: 'reg/weather-1.0.0.yaml', sha256: sha('0') };
    const lock: LockFile = { lockfileVersion: 1, references: { 'connector:community/weather@1.0.0': entry, 'connector:community/weather@~1.0': entry } };
    expect(summary(resolveProgram(twice, registry, { lock }).diagnostics)).toEqual(['OWC4040 connector:community/weather@1.0.0 changed since it was locked']);
  });

  it('warns when the locked version is gone, and binds the best remaining one', () => {
    const lock: LockFile = {
      lockfileVersion: 1,
      references: { 'connector:community/weather@^1.0': { resolved: 'connector:community/weather@1.0.5', file: 'reg/old.yaml', sha256: sha('1') } },
    };
    const result = resolveProgram(program, registry, { lock });
    expect(summary(result.diagnostics)).toEqual([
      "OWC4041 'connector:community/weather@^1.0' was locked to connector:community/weather@1.0.5, which is no longer loaded; using connector:community/weather@1.1.0",
    ]);
    expect(result.diagnostics[0]!.severity).toBe('warning');
    expect(boundVersion(result)).toBe('1.1.0');
  });

  it('drops entries for references that are no longer used', () => {
    const lock: LockFile = {
      lockfileVersion: 1,
      references: { 'connector:community/gone@1.0.0': { resolved: 'connector:community/gone@1.0.0', file: 'gone.yaml', sha256: sha('2') } },
    };
    expect(Object.keys(resolveProgram(program, registry, { lock }).lock.references)).toEqual(['connector:community/weather@^1.0']);
  });

  it('does not check manifests without a published identity, or in the referencing file', () => {
    const local: Program = programOf({
      'a.yaml': 'workflows:\n  - name: main\n    steps:\n      - id: c\n        workflow: helper\n',
      'b.yaml': 'workflows:\n  - name: helper\n    steps:\n      - id: w\n        type: wait\n        duration: 1s\n',
    });
    const lock: LockFile = { lockfileVersion: 1, references: { 'workflow:helper': { resolved: 'workflow:helper', file: 'b.yaml', sha256: sha('3') } } };
    const result = resolveProgram(local, noRegistry, { lock });
    expect(result.diagnostics).toEqual([]);
    expect(result.lock.references['workflow:helper']?.sha256).toBe(sha256Hex(local.files[1]!.text));
  });
});
