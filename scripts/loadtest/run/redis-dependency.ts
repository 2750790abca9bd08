import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RedisProxyStats } from '../../../common/contracts/index.ts';
import type { ChaosProfile } from '../../../mock-graph-api/index.ts';
import { startRedisDependency, type RedisDependency } from '../../../targets/redis-proxy/index.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { UserError } from '../../../common/node/index.ts';
import { resolveEnvNames, type TargetCommand } from '../../../targets/supervisor/index.ts';

/** True when any phase of the profile has Redis faults. */
export function profileHasRedisFaults(profile: ChaosProfile): boolean {
  return profile.phases.some((p) => (p.redis?.faults.length ?? 0) > 0);
}

/**
 * Starts the run's Redis dependency when asked (--redis-proxy / --redis-upstream), or on its own
 * when the builtin connector runs a profile with Redis faults: those faults need a proxy to exist.
 */
export async function startRunRedis(
  config: ResolvedLoadtest,
  profile: ChaosProfile,
  log: (line: string) => void,
): Promise<RedisDependency | undefined> {
  // The harness hands the reference connector and a supervised target their REDIS_URL itself, so a profile with Redis faults gets its proxy.
  const ownTarget = config.target === 'builtin' || config.supervised !== undefined;
  const wanted = config.redisProxy ?? (ownTarget && profileHasRedisFaults(profile) ? {} : undefined);
  if (!wanted) {
    if (profileHasRedisFaults(profile))
      log(
        'loadtest: the chaos profile has redis faults but no Redis proxy runs: pass --redis-proxy and point the target at the printed URL.',
      );
    return undefined;
  }
  const redis = await startRedisDependency({
    upstreamUrl: wanted.upstreamUrl,
    allowHosts: config.scenario.target.allowHosts,
    profile,
    seed: config.scenario.seed,
  });
  const where =
    config.target === 'builtin'
      ? 'the reference connector dedupes through it'
      : config.supervised
        ? `the supervised target gets it as ${resolveEnvNames(config.supervised.command.envNames).redisUrl}`
        : 'point your connector (REDIS_URL) at it';
  log(
    `loadtest: Redis proxy at ${redis.url.replace(/\/\/[^@/]*@/, '//')} in front of ${redis.upstream}${wanted.upstreamUrl ? '' : ' (redis-server started for this run)'}; ${where}`,
  );
  return redis;
}

/** Writes redis-proxy-stats.json into the run folder when a Redis proxy ran. */
export async function writeRedisStats(stats: RedisProxyStats | undefined, runDir: string): Promise<void> {
  if (stats) await writeFile(join(runDir, 'redis-proxy-stats.json'), JSON.stringify(stats, null, 1) + '\n');
}

/** A literal Redis address in a command line (`$VAR` references are fine: `REDIS_URL="$MY_REDIS"`). */
const HARD_CODED_REDIS = /\brediss?:\/\/[^\s'"]+|\bREDIS_(?:URL|HOST|PORT)=(?!["']?\$)\S*/;

/**
 * Before a supervised target starts with the Redis dependency on: the variable its preset names
 * for Redis (REDIS_URL unless `envNames.redisUrl` renames it) must carry the proxy's URL, and the
 * command must not set a Redis address of its own, or the connector talks to Redis past the
 * proxy and every dependency fault and the redis-wire figures judge nothing. Pure: `env` is what
 * the instances get (buildTargetEnv). Throws a UserError naming the variable and the fix.
 */
export function checkRedisWiring(input: {
  command: TargetCommand;
  env: Readonly<Record<string, string>>;
  proxyUrl: string;
}): void {
  const name = resolveEnvNames(input.command.envNames).redisUrl;
  if (input.env[name] !== input.proxyUrl) {
    throw new UserError(
      `Could not point the supervised target at the Redis proxy: its ${name} is ${input.env[name] === undefined ? 'not set' : 'another address'}. Let the harness set ${name} (drop it from target.command.env), or name the variable your connector reads in target.command.envNames.redisUrl.`,
    );
  }
  const own = HARD_CODED_REDIS.exec(input.command.command);
  if (own) {
    throw new UserError(
      `Could not point the supervised target at the Redis proxy: its command sets a Redis address of its own ("${own[0]}…"), which would bypass the proxy. Read it from ${name} instead (the harness sets it to the proxy), e.g. --target-cmd "node app.js" with the app reading process.env.${name}.`,
    );
  }
}

/**
 * After the run: a proxy that no connection reached means the target never used the address it
 * was given (it reads another variable, or has no Redis): the Redis verdicts then judge nothing.
 * The warning to log, or undefined. Pure.
 */
export function describeUnusedRedisProxy(
  stats: Pick<RedisProxyStats, 'connections'>,
  envName: string,
): string | undefined {
  const c = stats.connections;
  if (c.accepted + c.refused > 0) return undefined;
  return `loadtest: warning: the Redis proxy saw no connection from the target all run: it does not read ${envName} (or uses no Redis), so the Redis faults never reached it and the dependency verdicts judge nothing. Point the connector's Redis client at ${envName}, or name the variable it reads in target.command.envNames.redisUrl.`;
}
