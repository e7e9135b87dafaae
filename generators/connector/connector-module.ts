/**
 * One connector → one typed client module (DESIGN.md §9): input/output types
 * per action, a descriptor constant for the runtime (with validators compiled
 * at build time into a `.validators.js` file beside the module), metadata, one
 * async function per action and a `create<Name>Client` factory. Types come
 * from ../common/schema-type.ts; the rest of the
 * module is written directly in prettier's layout (../common/code-layout.ts),
 * so prettier runs only on a statement whose shape that printer leaves to it.
 * Manifest text enters only through the quoting helpers.
 */
import { DiagnosticBag, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildMessages } from '../../src/diagnostics/catalog/build.js';
import type { ActionIR, ConnectorIR, JsonValue } from '../../src/lower/ir.js';
import { formatTypeScript, formatTypeScriptCode } from '../common/format.js';
import { generatedHeader } from '../common/header.js';
import { docComment, fits, flatLiteral, LayoutUnsupported, listLines, literalLines, objectKey, specifierLines, stringLiteral, unsupported } from '../common/code-layout.js';
import { code, type LiteralValue } from '../common/literal.js';
import { camelCase, isReservedWord, NameScope, pascalCase } from '../common/naming.js';
import { docText, jsonLiteral } from '../common/quote.js';
import { acceptsEmptyObject, printNode, schemaDeclarations, type Declaration } from '../common/schema-type.js';
import { layoutDeclaration } from '../common/type-layout.js';
import { formatNames } from '../common/validator-support.js';
import { inProcessCompiler, type ValidatorCompiler } from '../common/validator-pool.js';
import { unknownFormats, type ValidatorSpec } from '../common/validator-specs.js';
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
  /** Where the validators are compiled (a worker pool, see ../common/validator-pool.ts); default: in process. */
  readonly validators?: ValidatorCompiler;
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
  // Handed to the compiler now (maybe a worker) and awaited once the rest of the module is written.
  const compiling = (options.validators ?? inProcessCompiler).compile(specs);
  const types = declarations(actions, scope);
  const validators = await compiling;
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

  const header = generatedHeader(options.sourcePath);
  const runtimeImports = ['fromAjv', 'invokeAction', ...(clientOptions ? ['type ActionFunction'] : []), 'type ConnectorDescriptor', 'type InvokeOptions'];
  const imports = [
    ...specifierLines('import', runtimeImports, options.runtimeSpecifier),
    ...specifierLines('import', specs.map((s) => s.exportName), `./${options.fileBase}.validators.js`),
  ].join('\n');

  const typeText = types.length === 0 ? undefined : `${(await Promise.all(types.map(declarationText))).join('\n\n')}\n`;

  const statements: Statement[] = [
    metadataStatement(connector, metadataName, actions, kind),
    descriptorStatement(connector, exportsOf.descriptor, actions, kind, specs),
    ...(clientOptions ? [clientOptionsStatement(clientOptions, actions)] : []),
    clientInterface(connector, exportsOf.client, actions),
    ...actions.map((a) => actionFunction(a, exportsOf.descriptor, clientOptions)),
    factoryFunction(connector, exportsOf, actions, clientOptions),
  ];
  const code: string[] = [];
  for (const statement of statements) code.push(await statementText(statement));
  const moduleText = `${header}${imports}\n\n${typeText === undefined ? '' : `${typeText}\n`}${code.join('\n\n')}\n`;

  const supportImports = validators.supportImports;
  const importLine = supportImports.length > 0 ? `import { ${supportImports.join(', ')} } from ${jsonLiteral(options.supportSpecifier)};\n` : '';
  // ajv's code comes laid out by block depth (../common/js-layout.ts), not by prettier: prettier spends about a second on one connector's validators.
  const validatorsJs = header + importLine + validators.js;
  // Already in prettier's layout: its only lines that can outgrow the line width (the header's Source line, a
  // `declare const` of a long name) are ones prettier leaves as they are.
  const validatorsDts = header + validatorDeclarations(specs.map((s) => s.exportName));
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

/**
 * The input and output types of every action (names from `scope`): each
 * declaration, and its text when ../common/type-layout.ts can print it in
 * prettier's layout (most of the module, so it skips the formatter).
 */
function declarations(actions: readonly ActionNames[], scope: NameScope): { node: Declaration; laidOut: string | undefined }[] {
  const nodes: Declaration[] = [];
  for (const a of actions) {
    const label = jsonLiteral(a.action.name.value);
    nodes.push(...schemaDeclarations(inputSchema(a.action), a.input, 'input', scope, [`Input of action ${docText(label)}.`]));
    nodes.push(...schemaDeclarations(a.action.output?.json, a.output, 'output', scope, [`Output of action ${docText(label)}.`]));
  }
  return nodes.map((node) => ({ node, laidOut: layoutDeclaration(node) }));
}

/** A declaration's text: as laid out, or — for a shape the layout printer leaves alone — formatted by prettier. */
async function declarationText(declaration: { node: Declaration; laidOut: string | undefined }): Promise<string> {
  return declaration.laidOut ?? (await formatTypeScript(printNode(declaration.node))).trimEnd();
}

/**
 * How a statement is written: `layout` puts it in prettier's layout (or throws
 * `LayoutUnsupported`), `flat` writes every construct on one line for prettier.
 */
interface Printer {
  readonly flat: boolean;
  literal(value: LiteralValue, head: string, tail: string, indent: string): string[];
  list(head: string, open: string, items: readonly string[], close: string, tail: string, indent: string): string[];
}

const layoutPrinter: Printer = { flat: false, literal: literalLines, list: listLines };
const flatPrinter: Printer = {
  flat: true,
  literal: (value, head, tail) => [`${head}${flatLiteral(value)}${tail}`],
  list: (head, open, items, close, tail) => [`${head}${open}${items.join(', ')}${close}${tail}`],
};

/** A top-level statement of the module: its lines, written by a printer. */
type Statement = (p: Printer) => string[];

/** The statement in prettier's layout: written directly, or — for a shape the layout printer leaves alone — formatted by prettier. */
async function statementText(statement: Statement): Promise<string> {
  try {
    return statement(layoutPrinter).join('\n');
  } catch (error) {
    if (!(error instanceof LayoutUnsupported)) throw error;
    return (await formatTypeScriptCode(`${statement(flatPrinter).join('\n')}\n`)).trimEnd();
  }
}

function metadataStatement(connector: ConnectorIR, name: string, actions: readonly ActionNames[], kind: string): Statement {
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
  return (p) => [
    ...docComment('What the manifest says about this connector: reference, kind, auth, runtime limits.', ''),
    ...p.literal(value, `export const ${name} = `, ' as const;', ''),
  ];
}

function descriptorStatement(
  connector: ConnectorIR,
  name: string,
  actions: readonly ActionNames[],
  kind: string,
  specs: readonly ValidatorSpec[],
): Statement {
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
  return (p) => [
    ...docComment('How the runtime calls each action: handler settings and the validators compiled at build time.', ''),
    ...p.literal(value, `export const ${name} = `, ' as const satisfies ConnectorDescriptor;', ''),
  ];
}

function clientOptionsStatement(name: string, actions: readonly ActionNames[]): Statement {
  const members = [
    ...actions.filter((a) => a.opaque).map((a) => `readonly ${objectKey(a.action.name.value)}: ActionFunction`),
    'readonly [action: string]: ActionFunction',
  ];
  const open = `export interface ${name} extends InvokeOptions {`;
  const flatMember = `  readonly actions: { ${members.join('; ')} };`;
  return (p) => {
    const doc = docComment('Client options: the actions whose handler owc cannot run (lambda, custom) must be implemented here.', '');
    if (p.flat) return [...doc, open, flatMember, '}'];
    if (!fits(open)) unsupported();
    const body = fits(flatMember) ? [flatMember] : ['  readonly actions: {', ...members.map((m) => `    ${m};`), '  };'];
    if (!body.every(fits)) unsupported();
    return [...doc, open, ...body, '}'];
  };
}

function parameterList(a: ActionNames, clientOptions: string | undefined): string[] {
  return [
    `input: ${a.input}${acceptsEmptyObject(inputSchema(a.action)) ? ' = {}' : ''}`,
    a.opaque && clientOptions ? `options: ${clientOptions}` : 'options?: InvokeOptions',
  ];
}

function clientInterface(connector: ConnectorIR, name: string, actions: readonly ActionNames[]): Statement {
  const doc = [
    `The typed client of ${docText(jsonLiteral(connectorRef(connector)))}; options given per call add to the client's.`,
    ...(connector.description ? [docText(connector.description)] : []),
  ].join('\n\n');
  return (p) => {
    const lines = docComment(doc, '');
    if (actions.length === 0) return [...lines, `export interface ${name} {}`];
    lines.push(`export interface ${name} {`);
    for (const a of actions) {
      lines.push(...docComment(actionDocs(a.action).join('\n\n'), '  '));
      const params = [`input${acceptsEmptyObject(inputSchema(a.action)) ? '?' : ''}: ${a.input}`, 'options?: InvokeOptions'];
      lines.push(...p.list(`  ${a.fn}`, '(', params, ')', `: Promise<${a.output}>;`, '  '));
    }
    lines.push('}');
    return lines;
  };
}

function actionFunction(a: ActionNames, descriptor: string, clientOptions: string | undefined): Statement {
  const doc = [...actionDocs(a.action), `Calls action ${docText(jsonLiteral(a.action.name.value))}.`].join('\n\n');
  const args = [descriptor, stringLiteral(a.action.name.value), 'input', 'options'];
  return (p) => [
    ...docComment(doc, ''),
    ...p.list(`export async function ${a.fn}`, '(', parameterList(a, clientOptions), ')', `: Promise<${a.output}> {`, ''),
    ...p.list(`  return invokeAction<${a.output}>`, '(', args, ')', ';', '  '),
    '}',
  ];
}

function factoryFunction(
  connector: ConnectorIR,
  names: { readonly factory: string; readonly client: string },
  actions: readonly ActionNames[],
  clientOptions: string | undefined,
): Statement {
  const doc = `Creates a client for ${docText(jsonLiteral(connectorRef(connector)))} whose calls share \`options\`.`;
  const param = clientOptions ? `options: ${clientOptions}` : 'options: InvokeOptions = {}';
  return (p) => {
    const lines = [...docComment(doc, ''), ...p.list(`export function ${names.factory}`, '(', [param], ')', `: ${names.client} {`, '')];
    if (actions.length === 0) return [...lines, '  return {};', '}'];
    lines.push('  return {');
    for (const a of actions) lines.push(...clientMember(a, clientOptions, p.flat));
    lines.push('  };', '}');
    return lines;
  };
}

/** `fn: (input, call) => fn(input, { ...options, ...call }),` in the client object, broken as prettier breaks it when too long. */
function clientMember(a: ActionNames, clientOptions: string | undefined, flat: boolean): string[] {
  const merged = a.opaque && clientOptions ? ['...options', '...call', 'actions: { ...options.actions, ...call?.actions }'] : ['...options', '...call'];
  const call = `${a.fn}(input, { ${merged.join(', ')} }),`;
  const oneLine = `    ${a.fn}: (input, call) => ${call}`;
  if (flat || fits(oneLine)) return [oneLine];
  const arrow = `    ${a.fn}: (input, call) =>`;
  // The body goes to the next line; if it is still too long, the object argument is expanded.
  const lines = fits(`      ${call}`) ? [arrow, `      ${call}`] : [arrow, `      ${a.fn}(input, {`, ...merged.map((m) => `        ${m},`), '      }),'];
  if (!lines.every(fits)) unsupported();
  return lines;
}
