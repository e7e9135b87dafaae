import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/baseline.js';
import { runCli } from '../support/run-cli.js';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the examples in a fresh folder, used as the working directory. */
function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'owc-project-'));
  scratch.push(dir);
  cpSync(path.join(repoRoot, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('owc build', () => {
  it('writes connector modules and a tsconfig, and warns when owc/runtime cannot resolve there', async () => {
    const dir = projectCopy();
    const run = await runCli(['build', 'examples', '--out', 'gen', '--no-lock'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote \d+ files to gen\n$/);
    expect(existsSync(path.join(dir, 'gen', 'tsconfig.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'gen', 'connectors', 'examples-weather-v1_2_0.ts'))).toBe(true);
    expect(run.stderr).toContain('OWC8009');
    expect(existsSync(path.join(dir, 'owc.lock'))).toBe(false);
  });

  it('refuses to write anything when the manifests have errors', async () => {
    const dir = projectCopy();
    writeFileSync(path.join(dir, 'examples', 'broken.yaml'), 'workflows:\n  - name: x\n    steps:\n      - id: a\n        type: loop\n');
    const run = await runCli(['build', 'examples', '--out', 'gen'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('OWC3001');
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(path.join(dir, 'gen'))).toBe(false);
  });

  it('never overwrites a file it did not generate (exit 2)', async () => {
    const dir = projectCopy();
    const first = await runCli(['build', 'examples', '--out', 'gen', '--runtime', 'copy', '--no-lock'], { cwd: dir });
    expect(first.code).toBe(0);
    const target = path.join(dir, 'gen', 'index.ts');
    writeFileSync(target, '// my own code\n');
    const second = await runCli(['build', 'examples', '--out', 'gen', '--runtime', 'copy', '--no-lock'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('// my own code\n');
  });

  it('rejects an unknown runtime mode and a missing --out as usage errors', async () => {
    expect((await runCli(['build', 'examples', '--out', 'x', '--runtime', 'inline'])).code).toBe(2);
    expect((await runCli(['build', 'examples'])).code).toBe(2);
  });
});

describe('owc lock and owc.lock', () => {
  it('records resolved versions deterministically and reports a manifest changed under a locked version', async () => {
    const dir = projectCopy();
    const locked = await runCli(['lock', 'examples'], { cwd: dir });
    expect(locked.code).toBe(0);
    const lockText = readFileSync(path.join(dir, 'owc.lock'), 'utf8');
    expect(lockText).toContain('"connector:examples/weather@^1.2.0"');
    expect(lockText).toMatch(/"sha256": "[0-9a-f]{64}"/);
    // Locking again gives byte-identical output.
    await runCli(['lock', 'examples'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'owc.lock'), 'utf8')).toBe(lockText);
    // A check passes against the lock; then the weather manifest changes without a version bump.
    expect((await runCli(['check', 'examples'], { cwd: dir })).code).toBe(0);
    const weather = path.join(dir, 'examples', 'connectors', 'weather.yaml');
    writeFileSync(weather, readFileSync(weather, 'utf8').replace('Current conditions', 'Conditions'));
    const changed = await runCli(['check', 'examples', '--format', 'json'], { cwd: dir });
    expect(changed.code).toBe(1);
    const codes = (JSON.parse(changed.stdout) as { diagnostics: Array<{ code: string }> }).diagnostics.map((d) => d.code);
    expect(codes).toContain('OWC4040');
    // Re-locking accepts the change.
    expect((await runCli(['lock', 'examples'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['check', 'examples'], { cwd: dir })).code).toBe(0);
  });
});
