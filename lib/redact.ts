export const REDACTED = '[redacted]';
const SECRET_KEYS = /^(appSecret|app_secret|accessToken|access_token|token|verifyToken|authorization|password|secret)$/i;

/** Deep-copies a value, replacing every secret-named field with "[redacted]". */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) && typeof v === 'string' ? REDACTED : redactSecrets(v);
    return out as T;
  }
  return value;
}

/** Removes every occurrence of the given secrets from a text (log lines, error messages). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
