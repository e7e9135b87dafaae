/**
 * OWC70xx — security: secrets flowing where they can leak, and SQL text
 * built by interpolation.
 */
import type { MessageDef } from '../diagnostic.js';

export const securityMessages = {
  SecretInOutput: {
    code: 'OWC7001',
    severity: 'error',
    message: "workflow output '{name}' carries a secret (`{secret}`)",
    hint: 'outputs are returned to the caller and logged; return a value derived without the secret',
    doc: 'A value derived from `secrets.*` — directly, through operators and filters, or interpolated into a string — reaches a workflow output. At run time a secret in an output fails the run; owc reports it at build time.',
    example: 'workflows:\n  - name: demo\n    steps: []\n    outputs:\n      token:\n        value: "{{ secrets.API_TOKEN }}"\n',
  },
  SecretInTransform: {
    code: 'OWC7002',
    severity: 'error',
    message: "transform '{step}' receives a secret (`{secret}`)",
    hint: 'transforms produce plain data that later steps and outputs read; keep secrets in sensitive connector inputs',
    doc: 'A value derived from `secrets.*` flows into a transform step, whose result is ordinary data.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: t\n        type: transform\n        language: template\n        input: "{{ secrets.API_TOKEN }}"\n        expression: "{{ input }}"\n',
  },
  SecretInInsensitiveField: {
    code: 'OWC7003',
    severity: 'error',
    message: "'{field}' receives a secret (`{secret}`), but {target} does not mark it sensitive",
    hint: "mark the field (or an enclosing object) `writeOnly: true` or `x-sensitive: true` in the input schema, or pass the secret through connector configuration",
    doc: 'A value derived from `secrets.*` reaches an action, agent or sub-workflow input field whose schema does not mark it sensitive, so it could be logged or echoed. `Authorization: "Bearer {{ secrets.TOKEN }}"` is fine exactly when the schema marks the field (or its object) sensitive.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: call\n        connector: connector:acme/http@1.0.0\n        action: get\n        input:\n          url: "https://api.example.com/?key={{ secrets.KEY }}"\n',
  },
  SqlInterpolation: {
    code: 'OWC7004',
    severity: 'warning',
    message: "'{field}' builds SQL text by interpolation",
    hint: 'pass values as query parameters instead of splicing them into the statement',
    doc: 'A field named like SQL (`sql`, `query`) interpolates `{{ }}` expressions into its text, which invites SQL injection.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: q\n        connector: connector:acme/db@1.0.0\n        action: run\n        input:\n          sql: "SELECT * FROM users WHERE name = \'{{ inputs.name }}\'"\n',
  },
} as const satisfies Record<string, MessageDef>;
