import { describe, expect, it } from 'vitest';
import { StepFlow } from '../../../src/checks/expressions/flow.js';
import { lowerManifests } from '../../../src/lower/index.js';
import { loadText } from '../../../src/source/load.js';

const step = (id: string, extra = '') => `- id: ${id}\n  type: wait\n  duration: 1s\n${extra}`;
const nest = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

function flowOf(steps: string): StepFlow {
  const text = `workflows:\n  - name: f\n    steps:\n${nest(steps, '      ')}`;
  const loaded = loadText('f.yaml', text);
  const lowered = lowerManifests(loaded.manifests);
  expect([...loaded.diagnostics, ...lowered.diagnostics]).toEqual([]);
  return new StepFlow(lowered.program.workflows[0]!);
}

function see(flow: StepFlow, reader: string | undefined, target: string): string {
  const v = flow.visibility(reader === undefined ? undefined : flow.step(reader)!, flow.step(target)!);
  return v.kind === 'maybe' ? `maybe: ${v.reason}` : v.kind;
}

describe('step flow', () => {
  const flow = flowOf(
    [
      step('a'),
      step('cond', '  condition: "{{ true }}"\n'),
      `- id: t\n  type: try\n  steps:\n${nest(step('body'), '    ')}  catch:\n${nest(step('handler'), '    ')}  finally:\n${nest(step('cleanup'), '    ')}`,
      `- id: p\n  type: parallel\n  join: any\n  branches:\n    one:\n${nest(step('p1'), '      ')}    two:\n${nest(step('p2'), '      ')}`,
      `- id: all\n  type: parallel\n  branches:\n    one:\n${nest(step('q1'), '      ')}    two:\n${nest(step('q2'), '      ')}`,
      `- id: loop\n  type: forEach\n  items: [1, 2]\n  steps:\n${nest(step('first'), '    ')}${nest(step('second'), '    ')}`,
      step('z'),
    ].join(''),
  );

  it('sees earlier top-level steps as run, later ones as forward, itself as self', () => {
    expect(see(flow, 'z', 'a')).toBe('ran');
    expect(see(flow, 'a', 'z')).toBe('forward');
    expect(see(flow, 'a', 'a')).toBe('self');
    expect(see(flow, 'body', 't')).toBe('self');
    expect(see(flow, 't', 'body')).toBe('forward');
  });
  it('treats conditions as may-not-have-run', () => {
    expect(see(flow, 'z', 'cond')).toBe('maybe: it has a condition and may have been skipped');
  });
  it('orders try body, catch and finally', () => {
    expect(see(flow, 'z', 'body')).toBe('ran');
    expect(see(flow, 'handler', 'body')).toBe('ran');
    expect(see(flow, 'cleanup', 'handler')).toBe("maybe: it is in the catch of 't', which runs only when the body fails");
    expect(see(flow, 'z', 'handler')).toBe("maybe: it is in the catch of 't', which runs only when the body fails");
    expect(see(flow, 'body', 'handler')).toBe('forward');
  });
  it('treats parallel branches by join strategy', () => {
    expect(see(flow, 'p2', 'p1')).toBe("maybe: it runs in the parallel branch 'one' of 'p', alongside this one");
    expect(see(flow, 'z', 'p1')).toBe("maybe: it is in a branch of 'p', which may be cancelled when the join is met");
    expect(see(flow, 'z', 'q1')).toBe('ran');
  });
  it('treats loop bodies as possibly empty, but ordered within one iteration', () => {
    expect(see(flow, 'second', 'first')).toBe('ran');
    expect(see(flow, 'first', 'second')).toBe('forward');
    expect(see(flow, 'z', 'first')).toBe("maybe: it is in the loop body of 'loop', which may have no items");
  });
  it('sees everything from the outputs', () => {
    expect(see(flow, undefined, 'z')).toBe('ran');
    expect(see(flow, undefined, 'second')).toBe("maybe: it is in the loop body of 'loop', which may have no items");
  });
});
