/**
 * Type declarations (./schema-type.ts) printed directly in the layout prettier
 * gives them, so a connector module's largest part skips the formatter. Only
 * the shapes whose layout is certain are printed: one-line types that fit the
 * line width, object types always expanded (as `printNode` writes them, which
 * prettier keeps), plain string and number literals, identifier keys.
 * Anything else — a union or tuple that would have to break, an unusual
 * literal — returns undefined, and the caller formats that declaration with
 * prettier. The snapshot tests and a test that runs prettier over this
 * printer's output hold the two together.
 */
import { docComment, fits, LayoutUnsupported, unsupported } from './code-layout.js';
import { isIdentifier } from './naming.js';
import type { Declaration, Member, TypeNode } from './schema-type.js';

function stringLiteral(text: string): string {
  // Printable ASCII without quotes or backslashes: prettier writes it in single quotes, unchanged.
  if (!/^[\x20-\x7e]*$/.test(text) || /['"\\]/.test(text)) unsupported();
  return `'${text}'`;
}

function numberLiteral(value: number): string {
  // Integers and plain decimals are already in prettier's canonical form.
  const text = String(Math.abs(value));
  if (!/^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(text)) unsupported();
  return value < 0 ? `-${text}` : text;
}

/** A type that prints on one line, or fails (object types never print inline). */
function inline(node: TypeNode): string {
  switch (node.kind) {
    case 'keyword':
      return node.name;
    case 'string':
      return stringLiteral(node.value);
    case 'number':
      return numberLiteral(node.value);
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'reference':
      return node.args.length === 0 ? node.name : `${node.name}<${node.args.map(inline).join(', ')}>`;
    case 'array': {
      const element = node.element;
      if (element.kind === 'union' || element.kind === 'intersection') return `(${inline(element)})[]`;
      return `${inline(element)}[]`;
    }
    case 'union':
      // An intersection inside a union is parenthesised, as prettier writes it.
      return node.members.map((m) => (m.kind === 'intersection' ? `(${inline(m)})` : inline(m))).join(' | ');
    case 'intersection':
      return node.members.map((m) => (m.kind === 'union' || m.kind === 'intersection' ? `(${inline(m)})` : inline(m))).join(' & ');
    case 'tuple':
      return `[${node.elements
        .map((e) => {
          if (e.mode === 'rest') return `...${inline(e.type)}`;
          if (e.mode === 'optional') return e.type.kind === 'union' || e.type.kind === 'intersection' ? `(${inline(e.type)})?` : `${inline(e.type)}?`;
          return inline(e.type);
        })
        .join(', ')}]`;
    case 'object':
      return unsupported();
  }
}

/** Lines of an expanded object type's body (members), at `indent`. */
function members(list: readonly Member[], indent: string): string[] {
  const out: string[] = [];
  for (const member of list) {
    if (member.kind === 'property') {
      out.push(...docComment(member.docs.join('\n'), indent));
      if (!isIdentifier(member.name)) unsupported();
      out.push(...typeLines(member.type, `${indent}${member.name}${member.optional ? '?' : ''}: `, ';', indent));
    } else {
      out.push(...typeLines(member.type, `${indent}[key: string]: `, ';', indent));
    }
  }
  return out;
}

/**
 * The lines of `head` + type + `tail`: an object type (or an array of one)
 * expands over several lines; anything else must fit on the line.
 */
function typeLines(node: TypeNode, head: string, tail: string, indent: string): string[] {
  let core = node;
  let arrays = '';
  while (core.kind === 'array') {
    arrays += '[]';
    core = core.element;
  }
  if (core.kind === 'object') {
    if (core.members.length === 0) unsupported();
    return [`${head}{`, ...members(core.members, `${indent}  `), `${indent}}${arrays}${tail}`];
  }
  const line = `${head}${inline(node)}${tail}`;
  if (!fits(line)) unsupported();
  return [line];
}

/** One declaration (an interface or a type alias, maybe with doc comments) in prettier's layout. */
function declaration(node: Declaration): string[] {
  const lines = docComment(node.docs.join('\n'), '');
  if (node.type.kind === 'object') {
    if (node.type.members.length === 0) unsupported();
    const open = `export interface ${node.name} {`;
    if (!fits(open)) unsupported();
    return [...lines, open, ...members(node.type.members, '  '), '}'];
  }
  return [...lines, ...typeLines(node.type, `export type ${node.name} = `, ';', '')];
}

/**
 * One declaration as prettier would format it (without a trailing newline),
 * or undefined when it has a shape this printer leaves to prettier.
 */
export function layoutDeclaration(node: Declaration): string | undefined {
  try {
    return declaration(node).join('\n');
  } catch (error) {
    if (error instanceof LayoutUnsupported) return undefined;
    throw error;
  }
}
