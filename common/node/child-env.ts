/**
 * The environment of a child process we start (k6, the mock, the reference connector, a
 * supervised target): what the platform needs plus what the resolved config says, never the
 * whole shell. A `WA_*`, `REDIS_URL` or `K6_VUS` left in the user's shell must not change a run
 * the orchestrator already resolved.
 */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/** What any process needs to run at all: finding binaries, a home, a temp folder, a locale. */
export const PLATFORM_ENV_NAMES = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT'] as const;

/**
 * k6 output settings a user sets on purpose (`K6_OUT=experimental-prometheus-rw`, its
 * `K6_PROMETHEUS_RW_*`, `K6_OTEL_*`, …): passed to an orchestrated k6. Nothing that changes the
 * load (`K6_VUS`, `K6_DURATION`, `K6_ITERATIONS`, `K6_STAGES`, `K6_RPS`, `K6_SCENARIOS`) or the
 * verdict (`K6_NO_THRESHOLDS`) passes: the resolved config decides those.
 */
export const K6_OUTPUT_ENV_PREFIXES = [
  'K6_OUT',
  'K6_PROMETHEUS_RW_',
  'K6_OTEL_',
  'K6_INFLUXDB_',
  'K6_STATSD_',
  'K6_DATADOG_',
  'K6_JSON_',
  'K6_CSV_',
  'K6_KAFKA_',
  'K6_CLOUD_',
  'K6_WEB_DASHBOARD',
  'K6_NO_COLOR',
  'K6_LOG_OUTPUT',
  'K6_LOG_FORMAT',
] as const;

export interface ChildEnvOptions {
  /** Parent variables passed when their name starts with one of these (e.g. K6_OUTPUT_ENV_PREFIXES). */
  passPrefixes?: readonly string[];
}

/**
 * Platform variables from `parent`, those matching `passPrefixes`, then `own` (the values built
 * from the resolved config; undefined entries are left out). Pure: pass `process.env` in.
 *
 * @example
 * spawn('k6', args, { env: buildChildEnv(process.env, { WA_CONFIG: configPath }, { passPrefixes: K6_OUTPUT_ENV_PREFIXES }) });
 */
export function buildChildEnv(parent: EnvMap, own: EnvMap = {}, options: ChildEnvOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PLATFORM_ENV_NAMES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  const prefixes = options.passPrefixes ?? [];
  if (prefixes.length) {
    for (const [name, value] of Object.entries(parent)) {
      if (value !== undefined && prefixes.some((p) => name.startsWith(p))) env[name] = value;
    }
  }
  for (const [name, value] of Object.entries(own)) if (value !== undefined) env[name] = value;
  return env;
}
