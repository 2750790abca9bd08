import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { K6SummaryData } from '../lib/k6-summary.ts';

/**
 * Test doubles for k6's modules and globals, so the scenario files run under vitest: a fake
 * clock that `sleep` advances, an HTTP double answering through a handler, metrics that keep
 * their samples, and a summary builder aggregating them the way k6 does for handleSummary.
 */
export interface Sample {
  value: number;
  tags: Record<string, string>;
}

export interface HttpCall {
  method: string;
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  error_code?: number;
  headers?: Record<string, string>;
}

export const k6 = {
  nowMs: 1_700_000_000_000,
  sleeps: [] as number[],
  calls: [] as HttpCall[],
  batches: 0,
  respond: (_call: HttpCall): FakeResponse => ({ status: 200 }),
  samples: new Map<string, { type: string; samples: Sample[] }>(),
  execution: { scenario: { iterationInTest: 0 }, instance: { currentTestRunDuration: 0 } },
  reset(): void {
    this.nowMs = 1_700_000_000_000;
    this.sleeps = [];
    this.calls = [];
    this.batches = 0;
    this.respond = () => ({ status: 200 });
    for (const metric of this.samples.values()) metric.samples = [];
    this.execution.scenario.iterationInTest = 0;
    this.execution.instance.currentTestRunDuration = 0;
  },
};

function send(method: string, url: string, body: string, params: { headers: Record<string, string> }) {
  const call = { method, url, body, headers: params.headers };
  k6.calls.push(call);
  const res = k6.respond(call);
  return { status: res.status, error_code: res.error_code ?? 0, headers: res.headers ?? {} };
}

export const httpDouble = {
  post: (url: string, body: string, params: { headers: Record<string, string> }) => send('POST', url, body, params),
  batch: (requests: { method: string; url: string; body: string; params: { headers: Record<string, string> } }[]) => {
    k6.batches++;
    return requests.map((r) => send(r.method, r.url, r.body, r.params));
  },
  expectedStatuses: () => ({}),
};

export const cryptoDouble = {
  hmac: (_algorithm: string, secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex'),
};

export const sleepDouble = (seconds: number): void => {
  k6.sleeps.push(seconds);
  k6.nowMs += seconds * 1000;
};

class Metric {
  constructor(
    readonly name: string,
    type: string,
  ) {
    if (!k6.samples.has(name)) k6.samples.set(name, { type, samples: [] });
  }
  add(value: number | boolean, tags: Record<string, string> = {}): void {
    k6.samples.get(this.name)?.samples.push({ value: Number(value), tags });
  }
}
export const metricsDouble = {
  Counter: class extends Metric {
    constructor(name: string) {
      super(name, 'counter');
    }
  },
  Trend: class extends Metric {
    constructor(name: string) {
      super(name, 'trend');
    }
  },
  Rate: class extends Metric {
    constructor(name: string) {
      super(name, 'rate');
    }
  },
};

/** Sum of a counter's samples (optionally one phase). */
export function total(name: string, phase?: string): number {
  return (k6.samples.get(name)?.samples ?? []).filter((s) => phase === undefined || s.tags.phase === phase).reduce((sum, s) => sum + s.value, 0);
}

/** k6-like summary data: counters, rates and trends (with the stats we ask for), plus tagged submetrics. */
export function summarise(phases: string[], dropped = 0, setupData?: unknown): K6SummaryData {
  const metrics: K6SummaryData['metrics'] = { dropped_iterations: { type: 'counter', values: { count: dropped } } };
  for (const [name, { type, samples }] of k6.samples) {
    metrics[name] = aggregate(type, samples);
    for (const phase of phases) metrics[`${name}{phase:${phase}}`] = aggregate(type, samples.filter((s) => s.tags.phase === phase));
  }
  return { metrics, state: { testRunDurationMs: 5000 }, setup_data: setupData };
}

function aggregate(type: string, samples: Sample[]): { type: string; values: Record<string, number> } {
  const values = samples.map((s) => s.value).sort((a, b) => a - b);
  if (type === 'counter') return { type, values: { count: values.reduce((a, b) => a + b, 0), rate: 0 } };
  if (type === 'rate') return { type, values: { rate: values.length ? values.filter(Boolean).length / values.length : 0 } };
  const pct = (p: number) => values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? 0;
  const avg = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return { type, values: { count: values.length, avg, min: values[0] ?? 0, max: values.at(-1) ?? 0, med: pct(50), 'p(50)': pct(50), 'p(90)': pct(90), 'p(95)': pct(95), 'p(99)': pct(99), 'p(99.9)': pct(99.9) } };
}

const SCENARIOS_DIR = fileURLToPath(new URL('../', import.meta.url));

/** k6's open(): relative paths resolve from scenarios/ (where the scenario files live). */
export function openDouble(path: string): string {
  return readFileSync(isAbsolute(path) ? path : join(SCENARIOS_DIR, path), 'utf8');
}

/** Writes a fixture set (manifest + bodies) to a temp folder for WA_FIXTURES_DIR. */
export function writeFixtureSet(fixtures: { name: string; type: string; weight: number; raw: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-k6-fixtures-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: 1, fixtures: fixtures.map((f) => ({ name: f.name, file: `${f.name}.json`, field: 'messages', type: f.type, weight: f.weight })) }));
  for (const f of fixtures) writeFileSync(join(dir, `${f.name}.json`), f.raw);
  return dir;
}
