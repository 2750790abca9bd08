import { z } from 'zod';
import { MOCK_MODES } from '../run/in-target-mock.ts';
import { readImageRef } from '../emit/image-ref.ts';
import {
  flagError,
  parseFlags,
  readDuration,
  readEnum,
  readInteger,
  readList,
  readNumber,
} from '../../../common/node/index.ts';

const ENGINES = ['auto', 'k6', 'node'] as const;
const CHAOS_TIMINGS = ['scale', 'fixed'] as const;
const EMITS = ['k6-operator'] as const;

/** Every `loadtest` flag, validated once (numbers and enums by the common/node/cli-flags readers); the README's flag table mirrors this. */
export const loadtestFlagsSchema = z.object({
  scenario: z.string().optional(),
  preset: z.string().min(1).optional(),
  target: z.string().optional(),
  rate: z.number().optional(),
  durationS: z.number().optional(),
  engine: z.enum(ENGINES).optional(),
  chaos: z.string().optional(),
  chaosTiming: z.enum(CHAOS_TIMINGS).optional(),
  config: z.string().optional(),
  out: z.string().optional(),
  allowHost: z.array(z.string()).default([]),
  mockUrl: z.string().optional(),
  mockPort: z.number().optional(),
  mock: z.enum(MOCK_MODES).optional(),
  metricsUrl: z.string().optional(),
  defect: z.string().optional(),
  redisUrl: z.string().optional(),
  redisProxy: z.boolean().optional(),
  redisUpstream: z.string().optional(),
  redisProxyPort: z.number().optional(),
  baseline: z.string().optional(),
  seed: z.number().optional(),
  handshake: z.boolean().optional(),
  metricsPort: z.number().optional(),
  dashboard: z.boolean().default(false),
  dashboardPort: z.number().optional(),
  emit: z.enum(EMITS).optional(),
  parallelism: z.number().optional(),
  mockImage: z.string().optional(),
  targetCmd: z.string().trim().min(1, 'give the command that starts your connector').optional(),
  drill: z.array(z.string()).default([]),
  replicas: z.number().optional(),
  help: z.boolean().default(false),
});
export type LoadtestFlags = z.infer<typeof loadtestFlagsSchema>;

const OPTIONS = {
  scenario: { type: 'string', short: 's' },
  preset: { type: 'string' },
  target: { type: 'string', short: 't' },
  rate: { type: 'string', short: 'r' },
  duration: { type: 'string', short: 'd' },
  engine: { type: 'string', short: 'e' },
  chaos: { type: 'string', short: 'c' },
  'chaos-timing': { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'allow-host': { type: 'string', multiple: true },
  'mock-url': { type: 'string' },
  'mock-port': { type: 'string' },
  mock: { type: 'string' },
  'metrics-url': { type: 'string' },
  defect: { type: 'string' },
  'redis-url': { type: 'string' },
  'redis-proxy': { type: 'boolean' },
  'redis-upstream': { type: 'string' },
  'redis-proxy-port': { type: 'string' },
  baseline: { type: 'string' },
  seed: { type: 'string' },
  'no-handshake': { type: 'boolean' },
  'metrics-port': { type: 'string' },
  dashboard: { type: 'boolean' },
  'dashboard-port': { type: 'string' },
  emit: { type: 'string' },
  parallelism: { type: 'string' },
  'mock-image': { type: 'string' },
  'target-cmd': { type: 'string' },
  drill: { type: 'string', multiple: true },
  replicas: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv into validated flags; unknown flags and bad values are UserErrors (exit 2). */
export function parseLoadtestFlags(argv: readonly string[]): LoadtestFlags {
  const { values } = parseFlags(argv, { options: OPTIONS }, 'Run `npm run loadtest -- --help` for the flags');
  const str = (k: keyof typeof OPTIONS) => values[k] as string | undefined;
  const read = <T>(k: keyof typeof OPTIONS, reader: (flag: string, text: string) => T): T | undefined =>
    str(k) === undefined ? undefined : reader(`--${k}`, str(k) as string);
  const port = (flag: string, text: string) => readInteger(flag, text, { min: 0, max: 65535, example: 9464 });
  const raw = {
    scenario: str('scenario'),
    preset: str('preset'),
    target: str('target'),
    rate: read('rate', (f, t) => readNumber(f, t, { above: 0, example: 50 })),
    durationS: read('duration', readDuration),
    engine: read('engine', (f, t) => readEnum(f, t, ENGINES)),
    chaos: str('chaos'),
    chaosTiming: read('chaos-timing', (f, t) => readEnum(f, t, CHAOS_TIMINGS)),
    config: str('config'),
    out: str('out'),
    allowHost: readList(values['allow-host']),
    mockUrl: str('mock-url'),
    mockPort: read('mock-port', port),
    mock: read('mock', (f, t) => readEnum(f, t, MOCK_MODES)),
    metricsUrl: str('metrics-url'),
    defect: str('defect'),
    redisUrl: str('redis-url'),
    redisProxy: values['redis-proxy'] ? true : undefined,
    redisUpstream: str('redis-upstream'),
    redisProxyPort: read('redis-proxy-port', port),
    baseline: str('baseline'),
    seed: read('seed', (f, t) => readInteger(f, t, { min: 0 })),
    handshake: values['no-handshake'] ? false : undefined,
    metricsPort: read('metrics-port', port),
    dashboard: Boolean(values.dashboard),
    dashboardPort: read('dashboard-port', port),
    emit: read('emit', (f, t) => readEnum(f, t, EMITS)),
    parallelism: read('parallelism', (f, t) => readInteger(f, t, { min: 1, max: 1000 })),
    mockImage: read('mock-image', readImageRef),
    targetCmd: str('target-cmd'),
    drill: (values.drill as string[] | undefined) ?? [],
    replicas: read('replicas', (f, t) => readInteger(f, t, { min: 1, max: 16, example: 2 })),
    help: Boolean(values.help),
  };
  const parsed = loadtestFlagsSchema.safeParse(raw);
  if (!parsed.success) {
    // Numbers and enums were read above; what is left are string rules (an empty --target-cmd).
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const flag = key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    throw flagError(
      `--${flag}`,
      String((raw as Record<string, unknown>)[key] ?? ''),
      issue?.message ?? 'invalid',
      'Run `npm run loadtest -- --help` for valid values',
    );
  }
  return parsed.data;
}
