/**
 * File and identifier names for connector modules. A module file is named
 * from namespace, name and version (`examples-weather-v1_2_0`), so several
 * versions of one connector in one build get distinct, filesystem-safe files.
 */
import type { ConnectorIR } from '../../src/lower/ir.js';
import { camelCase, pascalCase } from '../common/naming.js';

/** Lowercase letters, digits, `-` and `_` only: safe on case-insensitive and Windows file systems. */
function fileSafe(text: string): string {
  const safe = text.toLowerCase().replace(/[^a-z0-9-]+/g, '_').replace(/^[_-]+|[_-]+$/g, '');
  return safe === '' ? 'connector' : safe;
}

/** `<namespace>-<name>-v<version>` with dots as underscores: `examples-weather-v1_2_0`. */
export function connectorFileBase(connector: ConnectorIR): string {
  const parts: string[] = [];
  if (connector.namespace && connector.namespace.value !== '') parts.push(fileSafe(connector.namespace.value));
  parts.push(fileSafe(connector.name.value));
  if (connector.version && connector.version.value !== '') parts.push(`v${fileSafe(connector.version.value.replace(/\./g, '_'))}`);
  const base = parts.join('-');
  return /^(con|prn|aux|nul|com\d|lpt\d)$/.test(base) ? `${base}_` : base;
}

/** The registry reference of a connector: `connector:<namespace>/<name>@<version>`, or what of it is known. */
export function connectorRef(connector: ConnectorIR): string {
  const name = connector.namespace ? `${connector.namespace.value}/${connector.name.value}` : connector.name.value;
  const versioned = connector.version ? `${name}@${connector.version.value}` : name;
  return `connector:${versioned}`;
}

/** The exported names of one connector module (before uniqueness: the module scope settles clashes). */
export function connectorExportNames(connector: ConnectorIR): {
  readonly factory: string;
  readonly client: string;
  readonly clientOptions: string;
  readonly descriptor: string;
  readonly metadata: string;
} {
  const pascal = pascalCase(connector.name.value);
  const camel = camelCase(connector.name.value);
  return {
    factory: `create${pascal}Client`,
    client: `${pascal}Client`,
    clientOptions: `${pascal}ClientOptions`,
    descriptor: `${camel}Connector`,
    metadata: `${camel}Metadata`,
  };
}

/** An identifier for the module as a whole (the index's namespace export): `examplesWeatherV1_2_0`. */
export function connectorNamespaceName(connector: ConnectorIR): string {
  const base = camelCase([connector.namespace?.value ?? '', connector.name.value].join(' '));
  const version = connector.version?.value.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return version ? `${base}V${version}` : base;
}
