import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTER_METRICS, ERROR_RATE, TREND } from '../../../../scenarios/k6/index.ts';
import { HARNESS_METRICS } from './metric-names.ts';

const ROOT = join(import.meta.dirname, '../../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const declaredNames = (path: string) => [...read(path).matchAll(/name: '(wa_[a-z0-9_]+)'/g)].map((m) => m[1] as string);

interface Target {
  expr: string;
}
interface Panel {
  type: string;
  id: number;
  title: string;
  targets?: Target[];
}

const dashboard = JSON.parse(read('scripts/loadtest/live/metrics/grafana-dashboard.json')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { query?: unknown }[] };
};
const prometheusNames = new Set([
  ...Object.values(HARNESS_METRICS),
  ...declaredNames('mock-graph-api/express/metrics.ts'),
  ...declaredNames('targets/reference/metrics.ts'),
]);
// k6's Prometheus remote-write output: k6_<counter>_total, k6_<rate>_rate, k6_<trend>_<stat>.
const k6Names = new Set([
  ...Object.values(COUNTER_METRICS).map((n) => `k6_${n}_total`),
  `k6_${ERROR_RATE}_rate`,
  ...Object.values(TREND).flatMap((n) => ['p99', 'p95', 'p90', 'avg', 'max', 'min', 'med'].map((s) => `k6_${n}_${s}`)),
]);

/** Metric names an expression reads: histogram series resolve to their histogram. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(?:wa|k6)_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''));
}

describe('scripts/loadtest/live/metrics/grafana-dashboard.json', () => {
  const panels = dashboard.panels.filter((p) => p.type !== 'row');

  it('is a dashboard with panels for the harness, k6, the mock and the connector', () => {
    expect(dashboard.uid).toBe('wa-loadtest');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const all = panels
      .flatMap((p) => p.targets ?? [])
      .map((t) => t.expr)
      .join('\n');
    for (const prefix of ['wa_loadtest_', 'k6_wa_', 'wa_mock_', 'wa_connector_']) expect(all).toContain(prefix);
    for (const name of Object.values(HARNESS_METRICS)) expect(all).toContain(name);
  });

  it('only queries metrics that exist in the harness, the mock, the connector or the k6 scenarios', () => {
    for (const panel of panels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets ?? []) {
        const names = metricsIn(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        for (const name of names)
          expect(prometheusNames.has(name) || k6Names.has(name), `${panel.title}: unknown metric ${name}`).toBe(true);
      }
    }
    for (const variable of dashboard.templating.list)
      for (const name of metricsIn(JSON.stringify(variable.query ?? '')))
        expect(prometheusNames.has(name) || k6Names.has(name), name).toBe(true);
  });

  it('would catch a renamed metric', () => {
    expect(metricsIn('rate(wa_mock_requests_totl[1m])').every((n) => prometheusNames.has(n))).toBe(false);
    expect(metricsIn('histogram_quantile(0.99, rate(wa_connector_send_latency_seconds_bucket[1m]))')).toEqual([
      'wa_connector_send_latency_seconds',
    ]);
  });
});
