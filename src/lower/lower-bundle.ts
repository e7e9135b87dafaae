/** Lowers a bundle manifest (registry form: `type: bundle` with `includes`). */
import type { MapNode } from '../source/nodes.js';
import type { LowerContext } from './context.js';
import { originOf } from './context.js';
import type { BundleIR } from './ir.js';
import { nameListOf, nameOf, nameOrEmpty, stringOf, valueOf } from './values.js';

/** Lowers the bundle in `root`. */
export function lowerBundle(ctx: LowerContext, root: MapNode): BundleIR {
  return {
    kind: 'bundle',
    name: nameOrEmpty(valueOf(root, 'name'), root.span),
    namespace: nameOf(valueOf(root, 'namespace')),
    version: nameOf(valueOf(root, 'version')),
    description: stringOf(valueOf(root, 'description')),
    includes: nameListOf(valueOf(root, 'includes')),
    origin: originOf(ctx, root),
  };
}
