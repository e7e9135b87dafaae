/**
 * One connector → one typed client module (DESIGN.md §9): input/output types
 * per action, a descriptor constant for the runtime (with validators compiled
 * at build time into a `.validators.js` file beside the module), metadata, one
 * async function per action and a `create<Name>Client` factory. The module
 * skeleton is built from ts-morph structures; types come from the TypeScript
 * factory; manifest text enters only through the quoting helpers.
 */
import { Project, StructureKind, ts, VariableDeclarationKind, type FunctionDeclarationStructure, type StatementStructures } from 'ts-morph';
import { DiagnosticBag, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildMessages } from '../../src/diagnostics/catalog/build.js';
import type { ActionIR, ConnectorIR, JsonValue } from '../../src/lower/ir.js';
import { formatTypeScript, formatTypeScriptCode } from '../common/format.js';
import { indentBlocks } from '../common/js-layout.js';
import { generatedHeader } from '../common/header.js';
import { code, literal, propertyKey, type LiteralValue } from '../common/literal.js';
import { camelCase, isReservedWord, NameScope, pascalCase } from '../common/naming.js';
import { docText, jsonLiteral } from '../common/quote.js';
import { acceptsEmptyObject, printNode, schemaDeclarations } from '../common/schema-type.js';
import { layoutDeclarations } from '../common/type-layout.js';
import { formatNames } from '../common/validator-support.js';
import { generateValidatorModule, unknownFormats, type ValidatorSpec } from '../common/validators.js';
import { authLiteral, handlerLiteral, mcpLiteral } from './descriptor.js';
import { validatorDeclarations } from './validator-dts.js';
import { connectorExportNames, connectorRef } from './names.js';

/** A generated file, with a path relative to the output folder's connector directory. */
export interface EmittedFile {
  readonly path: string;
  readonly text: string;
}

export interface ConnectorModuleOptions {
  /** The module's file name without extension (`examples-weather-v1_2_0`). */
  readonly fileBase: string;
  /** Specifier of the runtime library from the module (`owc/runtime` or `../runtime/index.js`). */
  readonly runtimeSpecifier: string;
  /** Specifier of the validation support module from the module (`../_owc/validation-support.js`). */
  readonly supportSpecifier: string;
  /** The manifest path written into the header (relative, `/` separators). */
  readonly sourcePath: string | undefined;
}

export interface ConnectorModule {
  /** The module, its validators (`.validators.js` + `.d.ts`); empty when errors prevented generation. */
  readonly files: readonly EmittedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Exported names, for the index. */
  readonly exports: { readonly factory: string; readonly client: string; readonly descriptor: string };
  /** Whether the validators use the support module. */
  readonly usesSupport: boolean;
}

const connectorKinds = ['http', 'sdk', 'mcp-server', 'lambda', 'custom', 'command', 'kafka'] as const;

interface ActionNames {
  readonly action: ActionIR;
  readonly fn: string;
  readonly input: string;
  readonly output: string;
  readonly validateInput: string;
  readonly validateOutput: string;
  /** lambda/custom: the caller must supply the implementation. */
  readonly opaque: boolean;
}

function distinctActions(actions: readonly ActionIR[]): ActionIR[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (seen.has(a.name.value)) return false;
    seen.add(a.name.value);
    return true;
  });
}

/** `get_current_weather` → `getCurrentWeather`; a reserved word gets a suffix (`delete` → `deleteAction`). */
function functionName(actionName: string): string {
  const name = camelCase(actionName);
  return isReservedWord(name) ? `${name}Action` : name;
}

/** An action without an input schema takes any object (IR: `{type: object}`). */
function inputSchema(action: ActionIR): JsonValue {
  return action.input?.json ?? { type: 'object' };
}

function actionDocs(action: ActionIR): string[] {
  return action.description ? [docText(action.description)] : [];
}

/** Generates the client module of one connector (see the file comment). */
export async function generateConnectorModule(connector: ConnectorIR, options: ConnectorModuleOptions): Promise<ConnectorModule> {
  const bag = new DiagnosticBag();
  const wanted = connectorExportNames(connector);
  const runtimeNames = ['invokeAction', 'fromAjv', 'InvokeOptions', 'ConnectorDescriptor', 'ActionFunction'];
  const scope = new NameScope(runtimeNames);
  const exportsOf = {
    factory: scope.unique(wanted.factory),
    client: scope.unique(wanted.client),
    descriptor: scope.unique(wanted.descriptor),
  };
  const metadataName = scope.unique(wanted.metadata);
  const kind = connectorKinds.find((k) => k === connector.connectorKind.value);
  if (kind === undefined) {
    bag.report(buildMessages.UnknownConnectorKind, connector.connectorKind.span, { kind: connector.connectorKind.value });
  }

  const actions: ActionNames[] = distinctActions(connector.actions).map((action) => {
    const base = pascalCase(action.name.value);
    const opaque = action.handler?.kind === 'lambda' || action.handler?.kind === 'custom';
    if (opaque && action.handler) {
      bag.report(buildMessages.OpaqueHandler, action.handler.span, {
        action: action.name.value,
        kind: action.handler.kind,
        client: pascalCase(connector.name.value),
      });
    }
    if (action.handler === undefined && kind !== 'mcp-server') {
      bag.report(buildMessages.MissingHandler, action.name.span, { action: action.name.value, connector: connector.name.value });
    }
    return {
      action,
      fn: scope.unique(functionName(action.name.value)),
      input: scope.unique(`${base}Input`),
      output: scope.unique(`${base}Output`),
      validateInput: scope.unique(`validate${base}Input`),
      validateOutput: scope.unique(`validate${base}Output`),
      opaque,
    };
  });
  const clientOptions = actions.some((a) => a.opaque) ? scope.unique(wanted.clientOptions) : undefined;

  const specs: ValidatorSpec[] = [];
  for (const a of actions) {
    specs.push({ exportName: a.validateInput, schema: inputSchema(a.action) });
    if (a.action.output) specs.push({ exportName: a.validateOutput, schema: a.action.output.json });
    for (const [which, schema] of [['input', a.action.input], ['output', a.action.output]] as const) {
      if (!schema) continue;
      for (const format of unknownFormats(schema.json)) {
        bag.report(buildMessages.UnknownFormat, schema.node.span, { format, which, action: a.action.name.value, known: formatNames.join(', ') });
      }
    }
  }
  const validators = generateValidatorModule(specs);
  if (!validators.ok) {
    for (const failure of validators.failures) {
      const a = actions.find((x) => x.validateInput === failure.exportName || x.validateOutput === failure.exportName);
      if (!a) continue;
      const which = a.validateInput === failure.exportName ? 'input' : 'output';
      const schema = which === 'input' ? a.action.input : a.action.output;
      bag.report(buildMessages.InvalidSchema, schema?.node.span ?? a.action.span, { which, action: a.action.name.value, detail: failure.detail });
    }
  }
  const diagnostics = bag.all;
  if (bag.hasErrors || !validators.ok || kind === undefined) {
    return { files: [], diagnostics, exports: exportsOf, usesSupport: false };
  }

  const statements: (string | StatementStructures)[] = [];
  const runtimeImports = [
    { name: 'fromAjv' },
    { name: 'invokeAction' },
    ...(clientOptions ? [{ name: 'ActionFunction', isTypeOnly: true }] : []),
    { name: 'ConnectorDescriptor', isTypeOnly: true },
    { name: 'InvokeOptions', isTypeOnly: true },
  ];
  statements.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: options.runtimeSpecifier, namedImports: runtimeImports });
  statements.push({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: `./${options.fileBase}.validators.js`,
    namedImports: specs.map((s) => ({ name: s.exportName })),
  });

  const typeNodes: ts.Statement[] = [];
  for (const a of actions) {
    const label = jsonLiteral(a.action.name.value);
    typeNodes.push(...schemaDeclarations(inputSchema(a.action), a.input, 'input', scope, [`Input of action ${docText(label)}.`]));
    typeNodes.push(...schemaDeclarations(a.action.output?.json, a.output, 'output', scope, [`Output of action ${docText(label)}.`]));
  }
  // The types are most of the module: printed directly in prettier's layout when their shapes allow, they skip the formatter.
  const laidOutTypes = layoutDeclarations(typeNodes);
  const importCount = statements.length;
  if (laidOutTypes === undefined) {
    // One blank line between declarations (prettier keeps blank lines but never adds them).
    statements.push(`\n${typeNodes.map(printNode).join('\n\n')}\n`);
  }

  statements.push(metadataStatement(connector, metadataName, actions, kind));
  statements.push(descriptorStatement(connector, exportsOf.descriptor, actions, kind, specs));
  if (clientOptions) statements.push(clientOptionsStatement(clientOptions, actions));
  statements.push(clientInterface(connector, exportsOf.client, actions));
  for (const a of actions) statements.push(actionFunction(a, exportsOf.descriptor, clientOptions));
  statements.push(factoryFunction(connector, exportsOf, actions, clientOptions));

  const header = generatedHeader(options.sourcePath);
  let moduleText: string;
  if (laidOutTypes === undefined) {
    moduleText = await formatTypeScript(header + structuresText(statements));
  } else {
    // Imports and the rest are formatted apart; the laid-out types go between them, one blank line on each side, as in one formatted file.
    const imports = structuresText(statements.slice(0, importCount));
    const rest = structuresText(statements.slice(importCount));
    moduleText = `${await formatTypeScriptCode(header + imports)}\n${laidOutTypes}\n${await formatTypeScriptCode(rest)}`;
  }

  const supportImports = validators.supportImports;
  const importLine = supportImports.length > 0 ? `import { ${supportImports.join(', ')} } from ${jsonLiteral(options.supportSpecifier)};\n` : '';
  // ajv's code is laid out by block depth, not by prettier: prettier spends about a second on one connector's validators.
  const validatorsJs = header + importLine + indentBlocks(validators.js);
  const dts = header + validatorDeclarations(specs.map((s) => s.exportName));
  // Already in prettier's layout unless a declaration outgrows the line width.
  const validatorsDts = dts.split('\n').some((line) => line.length > 100) ? await formatTypeScript(dts) : dts;
  return {
    files: [
      { path: `${options.fileBase}.ts`, text: moduleText },
      { path: `${options.fileBase}.validators.js`, text: validatorsJs },
      { path: `${options.fileBase}.validators.d.ts`, text: validatorsDts },
    ],
    diagnostics,
    exports: exportsOf,
    usesSupport: supportImports.length > 0,
  };
}

/** The text ts-morph prints for `statements` (unformatted; prettier lays it out). */
function structuresText(statements: (string | StatementStructures)[]): string {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('module.ts', { statements }).getFullText();
}

function metadataStatement(connector: ConnectorIR, name: string, actions: readonly ActionNames[], kind: string): StatementStructures {
  const value: LiteralValue = {
    ref: connectorRef(connector),
    namespace: connector.namespace?.value,
    name: connector.name.value,
    version: connector.version?.value,
    kind,
    displayName: connector.displayName,
    description: connector.description,
    auth: authLiteral(connector.auth),
    runtime: {
      timeoutSeconds: connector.runtime.timeoutSeconds,
      memory: connector.runtime.memory,
      environment: connector.runtime.environment.map((e) => ({ name: e.name, description: e.description, required: e.required })),
    },
    metadata: Object.keys(connector.metadata).length > 0 ? (connector.metadata as JsonValue) : undefined,
    actions: actions.map((a) => a.action.name.value),
  };
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: '\n',
    docs: ['What the manifest says about this connector: reference, kind, auth, runtime limits.'],
    declarations: [{ name, initializer: `${literal(value)} as const` }],
  };
}

function descriptorStatement(
  connector: ConnectorIR,
  name: string,
  actions: readonly ActionNames[],
  kind: string,
  specs: readonly ValidatorSpec[],
): StatementStructures {
  const hasOutputValidator = new Set(specs.map((s) => s.exportName));
  const actionEntries: { [action: string]: LiteralValue } = {};
  for (const a of actions) {
    Object.defineProperty(actionEntries, a.action.name.value, {
      value: {
        handler: a.action.handler ? handlerLiteral(a.action.handler) : undefined,
        validateInput: code(`fromAjv(${a.validateInput})`),
        validateOutput: hasOutputValidator.has(a.validateOutput) ? code(`fromAjv(${a.validateOutput})`) : undefined,
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const value: LiteralValue = {
    ref: connectorRef(connector),
    name: connector.name.value,
    kind,
    auth: authLiteral(connector.auth),
    runtime: { timeoutSeconds: connector.runtime.timeoutSeconds },
    mcp: mcpLiteral(connector.mcp),
    actions: actionEntries,
  };
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: '\n',
    docs: ['How the runtime calls each action: handler settings and the validators compiled at build time.'],
    declarations: [{ name, initializer: `${literal(value)} as const satisfies ConnectorDescriptor` }],
  };
}

function clientOptionsStatement(name: string, actions: readonly ActionNames[]): StatementStructures {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    extends: ['InvokeOptions'],
    docs: ['Client options: the actions whose handler owc cannot run (lambda, custom) must be implemented here.'],
    properties: [
      {
        name: 'actions',
        isReadonly: true,
        type: `{ ${actions
          .filter((a) => a.opaque)
          .map((a) => `readonly ${propertyKey(a.action.name.value)}: ActionFunction;`)
          .join(' ')} readonly [action: string]: ActionFunction }`,
      },
    ],
  };
}

function parameterList(a: ActionNames, clientOptions: string | undefined): FunctionDeclarationStructure['parameters'] {
  return [
    { name: 'input', type: a.input, ...(acceptsEmptyObject(inputSchema(a.action)) ? { initializer: '{}' } : {}) },
    a.opaque && clientOptions ? { name: 'options', type: clientOptions } : { name: 'options', type: 'InvokeOptions', hasQuestionToken: true },
  ];
}

function clientInterface(connector: ConnectorIR, name: string, actions: readonly ActionNames[]): StatementStructures {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    docs: [
      [
        `The typed client of ${docText(jsonLiteral(connectorRef(connector)))}; options given per call add to the client's.`,
        ...(connector.description ? [docText(connector.description)] : []),
      ].join('\n\n'),
    ],
    methods: actions.map((a) => ({
      name: a.fn,
      docs: actionDocs(a.action),
      parameters: [
        { name: 'input', type: a.input, ...(acceptsEmptyObject(inputSchema(a.action)) ? { hasQuestionToken: true } : {}) },
        { name: 'options', type: 'InvokeOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<${a.output}>`,
    })),
  };
}

function actionFunction(a: ActionNames, descriptor: string, clientOptions: string | undefined): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    isAsync: true,
    name: a.fn,
    docs: [[...actionDocs(a.action), `Calls action ${docText(jsonLiteral(a.action.name.value))}.`].join('\n\n')],
    parameters: parameterList(a, clientOptions),
    returnType: `Promise<${a.output}>`,
    statements: [`return invokeAction<${a.output}>(${descriptor}, ${jsonLiteral(a.action.name.value)}, input, options);`],
  };
}

function factoryFunction(
  connector: ConnectorIR,
  names: { readonly factory: string; readonly client: string },
  actions: readonly ActionNames[],
  clientOptions: string | undefined,
): StatementStructures {
  const members = actions.map((a) => {
    const merged = a.opaque && clientOptions ? '{ ...options, ...call, actions: { ...options.actions, ...call?.actions } }' : '{ ...options, ...call }';
    return `${a.fn}: (input, call) => ${a.fn}(input, ${merged}),`;
  });
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: names.factory,
    docs: [`Creates a client for ${docText(jsonLiteral(connectorRef(connector)))} whose calls share \`options\`.`],
    parameters: [clientOptions ? { name: 'options', type: clientOptions } : { name: 'options', type: 'InvokeOptions', initializer: '{}' }],
    returnType: names.client,
    statements: [`return {\n${members.join('\n')}\n};`],
  };
}
