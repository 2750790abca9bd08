import { isIP } from 'node:net';
import { UserError } from './errors.ts';

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

/**
 * The safety guard for load, soak and chaos traffic: loopback only, unless the host is
 * named in the allowlist (`--allow-host`).
 */
export function assertTargetAllowed(url: string, allowHosts: readonly string[], what = 'target'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`Could not use ${what} "${url}": not a URL. Pass a full URL such as http://127.0.0.1:3000.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`Could not use ${what} "${url}": only http and https are supported.`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopbackHost(host) && !allowHosts.includes(host)) {
    throw new UserError(
      `Could not send load to ${what} host "${host}": it is not a loopback address. Load, soak and chaos traffic goes only to loopback by default; if you really mean it, pass --allow-host ${host}.`,
    );
  }
  return parsed;
}
