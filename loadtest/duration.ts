import { UserError } from '../lib/index.ts';

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Parses "90", "90s", "5m", "1h30m", "1500ms" into seconds; names the source in errors. */
export function parseDurationS(text: string, source: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return checkPositive(Number(trimmed), text, source);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new UserError(`Could not read ${source} "${text}": not a duration. Use seconds or units, e.g. 90, 90s, 5m, 1h30m.`);
  }
  const total = parts.reduce((sum, p) => sum + Number(p[1]) * (UNITS[p[2] as string] ?? 0), 0);
  return checkPositive(total, text, source);
}

function checkPositive(value: number, text: string, source: string): number {
  if (!(value > 0)) throw new UserError(`Could not read ${source} "${text}": it must be more than zero.`);
  return value;
}
