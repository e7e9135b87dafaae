/**
 * The message catalog: every diagnostic owc can report, by stage. Codes are
 * stable: a code is never reused for a different meaning. docs/diagnostics.md
 * is generated from this list (`npm run docs:codes`).
 *
 * Ranges: OWC1xxx loading · OWC2xxx manifest schema · OWC3xxx structure (IR)
 * · OWC4xxx references and registry · OWC5xxx expression syntax · OWC6xxx
 * expression types and data flow · OWC7xxx security · OWC8xxx build and code
 * generation.
 */
import type { MessageDef } from '../diagnostic.js';
import { sourceMessages } from './source.js';
import { schemaMessages } from './schema.js';
import { structureMessages } from './structure.js';
import { resolveMessages } from './resolve.js';
import { exprSyntaxMessages } from './expr-syntax.js';
import { exprTypeMessages } from './expr-types.js';
import { securityMessages } from './security.js';
import { buildMessages } from './build.js';

export { sourceMessages };

/** Every catalog, in code order. Each stage adds its own file here. */
export const catalogs: ReadonlyArray<{ readonly stage: string; readonly messages: Readonly<Record<string, MessageDef>> }> = [
  { stage: 'Loading files', messages: sourceMessages },
  { stage: 'Manifest schema', messages: schemaMessages },
  { stage: 'Structure', messages: structureMessages },
  { stage: 'References and registry', messages: resolveMessages },
  { stage: 'Expression syntax', messages: exprSyntaxMessages },
  { stage: 'Expression types and data flow', messages: exprTypeMessages },
  { stage: 'Security', messages: securityMessages },
  { stage: 'Build and code generation', messages: buildMessages },
];

/** All messages, sorted by code. */
export function allMessages(): MessageDef[] {
  return catalogs.flatMap((c) => Object.values(c.messages)).sort((a, b) => (a.code < b.code ? -1 : 1));
}
