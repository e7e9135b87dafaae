import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/baseline.js';

const frame = (functionName: string, url = 'file:///x/dist/src/a.js') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '1' });

describe('bench/profile-summary.mjs', () => {
  it('charges self time to the innermost named stage and keeps garbage collection apart', () => {
    // root → runChecks → parse (leaf), root → runChecks → lowerManifests → walk (leaf), root → (garbage collector)
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 6] },
        { id: 2, callFrame: frame('runChecks'), children: [3, 4] },
        { id: 3, callFrame: frame('parse'), children: [] },
        { id: 4, callFrame: frame('lowerManifests'), children: [5] },
        { id: 5, callFrame: frame('walk'), children: [] },
        { id: 6, callFrame: frame('(garbage collector)', ''), children: [] },
      ],
      samples: [3, 3, 5, 6],
      timeDeltas: [1000, 2000, 3000, 4000],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'owc-prof-')), 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'profile-summary.mjs'), file, '--stages', 'runChecks,lowerManifests'], { encoding: 'utf8' });
    expect(out).toContain('total 0.01 s of samples');
    expect(out).toMatch(/3 ms\s+30\.0 %\s+runChecks\n/);
    expect(out).toMatch(/3 ms\s+30\.0 %\s+lowerManifests\n/);
    expect(out).toMatch(/4 ms\s+40\.0 %\s+\(elsewhere\)\n/);
    expect(out).toMatch(/3 ms\s+30\.0 %\s+parse dist\/src\/a\.js:1\n/);
  });
});
