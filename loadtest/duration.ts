import { parseDurationS as parseDuration } from '../load-core/index.ts';
import { UserError } from '../lib/index.ts';

/** Parses "90", "90s", "5m", "1h", "1500ms" into seconds (the k6 scenarios' WA_DURATION rules); names the source in errors. */
export function parseDurationS(text: string, source: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new UserError(`Could not read ${source} "${text}": not a positive duration. Use seconds or one unit, e.g. 90, 90s, 5m, 1h.`);
  return seconds;
}
