import type { GateResult, Summary } from '../schema/summary-schema.ts';

/** Milliseconds for people: 0.42 ms, 87 ms, 1.24 s. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatValue(value: number, unit: GateResult['unit']): string {
  if (unit === 'ms') return formatMs(value);
  if (unit === '%') return `${value.toFixed(value < 0.1 && value > 0 ? 3 : 2)} %`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (unit === 'MB/10min') return `${value.toFixed(1)} MB/10 min`;
  return String(value);
}

export function formatObserved(g: GateResult): string {
  return g.observed === null ? 'not measured' : formatValue(g.observed, g.unit);
}

export function formatThreshold(g: GateResult): string {
  return `${g.comparator === '<' ? '<' : '≤'} ${formatValue(g.threshold, g.unit)}`;
}

export const VERDICT_LABEL: Record<GateResult['verdict'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-measured': 'not measured',
  incomplete: 'incomplete',
};

export function formatVerdict(g: GateResult): string {
  if (g.verdict === 'not-measured') return g.allowedNotMeasured ? 'not measured (allowed)' : 'NOT MEASURED';
  return VERDICT_LABEL[g.verdict];
}

export const RUN_VERDICT_LABEL: Record<Summary['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  aborted: 'ABORTED',
  'load-not-delivered': 'LOAD NOT DELIVERED',
};

export function formatRate(x: number): string {
  return `${x.toFixed(x >= 100 ? 0 : 1)} msg/s`;
}

export function formatDuration(seconds: number): string {
  // Round once, up front: 179.6 s is "3 min 0 s", never "2 min 60 s".
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${sec} s` : `${sec} s`;
}

export function formatChange(pct: number | null): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)} %`;
}
