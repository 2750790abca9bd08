import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { readUrl, redactUrlCredentials } from './cli-flags.ts';
import { UserError } from './errors.ts';

/** Resolves a name to every address it has (dns.lookup with all: true: /etc/hosts, then DNS). */
export type ResolveHost = (host: string) => Promise<string[]>;

const resolveWithOs: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** True for an IP literal in 127.0.0.0/8, ::1, or an IPv4-mapped 127.x (`::ffff:127.0.0.1`, `::ffff:7f00:1`). */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) !== 6) return false;
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(a)?.[1];
  if (!mapped) return false;
  if (isIP(mapped) === 4) return mapped.startsWith('127.');
  const high = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(mapped)?.[1];
  return high !== undefined && parseInt(high, 16) >> 8 === 127;
}

/**
 * Loopback without resolving anything: a loopback IP literal, or exactly `localhost`. Any other
 * name (including `*.localhost`) is not trusted here; `assertUrlAllowed` resolves it.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || isLoopbackAddress(h);
}

const parseUrl = (url: string, what: string, protocols: readonly string[]): URL => readUrl(what, url, protocols);

const refusal = (what: string, host: string, why: string) =>
  new UserError(
    `Could not send traffic to ${what} host "${host}": ${why}. The harness and its children contact only loopback by default; if you really mean it, pass --allow-host ${host}.`,
  );

/**
 * The safety guard for load, soak and chaos traffic, without name resolution (for URLs used on
 * another machine, such as an emitted k6-operator run): a loopback literal or `localhost`, or a
 * host named in the allowlist (`--allow-host`).
 */
export function assertTargetAllowed(url: string, allowHosts: readonly string[], what = 'target'): URL {
  const parsed = parseUrl(url, what, ['http:', 'https:']);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopbackHost(host) && !allowHosts.includes(host)) throw refusal(what, host, 'it is not a loopback address');
  return parsed;
}

export interface UrlGuardOptions {
  what?: string;
  /** Accepted schemes with their colon (default http: and https:). */
  protocols?: readonly string[];
  /** Name resolution (default: the OS resolver, as the connection itself would use). */
  resolve?: ResolveHost;
}

/**
 * The guard for every URL this machine will contact: the host is allowlisted, or it is a loopback
 * literal, or it resolves (every address it has) to loopback only. Resolving matters: a
 * `*.localhost` name or an /etc/hosts entry can point anywhere.
 *
 * @example
 * await assertUrlAllowed('http://bot.localhost:3000', []); // throws unless it resolves to 127.x / ::1
 * await assertUrlAllowed('redis://10.0.0.5:6379', ['10.0.0.5'], { what: 'Redis', protocols: ['redis:', 'rediss:'] });
 */
export async function assertUrlAllowed(
  url: string,
  allowHosts: readonly string[],
  options: UrlGuardOptions = {},
): Promise<URL> {
  const what = options.what ?? 'target';
  const parsed = parseUrl(url, what, options.protocols ?? ['http:', 'https:']);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowHosts.includes(host)) return parsed;
  if (isIP(host)) {
    if (!isLoopbackAddress(host)) throw refusal(what, host, 'it is not a loopback address');
    return parsed;
  }
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? resolveWithOs)(host);
  } catch (error) {
    throw new UserError(
      `Could not use ${what} "${redactUrlCredentials(url)}": the name ${host} does not resolve (${(error as { code?: string }).code ?? (error as Error).message}). Use 127.0.0.1, or fix the name.`,
    );
  }
  const outside = addresses.filter((a) => !isLoopbackAddress(a));
  if (addresses.length === 0 || outside.length > 0)
    throw refusal(
      what,
      host,
      `it resolves to ${outside.length ? outside.join(', ') : 'no address'}, not only to loopback`,
    );
  return parsed;
}
