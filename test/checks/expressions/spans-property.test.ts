import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expressionChecks } from '../../../src/checks/expressions/index.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector, workflow } from './fixtures.js';

const pieces = ['inputs.city', 'inputs.ctiy', 'steps.fetch.output.temperature', 'steps.fetch.output.tempreature', 'item', 'secrets.K', 'inputs.days | upper', "inputs.cities | join(', ')", 'steps.nope.output', '1 + inputs.city'];

describe('diagnostics inside block scalars', () => {
  it('always point inside the scalar that holds the template', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }), fc.constantFrom('|', '>', '|-', '>+'), fc.boolean(), (exprs, style, loop) => {
        const body = exprs.map((e, i) => (loop && i === 0 ? `{% for d in inputs.cities %}\n  {{ d }} {{ ${e} }}\n{% endfor %}` : `line ${i}: {{ ${e} }}`)).join('\n');
        const steps = `      - id: fetch
        connector: connector:acme/weather@1.0.0
        action: current
        input:
          location: x
      - id: show
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: ${style}
${body.replace(/^/gm, '            ')}
`;
        const text = workflow(steps);
        const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': text }, expressionChecks);
        const scalarStart = text.indexOf(`text: ${style}`);
        for (const d of r.diagnostics) {
          expect(d.span.file).toBe('flow.yaml');
          expect(d.span.start).toBeGreaterThan(scalarStart);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
          // The span covers text that names what it reports (a property, a name, an operator) — never whitespace only.
          expect(text.slice(d.span.start, d.span.end).trim()).not.toBe('');
        }
      }),
      { numRuns: 60 },
    );
  });
});
