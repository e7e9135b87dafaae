/** Time zone names: the IANA names the runtime's Intl knows, plus `UTC`. */
let known: ReadonlySet<string> | undefined;

/** The canonical IANA time zone names, plus `UTC`. */
export function timeZoneNames(): ReadonlySet<string> {
  known ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return known;
}

/**
 * True when `name` is a time zone the runtime accepts: a canonical name, or a
 * legacy alias Intl still resolves (`US/Eastern`, `Etc/GMT+5`).
 */
export function isTimeZone(name: string): boolean {
  if (timeZoneNames().has(name)) return true;
  if (name.trim() !== name || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
