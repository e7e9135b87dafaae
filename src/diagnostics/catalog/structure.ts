/**
 * OWC3xxx — structure: what lowering to the IR and the structural checks
 * report (step identity and kinds, branch shapes, empty step lists, duplicate
 * names, cron expressions, durations, time zones and timestamps).
 */
import type { MessageDef } from '../diagnostic.js';

export const structureMessages = {
  UnknownStepType: {
    code: 'OWC3001',
    severity: 'error',
    message: "step '{id}' has unknown type '{type}'",
    hint: 'the step types are {kinds}',
    doc: 'The `type` of a step names no step kind owc knows. The kinds are action, agent, workflow, if, switch, forEach, parallel, wait, try, transform and handoff.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: check\n        type: iff\n        condition: "{{ inputs.ok }}"\n        then: []\n',
  },
  UndeterminedStepKind: {
    code: 'OWC3002',
    severity: 'error',
    message: "cannot tell what kind of step '{id}' is",
    hint: "{advice}",
    doc: "A step without `type` is read as an action (it has `connector`, `plugin` or `action`), an agent call (`agent`), a sub-workflow call (`workflow`) or a parallel block (`parallel:` holding a list of steps). This step matches none of these.",
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: fetch\n        input:\n          city: Paris\n',
  },
  InputAndWith: {
    code: 'OWC3003',
    severity: 'error',
    message: "step '{id}' has both 'input' and 'with'",
    hint: "'with' is another spelling of 'input'; keep one of them",
    doc: "`with` is accepted as an alias of `input`. Writing both leaves it unclear which one the step receives.",
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: add\n        plugin: calculator\n        action: add\n        input: {a: 1, b: 2}\n        with: {a: 3, b: 4}\n',
  },
  DuplicateStepId: {
    code: 'OWC3004',
    severity: 'error',
    message: "duplicate step id '{id}' in workflow '{workflow}'",
    hint: 'step ids are unique within a workflow, including steps nested in branches, loops and try blocks; rename one of them',
    doc: 'Two steps of one workflow share an id, so `steps.<id>` would be ambiguous. Nested steps count: they are addressable from anywhere later in the workflow.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: fetch\n        plugin: weather\n        action: get\n      - id: fetch\n        plugin: weather\n        action: get\n',
  },
  SwitchWithoutCases: {
    code: 'OWC3005',
    severity: 'error',
    message: "switch step '{id}' has no cases",
    hint: "add 'cases:', a mapping from each value to the steps to run for it",
    doc: 'A `switch` step\'s `cases` is an empty mapping, so only `default` could ever run. (A missing `cases` is a schema error.)',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: route\n        type: switch\n        value: "{{ inputs.priority }}"\n        cases: {}\n',
  },
  ParallelWithoutBranches: {
    code: 'OWC3006',
    severity: 'error',
    message: "parallel step '{id}' has no branches",
    hint: "add 'branches:', a mapping from branch name to its steps",
    doc: 'A `parallel` step\'s `branches` is an empty mapping (or its inline `parallel:` list is empty), so there is nothing to run. (Missing branches are a schema error.)',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: gather\n        type: parallel\n        branches: {}\n',
  },
  EmptyStepList: {
    code: 'OWC3007',
    severity: 'error',
    message: 'empty step list: {where}',
    hint: 'add the steps to run here, or remove the empty list',
    doc: 'A list of steps (a workflow\'s `steps`, a branch, a loop body, `then`, `else`, a case, `try`, `catch` or `finally`) is empty. It is almost always an unfinished edit.',
    example: 'workflows:\n  - name: demo\n    steps: []\n',
  },
  DuplicateWorkflowName: {
    code: 'OWC3008',
    severity: 'error',
    message: "duplicate workflow name '{name}' in this file",
    hint: 'workflows are called by name (`owc run --workflow NAME`, `workflow: NAME` steps); rename one of them',
    doc: 'Two workflows in one file share a name, so a reference by name would be ambiguous.',
    example: 'workflows:\n  - name: report\n    steps: []\n  - name: report\n    steps: []\n',
  },
  DuplicateActionName: {
    code: 'OWC3009',
    severity: 'error',
    message: "duplicate action name '{name}' in connector '{connector}'",
    hint: 'steps call actions by name; rename one of them',
    doc: 'Two actions of one connector share a name, so a step naming that action would be ambiguous.',
    example: 'connector:\n  kind: sdk\n  name: calc\nactions:\n  - name: add\n    handler: {function: calc.add}\n  - name: add\n    handler: {function: calc.plus}\n',
  },
  InvalidCron: {
    code: 'OWC3020',
    severity: 'warning',
    message: "invalid cron expression '{cron}': {detail}",
    hint: 'a cron expression has 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, or is one of @yearly, @monthly, @weekly, @daily, @hourly',
    doc: 'A schedule trigger\'s `cron` is not a valid cron expression, so the schedule would never fire or be rejected by the scheduler.',
    example: 'workflows:\n  - name: demo\n    triggers:\n      - type: schedule\n        cron: "0 25 * * *"\n    steps: []\n',
  },
  InvalidDuration: {
    code: 'OWC3021',
    severity: 'warning',
    message: "invalid duration '{value}'",
    hint: "write a number of seconds, or a number with a unit — s, m, h, d — or a combination such as '1h30m'",
    doc: 'A wait duration or timeout is neither a number of seconds nor a duration such as `30s`, `10m`, `1h`, `2d` or `1h30m`.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: pause\n        type: wait\n        duration: 30 seconds\n',
  },
  InvalidTimeZone: {
    code: 'OWC3022',
    severity: 'warning',
    message: "unknown time zone '{zone}'",
    hint: 'use an IANA time zone name such as America/New_York, Europe/Paris or UTC',
    doc: 'A schedule trigger\'s `timezone` is not an IANA time zone name known to the runtime.',
    example: 'workflows:\n  - name: demo\n    triggers:\n      - type: schedule\n        cron: "0 8 * * *"\n        timezone: America/NewYork\n    steps: []\n',
  },
  InvalidTimestamp: {
    code: 'OWC3023',
    severity: 'warning',
    message: "invalid ISO 8601 timestamp '{value}': {detail}",
    hint: "write a date and time such as '2025-10-08T09:00:00Z' (an offset such as '+02:00' may replace 'Z')",
    doc: 'A wait step\'s `until.time` is not an ISO 8601 date-time, so the wait could never end at the intended moment.',
    example: 'workflows:\n  - name: demo\n    steps:\n      - id: later\n        type: wait\n        until:\n          time: "2025-13-08 9am"\n',
  },
} as const satisfies Record<string, MessageDef>;
