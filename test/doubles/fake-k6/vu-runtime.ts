/**
 * One VU of the fake k6: runs in its own worker thread, so every VU evaluates the init context
 * itself (as k6 does), and blocking calls (sync http, sleep) block only this VU. Requests are
 * made by the main thread (real HTTP); this side waits on a SharedArrayBuffer (Atomics.wait)
 * and pulls the answer with receiveMessageOnPort. The k6 modules the bundled script imports
 * read `globalThis.__fakeK6.modules` (see k6-modules.ts).
 */
import { createHmac, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';

interface VuData {
  vuId: number;
  bundle: string;
  scriptDir: string;
  env: Record<string, string>;
  syncPort: MessagePort;
  asyncPort: MessagePort;
  flag: SharedArrayBuffer;
  scenarioName: string;
}

const data = workerData as VuData;
const flag = new Int32Array(data.flag);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
type Tags = Record<string, string>;
let samples: [string, string, boolean, number, Tags, number][] = [];
const execution = {
  scenario: { iterationInTest: 0, name: data.scenarioName },
  instance: { currentTestRunDuration: 0 },
  vu: { idInTest: data.vuId },
};
let startMs = Date.now();

function now(): number {
  return performance.timeOrigin + performance.now();
}

function flush(): void {
  if (samples.length) parentPort!.postMessage({ type: 'samples', samples });
  samples = [];
}

/** Blocks this VU until the main thread answers on the sync port. */
function callSync(message: Record<string, unknown>): any {
  flush();
  Atomics.store(flag, 0, 0);
  parentPort!.postMessage(message);
  Atomics.wait(flag, 0, 0);
  const reply = receiveMessageOnPort(data.syncPort);
  if (!reply) throw new Error('fake k6: no answer from the main thread');
  return reply.message;
}

let asyncId = 0;
const asyncWaiting = new Map<number, (value: unknown) => void>();
data.asyncPort.on('message', (m: { id: number; result: unknown }) => {
  asyncWaiting.get(m.id)?.(m.result);
  asyncWaiting.delete(m.id);
});
data.asyncPort.unref();

function requestSpec(method: string, url: string, body: unknown, params: any = {}) {
  return {
    method,
    url: String(url),
    body: body == null ? '' : String(body),
    headers: params.headers ?? {},
    timeout: params.timeout,
    tags: params.tags ?? {},
    expected: params.responseCallback,
  };
}

const http = {
  request: (method: string, url: string, body?: unknown, params?: any) =>
    callSync({ type: 'http', requests: [requestSpec(method, url, body, params)] })[0],
  get: (url: string, params?: any) => http.request('GET', url, null, params),
  post: (url: string, body?: unknown, params?: any) => http.request('POST', url, body, params),
  put: (url: string, body?: unknown, params?: any) => http.request('PUT', url, body, params),
  del: (url: string, body?: unknown, params?: any) => http.request('DELETE', url, body, params),
  batch: (requests: any[]) =>
    callSync({
      type: 'http',
      requests: requests.map((r) =>
        Array.isArray(r) ? requestSpec(r[0], r[1], r[2], r[3]) : requestSpec(r.method, r.url, r.body, r.params),
      ),
    }),
  asyncRequest: (method: string, url: string, body?: unknown, params?: any) =>
    new Promise((resolvePromise) => {
      flush();
      const id = ++asyncId;
      asyncWaiting.set(id, resolvePromise);
      data.asyncPort.ref();
      parentPort!.postMessage({ type: 'http-async', id, requests: [requestSpec(method, url, body, params)] });
    }).finally(() => {
      if (asyncWaiting.size === 0) data.asyncPort.unref();
    }),
  expectedStatuses: (...statuses: (number | { min: number; max: number })[]) => ({ __expectedStatuses: statuses }),
};

class Metric {
  constructor(
    readonly name: string,
    readonly type: string,
    readonly isTime = false,
  ) {
    if (!/^[A-Za-z0-9_]{1,128}$/.test(name)) throw new Error(`Invalid metric name: '${name}'`);
  }
  add(value: number | boolean, tags: Tags = {}): void {
    samples.push([
      this.name,
      this.type,
      this.isTime,
      Number(value),
      { ...tags, scenario: execution.scenario.name },
      now(),
    ]);
  }
}

const metrics = {
  Counter: class extends Metric {
    constructor(name: string) {
      super(name, 'counter');
    }
  },
  Gauge: class extends Metric {
    constructor(name: string) {
      super(name, 'gauge');
    }
  },
  Rate: class extends Metric {
    constructor(name: string) {
      super(name, 'rate');
    }
  },
  Trend: class extends Metric {
    constructor(name: string, isTime = false) {
      super(name, 'trend', isTime);
    }
  },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** k6/data SharedArray: built once per name in the whole test (by the first VU), parsed per element on access. */
function SharedArray(name: string, build: () => unknown[]) {
  let items = callSync({ type: 'shared-get', name }) as string[] | null;
  if (!items) {
    const built = build();
    if (!Array.isArray(built)) throw new Error('only arrays can be made into SharedArray');
    items = built.map((item) => JSON.stringify(item));
    callSync({ type: 'shared-set', name, items });
  }
  const stored = items;
  const at = (i: number) => deepFreeze(JSON.parse(stored[i] as string));
  return new Proxy(
    {},
    {
      get(_t, key) {
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
}

/**
 * k6/timers on this VU's event loop. k6 ends an iteration only when its event loop is empty, so
 * a pending timer keeps the VU busy even after the default function returned: `pendingTimers`
 * counts them (an interval until it is cleared) for the iteration's end below.
 */
const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
const timers = {
  setTimeout: (fn: (...args: unknown[]) => void, delayMs = 0, ...args: unknown[]) => {
    const id = setTimeout(() => {
      pendingTimers.delete(id);
      fn(...args);
    }, delayMs);
    pendingTimers.add(id);
    return id;
  },
  clearTimeout: (id: ReturnType<typeof setTimeout>) => {
    pendingTimers.delete(id);
    clearTimeout(id);
  },
  setInterval: (fn: (...args: unknown[]) => void, everyMs = 0, ...args: unknown[]) => {
    const id = setInterval(fn, everyMs, ...args);
    pendingTimers.add(id);
    return id;
  },
  clearInterval: (id: ReturnType<typeof setInterval>) => {
    pendingTimers.delete(id);
    clearInterval(id);
  },
};

/** Resolves when this VU's event loop is empty: no k6/timers timer and no async request pending. */
function eventLoopEmpty(): Promise<void> {
  return new Promise((resolveEmpty) => {
    const check = () => (pendingTimers.size === 0 && asyncWaiting.size === 0 ? resolveEmpty() : setTimeout(check, 1));
    check();
  });
}

let initDone = false;

/** k6's open(): init context only; relative to the script's folder; folders refused. */
function open(path: string): string {
  if (initDone) throw new Error('open() can only be called in the init context');
  const full = isAbsolute(path) ? path : resolve(data.scriptDir, path);
  if (existsSync(full) && statSync(full).isDirectory())
    throw new Error(`GoError: open() can't be used with directories, path: "${full}"`);
  if (!existsSync(full)) throw new Error(`GoError: open ${full}: no such file or directory`);
  return readFileSync(full, 'utf8');
}

const consoleLog =
  (level: string) =>
  (...args: unknown[]) => {
    flush();
    parentPort!.postMessage({
      type: 'console',
      level,
      text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
    });
  };

(globalThis as any).__fakeK6 = {
  modules: {
    k6: {
      sleep: (seconds: number) => {
        flush();
        Atomics.wait(sleeper, 0, 0, Math.max(0, seconds * 1000));
      },
      check: () => true,
      group: (_name: string, fn: () => unknown) => fn(),
      fail: (message: string) => {
        throw new Error(message);
      },
    },
    'k6/http': http,
    'k6/crypto': {
      hmac: (algorithm: string, secret: string, body: string, encoding = 'hex') =>
        createHmac(algorithm, secret)
          .update(body)
          .digest(encoding as 'hex'),
      sha256: (body: string, encoding = 'hex') =>
        createHash('sha256')
          .update(body)
          .digest(encoding as 'hex'),
      randomBytes: (n: number) => randomBytes(n).buffer,
    },
    'k6/metrics': metrics,
    'k6/execution': execution,
    'k6/data': { SharedArray },
    'k6/timers': timers,
  },
};
Object.assign(globalThis, {
  __ENV: data.env,
  __VU: data.vuId,
  open,
  console: {
    log: consoleLog('info'),
    info: consoleLog('info'),
    warn: consoleLog('warning'),
    error: consoleLog('error'),
    debug: consoleLog('debug'),
  },
});

function describeError(error: unknown): string {
  const e = error as Error;
  return `${e?.message ?? String(error)}${e?.stack ? `\n\tat ${e.stack.split('\n').slice(1, 3).join('\n')}` : ''}`;
}

let script: any;
try {
  script = await import(pathToFileURL(data.bundle).href);
  initDone = true;
  flush();
  parentPort!.postMessage({
    type: 'ready',
    options: JSON.parse(JSON.stringify(script.options ?? {})),
    exports: Object.keys(script),
  });
} catch (error) {
  parentPort!.postMessage({ type: 'init-error', message: describeError(error) });
}

parentPort!.on('message', async (m: any) => {
  if (m.type === 'setup') {
    try {
      startMs = m.startMs;
      const result = script.setup ? await script.setup() : undefined;
      flush();
      parentPort!.postMessage({
        type: 'setup-done',
        data: result === undefined ? null : JSON.parse(JSON.stringify(result)),
      });
    } catch (error) {
      flush();
      parentPort!.postMessage({ type: 'setup-error', message: describeError(error) });
    }
  } else if (m.type === 'iterate') {
    execution.scenario.iterationInTest = m.iterationInTest;
    execution.instance.currentTestRunDuration = Date.now() - m.testStartMs;
    const started = now();
    let failed: string | undefined;
    try {
      await script.default(m.data);
      // k6: the iteration (and its VU) ends when the event loop is empty, not when default returns.
      await eventLoopEmpty();
    } catch (error) {
      failed = describeError(error);
    }
    samples.push(['iterations', 'counter', false, 1, { scenario: execution.scenario.name }, now()]);
    samples.push(['iteration_duration', 'trend', true, now() - started, { scenario: execution.scenario.name }, now()]);
    flush();
    parentPort!.postMessage({ type: 'iteration-done', error: failed });
  } else if (m.type === 'summary') {
    try {
      const result = script.handleSummary ? await script.handleSummary(m.data) : null;
      parentPort!.postMessage({ type: 'summary-done', result });
    } catch (error) {
      parentPort!.postMessage({ type: 'summary-error', message: describeError(error) });
    }
  }
});
void startMs;
