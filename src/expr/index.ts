/** The expression front end: lexer, parser, template splitting and printing. */
export { ExprSource, Lexer, tokenize, describeToken, keywords, punctuators } from './lexer.js';
export type { Token, Keyword, Punctuator, LexError } from './lexer.js';
export { parseExpression, ExpressionParser, maxExpressionDepth, maxExpressionTokens, forbiddenMembers } from './parser.js';
export type { ExpressionResult, ForHeader } from './parser.js';
export { parseTemplate, parseTemplateText, containsTemplate, wholeValueExpr } from './template.js';
export type { TemplateResult } from './template.js';
export { printExpr, printTemplate, printLiteral, quoteString } from './print.js';
export type { PrintOptions } from './print.js';
export type * from './ast.js';
