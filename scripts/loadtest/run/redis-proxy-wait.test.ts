import { describe, expect, it } from 'vitest';
import { describeUnreachedRedisProxy, waitForFirstRedisConnection } from './redis-proxy-wait.ts';

/** A fake clock the pause advances, and proxy stats whose first connection lands at `connectAtMs`. */
function fakeProxy(connectAtMs: number | undefined) {
  let t = 0;
  const connections = () => ({
    accepted: connectAtMs !== undefined && t >= connectAtMs ? 1 : 0,
    refused: 0,
    frozen: 0,
    closedByFault: 0,
  });
  return {
    deps: { stats: () => ({ connections: connections() }), now: () => t, pause: async (ms: number) => void (t += ms) },
    elapsed: () => t,
  };
}

describe('waiting for a URL target to reach the Redis proxy', () => {
  it('starts the load as soon as the target first connects', async () => {
    const proxy = fakeProxy(2_300);
    expect(await waitForFirstRedisConnection(proxy.deps, 15_000, 100)).toBe('connected');
    expect(proxy.elapsed()).toBe(2_300);
  });

  it('gives up after the bound when no connection came', async () => {
    const proxy = fakeProxy(undefined);
    expect(await waitForFirstRedisConnection(proxy.deps, 15_000, 100)).toBe('timeout');
    expect(proxy.elapsed()).toBe(15_000);
  });

  it('warns after the run only when no command reached the proxy', () => {
    expect(
      describeUnreachedRedisProxy(
        { commands: { total: 0, byFamily: {}, unanswered: 0 } },
        'redis://:pw@127.0.0.1:6390',
      ),
    ).toMatch(/no Redis command reached the proxy at redis:\/\/127\.0\.0\.1:6390 .*"not measured"/);
    expect(
      describeUnreachedRedisProxy({ commands: { total: 3, byFamily: {}, unanswered: 0 } }, 'redis://127.0.0.1:6390'),
    ).toBeUndefined();
  });
});
