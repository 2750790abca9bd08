/**
 * A fake `k6` binary for tests on machines without k6 (see README.md here). It runs a scenario
 * file the way k6 does, as far as this project relies on it (../../../../shared/K6-FACTS.md):
 * each VU is a worker thread evaluating the init context itself; the script is bundled with the
 * k6 modules replaced (only k6 modules and relative files may be imported); open() resolves
 * against the script's folder; constant/ramping arrival-rate executors drop an arrival when no VU
 * is free and only then start another VU (which takes time); setup() runs once after the VUs are
 * initialised; handleSummary gets k6's summary shape and writes only into existing folders;
 * thresholds decide exit code 99; `--out json=` streams k6's JSON lines; `k6 archive` and
 * `k6 inspect` see only `-e` values, never the shell environment. Real HTTP, to any address the
 * script names (tests point it at loopback).
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  createWriteStream,
  type WriteStream,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { build } from 'esbuild';
import { request as undiciRequest, Agent } from 'undici';
import { readTar, writeTar } from '../../../scripts/loadtest/emit/tar.ts';
import { aggregateValues, applySummaryResult, evaluateThreshold } from '../k6-doubles.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FAKE_K6_VERSION = 'v1.3.0';
const EXIT = { ok: 0, thresholds: 99, scriptException: 107, aborted: 105, invalidConfig: 104, usage: 255 };

// ---------------------------------------------------------------- command line

const BOOL_FLAGS = new Set([
  '--quiet',
  '-q',
  '--no-usage-report',
  '--include-system-env-vars',
  '--no-thresholds',
  '--no-summary',
  '--no-color',
  '--verbose',
  '-v',
  '--paused',
  '-p',
  '--insecure-skip-tls-verify',
]);
const VALUE_FLAGS = new Set([
  '--out',
  '-o',
  '--env',
  '-e',
  '--console-output',
  '--address',
  '-a',
  '--local-ips',
  '--summary-export',
  '--tag',
  '--log-output',
  '--log-format',
  '--archive-out',
  '-O',
  '--vus',
  '-u',
  '--duration',
  '-d',
  '--system-tags',
  '--summary-trend-stats',
]);

interface Cli {
  command: string;
  flags: Map<string, string[]>;
  bools: Set<string>;
  target?: string;
}

function parseCli(argv: string[]): Cli {
  const [command = 'help', ...rest] = argv;
  const flags = new Map<string, string[]>();
  const bools = new Set<string>();
  let target: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i] as string;
    let value: string | undefined;
    if (arg.startsWith('--') && arg.includes('='))
      [arg, value] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    if (BOOL_FLAGS.has(arg)) bools.add(arg.replace(/^-q$/, '--quiet'));
    else if (VALUE_FLAGS.has(arg)) {
      value ??= rest[++i];
      if (value === undefined) fail(EXIT.usage, `flag needs an argument: ${arg}`);
      const key =
        { '-o': '--out', '-e': '--env', '-a': '--address', '-O': '--archive-out', '-u': '--vus', '-d': '--duration' }[
          arg
        ] ?? arg;
      flags.set(key, [...(flags.get(key) ?? []), value as string]);
    } else if (arg.startsWith('-')) fail(EXIT.usage, `unknown flag: ${arg}`);
    else if (target === undefined) target = arg;
    else fail(EXIT.usage, `accepts 1 arg(s), received 2`);
  }
  return { command, flags, bools, target };
}

function fail(code: number, message: string): never {
  process.stderr.write(`time="${new Date().toISOString()}" level=error msg="${message.replace(/"/g, '\\"')}"\n`);
  process.exit(code);
}

function envFromFlags(cli: Cli): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of cli.flags.get('--env') ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) fail(EXIT.usage, `invalid environment variable format: ${kv}`);
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

// ---------------------------------------------------------------- bundling and VUs

const K6_MODULE_EXPORTS: Record<string, string[]> = {
  k6: ['sleep', 'check', 'group', 'fail'],
  'k6/http': ['request', 'get', 'post', 'put', 'del', 'batch', 'asyncRequest', 'expectedStatuses'],
  'k6/crypto': ['hmac', 'sha256', 'randomBytes'],
  'k6/metrics': ['Counter', 'Gauge', 'Rate', 'Trend'],
  'k6/execution': [],
  'k6/data': ['SharedArray'],
  'k6/timers': ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
};

async function bundle(script: string, outDir: string): Promise<{ scriptBundle: string; runtimeBundle: string }> {
  const scriptBundle = join(outDir, 'script.mjs');
  const runtimeBundle = join(outDir, 'vu-runtime.mjs');
  try {
    await build({
      entryPoints: [script],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: scriptBundle,
      logLevel: 'silent',
      plugins: [
        {
          name: 'k6-modules',
          setup(b) {
            b.onResolve({ filter: /^k6(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'k6' }));
            b.onResolve({ filter: /^[^./]/ }, (args) => ({
              errors: [{ text: `k6 has no module "${args.path}" (scripts import only k6 modules and relative files)` }],
            }));
            b.onLoad({ filter: /.*/, namespace: 'k6' }, (args) => {
              const names = K6_MODULE_EXPORTS[args.path];
              if (!names) return { errors: [{ text: `unknown module: ${args.path}` }] };
              const m = `globalThis.__fakeK6.modules[${JSON.stringify(args.path)}]`;
              return {
                contents: `const m = ${m};\nexport default m;\n${names.map((n) => `export const ${n} = m.${n};`).join('\n')}`,
                loader: 'js',
              };
            });
          },
        },
      ],
    });
  } catch (error) {
    fail(
      EXIT.scriptException,
      `could not load ${script}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`,
    );
  }
  await build({
    entryPoints: [join(HERE, 'vu-runtime.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: runtimeBundle,
    logLevel: 'silent',
  });
  return { scriptBundle, runtimeBundle };
}

interface Sample {
  metric: string;
  type: string;
  isTime: boolean;
  value: number;
  tags: Record<string, string>;
  timeMs: number;
}

class Vu {
  readonly worker: Worker;
  readonly flag = new SharedArrayBuffer(4);
  readonly sync: MessagePort;
  readonly async: MessagePort;
  busy = false;
  ready: Promise<{ options: Record<string, unknown>; exports: string[] }>;
  private waiter: ((m: any) => void) | undefined;

  constructor(
    readonly id: number,
    private readonly run: Runner,
  ) {
    const syncChannel = new MessageChannel();
    const asyncChannel = new MessageChannel();
    this.sync = syncChannel.port1;
    this.async = asyncChannel.port1;
    this.worker = new Worker(run.bundles.runtimeBundle, {
      execArgv: [],
      workerData: {
        vuId: id,
        bundle: run.bundles.scriptBundle,
        scriptDir: run.scriptDir,
        env: run.env,
        syncPort: syncChannel.port2,
        asyncPort: asyncChannel.port2,
        flag: this.flag,
        scenarioName: run.scenarioName,
      },
      transferList: [syncChannel.port2, asyncChannel.port2],
    });
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.waiter = (m) => (m.type === 'ready' ? resolveReady(m) : rejectReady(new Error(m.message)));
    });
    this.worker.on('message', (m) => this.onMessage(m));
    this.worker.on('error', (e) => this.waiter?.({ type: 'init-error', message: e.message }));
  }

  private onMessage(m: any): void {
    switch (m.type) {
      case 'samples':
        for (const [metric, type, isTime, value, tags, timeMs] of m.samples)
          this.run.record({ metric, type, isTime, value, tags, timeMs });
        return;
      case 'console':
        this.run.console(m.level, m.text);
        return;
      case 'http':
        void this.run.http(m.requests).then((results) => {
          this.sync.postMessage(results);
          Atomics.store(new Int32Array(this.flag), 0, 1);
          Atomics.notify(new Int32Array(this.flag), 0);
        });
        return;
      case 'http-async':
        void this.run.http(m.requests).then((results) => this.async.postMessage({ id: m.id, result: results[0] }));
        return;
      case 'shared-get':
      case 'shared-set':
        if (m.type === 'shared-set') this.run.shared.set(m.name, m.items);
        this.sync.postMessage(m.type === 'shared-get' ? (this.run.shared.get(m.name) ?? null) : true);
        Atomics.store(new Int32Array(this.flag), 0, 1);
        Atomics.notify(new Int32Array(this.flag), 0);
        return;
      default: {
        const w = this.waiter;
        this.waiter = undefined;
        w?.(m);
      }
    }
  }

  call(message: Record<string, unknown>): Promise<any> {
    return new Promise((resolveCall) => {
      this.waiter = resolveCall;
      this.worker.postMessage(message);
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

// ---------------------------------------------------------------- the run

interface ScenarioOptions {
  executor: string;
  rate?: number;
  timeUnit?: string;
  duration?: string;
  startRate?: number;
  stages?: { duration: string; target: number }[];
  preAllocatedVUs?: number;
  maxVUs?: number;
  gracefulStop?: string;
}

export function parseDurationMs(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let matched = '';
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms'];
    matched += m[0];
  }
  if (matched !== text) throw new Error(`invalid duration "${text}"`);
  return total;
}

class Runner {
  readonly shared = new Map<string, string[]>();
  readonly samples = new Map<string, { type: string; isTime: boolean; list: Sample[] }>();
  readonly vus: Vu[] = [];
  scenarioName = 'default';
  private jsonOut: WriteStream | undefined;
  private declared = new Set<string>();
  private consoleOut: WriteStream | undefined;
  private readonly agent = new Agent({ connections: 512, pipelining: 0 });
  private initializing = 0;

  constructor(
    readonly bundles: { scriptBundle: string; runtimeBundle: string },
    readonly scriptDir: string,
    readonly env: Record<string, string>,
    jsonPath: string | undefined,
    consolePath: string | undefined,
  ) {
    if (jsonPath) this.jsonOut = createWriteStream(jsonPath);
    if (consolePath) this.consoleOut = createWriteStream(consolePath);
  }

  record(sample: Sample): void {
    let metric = this.samples.get(sample.metric);
    if (!metric) this.samples.set(sample.metric, (metric = { type: sample.type, isTime: sample.isTime, list: [] }));
    metric.list.push(sample);
    if (!this.jsonOut) return;
    if (!this.declared.has(sample.metric)) {
      this.declared.add(sample.metric);
      this.jsonOut.write(
        JSON.stringify({
          type: 'Metric',
          data: {
            name: sample.metric,
            type: sample.type,
            contains: sample.isTime ? 'time' : 'default',
            thresholds: [],
            submetrics: null,
          },
          metric: sample.metric,
        }) + '\n',
      );
    }
    this.jsonOut.write(
      JSON.stringify({
        type: 'Point',
        data: { time: formatK6Time(sample.timeMs), value: sample.value, tags: sample.tags },
        metric: sample.metric,
      }) + '\n',
    );
  }

  console(level: string, text: string): void {
    const line = `time="${new Date().toISOString()}" level=${level} msg=${JSON.stringify(text)} source=console\n`;
    if (this.consoleOut) this.consoleOut.write(line);
    else process.stderr.write(line);
  }

  /** Real HTTP for a VU; k6's answer shape (status 0 + error_code when there is no answer). */
  async http(
    requests: {
      method: string;
      url: string;
      body: string;
      headers: Record<string, string>;
      timeout?: number | string;
      tags: Record<string, string>;
      expected?: { __expectedStatuses: (number | { min: number; max: number })[] };
    }[],
  ) {
    return Promise.all(
      requests.map(async (r) => {
        const timeoutMs = typeof r.timeout === 'number' ? r.timeout : parseDurationMs(r.timeout, 60_000);
        const started = performance.timeOrigin + performance.now();
        let status = 0;
        let errorCode = 0;
        let error = '';
        const headers: Record<string, string> = {};
        try {
          const res = await undiciRequest(r.url, {
            method: r.method as 'POST',
            body: r.body || undefined,
            headers: r.headers,
            dispatcher: this.agent,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await res.body.dump();
          status = res.statusCode;
          for (const [k, v] of Object.entries(res.headers))
            headers[k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())] = Array.isArray(v)
              ? v.join(', ')
              : String(v);
        } catch (e) {
          const err = e as Error & { code?: string; cause?: { code?: string } };
          const code = err.code ?? err.cause?.code ?? err.name;
          errorCode =
            /Timeout|ABORT/i.test(String(code)) || err.name === 'TimeoutError'
              ? 1050
              : code === 'ECONNREFUSED'
                ? 1212
                : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
                  ? 1220
                  : 1000;
          error = errorCode === 1050 ? 'request timeout' : err.message;
          if (errorCode !== 1050)
            process.stderr.write(
              `time="${new Date().toISOString()}" level=warning msg="Request Failed" error=${JSON.stringify(`${r.method} ${r.url}: ${error}`)}\n`,
            );
        }
        const ended = performance.timeOrigin + performance.now();
        const expected = isExpected(status, r.expected?.__expectedStatuses);
        const tags = {
          method: r.method,
          name: r.url,
          url: r.url,
          status: String(status),
          scenario: this.scenarioName,
          expected_response: String(expected),
          ...r.tags,
        };
        this.record({ metric: 'http_reqs', type: 'counter', isTime: false, value: 1, tags, timeMs: ended });
        this.record({
          metric: 'http_req_duration',
          type: 'trend',
          isTime: true,
          value: ended - started,
          tags,
          timeMs: ended,
        });
        this.record({
          metric: 'http_req_failed',
          type: 'rate',
          isTime: false,
          value: expected ? 0 : 1,
          tags,
          timeMs: ended,
        });
        this.record({
          metric: 'data_sent',
          type: 'counter',
          isTime: false,
          value: Buffer.byteLength(r.body),
          tags: { scenario: this.scenarioName },
          timeMs: ended,
        });
        return {
          status,
          error_code: errorCode,
          error,
          headers,
          timings: { duration: ended - started },
          url: r.url,
          body: null,
        };
      }),
    );
  }

  async startVu(): Promise<Vu> {
    const vu = new Vu(this.vus.length + 1, this);
    this.initializing++;
    try {
      await vu.ready;
    } finally {
      this.initializing--;
    }
    this.vus.push(vu);
    return vu;
  }

  get starting(): number {
    return this.initializing;
  }

  async close(): Promise<void> {
    await Promise.all(this.vus.map((v) => v.stop()));
    await this.agent.close();
    await new Promise<void>((r) => (this.jsonOut ? this.jsonOut.end(r) : r()));
    await new Promise<void>((r) => (this.consoleOut ? this.consoleOut.end(r) : r()));
  }
}

function isExpected(status: number, statuses?: (number | { min: number; max: number })[]): boolean {
  if (!statuses) return status >= 200 && status < 400;
  return statuses.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max));
}

/** RFC 3339 with nanoseconds and the local offset, as Go's time.Time marshals. */
export function formatK6Time(ms: number): string {
  const date = new Date(Math.floor(ms));
  const offsetMin = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMin * 60_000);
  const nanos = String(Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6))
    .padStart(9, '0')
    .slice(0, 9);
  const zone =
    offsetMin === 0
      ? 'Z'
      : `${offsetMin > 0 ? '+' : '-'}${String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMin) % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 19)}.${nanos}${zone}`;
}

/** Arrival times (ms from the scenario start) of a constant or ramping arrival-rate executor. */
export function arrivalTimes(s: ScenarioOptions): number[] {
  const unitMs = parseDurationMs(s.timeUnit, 1000);
  const times: number[] = [];
  if (s.executor === 'constant-arrival-rate') {
    const durationMs = parseDurationMs(s.duration, 0);
    const every = unitMs / (s.rate ?? 0);
    for (let t = 0; t < durationMs && Number.isFinite(every); t += every) times.push(t);
    return times;
  }
  if (s.executor !== 'ramping-arrival-rate') throw new Error(`executor ${s.executor} is not faked`);
  let rate = s.startRate ?? 0;
  let t0 = 0;
  let acc = 0;
  for (const stage of s.stages ?? []) {
    const d = parseDurationMs(stage.duration, 0);
    if (d === 0) {
      rate = stage.target;
      continue;
    }
    for (let dt = 0; dt < d; dt++) {
      const r = rate + ((stage.target - rate) * (dt + 0.5)) / d;
      const before = acc;
      acc += r / unitMs;
      if (Math.floor(acc) > Math.floor(before) || (before === 0 && acc > 0 && times.length === 0)) times.push(t0 + dt);
    }
    rate = stage.target;
    t0 += d;
  }
  return times;
}

function buildSummaryData(
  run: Runner,
  thresholds: Record<string, string[]>,
  durationMs: number,
  setupData: unknown,
  trendStats: string[],
) {
  const seconds = durationMs / 1000;
  const metrics: Record<string, unknown> = {};
  let failed = false;
  const aggregate = (type: string, isTime: boolean, list: Sample[], exprs?: string[]) => {
    const all = aggregateValues(
      type,
      list.map((s) => s.value),
      seconds,
    );
    const values = type === 'trend' ? Object.fromEntries(trendStats.map((k) => [k, all[k] ?? 0])) : all;
    const out: Record<string, unknown> = {
      type,
      contains: isTime ? 'time' : type === 'counter' && /^data_/.test(list[0]?.metric ?? '') ? 'data' : 'default',
      values,
    };
    if (exprs) {
      out.thresholds = Object.fromEntries(
        exprs.map((e) => {
          const ok = evaluateThreshold(e, all);
          if (!ok) failed = true;
          return [e, { ok }];
        }),
      );
    }
    return out;
  };
  for (const [name, m] of run.samples) metrics[name] = aggregate(m.type, m.isTime, m.list, thresholds[name]);
  const duration = run.samples.get('http_req_duration');
  if (duration)
    metrics['http_req_duration{expected_response:true}'] = aggregate(
      'trend',
      true,
      duration.list.filter((s) => s.tags.expected_response === 'true'),
    );
  for (const [key, exprs] of Object.entries(thresholds)) {
    const sub = /^([^{]+)\{([^:}]+):([^}]*)\}$/.exec(key);
    if (!sub) {
      if (!metrics[key]) metrics[key] = aggregate('counter', false, [], exprs);
      continue;
    }
    const parent = run.samples.get(sub[1] as string);
    metrics[key] = aggregate(
      parent?.type ?? 'counter',
      parent?.isTime ?? false,
      (parent?.list ?? []).filter((s) => s.tags[sub[2] as string] === sub[3]),
      exprs,
    );
  }
  return {
    data: {
      state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationMs },
      metrics,
      setup_data: setupData ?? undefined,
      root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
      options: { summaryTrendStats: trendStats, summaryTimeUnit: '', noColor: false },
    },
    failed,
  };
}

async function runScript(cli: Cli, scriptPath: string, env: Record<string, string>): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'fake-k6-'));
  const jsonPath = (cli.flags.get('--out') ?? [])
    .map((o) =>
      o.startsWith('json=')
        ? o.slice(5)
        : fail(EXIT.invalidConfig, `fake k6 supports --out json=<file> only, got ${o}`),
    )
    .at(-1);
  const run = new Runner(
    await bundle(scriptPath, tmp),
    dirname(scriptPath),
    env,
    jsonPath ? resolve(jsonPath) : undefined,
    cli.flags.get('--console-output')?.at(-1),
  );
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // Once more for options (k6 evaluates the init context to read them), then once per VU.
    let optionsVu: Vu;
    let info: { options: Record<string, any>; exports: string[] };
    try {
      optionsVu = new Vu(0, run);
      info = await optionsVu.ready;
    } catch (error) {
      process.stderr.write(
        `time="${new Date().toISOString()}" level=error msg=${JSON.stringify((error as Error).message)} hint="script exception"\n`,
      );
      return EXIT.scriptException;
    }
    const options = info.options;
    const [name, scenario] = Object.entries((options.scenarios ?? {}) as Record<string, ScenarioOptions>)[0] ?? [
      'default',
      undefined,
    ];
    if (!scenario) fail(EXIT.invalidConfig, 'fake k6 runs scripts with one arrival-rate scenario only');
    run.scenarioName = name;
    const maxVUs = scenario.maxVUs ?? 1;
    // A worker thread per VU is heavy: FAKE_K6_VU_LIMIT caps the pre-allocated pool (tests on a
    // shared machine); beyond it VUs are added the way k6 adds them, dropping the arrival that found none.
    const limit = Number(process.env.FAKE_K6_VU_LIMIT ?? Infinity);
    const preAllocated = Math.min(maxVUs, scenario.preAllocatedVUs ?? 1, limit);
    const vusStart = Date.now();
    try {
      await Promise.all(Array.from({ length: preAllocated }, () => run.startVu()));
    } catch (error) {
      process.stderr.write(
        `time="${new Date().toISOString()}" level=error msg=${JSON.stringify((error as Error).message)} hint="script exception"\n`,
      );
      return EXIT.scriptException;
    }
    if (!cli.bools.has('--quiet'))
      process.stderr.write(`fake k6: ${preAllocated} VUs initialised in ${Date.now() - vusStart} ms\n`);
    const testStartMs = Date.now();
    const setup = await optionsVu.call({ type: 'setup', startMs: testStartMs });
    if (setup.type === 'setup-error') {
      process.stderr.write(
        `time="${new Date().toISOString()}" level=error msg=${JSON.stringify(setup.message)} hint="script exception"\n`,
      );
      return EXIT.scriptException;
    }
    const setupData = setup.data;
    const times = arrivalTimes(scenario);
    const gracefulStopMs = parseDurationMs(scenario.gracefulStop, 30_000);
    const durationMs = times.length
      ? scenario.executor === 'constant-arrival-rate'
        ? parseDurationMs(scenario.duration, 0)
        : (scenario.stages ?? []).reduce((a, s) => a + parseDurationMs(s.duration, 0), 0)
      : 0;
    const scenarioStart = performance.now();
    const running = new Set<Promise<void>>();
    let iterationInTest = 0;
    let warnedMax = false;
    let next = 0;
    let lastProgress = 0;
    const dropped = (atMs: number) =>
      run.record({
        metric: 'dropped_iterations',
        type: 'counter',
        isTime: false,
        value: 1,
        tags: { scenario: name },
        timeMs: atMs,
      });
    while (next < times.length && !interrupted) {
      const elapsed = performance.now() - scenarioStart;
      if (elapsed - lastProgress >= 1000 && !cli.bools.has('--quiet')) {
        lastProgress = elapsed;
        process.stderr.write(
          `running (${(elapsed / 1000).toFixed(1)}s), ${run.vus.filter((v) => v.busy).length}/${run.vus.length} VUs, ${iterationInTest} complete and 0 interrupted iterations\n`,
        );
      }
      while (next < times.length && (times[next] as number) <= elapsed) {
        next++;
        const vu = run.vus.find((v) => !v.busy);
        if (!vu) {
          dropped(performance.timeOrigin + performance.now());
          if (run.vus.length + run.starting < maxVUs) void run.startVu().catch(() => undefined);
          else if (!warnedMax) {
            warnedMax = true;
            process.stderr.write(
              `time="${new Date().toISOString()}" level=warning msg="Insufficient VUs, reached ${maxVUs} active VUs and cannot initialize more" executor=${scenario.executor} scenario=${name}\n`,
            );
          }
          continue;
        }
        vu.busy = true;
        const p: Promise<void> = vu
          .call({ type: 'iterate', iterationInTest: iterationInTest++, data: setupData, testStartMs })
          .then((m) => {
            if (m.error)
              process.stderr.write(
                `time="${new Date().toISOString()}" level=error msg=${JSON.stringify(m.error)} source=stacktrace\n`,
              );
            vu.busy = false;
            running.delete(p);
          });
        running.add(p);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    // gracefulStop: running iterations may finish; the rest is interrupted.
    await Promise.race([
      Promise.all(running),
      new Promise((r) => setTimeout(r, interrupted ? Math.min(gracefulStopMs, 2000) : gracefulStopMs)),
    ]);
    for (const vu of run.vus) if (vu.busy) await vu.stop();
    const testDurationMs = Date.now() - testStartMs;
    run.record({
      metric: 'vus_max',
      type: 'gauge',
      isTime: false,
      value: run.vus.length,
      tags: {},
      timeMs: Date.now(),
    });
    const noThresholds = cli.bools.has('--no-thresholds');
    const summary = buildSummaryData(
      run,
      noThresholds ? {} : (options.thresholds ?? {}),
      testDurationMs,
      setupData,
      options.summaryTrendStats ?? ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
    );
    if (info.exports.includes('handleSummary')) {
      const done = await optionsVu.call({ type: 'summary', data: summary.data });
      if (done.type === 'summary-error')
        process.stderr.write(
          `time="${new Date().toISOString()}" level=error msg="failed to handle the end-of-test summary" error=${JSON.stringify(done.message)}\n`,
        );
      else if (done.result) {
        const applied = applySummaryResult(done.result);
        process.stdout.write(applied.stdout);
        if (done.result.stderr) process.stderr.write(done.result.stderr);
        for (const line of applied.errors) process.stderr.write(`time="${new Date().toISOString()}" ${line}\n`);
      }
    } else process.stdout.write(`fake k6 summary: ${JSON.stringify(Object.keys(summary.data.metrics))}\n`);
    await optionsVu.stop();
    if (interrupted) return EXIT.aborted;
    return summary.failed ? EXIT.thresholds : EXIT.ok;
  } finally {
    await run.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `k6 archive` / `k6 inspect`: the init context sees only `-e` values (no shell environment). */
async function initOnly(
  cli: Cli,
  scriptPath: string,
  env: Record<string, string>,
): Promise<{ options: Record<string, unknown> }> {
  const tmp = mkdtempSync(join(tmpdir(), 'fake-k6-'));
  const run = new Runner(await bundle(scriptPath, tmp), dirname(scriptPath), env, undefined, undefined);
  try {
    const vu = new Vu(0, run);
    return await vu.ready.finally(() => vu.stop());
  } catch (error) {
    process.stderr.write(
      `time="${new Date().toISOString()}" level=error msg=${JSON.stringify((error as Error).message)} hint="script exception"\n`,
    );
    process.exit(EXIT.scriptException);
  } finally {
    await run.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  const cliEnv = envFromFlags(cli);
  switch (cli.command) {
    case 'version':
      process.stdout.write(`k6 ${FAKE_K6_VERSION} (fake k6 for wa-loadtest tests, ${process.version})\n`);
      return EXIT.ok;
    case 'run': {
      if (!cli.target) fail(EXIT.usage, 'accepts 1 arg(s), received 0');
      const target = resolve(cli.target);
      if (target.endsWith('.tar')) {
        const entries = readTar(new Uint8Array(readFileSync(target)));
        const meta = entries.find((e) => e.name === 'metadata.json');
        if (!meta || meta.type !== 'file') fail(EXIT.invalidConfig, `${cli.target} is not a k6 archive`);
        const metadata = JSON.parse(Buffer.from(meta.data).toString('utf8')) as {
          filename: string;
          env: Record<string, string>;
        };
        // The fake runs the archived entry script from its original path (a real archive carries the files).
        return runScript(cli, fileURLToPath(metadata.filename), { ...metadata.env, ...systemEnv(), ...cliEnv });
      }
      if (!existsSync(target)) fail(EXIT.usage, `The moduleSpecifier "${cli.target}" couldn't be found on local disk.`);
      return runScript(cli, target, { ...systemEnv(), ...cliEnv });
    }
    case 'inspect': {
      if (!cli.target) fail(EXIT.usage, 'accepts 1 arg(s), received 0');
      let script = resolve(cli.target);
      let env = { ...(cli.bools.has('--include-system-env-vars') ? systemEnv() : {}), ...cliEnv };
      if (script.endsWith('.tar')) {
        const meta = readTar(new Uint8Array(readFileSync(script))).find((e) => e.name === 'metadata.json');
        if (!meta || meta.type !== 'file') fail(EXIT.invalidConfig, `${cli.target} is not a k6 archive`);
        const metadata = JSON.parse(Buffer.from(meta.data).toString('utf8')) as {
          filename: string;
          env: Record<string, string>;
        };
        script = fileURLToPath(metadata.filename);
        env = { ...metadata.env, ...env };
      }
      const { options } = await initOnly(cli, script, env);
      process.stdout.write(JSON.stringify(options, null, 2) + '\n');
      return EXIT.ok;
    }
    case 'archive': {
      if (!cli.target) fail(EXIT.usage, 'accepts 1 arg(s), received 0');
      const script = resolve(cli.target);
      const env = { ...(cli.bools.has('--include-system-env-vars') ? systemEnv() : {}), ...cliEnv };
      const { options } = await initOnly(cli, script, env);
      const metadata = {
        type: 'js',
        options,
        filename: pathToFileURL(script).href,
        pwd: pathToFileURL(process.cwd() + '/').href,
        env,
        compatibilityMode: 'extended',
        k6version: FAKE_K6_VERSION.slice(1),
        goos: 'linux',
      };
      const tar = writeTar([
        { type: 'file', name: 'metadata.json', data: new TextEncoder().encode(JSON.stringify(metadata, null, 2)) },
        { type: 'file', name: 'data', data: new Uint8Array(readFileSync(script)) },
      ]);
      writeFileSync(resolve(cli.flags.get('--archive-out')?.at(-1) ?? 'archive.tar'), tar);
      return EXIT.ok;
    }
    default:
      fail(EXIT.usage, `unknown command "${cli.command}" for "k6"`);
  }
}

function systemEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

process.exitCode = await main();
// Workers and sockets are closed; exit now rather than wait for stray timers.
setTimeout(() => process.exit(process.exitCode ?? 0), 50).unref();
