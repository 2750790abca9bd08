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
 * A field or header name holding a secret: the app secret, verify and access tokens, anything
 * named *secret*, *token*, *password*, and the credential headers above.
 */
const SECRET_NAME = /secret|token|passw(or)?d|api[-_]?key/i;

export interface RedactOptions {
  /** More header (or field) names to redact, e.g. a scenario's `target.secretHeaders`. */
  secretNames?: readonly string[];
}

/** True when a field or header name holds a secret (the built-in list, plus `extra`, case-insensitive). */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  if (SECRET_NAME.test(name)) return true;
  const lower = name.toLowerCase();
  return SECRET_HEADER_NAMES.includes(lower) || extra.some((e) => e.toLowerCase() === lower);
}

/**
 * Deep-copies a value, replacing every string under a secret name with "[redacted]". A scenario
 * (an object with `target.secretHeaders`) has those header names redacted too, wherever they appear.
 */
export function redactSecrets<T>(value: T, options: RedactOptions = {}): T {
  const own = (value as { target?: { secretHeaders?: unknown } } | null)?.target?.secretHeaders;
  const extra = [
    ...(options.secretNames ?? []),
    ...(Array.isArray(own) ? own.filter((n): n is string => typeof n === 'string') : []),
  ];
  return redactValue(value, extra);
}

function redactValue<T>(value: T, extra: readonly string[]): T {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extra)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = typeof v === 'string' && isSecretName(k, extra) ? REDACTED : redactValue(v, extra);
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
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretName(name, extra) ? REDACTED : value;
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
    .filter(([name]) => isSecretName(name, scenario.target.secretHeaders ?? []))
    .map(([, v]) => v);
  return [scenario.target.appSecret, scenario.target.verifyToken, ...headerSecrets];
}

/** Removes every occurrence of the given secrets from a text (log lines, error messages). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
