/**
 * Type declarations (./schema-type.ts) printed directly in the layout prettier
 * gives them, so a connector module's largest part skips the formatter. Only
 * the shapes whose layout is certain are printed: one-line types that fit the
 * line width, object types always expanded (as the TypeScript printer writes
 * them, which prettier keeps), plain string and number literals, identifier
 * keys. Anything else — a union or tuple that would have to break, an object
 * inside a union, an unusual literal — returns undefined, and the caller
 * formats the declarations with prettier as before. The snapshot tests and a
 * test that runs prettier over this printer's output hold the two together.
 */
import { ts } from 'ts-morph';
import { isIdentifier } from './naming.js';

/** prettier's printWidth in ./format.ts. */
const width = 100;

class Unsupported extends Error {}

function fail(): never {
  throw new Unsupported();
}

/** The comment lines of a node's synthetic `/** … *\/` comments, laid out at `indent` as prettier lays out JSDoc. */
function docLines(node: ts.Node, indent: string): string[] {
  const out: string[] = [];
  for (const comment of ts.getSyntheticLeadingComments(node) ?? []) {
    if (comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !comment.hasTrailingNewLine) fail();
    const lines = `/*${comment.text}*/`.split('\n');
    if (lines.length === 1) {
      out.push(`${indent}${lines[0]}`);
      continue;
    }
    if (!lines.slice(1).every((line) => line.trimStart().startsWith('*'))) fail();
    out.push(`${indent}${lines[0]!.trimEnd()}`);
    lines.slice(1).forEach((line, i) => out.push(`${indent} ${i < lines.length - 2 ? line.trim() : line.trimStart()}`));
  }
  return out;
}

function stringLiteral(text: string): string {
  // Printable ASCII without quotes or backslashes: prettier writes it in single quotes, unchanged.
  if (!/^[\x20-\x7e]*$/.test(text) || /['"\\]/.test(text)) fail();
  return `'${text}'`;
}

function numberLiteral(text: string): string {
  // Integers and plain decimals are already in prettier's canonical form.
  if (!/^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(text)) fail();
  return text;
}

function keywordText(kind: ts.SyntaxKind): string | undefined {
  switch (kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.UnknownKeyword:
      return 'unknown';
    case ts.SyntaxKind.NeverKeyword:
      return 'never';
    case ts.SyntaxKind.UndefinedKeyword:
      return 'undefined';
    case ts.SyntaxKind.NullKeyword:
      return 'null';
    default:
      return undefined;
  }
}

/** A type that prints on one line, or fails (object types never print inline). */
function inline(node: ts.TypeNode): string {
  const keyword = keywordText(node.kind);
  if (keyword !== undefined) return keyword;
  if (ts.isLiteralTypeNode(node)) {
    const lit = node.literal;
    if (lit.kind === ts.SyntaxKind.NullKeyword) return 'null';
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return 'true';
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return 'false';
    if (ts.isStringLiteral(lit)) return stringLiteral(lit.text);
    if (ts.isNumericLiteral(lit)) return numberLiteral(lit.text);
    if (ts.isPrefixUnaryExpression(lit) && lit.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(lit.operand)) {
      return `-${numberLiteral(lit.operand.text)}`;
    }
    return fail();
  }
  if (ts.isTypeReferenceNode(node)) {
    if (!ts.isIdentifier(node.typeName)) fail();
    const args = node.typeArguments?.map(inline);
    return args === undefined ? node.typeName.text : `${node.typeName.text}<${args.join(', ')}>`;
  }
  if (ts.isArrayTypeNode(node)) {
    const element = node.elementType;
    if (ts.isUnionTypeNode(element) || ts.isIntersectionTypeNode(element)) return `(${inline(element)})[]`;
    return `${inline(element)}[]`;
  }
  if (ts.isParenthesizedTypeNode(node)) return `(${inline(node.type)})`;
  if (ts.isUnionTypeNode(node)) {
    // prettier puts an intersection inside a union in parentheses; the TypeScript printer does not.
    if (node.types.some((t) => ts.isIntersectionTypeNode(t))) fail();
    return node.types.map(inline).join(' | ');
  }
  if (ts.isIntersectionTypeNode(node)) return node.types.map(inline).join(' & ');
  if (ts.isTupleTypeNode(node)) {
    return `[${node.elements
      .map((e) => {
        if (ts.isOptionalTypeNode(e)) return `${inline(e.type)}?`;
        if (ts.isRestTypeNode(e)) return `...${inline(e.type)}`;
        if (ts.isNamedTupleMember(e)) fail();
        return inline(e);
      })
      .join(', ')}]`;
  }
  return fail();
}

/** Lines of an expanded object type's body (members), at `indent`. */
function members(list: readonly ts.TypeElement[], indent: string): string[] {
  const out: string[] = [];
  for (const member of list) {
    out.push(...docLines(member, indent));
    if (ts.isPropertySignature(member)) {
      if (member.type === undefined || member.modifiers !== undefined) fail();
      if (!ts.isIdentifier(member.name) || !isIdentifier(member.name.text)) fail();
      const head = `${indent}${member.name.text}${member.questionToken ? '?' : ''}: `;
      out.push(...typeLines(member.type, head, ';', indent));
    } else if (ts.isIndexSignatureDeclaration(member)) {
      const param = member.parameters[0];
      if (member.parameters.length !== 1 || param === undefined || !ts.isIdentifier(param.name) || param.type === undefined || member.modifiers !== undefined) fail();
      const head = `${indent}[${param.name.text}: ${inline(param.type)}]: `;
      out.push(...typeLines(member.type, head, ';', indent));
    } else {
      fail();
    }
  }
  return out;
}

/**
 * The lines of `head` + type + `tail`: an object type (or an array of one)
 * expands over several lines; anything else must fit on the line.
 */
function typeLines(node: ts.TypeNode, head: string, tail: string, indent: string): string[] {
  let core = node;
  let arrays = '';
  while (ts.isArrayTypeNode(core)) {
    arrays += '[]';
    core = core.elementType;
  }
  if (ts.isTypeLiteralNode(core)) {
    if (core.members.length === 0) fail();
    return [`${head}{`, ...members(core.members, `${indent}  `), `${indent}}${arrays}${tail}`];
  }
  const line = `${head}${inline(node)}${tail}`;
  if (line.length > width) fail();
  return [line];
}

/** One declaration (an interface or a type alias, maybe with doc comments) in prettier's layout. */
function declaration(node: ts.Statement): string[] {
  const lines = docLines(node, '');
  const exported = ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ? 'export ' : '';
  if (ts.isInterfaceDeclaration(node)) {
    if (node.typeParameters !== undefined || node.heritageClauses !== undefined || node.members.length === 0) fail();
    const open = `${exported}interface ${node.name.text} {`;
    if (open.length > width) fail();
    return [...lines, open, ...members(node.members, '  '), '}'];
  }
  if (ts.isTypeAliasDeclaration(node)) {
    if (node.typeParameters !== undefined) fail();
    return [...lines, ...typeLines(node.type, `${exported}type ${node.name.text} = `, ';', '')];
  }
  return fail();
}

/**
 * The declarations as prettier would format them — separated by one blank
 * line, ending in a newline — or undefined when one of them has a shape this
 * printer leaves to prettier.
 */
export function layoutDeclarations(nodes: readonly ts.Statement[]): string | undefined {
  try {
    return `${nodes.map((n) => declaration(n).join('\n')).join('\n\n')}\n`;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
