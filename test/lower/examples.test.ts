import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { lowerManifests } from '../../src/lower/index.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import { loadPaths } from '../../src/source/load.js';

describe('the examples folder', () => {
  it('lowers and passes the checks that need no resolution, with every resource present', async () => {
    const loaded = await loadPaths(['examples'], { cwd: new URL('../..', import.meta.url).pathname });
    const { program, diagnostics } = lowerManifests(loaded.manifests);
    expect(diagnostics).toEqual([]);
    expect(program.workflows.length).toBeGreaterThan(0);
    expect(program.connectors.length).toBeGreaterThan(0);
    const structural = runChecks(program, emptyBindings(), { strict: false }).filter((d) => d.code.startsWith('OWC30'));
    expect(structural).toEqual([]);
    for (const workflow of program.workflows) expect(workflow.steps.length).toBeGreaterThan(0);
  });
});
