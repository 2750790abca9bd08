import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisProxyStats } from '../../../common/contracts/index.ts';

/** How long the load waits for a URL target's first connection to the Redis proxy. */
export const REDIS_CONNECT_WAIT_MS = 15_000;

interface WaitDeps {
  stats: () => Pick<RedisProxyStats, 'connections'>;
  now?: () => number;
  pause?: (ms: number) => Promise<unknown>;
  signal?: AbortSignal;
}

/**
 * A URL target (one the harness did not start) must be pointed at the Redis proxy by its user:
 * before the load, wait (bounded) until its first connection reaches the proxy, so a target that
 * reconnects finds it. 'timeout' when none came: a lazy client may still connect on its first
 * webhook, and a run in which no command reached the proxy leaves every Redis gate not measured.
 */
export async function waitForFirstRedisConnection(
  deps: WaitDeps,
  timeoutMs = REDIS_CONNECT_WAIT_MS,
  pollMs = 100,
): Promise<'connected' | 'timeout'> {
  const now = deps.now ?? Date.now;
  const pause = deps.pause ?? ((ms: number) => sleep(ms, undefined, { signal: deps.signal }));
  const until = now() + timeoutMs;
  for (;;) {
    const c = deps.stats().connections;
    if (c.accepted + c.refused > 0) return 'connected';
    if (now() >= until || deps.signal?.aborted) return 'timeout';
    await pause(pollMs);
  }
}

/** What a URL-target run logs around the wait. Pure. */
export const redisWaitLines = {
  waiting: (proxyUrl: string, timeoutMs: number) =>
    `loadtest: waiting up to ${timeoutMs / 1000} s for the target's first connection to the Redis proxy at ${proxyUrl} (point its Redis client there; --redis-proxy-port fixes the port so you can before the run)`,
  timedOut: (proxyUrl: string, timeoutMs: number) =>
    `loadtest: warning: no connection reached the Redis proxy at ${proxyUrl} within ${timeoutMs / 1000} s: the target does not use it yet (a client that connects lazily will on its first webhook). Starting the load; if no Redis command reaches the proxy, every Redis gate reads "not measured".`,
  noCommand: (proxyUrl: string) =>
    `loadtest: warning: no Redis command reached the proxy at ${proxyUrl} all run: the target's Redis faults were never injected, so every Redis gate reads "not measured" (never pass). Point the target's Redis client at the proxy URL (--redis-proxy-port fixes it) and run again.`,
};

/**
 * The hook run-loadtest calls just before the load starts, for a URL target with a Redis proxy:
 * the wait and its log lines. Returns once connected or timed out.
 */
export async function awaitUrlTargetRedis(
  redis: { url: string; stats: () => Pick<RedisProxyStats, 'connections'> },
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const url = redis.url.replace(/\/\/[^@/]*@/, '//');
  log(redisWaitLines.waiting(url, REDIS_CONNECT_WAIT_MS));
  const outcome = await waitForFirstRedisConnection({ stats: redis.stats, signal }).catch(() => 'timeout' as const);
  if (outcome === 'timeout') log(redisWaitLines.timedOut(url, REDIS_CONNECT_WAIT_MS));
}

/** After the run: the warning for a URL target whose proxy saw no command, or undefined. Pure. */
export function describeUnreachedRedisProxy(
  stats: Pick<RedisProxyStats, 'commands'>,
  proxyUrl: string,
): string | undefined {
  return stats.commands.total > 0 ? undefined : redisWaitLines.noCommand(proxyUrl.replace(/\/\/[^@/]*@/, '//'));
}
