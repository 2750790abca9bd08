// The redis-server launcher is production code now (the harness starts one behind --redis-proxy).
export { assertRedisInstalled, startRedisServer, type RedisServer } from '../../targets/redis-proxy/index.ts';
