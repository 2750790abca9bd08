import { describe, expect, it } from 'vitest';
import { parseRedisUpstream, startRedisDependency } from './start-redis-dependency.ts';

describe('the Redis upstream URL is checked under the flag the user typed', () => {
  it('names --redis-upstream for loadtest by default', () => {
    expect(() => parseRedisUpstream('http://x')).toThrow(
      'Could not read --redis-upstream "http://x": only redis is supported.',
    );
    expect(() => parseRedisUpstream('redis://10.1.2.3:6379')).toThrow(
      'Could not use --redis-upstream host "10.1.2.3": it is not a loopback address.',
    );
  });

  it('names --upstream for npm run redis-proxy', async () => {
    await expect(startRedisDependency({ upstreamUrl: 'http://x', upstreamFlag: '--upstream' })).rejects.toThrow(
      'Could not read --upstream "http://x"',
    );
    await expect(
      startRedisDependency({ upstreamUrl: 'redis://10.1.2.3:6379', upstreamFlag: '--upstream' }),
    ).rejects.toThrow('Could not use --upstream host "10.1.2.3"');
  });

  it('keeps credentials and the database path of a loopback upstream', () => {
    expect(parseRedisUpstream('redis://user:pw@127.0.0.1:6380/2')).toEqual({
      host: '127.0.0.1',
      port: 6380,
      auth: 'user:pw@',
      path: '/2',
    });
  });
});
