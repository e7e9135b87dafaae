/** Lowers a workflow's `testing:` block: dry-run mocks and events, and fixtures (DESIGN §8). */
import type { ValueNode } from '../source/nodes.js';
import type { FixtureIR, TestingIR } from './ir.js';
import { booleanOf, mapOf, nameOrEmpty, valueOf } from './values.js';

/** The testing configuration, or undefined when the workflow has none. */
export function lowerTesting(node: ValueNode | undefined): TestingIR | undefined {
  const map = mapOf(node);
  if (!map) return undefined;
  const dryRun = mapOf(valueOf(map, 'dryRun', 'dry_run'));
  const fixtures = valueOf(map, 'fixtures');
  return {
    dryRun: dryRun
      ? {
          // A `dryRun` block is on unless it says `enabled: false`.
          enabled: booleanOf(valueOf(dryRun, 'enabled'), true),
          mockData: mapOf(valueOf(dryRun, 'mockData', 'mock_data')),
          events: mapOf(valueOf(dryRun, 'events')),
        }
      : undefined,
    fixtures:
      fixtures?.kind === 'seq'
        ? fixtures.items.flatMap((item): FixtureIR[] =>
            item.kind === 'map'
              ? [
                  {
                    name: nameOrEmpty(valueOf(item, 'name', 'id'), item.span),
                    inputs: mapOf(valueOf(item, 'inputs')),
                    expectedOutputs: mapOf(valueOf(item, 'expectedOutputs', 'expected_outputs')),
                    span: item.span,
                  },
                ]
              : [],
          )
        : [],
    span: map.span,
  };
}
