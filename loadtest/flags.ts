import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UserError } from '../lib/index.ts';
import { parseDurationS } from './duration.ts';

/** Every `loadtest` flag, validated once; the README's flag table mirrors this. */
export const loadtestFlagsSchema = z.object({
  scenario: z.string().optional(),
  preset: z.string().min(1).optional(),
  target: z.string().optional(),
  rate: z.number().positive().optional(),
  durationS: z.number().positive().optional(),
  engine: z.enum(['auto', 'k6', 'node']).optional(),
  chaos: z.string().optional(),
  chaosTiming: z.enum(['scale', 'fixed']).optional(),
  config: z.string().optional(),
  out: z.string().optional(),
  allowHost: z.array(z.string()).default([]),
  mockUrl: z.string().optional(),
  mockPort: z.number().int().min(0).max(65535).optional(),
  metricsUrl: z.string().optional(),
  defect: z.string().optional(),
  redisUrl: z.string().optional(),
  redisProxy: z.boolean().optional(),
  redisUpstream: z.string().optional(),
  baseline: z.string().optional(),
  seed: z.number().int().nonnegative().optional(),
  handshake: z.boolean().optional(),
  metricsPort: z.number().int().min(0).max(65535).optional(),
  dashboard: z.boolean().default(false),
  dashboardPort: z.number().int().min(0).max(65535).optional(),
  emit: z.enum(['k6-operator']).optional(),
  parallelism: z.number().int().min(1).max(1000).optional(),
  targetCmd: z.string().trim().min(1, 'give the command that starts your connector').optional(),
  drill: z.array(z.string()).default([]),
  replicas: z.number().int().min(1).max(16).optional(),
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
  'metrics-url': { type: 'string' },
  defect: { type: 'string' },
  'redis-url': { type: 'string' },
  'redis-proxy': { type: 'boolean' },
  'redis-upstream': { type: 'string' },
  baseline: { type: 'string' },
  seed: { type: 'string' },
  'no-handshake': { type: 'boolean' },
  'metrics-port': { type: 'string' },
  dashboard: { type: 'boolean' },
  'dashboard-port': { type: 'string' },
  emit: { type: 'string' },
  parallelism: { type: 'string' },
  'target-cmd': { type: 'string' },
  drill: { type: 'string', multiple: true },
  replicas: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function toNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UserError(`Could not read --${flag} "${value}": not a number. Pass a number, e.g. --${flag} 50.`);
  return n;
}

/** `--rate -5` → `--rate=-5`, so a negative number reaches validation instead of parseArgs' "ambiguous" text. */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Turns parseArgs' multi-line, period-ended text into one clause. */
function oneClause(message: string): string {
  return message.split('\n')[0]!.replace(/\.+$/, '');
}

/** Parses argv into validated flags; unknown flags and bad values are UserErrors (exit 2). */
export function parseLoadtestFlags(argv: readonly string[]): LoadtestFlags {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({ args: joinNegativeNumbers(argv), options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new UserError(`Could not read the command line: ${oneClause((error as Error).message)}. Run \`npm run loadtest -- --help\` for the flags.`);
  }
  const str = (k: string) => values[k] as string | undefined;
  const raw = {
    scenario: str('scenario'),
    preset: str('preset'),
    target: str('target'),
    rate: toNumber('rate', str('rate')),
    durationS: str('duration') === undefined ? undefined : parseDurationS(str('duration') as string, '--duration'),
    engine: str('engine'),
    chaos: str('chaos'),
    chaosTiming: str('chaos-timing'),
    config: str('config'),
    out: str('out'),
    allowHost: (values['allow-host'] as string[] | undefined)?.flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean) ?? [],
    mockUrl: str('mock-url'),
    mockPort: toNumber('mock-port', str('mock-port')),
    metricsUrl: str('metrics-url'),
    defect: str('defect'),
    redisUrl: str('redis-url'),
    redisProxy: values['redis-proxy'] ? true : undefined,
    redisUpstream: str('redis-upstream'),
    baseline: str('baseline'),
    seed: toNumber('seed', str('seed')),
    handshake: values['no-handshake'] ? false : undefined,
    metricsPort: toNumber('metrics-port', str('metrics-port')),
    dashboard: Boolean(values.dashboard),
    dashboardPort: toNumber('dashboard-port', str('dashboard-port')),
    emit: str('emit'),
    parallelism: toNumber('parallelism', str('parallelism')),
    targetCmd: str('target-cmd'),
    drill: (values.drill as string[] | undefined) ?? [],
    replicas: toNumber('replicas', str('replicas')),
    help: Boolean(values.help),
  };
  const parsed = loadtestFlagsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace('duration-s', 'duration');
    const given = (raw as Record<string, unknown>)[String(issue?.path[0])];
    const range = /^Too (small|big): expected number to be /;
    const why = issue && range.test(issue.message) ? `${given} is out of range, it must be ${oneClause(issue.message).replace(range, '')}` : oneClause(issue?.message ?? 'invalid');
    throw new UserError(`Could not use --${flag}: ${why}. Run \`npm run loadtest -- --help\` for valid values.`);
  }
  return parsed.data;
}
