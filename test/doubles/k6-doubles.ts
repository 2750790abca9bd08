import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { K6SummaryData } from '../../scenarios/k6/k6-summary.ts';

/**
 * Test doubles for k6's modules and globals, so the scenario files run under vitest: a fake
 * clock that `sleep` and k6/timers advance, an HTTP double answering through a handler (sync,
 * batch and async), metrics that keep their samples, SharedArray built once per name, open()
 * resolving like k6 (against the calling script's folder, refusing folders), and a summary
 * builder giving handleSummary the shape real k6 v1.3.0/v2.2.0 gave it
 * (../../../shared/k6-observed/). What real k6 does is listed in ../../../shared/K6-FACTS.md;
 * `test-support/fake-k6/` runs whole scenario files with these semantics as a `k6` binary.
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
  /** The request's `redirects` param (k6 follows up to 10 unless it is 0): absent when not given. */
  redirects?: number;
  /** Fake-clock time the request left. */
  atMs: number;
}

export interface FakeResponse {
  status: number;
  error_code?: number;
  headers?: Record<string, string>;
  /** Time the answer takes (fake clock): a sync request blocks the VU for it, an async one resolves after it. */
  delayMs?: number;
}

export const k6 = {
  nowMs: 1_700_000_000_000,
  sleeps: [] as number[],
  calls: [] as HttpCall[],
  batches: 0,
  respond: (_call: HttpCall): FakeResponse => ({ status: 200 }),
  samples: new Map<string, { type: string; isTime: boolean; samples: Sample[] }>(),
  execution: { scenario: { iterationInTest: 0 }, instance: { currentTestRunDuration: 0 } },
  /** SharedArray contents by name (k6 keeps them for the whole test, across VUs). */
  shared: new Map<string, string[]>(),
  /** How many times a SharedArray callback ran (k6: once per name). */
  sharedBuilds: 0,
  /** Lines k6 would log (handleSummary write failures). */
  logs: [] as string[],
  reset(): void {
    this.nowMs = 1_700_000_000_000;
    this.sleeps = [];
    this.calls = [];
    this.batches = 0;
    this.respond = () => ({ status: 200 });
    for (const metric of this.samples.values()) metric.samples = [];
    this.logs = [];
    this.shared.clear();
    this.sharedBuilds = 0;
    pending.length = 0;
    this.execution.scenario.iterationInTest = 0;
    this.execution.instance.currentTestRunDuration = 0;
  },
};

/**
 * The VU's event loop on the fake clock: timers and async answers run in due order, each moving
 * the clock to its due time (so a 6 s answer and a 50 ms timer interleave as they would in k6).
 */
const pending: { dueMs: number; order: number; run: () => void }[] = [];
let order = 0;
let pumping = false;
function schedule(delayMs: number, run: () => void): void {
  pending.push({ dueMs: k6.nowMs + Math.max(0, delayMs), order: order++, run });
  pending.sort((a, b) => a.dueMs - b.dueMs || a.order - b.order);
  if (!pumping) {
    pumping = true;
    setImmediate(pump);
  }
}
function pump(): void {
  const next = pending.shift();
  if (!next) {
    pumping = false;
    return;
  }
  k6.nowMs = Math.max(k6.nowMs, next.dueMs);
  next.run();
  setImmediate(pump);
}

type Params = { headers: Record<string, string>; redirects?: number };

function answer(method: string, url: string, body: string, params: Params) {
  const call = { method, url, body, headers: params.headers, redirects: params.redirects, atMs: k6.nowMs };
  k6.calls.push(call);
  const res = k6.respond(call);
  return { res, result: { status: res.status, error_code: res.error_code ?? 0, headers: res.headers ?? {} } };
}

function send(method: string, url: string, body: string, params: Params) {
  const { res, result } = answer(method, url, body, params);
  k6.nowMs += res.delayMs ?? 0;
  return result;
}

/**
 * One k6 iteration on the fake clock. k6 ends an iteration only when its event loop is empty:
 * the VU stays busy until every k6/timers callback and async answer it scheduled has run, even
 * after the default function returned. `endMs` is that moment (what the VU pool sees).
 */
export async function runIteration(iterate: () => void | Promise<void>): Promise<{ startMs: number; endMs: number }> {
  const startMs = k6.nowMs;
  await iterate();
  await new Promise<void>((resolve) => {
    const drained = () => (pending.length === 0 ? resolve() : setImmediate(drained));
    setImmediate(drained);
  });
  return { startMs, endMs: k6.nowMs };
}

/**
 * k6's constant/ramping arrival-rate executors over a VU pool (K6-FACTS.md): `preAllocatedVUs`
 * are ready at the start; an arrival that finds no free VU is dropped (`dropped_iterations`) and
 * only then does k6 start another VU, which is ready `vuInitMs` later, up to `maxVUs`. A VU is
 * busy from its iteration's start to its end (runIteration: pending timers included).
 */
export function arrivalRatePool(
  pool: { preAllocatedVUs: number; maxVUs: number },
  iterations: readonly { startMs: number; endMs: number }[],
  vuInitMs = 20,
): { dropped: number; vus: number } {
  const freeAtMs: number[] = Array.from({ length: Math.min(pool.preAllocatedVUs, pool.maxVUs) }, () => -Infinity);
  let dropped = 0;
  for (const it of [...iterations].sort((a, b) => a.startMs - b.startMs)) {
    const free = freeAtMs.findIndex((t) => t <= it.startMs);
    if (free >= 0) freeAtMs[free] = it.endMs;
    else {
      dropped++;
      if (freeAtMs.length < pool.maxVUs) freeAtMs.push(it.startMs + vuInitMs);
    }
  }
  return { dropped, vus: freeAtMs.length };
}

/** The most iterations running at once had every arrival found a VU: the pool k6 would need. */
export function peakConcurrency(iterations: readonly { startMs: number; endMs: number }[]): number {
  const edges = iterations
    .flatMap(
      (it) =>
        [
          [it.startMs, 1],
          [it.endMs, -1],
        ] as const,
    )
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let busy = 0;
  let peak = 0;
  for (const [, step] of edges) peak = Math.max(peak, (busy += step));
  return peak;
}

export const httpDouble = {
  post: (url: string, body: string | null, params: { headers?: Record<string, string>; redirects?: number } = {}) =>
    send('POST', url, body ?? '', { headers: params.headers ?? {}, redirects: params.redirects }),
  /** k6's http.asyncRequest: the answer arrives on a later turn of the event loop. */
  asyncRequest: (method: string, url: string, body: string, params: Params) =>
    new Promise((resolve) => {
      const { res, result } = answer(method, url, body, params);
      schedule(res.delayMs ?? 0, () => resolve(result));
    }),
  batch: (requests: { method: string; url: string; body: string; params: Params }[]) => {
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

/** k6/timers: the callback runs on a later turn, with the fake clock moved to its due time. */
export const timersDouble = {
  setTimeout: (fn: () => void, delayMs: number): number => {
    k6.sleeps.push(delayMs / 1000);
    schedule(delayMs, fn);
    return order;
  },
};

/**
 * k6/data's SharedArray: the callback runs once per name for the whole test (whichever VU gets
 * there first); every VU then sees a read-only array-like whose elements are parsed from JSON on
 * each access. Like k6, only length, indexing and for-of work (no map/forEach), and items are frozen.
 */
export const dataDouble = {
  SharedArray: function SharedArray(name: string, build: () => unknown[]) {
    let items = k6.shared.get(name);
    if (!items) {
      const built = build();
      if (!Array.isArray(built)) throw new Error('only arrays can be made into SharedArray');
      k6.sharedBuilds++;
      items = built.map((item) => JSON.stringify(item));
      k6.shared.set(name, items);
    }
    const stored = items;
    const at = (i: number) => deepFreeze(JSON.parse(stored[i] as string));
    return new Proxy(
      {},
      {
        get(_target, key) {
          if (key === 'length') return stored.length;
          if (key === Symbol.iterator)
            return function* () {
              for (let i = 0; i < stored.length; i++) yield at(i);
            };
          if (typeof key === 'string' && /^\d+$/.test(key))
            return Number(key) < stored.length ? at(Number(key)) : undefined;
          return undefined;
        },
        set() {
          throw new TypeError('SharedArray is read-only');
        },
      },
    );
  } as unknown as new (name: string, build: () => unknown[]) => unknown[],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

class Metric {
  constructor(
    readonly name: string,
    type: string,
    isTime = false,
  ) {
    if (!k6.samples.has(name)) k6.samples.set(name, { type, isTime, samples: [] });
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
    constructor(name: string, isTime = false) {
      super(name, 'trend', isTime);
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
  return (k6.samples.get(name)?.samples ?? [])
    .filter((s) => phase === undefined || s.tags.phase === phase)
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * Summary data with the shape real k6 hands handleSummary: a metric appears when it got samples
 * or a threshold names it; submetrics (`name{tag:value}`) only when a threshold names them (plus
 * k6's own `http_req_duration{expected_response:true}`); `type`, `contains`, `values` (counters:
 * count, rate; rates: passes, fails, rate; trends: the summaryTrendStats incl. med and p(99)),
 * `thresholds: { "<expr>": { ok } }`. `dropped` adds k6's dropped_iterations.
 */
export function summarise(
  thresholds: Record<string, string[]> = {},
  dropped = 0,
  setupData?: unknown,
  durationMs = 5000,
): K6SummaryData {
  const metrics: K6SummaryData['metrics'] = {};
  const seconds = durationMs / 1000;
  const all = new Map(k6.samples);
  if (dropped)
    all.set('dropped_iterations', { type: 'counter', isTime: false, samples: [{ value: dropped, tags: {} }] });
  for (const [name, { type, isTime, samples }] of all) {
    if (samples.length || thresholds[name]) metrics[name] = aggregate(type, isTime, samples, seconds, thresholds[name]);
  }
  for (const [key, exprs] of Object.entries(thresholds)) {
    const m = /^([^{]+)\{([^:}]+):([^}]*)\}$/.exec(key);
    if (!m) continue;
    const parent = all.get(m[1] as string);
    const type = parent?.type ?? 'counter';
    metrics[key] = aggregate(
      type,
      parent?.isTime ?? false,
      (parent?.samples ?? []).filter((s) => s.tags[m[2] as string] === m[3]),
      seconds,
      exprs,
    );
  }
  return { metrics, state: { testRunDurationMs: durationMs, isStdOutTTY: false }, setup_data: setupData };
}

type SummaryMetric = NonNullable<K6SummaryData['metrics'][string]> & {
  contains: string;
  thresholds?: Record<string, { ok: boolean }>;
};

function aggregate(type: string, isTime: boolean, samples: Sample[], seconds: number, exprs?: string[]): SummaryMetric {
  const values = aggregateValues(
    type,
    samples.map((s) => s.value),
    seconds,
  );
  const metric: SummaryMetric = { type, contains: isTime ? 'time' : 'default', values };
  if (exprs) metric.thresholds = Object.fromEntries(exprs.map((e) => [e, { ok: evaluateThreshold(e, values) }]));
  return metric;
}

/** k6's aggregation of one metric's samples (also used by the fake k6 binary). */
export function aggregateValues(type: string, raw: number[], seconds: number): Record<string, number> {
  const values = [...raw].sort((a, b) => a - b);
  if (type === 'counter') {
    const count = values.reduce((a, b) => a + b, 0);
    return { count, rate: seconds > 0 ? count / seconds : 0 };
  }
  if (type === 'rate') {
    const passes = values.filter(Boolean).length;
    return { passes, fails: values.length - passes, rate: values.length ? passes / values.length : 0 };
  }
  if (type === 'gauge') return { value: raw.at(-1) ?? 0, min: values[0] ?? 0, max: values.at(-1) ?? 0 };
  // k6 interpolates trend percentiles between neighbouring samples.
  const pct = (p: number) => {
    if (!values.length) return 0;
    const rank = (p / 100) * (values.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.min(values.length - 1, lo + 1);
    return (values[lo] as number) + ((values[hi] as number) - (values[lo] as number)) * (rank - lo);
  };
  const avg = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return {
    avg,
    min: values[0] ?? 0,
    med: pct(50),
    max: values.at(-1) ?? 0,
    count: values.length,
    'p(50)': pct(50),
    'p(90)': pct(90),
    'p(95)': pct(95),
    'p(99)': pct(99),
    'p(99.9)': pct(99.9),
  };
}

/** A k6 threshold expression (`p(99)<5000`, `rate<0.01`, `count<=0`, `max>=0`) against aggregated values. */
export function evaluateThreshold(expression: string, values: Record<string, number>): boolean {
  const m = /^\s*([a-z]+(?:\([\d.]+\))?)\s*(<=|>=|==|===|!=|<|>)\s*(-?[\d.]+)\s*$/.exec(expression);
  if (!m) throw new Error(`unsupported threshold expression "${expression}"`);
  const stat = m[1] as string;
  const key = stat === 'med' ? 'med' : stat;
  const left = values[key] ?? (stat === 'value' ? values.value : 0) ?? 0;
  const right = Number(m[3]);
  switch (m[2]) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '!=':
      return left !== right;
    default:
      return left === right;
  }
}

const DOUBLES_FILE = fileURLToPath(import.meta.url);

/** The file of the first stack frame outside this module: the script that called open(). */
function callerFile(): string | undefined {
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /(?:\(|at )((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = (m[1] as string).startsWith('file://') ? fileURLToPath(m[1] as string) : (m[1] as string);
    if (file !== DOUBLES_FILE) return file;
  }
  return undefined;
}

/**
 * k6's open(): a relative path resolves against the folder of the script file that calls open()
 * (not the working directory); a folder is refused ("open() can't be used with directories"), a
 * missing file is "no such file or directory", as in k6.
 */
export function openDouble(path: string): string {
  const caller = callerFile();
  const full = isAbsolute(path) ? path : resolve(caller ? dirname(caller) : process.cwd(), path);
  if (existsSync(full) && statSync(full).isDirectory())
    throw new Error(`GoError: open() can't be used with directories, path: "${full}"`);
  if (!existsSync(full)) throw new Error(`GoError: open ${full}: no such file or directory`);
  return readFileSync(full, 'utf8');
}

/**
 * What k6 does with handleSummary's result: `stdout`/`stderr` are printed, every other key is a
 * path resolved against the working directory and written only if its folder exists. k6 creates
 * no folder: it logs `failed to handle the end-of-test summary` and still exits 0.
 */
export function applySummaryResult(
  result: Record<string, string>,
  cwd = process.cwd(),
): { written: string[]; stdout: string; errors: string[] } {
  const written: string[] = [];
  const errors: string[] = [];
  let stdout = '';
  for (const [key, content] of Object.entries(result)) {
    if (key === 'stdout') stdout += content;
    else if (key === 'stderr') continue;
    else {
      const file = resolve(cwd, key);
      if (!existsSync(dirname(file))) {
        const line = `level=error msg="failed to handle the end-of-test summary" error="open ${file}: no such file or directory"`;
        errors.push(line);
        k6.logs.push(line);
        continue;
      }
      writeFileSync(file, content);
      written.push(file);
    }
  }
  return { written, stdout, errors };
}

/** Writes a fixture set (manifest + bodies) to a temp folder for WA_FIXTURES_DIR. */
export function writeFixtureSet(fixtures: { name: string; type: string; weight: number; raw: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-k6-fixtures-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      schemaVersion: 1,
      fixtures: fixtures.map((f) => ({
        name: f.name,
        file: `${f.name}.json`,
        field: 'messages',
        type: f.type,
        weight: f.weight,
      })),
    }),
  );
  for (const f of fixtures) writeFileSync(join(dir, `${f.name}.json`), f.raw);
  return dir;
}
