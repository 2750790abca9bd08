import { describe, expect, it } from 'vitest';
import { UserError } from '../../../common/node/index.ts';
import { buildTargetEnv, targetCommandSchema } from '../../../targets/supervisor/index.ts';
import { checkRedisWiring, describeUnusedRedisProxy } from './redis-dependency.ts';

const PROXY = 'redis://127.0.0.1:41000';
const values = {
  port: 0,
  host: '127.0.0.1',
  appSecret: 'a',
  verifyToken: 'v',
  accessToken: 't',
  graphBaseUrl: 'http://127.0.0.1:1',
  redisUrl: PROXY,
};
const wiring = (command: Record<string, unknown>, redisUrl: string | null = PROXY) => {
  const parsed = targetCommandSchema.parse(command);
  return () =>
    checkRedisWiring({
      command: parsed,
      env: buildTargetEnv(parsed, { ...values, redisUrl: redisUrl ?? undefined }, {}),
      proxyUrl: PROXY,
    });
};

describe('checkRedisWiring', () => {
  it("accepts a target whose Redis variable (REDIS_URL, or the preset's name for it) carries the proxy", () => {
    expect(wiring({ command: 'node app.js' })).not.toThrow();
    expect(
      wiring({ command: 'REDIS_URL="$CACHE_URL" exec node app.js', envNames: { redisUrl: 'CACHE_URL' } }),
    ).not.toThrow();
  });

  it('refuses, naming the variable, when the target would get another Redis address or none', () => {
    expect(wiring({ command: 'node app.js' }, 'redis://127.0.0.1:6379')).toThrow(/its REDIS_URL is another address/);
    expect(wiring({ command: 'node app.js', envNames: { redisUrl: 'CACHE_URL' } }, null)).toThrow(
      /its CACHE_URL is not set.*envNames.redisUrl/,
    );
  });

  it('refuses a command that sets its own Redis address, which would bypass the proxy', () => {
    expect(wiring({ command: 'REDIS_URL=redis://10.0.0.5:6379 node app.js' })).toThrow(UserError);
    expect(wiring({ command: 'node app.js --redis redis://127.0.0.1:6379' })).toThrow(
      /sets a Redis address of its own \("redis:\/\/127.0.0.1:6379…"\)/,
    );
    expect(wiring({ command: 'REDIS_HOST=cache node app.js' })).toThrow(/REDIS_HOST=cache/);
  });
});

describe('describeUnusedRedisProxy', () => {
  it('warns, naming the variable, only when no connection reached the proxy all run', () => {
    const none = { connections: { accepted: 0, refused: 0, frozen: 0, closedByFault: 0 } };
    expect(describeUnusedRedisProxy(none, 'CACHE_URL')).toMatch(
      /saw no connection from the target all run: it does not read CACHE_URL/,
    );
    expect(
      describeUnusedRedisProxy({ connections: { ...none.connections, accepted: 2 } }, 'REDIS_URL'),
    ).toBeUndefined();
    // Refused during an outage still proves the target dialled the proxy.
    expect(describeUnusedRedisProxy({ connections: { ...none.connections, refused: 1 } }, 'REDIS_URL')).toBeUndefined();
  });
});
