import { parseFlags, readInteger, readNumber, UserError } from '../../common/node/index.ts';
import { connectorConfigSchema, type ConnectorConfigInput, type ResolvedConnectorConfig } from './config.ts';
import { DEFECT_NAMES } from './defects.ts';

type Key = keyof ConnectorConfigInput;
interface Option {
  key: Key;
  flag: string;
  env?: string;
  /** Second variable name read when `env` is unset (the supervised-target contract's names). */
  envAlias?: string;
  type: 'string' | 'int' | 'number';
  help: string;
}

/** One table for flags, env vars and help, so they cannot drift apart. */
export const CLI_OPTIONS: readonly Option[] = [
  { key: 'port', flag: 'port', env: 'PORT', type: 'int', help: 'port to listen on; 0 lets the OS choose (default 0)' },
  { key: 'host', flag: 'host', env: 'HOST', type: 'string', help: 'address to bind (default 127.0.0.1)' },
  {
    key: 'appSecret',
    flag: 'app-secret',
    env: 'WA_APP_SECRET',
    envAlias: 'WHATSAPP_APP_SECRET',
    type: 'string',
    help: 'Meta app secret for X-Hub-Signature-256 (required)',
  },
  {
    key: 'verifyToken',
    flag: 'verify-token',
    env: 'WA_VERIFY_TOKEN',
    envAlias: 'WHATSAPP_VERIFY_TOKEN',
    type: 'string',
    help: 'token expected by the GET verify handshake',
  },
  {
    key: 'accessToken',
    flag: 'access-token',
    env: 'WA_ACCESS_TOKEN',
    envAlias: 'WHATSAPP_ACCESS_TOKEN',
    type: 'string',
    help: 'Graph API bearer token (required)',
  },
  {
    key: 'graphBaseUrl',
    flag: 'graph-base-url',
    env: 'GRAPH_BASE_URL',
    type: 'string',
    help: 'Graph API base URL (default https://graph.facebook.com)',
  },
  {
    key: 'graphVersion',
    flag: 'graph-version',
    env: 'GRAPH_VERSION',
    type: 'string',
    help: 'Graph API version (default v23.0)',
  },
  {
    key: 'phoneNumberId',
    flag: 'phone-number-id',
    env: 'WA_PHONE_NUMBER_ID',
    type: 'string',
    help: 'fallback sender when a webhook has no metadata.phone_number_id',
  },
  {
    key: 'pathTemplate',
    flag: 'path-template',
    env: 'WA_PATH_TEMPLATE',
    type: 'string',
    help: 'webhook path: /webhook (default) or /webhook/messenger/{phone_number_id}/whatsapp',
  },
  {
    key: 'redisUrl',
    flag: 'redis-url',
    env: 'REDIS_URL',
    type: 'string',
    help: 'Redis dedupe store (redis://host:port); absent = in-memory',
  },
  {
    key: 'defect',
    flag: 'defect',
    env: 'WA_DEFECT',
    type: 'string',
    help: `seeded defect for calibration: ${DEFECT_NAMES.join(' | ')}`,
  },
  {
    key: 'rateLimitPerIp',
    flag: 'rate-limit-per-ip',
    type: 'number',
    help: 'inbound limit: webhook requests/s per source IP, beyond it 429 + Retry-After (default off)',
  },
  {
    key: 'rateLimitBurst',
    flag: 'rate-limit-burst',
    type: 'int',
    help: 'inbound limit: requests per source IP that may pass back to back (default 2 x rate)',
  },
  {
    key: 'callsMode',
    flag: 'calls-mode',
    env: 'WA_CALLS_MODE',
    type: 'string',
    help: 'calls webhooks: ignore (default) | answer (pre_accept + accept on /calls)',
  },
  {
    key: 'seed',
    flag: 'seed',
    env: 'WA_SEED',
    type: 'int',
    help: 'seed of the defect dice and retry jitter (default 1)',
  },
  {
    key: 'logLevel',
    flag: 'log-level',
    env: 'LOG_LEVEL',
    type: 'string',
    help: 'debug | info | warn | error | silent (default info)',
  },
  { key: 'maxBodyBytes', flag: 'max-body-bytes', type: 'int', help: 'largest accepted webhook body (default 3407872)' },
  {
    key: 'dedupeTtlSeconds',
    flag: 'dedupe-ttl-seconds',
    type: 'int',
    help: 'how long a message id is remembered (default 86400)',
  },
  {
    key: 'redisCommandTimeoutMs',
    flag: 'redis-command-timeout-ms',
    type: 'int',
    help: 'a Redis command slower than this fails the webhook with 503 (default 1000)',
  },
  {
    key: 'redisConnectTimeoutMs',
    flag: 'redis-connect-timeout-ms',
    type: 'int',
    help: 'startup wait for Redis before exiting 3 (default 5000)',
  },
  {
    key: 'sendTimeoutMs',
    flag: 'send-timeout-ms',
    type: 'int',
    help: 'timeout of one Graph API attempt (default 10000)',
  },
  { key: 'retryBaseMs', flag: 'retry-base-ms', type: 'int', help: 'first backoff for 5xx/timeouts (default 200)' },
  {
    key: 'retryMaxDelayMs',
    flag: 'retry-max-delay-ms',
    type: 'int',
    help: 'backoff cap for 5xx/timeouts (default 5000)',
  },
  {
    key: 'retryMaxAttempts',
    flag: 'retry-max-attempts',
    type: 'int',
    help: 'attempts per send, first included (default 20; retry-deadline-ms bounds them too)',
  },
  {
    key: 'retryDeadlineMs',
    flag: 'retry-deadline-ms',
    type: 'int',
    help: 'total time budget of one send (default 60000)',
  },
  {
    key: 'rateLimitBaseMs',
    flag: 'rate-limit-base-ms',
    type: 'int',
    help: 'first backoff after a rate limit (default 1000)',
  },
  {
    key: 'rateLimitMaxDelayMs',
    flag: 'rate-limit-max-delay-ms',
    type: 'int',
    help: 'rate-limit backoff cap, Retry-After included (default 30000)',
  },
  {
    key: 'breakerFailureThreshold',
    flag: 'breaker-failure-threshold',
    type: 'int',
    help: 'consecutive transient failures that open the breaker (default 5)',
  },
  {
    key: 'breakerOpenMs',
    flag: 'breaker-open-ms',
    type: 'int',
    help: 'how long the breaker stays open before a probe (default 2000)',
  },
  {
    key: 'maxConcurrentSends',
    flag: 'max-concurrent-sends',
    type: 'int',
    help: 'concurrent Graph API attempts (default 128)',
  },
  { key: 'drainTimeoutMs', flag: 'drain-timeout-ms', type: 'int', help: 'SIGTERM drain budget (default 30000)' },
];

/**
 * The one place config is merged: defaults < environment < flags. `env` is passed in; only the
 * entry file reads process.env.
 */
export function resolveCliConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ResolvedConnectorConfig | 'help' {
  const options = Object.fromEntries(CLI_OPTIONS.map((o) => [o.flag, { type: 'string' as const }]));
  const parsed = parseFlags(
    argv,
    { options: { ...options, help: { type: 'boolean' } }, allowPositionals: false },
    'Run `npm run connector -- --help` for the flags',
  );
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help']) return 'help';
  const input: Record<string, unknown> = {};
  for (const option of CLI_OPTIONS) {
    const fromFlag = values[option.flag];
    const envName =
      option.env && !env[option.env] && option.envAlias && env[option.envAlias] ? option.envAlias : option.env;
    const raw = typeof fromFlag === 'string' ? fromFlag : envName ? env[envName] : undefined;
    if (raw === undefined || raw === '') continue;
    input[option.key] = convert(option, raw, typeof fromFlag === 'string' ? `--${option.flag}` : `${envName}`);
  }
  const result = connectorConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${describeOption(String(issue.path[0] ?? ''))}: ${issue.message}`,
  );
  throw new UserError(
    `Could not start the connector: invalid configuration:\n${lines.join('\n')}\nFix the flags (npm run connector -- --help).`,
  );
}

function describeOption(key: string): string {
  const option = CLI_OPTIONS.find((o) => o.key === key);
  if (!option) return key;
  return option.env ? `--${option.flag} (or ${option.env})` : `--${option.flag}`;
}

function convert(option: Option, raw: string, source: string): string | number {
  if (option.type === 'string') return raw;
  // Ranges stay in connectorConfigSchema, which names the flag and its variable.
  return option.type === 'int' ? readInteger(source, raw) : readNumber(source, raw);
}
