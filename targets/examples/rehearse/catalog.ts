/**
 * The example connectors and how each is rehearsed: its preset, how it is built and started,
 * what the rehearsal layers on the smoke scenario so its shape is really exercised, the
 * checks beyond loadtest's gates, and its seeded defects with what must catch them.
 */
export type CheckId = 'peak-rss' | 'calls-answered' | 'stops-on-sigterm';

export interface ExampleDefect {
  description: string;
  /** Gate ids (summary.json) or rehearsal check ids that must fail with this defect. */
  caughtBy: string[];
}

export interface ExampleSpec {
  name: string;
  /** Folder under examples/. */
  dir: string;
  preset: string;
  language: string;
  /** A build step run in `dir` first; `{out}` is a temp folder outside the repository. */
  build?: string[];
  /** argv run in `dir`; `{out}` as above, `{python}` Debian's /usr/bin/python3. */
  command: string[];
  healthPath: string;
  /** Start a throwaway redis-server and hand its URL over as REDIS_URL. */
  redis?: boolean;
  /** A scenario layer written to a --config file: what smoke lacks for this shape. */
  config?: Record<string, unknown>;
  /** Extra loadtest flags; `{dir}` is the example's folder. */
  loadtestArgs?: string[];
  checks: { id: CheckId; threshold?: number }[];
  defects: Record<string, ExampleDefect>;
}

/** How every Python example starts: its folder's app.py on Debian's python3, healthy on /health. */
const PYTHON_APP = { command: ['{python}', 'app.py'], healthPath: '/health' };
const stopsOnSigterm = { id: 'stops-on-sigterm', threshold: 10_000 } as const;
/** Smoke's default mix is mostly statuses (4 messages in 20 deliveries): too few to judge a message gate in a short run. */
const MESSAGE_HEAVY_MIX = {
  'text-basic': 3,
  'text-pt-br': 2,
  image: 1,
  'interactive-button-reply': 1,
  'status-delivered': 1,
  'status-read': 1,
};

export const EXAMPLES: readonly ExampleSpec[] = [
  {
    name: 'fastapi-bot',
    dir: 'fastapi-bot',
    preset: 'fastapi-bot',
    language: 'Python (FastAPI + uvicorn)',
    ...PYTHON_APP,
    checks: [{ id: 'peak-rss', threshold: 200 }, stopsOnSigterm],
    defects: {
      'await-model-before-ack': {
        description: 'awaits the simulated model call (600-900 ms) before answering 200',
        caughtBy: ['ack-p99'],
      },
    },
  },
  {
    name: 'wappa-app',
    dir: 'wappa-app',
    preset: 'wappa',
    language: 'Python (FastAPI + uvicorn, redis)',
    ...PYTHON_APP,
    redis: true,
    // Smoke copies 2 % of its deliveries: too few to prove a dedupe in a short run.
    config: { mix: MESSAGE_HEAVY_MIX, delivery: { duplicateRatio: 0.4 } },
    checks: [stopsOnSigterm],
    defects: {
      'no-dedupe': {
        description: 'skips the Redis/memory dedupe: every copy of a message is answered again',
        caughtBy: ['duplicates'],
      },
    },
  },
  {
    name: 'memoapp-bot',
    dir: 'memoapp-bot',
    preset: 'rate-limited-bot',
    language: 'Python (Flask)',
    ...PYTHON_APP,
    // Do-not-retry rejections (131026) from the Graph API: a correct bot gives those up.
    loadtestArgs: ['--chaos', '{dir}/rehearsal-chaos.json'],
    config: { mix: MESSAGE_HEAVY_MIX },
    checks: [stopsOnSigterm],
    defects: {
      'retry-4xx': {
        description: 'retries do-not-retry 4xx Graph errors (131026, 100, ...) like 5xx',
        caughtBy: ['non-retryable-retries'],
      },
    },
  },
  {
    name: 'voice-bridge',
    dir: 'voice-bridge',
    preset: 'voice-bridge',
    language: 'Go (standard library)',
    build: ['go', 'build', '-o', '{out}/voice-bridge', '.'],
    command: ['{out}/voice-bridge'],
    healthPath: '/health',
    checks: [{ id: 'calls-answered' }, stopsOnSigterm],
    defects: {
      'never-accept': {
        description: 'sends pre_accept for each connect but never accept',
        caughtBy: ['calls-answered'],
      },
    },
  },
];

/** The example named `name`, or undefined. */
export function findExample(name: string): ExampleSpec | undefined {
  return EXAMPLES.find((e) => e.name === name);
}
