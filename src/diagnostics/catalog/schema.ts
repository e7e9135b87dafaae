/** OWC2xxx — manifest schema: the shape of connector, workflow, agent and bundle manifests. */
import type { MessageDef } from '../diagnostic.js';

export const schemaMessages = {
  MissingField: {
    code: 'OWC2001',
    severity: 'error',
    message: "{where} is missing '{field}'",
    doc: 'A required field is absent: a connector needs `name`, `version` and `kind`, an action needs `name`, an action step needs `action`, a schedule trigger needs `cron`, and so on.',
    example: 'workflows:\n  - name: report\n    steps:\n      - id: fetch\n        connector: connector:community/weather@1.0.0\n',
  },
  MissingOneOf: {
    code: 'OWC2002',
    severity: 'error',
    message: '{where} is missing {fields}',
    doc: 'The object needs at least one of several fields: an action step names its connector with `connector` (or the legacy `plugin`), a handler needs one of `http`, `function`, `command`, `kafka`, `mcp`, `lambda` or `custom`, a wait step needs `duration` or `until`.',
    example: 'workflows:\n  - name: report\n    steps:\n      - id: fetch\n        action: get_current_weather\n',
  },
  WrongType: {
    code: 'OWC2003',
    severity: 'error',
    message: '{subject} must be {expected}, got {actual}',
    doc: 'A field holds the wrong kind of value, for example a mapping where a list of steps belongs. Where a number is expected a `{{ }}` template string is accepted too.',
    example: 'connector:\n  name: weather\n  version: 1.0.0\n  kind: http\n  runtime:\n    timeout: true\n',
  },
  NotInEnum: {
    code: 'OWC2004',
    severity: 'error',
    message: '{subject} must be one of {allowed}; got {actual}',
    doc: 'The field accepts a fixed set of values (an HTTP method, a backoff strategy, a trigger type) and the value is not one of them.',
    example: 'actions:\n  - name: get\n    handler:\n      http:\n        url: https://example.com\n        method: FETCH\n',
  },
  WrongConst: {
    code: 'OWC2005',
    severity: 'error',
    message: '{subject} must be {expected}; got {actual}',
    doc: "The field must hold one exact value, such as `type: connector` in a connector's registry manifest.",
    example: 'connector:\n  type: workflow\n  name: weather\n  version: 1.0.0\n  kind: http\n',
  },
  Constraint: {
    code: 'OWC2006',
    severity: 'error',
    message: '{subject} {requirement}',
    doc: 'The value has the right type but breaks a limit of the manifest schema: an empty name, a retry with fewer than one attempt, a join strategy other than `all`, `any` or `{count: N}`.',
    example: 'workflows:\n  - name: report\n    steps:\n      - id: fetch\n        connector: connector:community/weather@1.0.0\n        action: get\n        retry:\n          max_attempts: 0\n',
  },
  UnknownField: {
    code: 'OWC2007',
    severity: 'warning',
    message: "unknown field '{field}' in {where}",
    hint: "remove it, or check its spelling against the fields of {where}",
    doc: 'The manifest has a field owc does not know at this place. The spec is a draft and may grow, so this is a warning; most often it is a misspelling, and the hint names the closest known field.',
    example: 'workflows:\n  - name: report\n    steps:\n      - id: fetch\n        conector: connector:community/weather@1.0.0\n        action: get\n',
  },
  FieldNotAllowed: {
    code: 'OWC2008',
    severity: 'error',
    message: "field '{field}' is not allowed in {where}",
    hint: 'remove it; this object accepts only the fields its schema lists',
    doc: 'A closed object holds a field it does not accept. The manifest schemas keep objects open (unknown fields are warnings, OWC2007), so this comes from a schema that closes an object on purpose.',
    example: '',
  },
  Invalid: {
    code: 'OWC2009',
    severity: 'error',
    message: '{subject} is not valid here: {detail}',
    doc: 'The value breaks a rule of the manifest schema that has no more specific message.',
    example: '',
  },
} as const satisfies Record<string, MessageDef>;
