/**
 * Lowers workflow triggers: `type: manual | schedule | webhook | event` with
 * their fields, the shorthand `- schedule: "0 8 * * *"` (optionally with
 * `timezone` beside it), `- webhook: {…}` / `- event: {…}`, and `- manual`.
 * Entries that fit none of these are skipped; the schema stage reports them.
 */
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import type { TriggerIR } from './ir.js';
import { mapOf, missingScalar, optionalJsonOf, scalarOf, stringOf, valueOf } from './values.js';

/** The triggers of a workflow's `triggers:` value. */
export function lowerTriggers(node: ValueNode | undefined): TriggerIR[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((item) => {
    const trigger = lowerTrigger(item);
    return trigger ? [trigger] : [];
  });
}

function lowerTrigger(item: ValueNode): TriggerIR | undefined {
  if (item.kind === 'scalar') return stringOf(item) === 'manual' ? { kind: 'manual', span: item.span } : undefined;
  if (item.kind !== 'map') return undefined;
  const type = stringOf(valueOf(item, 'type'));
  if (type !== undefined) return triggerOfType(type, item, item);
  // Shorthand: the kind is the key.
  const schedule = entry(item, 'schedule');
  if (schedule && schedule.value.kind === 'scalar') return scheduleTrigger(item, schedule.value, item);
  if (schedule && schedule.value.kind === 'map') return triggerOfType('schedule', schedule.value, item);
  for (const kind of ['webhook', 'event', 'manual'] as const) {
    const e = entry(item, kind);
    if (e) return triggerOfType(kind, mapOf(e.value) ?? item, item);
  }
  return undefined;
}

/** `fields` holds the trigger's settings; `whole` is the trigger entry (its span). */
function triggerOfType(type: string, fields: MapNode, whole: MapNode): TriggerIR | undefined {
  const span = whole.span;
  switch (type) {
    case 'manual':
      return { kind: 'manual', span };
    case 'schedule':
      return scheduleTrigger(fields, valueOf(fields, 'cron', 'schedule'), whole);
    case 'webhook':
      return {
        kind: 'webhook',
        path: stringOf(valueOf(fields, 'path')),
        method: stringOf(valueOf(fields, 'method')),
        auth: optionalJsonOf(valueOf(fields, 'auth')),
        security: optionalJsonOf(valueOf(fields, 'security')),
        span,
      };
    case 'event':
      return {
        kind: 'event',
        source: stringOf(valueOf(fields, 'source')),
        topic: stringOf(valueOf(fields, 'topic')),
        filter: optionalJsonOf(valueOf(fields, 'filter')),
        span,
      };
    default:
      return undefined;
  }
}

function scheduleTrigger(fields: MapNode, cron: ValueNode | undefined, whole: MapNode): TriggerIR {
  return {
    kind: 'schedule',
    cron: scalarOf(cron) ?? missingScalar(whole.span),
    timezone: scalarOf(valueOf(fields, 'timezone', 'timeZone', 'tz')) ?? scalarOf(valueOf(whole, 'timezone', 'timeZone', 'tz')),
    span: whole.span,
  };
}
