/**
 * Renders docs/diagnostics.md from the message catalog, so the page of
 * codes can never drift from what owc reports.
 */
import { catalogs } from './catalog/index.js';
import type { MessageDef } from './diagnostic.js';

function placeholders(text: string): string {
  return text.replace(/\{(\w+)\}/g, '<$1>');
}

function section(def: MessageDef): string {
  const lines = [`### ${def.code} — ${placeholders(def.message)}`, '', `Severity: **${def.severity}**.`, '', def.doc, ''];
  if (def.hint) lines.push(`Hint shown: ${placeholders(def.hint)}`, '');
  if (def.example.trim() !== '') {
    lines.push('Example:', '', '```yaml', def.example.replace(/\n+$/, ''), '```', '');
  }
  return lines.join('\n');
}

/** The whole Markdown page. */
export function renderDiagnosticsDoc(): string {
  const out = [
    '# owc diagnostics',
    '',
    '<!-- Generated from src/diagnostics/catalog by `npm run docs:codes`. Do not edit by hand. -->',
    '',
    'Every problem owc reports has a stable code. Codes are grouped by the stage that reports them.',
    'Warnings marked "may be undefined" and open-schema warnings become errors with `owc check --strict`.',
    '',
  ];
  for (const catalog of catalogs) {
    const defs = Object.values(catalog.messages).sort((a, b) => (a.code < b.code ? -1 : 1));
    if (defs.length === 0) continue;
    out.push(`## ${catalog.stage}`, '');
    for (const def of defs) out.push(section(def));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
