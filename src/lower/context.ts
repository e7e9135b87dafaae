/**
 * What every lowering function carries: the file and manifest form being
 * lowered and the bag that collects the diagnostics lowering itself reports.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { MapNode } from '../source/nodes.js';
import type { ManifestForm } from '../source/recognise.js';
import type { SourceFile } from '../source/span.js';
import type { Origin } from './ir.js';

export interface LowerContext {
  readonly file: SourceFile;
  readonly form: ManifestForm;
  readonly bag: DiagnosticBag;
}

/** The origin of a resource whose own node is `node`. */
export function originOf(ctx: LowerContext, node: MapNode): Origin {
  return { file: ctx.file, form: ctx.form, node, span: node.span };
}
