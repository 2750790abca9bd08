/**
 * The one redaction of both engines: every artefact (scenario.json, run-record.json,
 * k6-config.json, the k6-operator bundle and archive, reports, logs) goes through it.
 */
export const REDACTED = '[redacted]';

/** Header names whose values are credentials, whatever the target (compared case-insensitively). */
export const SECRET_HEADER_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
];

/**
 * A field name holding a secret: the app secret, verify and access tokens, anything named
 * *secret*, *token*, *password*, *api key*, and the credential headers above.
 */
const SECRET_NAME = /secret|token|passw(or)?d|api[-_]?key/i;

/**
 * A header name holding a credential: everything SECRET_NAME matches, plus any *auth*, *key* or
 * *cookie* header (X-Auth-User, X-Tenant-Key, Set-Cookie…). Broader than field names: a header
 * has no schema saying what it carries, and a redacted header costs nothing.
 */
const SECRET_HEADER_NAME = /auth|key|cookie/i;

export interface RedactOptions {
  /** More header (or field) names to redact, e.g. a scenario's `target.secretHeaders`. */
  secretNames?: readonly string[];
}

/** True when a field name holds a secret (the built-in rules, plus `extra`, case-insensitive). */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  if (SECRET_NAME.test(name)) return true;
  const lower = name.toLowerCase();
  return SECRET_HEADER_NAMES.includes(lower) || extra.some((e) => e.toLowerCase() === lower);
}

/** True when a header's value is a credential (the field rules, any *auth*, *key*, *cookie* name, plus `extra`). */
export function isSecretHeaderName(name: string, extra: readonly string[] = []): boolean {
  return SECRET_HEADER_NAME.test(name) || isSecretName(name, extra);
}

/**
 * Deep-copies a value, replacing every string under a secret name with "[redacted]"; the values
 * of any `headers` object are judged by header name (isSecretHeaderName). A scenario (an object
 * with `target.secretHeaders`) has those header names redacted too, wherever they appear.
 */
export function redactSecrets<T>(value: T, options: RedactOptions = {}): T {
  const own = (value as { target?: { secretHeaders?: unknown } } | null)?.target?.secretHeaders;
  const extra = [
    ...(options.secretNames ?? []),
    ...(Array.isArray(own) ? own.filter((n): n is string => typeof n === 'string') : []),
  ];
  return redactValue(value, extra, isSecretName);
}

function redactValue<T>(value: T, extra: readonly string[], isSecret: typeof isSecretName): T {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extra, isSecretName)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] =
        typeof v === 'string' && isSecret(k, extra)
          ? REDACTED
          : redactValue(v, extra, k === 'headers' ? isSecretHeaderName : isSecretName);
    return out as T;
  }
  return value;
}

/** Header values a log or artefact may show: credential headers (and `extra` names) redacted. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeaderName(name, extra) ? REDACTED : value;
  return out;
}

/** The secret values of a scenario: what scrubText removes from logs and error messages. */
export function secretValuesOf(scenario: {
  target: {
    appSecret: string;
    verifyToken: string;
    headers?: Record<string, string>;
    secretHeaders?: readonly string[];
  };
}): string[] {
  const headers = scenario.target.headers ?? {};
  const headerSecrets = Object.entries(headers)
    .filter(([name]) => isSecretHeaderName(name, scenario.target.secretHeaders ?? []))
    .map(([, v]) => v);
  return [scenario.target.appSecret, scenario.target.verifyToken, ...headerSecrets];
}

/** Removes every occurrence of the given secrets from a text (log lines, error messages). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
