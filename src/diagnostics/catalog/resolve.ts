/** OWC4xxx — registry references: syntax, resolution, the lock file and sub-workflow cycles. */
import type { MessageDef } from '../diagnostic.js';

const refShape = 'write <type>:<namespace>/<name>@<version>, for example connector:community/weather@1.0.0';

export const resolveMessages = {
  // ─── reference syntax (OWC4001–OWC4009) ──────────────────────────────────
  RefUnknownType: {
    code: 'OWC4001',
    severity: 'error',
    message: "unknown resource type '{type}' in reference '{ref}'",
    hint: 'a reference starts with connector:, workflow:, agent: or bundle:',
    doc: 'A registry reference names its resource type before the colon; only the four registry types exist.',
    example: 'steps:\n  - id: post\n    connector: plugin:community/slack@1.2.0\n    action: sendMessage\n',
  },
  RefWrongType: {
    code: 'OWC4002',
    severity: 'error',
    message: "expected {expected} reference here, but '{ref}' refers to {found}",
    hint: "write '{expectedType}:{rest}' if {expected} of that name exists",
    doc: 'The field takes references of one resource type (a step\'s `connector` takes connectors, `agent` takes agents, a toolset takes connectors).',
    example: 'steps:\n  - id: ask\n    type: agent\n    agent: connector:acme/triage@1.0.0\n',
  },
  RefMissingPart: {
    code: 'OWC4003',
    severity: 'error',
    message: "reference '{ref}' is missing its {part}",
    hint: refShape,
    doc: 'A registry reference has a type, a namespace and a name; the version may be left out (it then means `latest`).',
    example: 'steps:\n  - id: post\n    connector: connector:slack@1.2.0\n    action: sendMessage\n',
  },
  RefInvalidName: {
    code: 'OWC4004',
    severity: 'error',
    message: "{part} '{value}' in reference '{ref}' may contain only lower-case letters, digits, '-', '_' and '.'",
    hint: "did you mean '{suggestion}'?",
    doc: 'Registry namespaces and names are lower case; other characters (upper case, spaces, a second `/`) are not allowed.',
    example: 'steps:\n  - id: post\n    connector: connector:Community/slack@1.2.0\n    action: sendMessage\n',
  },
  RefInvalidVersion: {
    code: 'OWC4005',
    severity: 'error',
    message: "invalid version '{version}' in reference '{ref}'",
    hint: "use an exact version (1.2.3), a range (^1.2, ~0.4, >=1 <2, 1.x) or the dist-tag 'latest'",
    doc: 'The part after `@` must be a SemVer version, a SemVer range or `latest`; other dist-tags are not known to owc.',
    example: 'steps:\n  - id: post\n    connector: connector:community/slack@next\n    action: sendMessage\n',
  },
  RefNoVersion: {
    code: 'OWC4006',
    severity: 'warning',
    message: "'{ref}' has no version, so it resolves to the latest release ({version})",
    hint: "pin it, for example '{ref}@^{version}'; owc.lock records the choice either way",
    doc: 'A reference without `@version` means `latest`: the highest loaded non-prerelease version. A later registry update can change what it binds to.',
    example: 'steps:\n  - id: post\n    connector: connector:community/slack\n    action: sendMessage\n',
  },
  VersionConflict: {
    code: 'OWC4007',
    severity: 'error',
    message: "step '{step}' gives the workflow version twice: '{inRef}' in the reference and '{field}' in 'version:'",
    hint: "keep one of them; 'version:' is meant for workflows named without a registry reference",
    doc: 'A sub-workflow step may constrain the version either inside a `workflow:ns/name@range` reference or with `version:`, not both.',
    example: 'steps:\n  - id: etl\n    workflow: workflow:acme/etl@^1\n    version: 1.2.0\n',
  },

  // ─── resolution (OWC4010–OWC4029) ────────────────────────────────────────
  NotLoaded: {
    code: 'OWC4010',
    severity: 'error',
    message: "no {type} named '{name}' is loaded",
    hint: 'pass --registry DIR or add its manifest to the paths owc checks',
    doc: 'Nothing loaded — neither the checked paths nor the `--registry` folders — declares a resource of that type and name. The hint lists similar names, or the same name in other namespaces, when there are any.',
    example: 'steps:\n  - id: post\n    connector: connector:community/slack@1.2.0\n    action: sendMessage\n',
  },
  NoMatchingVersion: {
    code: 'OWC4011',
    severity: 'error',
    message: "no loaded version of {id} satisfies '{range}'",
    hint: 'available: {available}',
    doc: 'Manifests of the resource are loaded, but none has a version inside the requested range. Prereleases match only a range that names a prerelease of the same version.',
    example: 'steps:\n  - id: fetch\n    connector: connector:community/weather@^2.0.0\n    action: get_current_weather\n',
  },
  Ambiguous: {
    code: 'OWC4012',
    severity: 'error',
    message: "'{ref}' is ambiguous: {count} manifests declare {resolved}",
    hint: 'remove the duplicate manifest, or give one of them another namespace, name or version',
    doc: 'Two loaded manifests have the same type, namespace, name and version, so owc cannot tell which one a reference means.',
    example: '# two files both declaring connector:community/weather@1.0.0\n',
  },
  AmbiguousBareName: {
    code: 'OWC4013',
    severity: 'error',
    message: "'{name}' could mean {count} {type}s: {candidates}",
    hint: "write the full reference instead, for example '{example}'",
    doc: 'A bare name (legacy `plugin:`, `workflow: NAME`, an agent name) matches resources in several namespaces.',
    example: 'steps:\n  - id: post\n    plugin: slack\n    action: sendMessage\n',
  },
  UnknownAction: {
    code: 'OWC4014',
    severity: 'error',
    message: "{connector} has no action '{action}'",
    hint: 'its actions are: {actions}',
    doc: 'The connector the step uses resolved, but it does not declare the named action.',
    example: 'steps:\n  - id: fetch\n    connector: connector:community/weather@1.0.0\n    action: get_weather\n',
  },
  BundleIncludeNeedsType: {
    code: 'OWC4015',
    severity: 'error',
    message: "bundle include '{ref}' needs a full registry reference",
    hint: refShape,
    doc: 'A bundle can include connectors, workflows, agents and other bundles, so each include must say which type it names.',
    example: 'type: bundle\nnamespace: acme\nname: starter\nversion: 1.0.0\nincludes: [slack]\n',
  },

  // ─── sub-workflows (OWC4030–OWC4039) ─────────────────────────────────────
  WorkflowCycle: {
    code: 'OWC4030',
    severity: 'error',
    message: "step '{step}' closes a sub-workflow cycle: {cycle}",
    hint: 'a workflow cannot call itself, directly or through other workflows; break the cycle, or repeat work with a forEach step',
    doc: 'Sub-workflow steps form a loop (A calls B calls A, or A calls A). Such a run would never end, so owc rejects it at build time.',
    example: 'workflows:\n  - name: a\n    steps:\n      - id: again\n        workflow: a\n',
  },

  // ─── the lock file (OWC4040–OWC4049) ─────────────────────────────────────
  LockedManifestChanged: {
    code: 'OWC4040',
    severity: 'error',
    message: '{resolved} changed since it was locked',
    hint: "run 'owc lock' to accept the new contents, or publish the change under a new version",
    doc: 'owc.lock records a sha256 of every manifest a reference was bound to. A versioned manifest whose text no longer matches was edited without a version bump, so builds are no longer reproducible.',
    example: '# owc.lock pins connector:community/weather@1.0.0 with another sha256\n',
  },
  LockedVersionUnavailable: {
    code: 'OWC4041',
    severity: 'warning',
    message: "'{ref}' was locked to {locked}, which is no longer loaded; using {resolved}",
    hint: "run 'owc lock' to record the new choice, or add the locked manifest back",
    doc: 'The version owc.lock chose is gone from the loaded paths and registry folders. owc binds the best version that still satisfies the reference and the next lock records it.',
    example: '# owc.lock pins connector:community/weather@1.0.0, but only 1.1.0 is loaded\n',
  },
  LockSyntax: {
    code: 'OWC4042',
    severity: 'error',
    message: 'the lock file is not valid: {detail}',
    hint: "delete it and run 'owc lock' to write a fresh one",
    doc: 'owc.lock could not be read as the JSON owc writes. It is ignored; resolution proceeds as if there were no lock.',
    example: '{ "lockfileVersion": 1, "references": [ }\n',
  },
} as const satisfies Record<string, MessageDef>;
