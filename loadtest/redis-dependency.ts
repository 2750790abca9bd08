import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RedisProxyStats } from '../contracts/index.ts';
import type { ChaosProfile } from '../mock-graph-api/index.ts';
import { startRedisDependency, type RedisDependency } from '../redis-proxy/index.ts';
import type { ResolvedLoadtest } from './resolve-config.ts';

/** True when any phase of the profile has Redis faults. */
export function profileHasRedisFaults(profile: ChaosProfile): boolean {
  return profile.phases.some((p) => (p.redis?.faults.length ?? 0) > 0);
}

/**
 * Starts the run's Redis dependency when asked (--redis-proxy / --redis-upstream), or on its own
 * when the builtin connector runs a profile with Redis faults: those faults need a proxy to exist.
 */
export async function startRunRedis(config: ResolvedLoadtest, profile: ChaosProfile, log: (line: string) => void): Promise<RedisDependency | undefined> {
  const wanted = config.redisProxy ?? (config.target === 'builtin' && profileHasRedisFaults(profile) ? {} : undefined);
  if (!wanted) {
    if (profileHasRedisFaults(profile)) log('loadtest: the chaos profile has redis faults but no Redis proxy runs: pass --redis-proxy and point the target at the printed URL.');
    return undefined;
  }
  const redis = await startRedisDependency({ upstreamUrl: wanted.upstreamUrl, allowHosts: config.scenario.target.allowHosts, profile, seed: config.scenario.seed });
  const where = config.target === 'builtin' ? 'the reference connector dedupes through it' : 'point your connector (REDIS_URL) at it';
  log(`loadtest: Redis proxy at ${redis.url.replace(/\/\/[^@/]*@/, '//')} in front of ${redis.upstream}${wanted.upstreamUrl ? '' : ' (redis-server started for this run)'}; ${where}`);
  return redis;
}

/** Writes redis-proxy-stats.json into the run folder and returns the stats for the summary. */
export async function writeRedisStats(redis: RedisDependency | undefined, runDir: string): Promise<RedisProxyStats | undefined> {
  if (!redis) return undefined;
  const stats = redis.stats();
  await writeFile(join(runDir, 'redis-proxy-stats.json'), JSON.stringify(stats, null, 1) + '\n');
  return stats;
}
