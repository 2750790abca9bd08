/**
 * redis-proxy: a RESP proxy between a target and its Redis. It forwards every frame byte for
 * byte, injects the dependency faults of the chaos profile's `redis` sections, and times the
 * dedupe commands on the wire (the `redis-wire` source of the dedupe-p99 gate).
 *
 * @example
 * import { startRedisDependency } from './index.ts';
 * const redis = await startRedisDependency({ profile, seed: 7 });
 * spawnTarget({ env: { REDIS_URL: redis.url } });
 * redis.startClock();
 */
export {
  startRedisDependency,
  parseRedisUpstream,
  type RedisDependency,
  type RedisDependencyOptions,
} from './start-redis-dependency.ts';
/**
 * The proxy alone, in front of a Redis you already run.
 * @example const proxy = await startRedisProxy({ upstream: { host: '127.0.0.1', port: 6379 } });
 */
export { startRedisProxy, type RedisProxy, type RedisProxyOptions } from './proxy-server.ts';
/**
 * A throwaway redis-server on a free loopback port (no persistence).
 * @example const server = await startRedisServer(); await server.close();
 */
export { startRedisServer, assertRedisInstalled, type RedisServer } from './redis-server.ts';
/**
 * RESP frame reader and writers (pure).
 * @example readFrame(Buffer.from('+OK\r\n'))?.value; // { type: 'simple', text: 'OK' }
 */
export { readFrame, commandWords, encodeCommand, encodeError, type RespValue } from './resp.ts';
/** @example classifyCommand('setnx'); // 'write' */
export { classifyCommand, type CommandFamily } from './classify.ts';
/**
 * The standalone proxy CLI's flags (`npm run redis-proxy -- …`).
 *
 * @example const { upstream, profile, seed } = parseRedisProxyArgs(['--profile', 'redis-outage', '--seed', '7']);
 */
export { parseRedisProxyArgs, type RedisProxyCliOptions } from './cli-options.ts';
