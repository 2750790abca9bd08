import { isLoopbackHost, readUrl, UserError } from '../../common/node/index.ts';
import type { ChaosProfile } from '../../mock-graph-api/index.ts';
import { startRedisProxy, type RedisProxy } from './proxy-server.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import type { RedisProxyStats } from '../../common/contracts/index.ts';

export interface RedisDependencyOptions {
  /** A running Redis to stand in front of; omitted = start a throwaway redis-server on a free port. */
  upstreamUrl?: string;
  /** Hosts besides loopback the upstream may be on (the run's --allow-host list). */
  allowHosts?: readonly string[];
  profile?: ChaosProfile;
  seed?: number;
  /** The proxy's port on 127.0.0.1 (0 or omitted: a free one), so a target can be configured before the run. */
  port?: number;
  /** The flag that gave upstreamUrl, named in errors: `--redis-upstream` (loadtest), `--upstream` (npm run redis-proxy). */
  upstreamFlag?: string;
}

export interface RedisDependency {
  /** The proxy's redis:// URL: give it to the target as REDIS_URL (credentials of the upstream URL carried over). */
  url: string;
  /** The upstream without credentials, for logs. */
  upstream: string;
  /** Starts the chaos clock; call it when the mock's clock starts so both follow the same phases. */
  startClock(): void;
  stats(): RedisProxyStats;
  /** Stops the proxy, then the redis-server it started (if any). Idempotent. */
  stop(): Promise<void>;
}

/** Parses a redis:// upstream URL and keeps it on loopback unless its host is allowed. */
export function parseRedisUpstream(
  url: string,
  allowHosts: readonly string[] = [],
  flag = '--redis-upstream',
): { host: string; port: number; auth: string; path: string } {
  // The proxy speaks plain redis:// only: TLS is not proxied.
  const parsed = readUrl(flag, url, ['redis:']);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  if (!isLoopbackHost(host) && !allowHosts.includes(host)) {
    throw new UserError(
      `Could not use ${flag} host "${host}": it is not a loopback address. Fault injection stays on loopback by default; pass --allow-host ${host} if you really mean it.`,
    );
  }
  const auth =
    parsed.username || parsed.password ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  return { host, port: Number(parsed.port || 6379), auth, path: parsed.pathname === '/' ? '' : parsed.pathname };
}

/**
 * The Redis side of a run: a redis-server (unless an upstream is given) and the fault-injecting
 * proxy in front of it. This is the one call a harness part needs (`--redis-proxy`, a supervised
 * target's REDIS_URL, the calibration runs).
 *
 * @example
 * const redis = await startRedisDependency({ profile: loadChaosProfile('redis-outage'), seed: 1 });
 * // start the target with REDIS_URL=redis.url, then at load start:
 * redis.startClock();
 * // … after the run:
 * await writeFile('redis-proxy-stats.json', JSON.stringify(redis.stats()));
 * await redis.stop();
 */
export async function startRedisDependency(options: RedisDependencyOptions = {}): Promise<RedisDependency> {
  let server: RedisServer | undefined;
  let upstream: ReturnType<typeof parseRedisUpstream>;
  if (options.upstreamUrl) {
    upstream = parseRedisUpstream(options.upstreamUrl, options.allowHosts, options.upstreamFlag);
  } else {
    server = await startRedisServer(options.upstreamFlag);
    upstream = { host: '127.0.0.1', port: server.port, auth: '', path: '' };
  }
  const label = `redis://${upstream.host.includes(':') ? `[${upstream.host}]` : upstream.host}:${upstream.port}${upstream.path}`;
  let proxy: RedisProxy;
  try {
    proxy = await startRedisProxy({
      upstream,
      upstreamLabel: label,
      profile: options.profile,
      seed: options.seed,
      port: options.port,
    });
  } catch (error) {
    await server?.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `redis://${upstream.auth}127.0.0.1:${proxy.port}${upstream.path}`,
    upstream: label,
    startClock: () => proxy.startClock(),
    stats: () => proxy.stats(),
    stop() {
      stopped ??= (async () => {
        await proxy.close();
        await server?.close();
      })();
      return stopped;
    },
  };
}
