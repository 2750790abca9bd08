import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { builtinConnectorArgs } from './connector-args.ts';
import { describeRateLimited } from './rate-limit-note.ts';
import { loopbackAddresses, resolveSourceAddresses, sourceAddressCount } from './source-addresses.ts';

const scenario = (rate: number, delivery: object = {}) =>
  scenarioSchema.parse({
    name: 's',
    load: { profile: 'constant', rate, durationS: 5 },
    delivery: { duplicateRatio: 0, forgedRatio: 0, ...delivery },
  });

describe('source addresses', () => {
  it('counts from 127.0.0.2 and skips .0 and .255', () => {
    expect(loopbackAddresses(3)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    const many = loopbackAddresses(300);
    expect(many).not.toContain('127.0.0.255');
    expect(many).not.toContain('127.0.1.0');
    expect(many.at(-1)).toBe('127.0.1.47');
    expect(new Set(many).size).toBe(300);
  });

  it('uses ceil(rate / limit) + 1 addresses, counting duplicates and forgeries as attempts', () => {
    const s40 = scenario(40);
    expect(sourceAddressCount(s40.load, s40.delivery, 10)).toBe(5);
    const s20 = scenario(20);
    expect(sourceAddressCount(s20.load, s20.delivery, 10)).toBe(3);
    const noisy = scenario(300, { duplicateRatio: 0.05 });
    expect(sourceAddressCount(noisy.load, noisy.delivery, 10)).toBe(33);
    const ramp = scenarioSchema.parse({
      name: 'r',
      load: {
        profile: 'ramping',
        stages: [
          { durationS: 5, targetRate: 15 },
          { durationS: 5, targetRate: 55 },
        ],
      },
      delivery: { duplicateRatio: 0 },
    });
    expect(sourceAddressCount(ramp.load, ramp.delivery, 10)).toBe(7);
  });

  it('spreads only towards a loopback target; a fixed list is used as given', () => {
    const spec = { spread: 'loopback' as const, maxRatePerAddress: 10 };
    expect(resolveSourceAddresses(spec, scenario(40), true)).toEqual([
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
      '127.0.0.5',
      '127.0.0.6',
    ]);
    expect(resolveSourceAddresses(spec, scenario(40), false)).toEqual([]);
    expect(resolveSourceAddresses(['10.0.0.7'], scenario(40), false)).toEqual(['10.0.0.7']);
    expect(resolveSourceAddresses(undefined, scenario(40), true)).toEqual([]);
  });
});

describe('builtin connector flags and the rate-limit note', () => {
  it('turns a preset builtin block into reference-connector flags', () => {
    expect(
      builtinConnectorArgs({ rateLimitPerIp: 10, rateLimitBurst: 20, callsMode: 'answer', redisUrl: 'redis://x' }),
    ).toEqual(['--rate-limit-per-ip', '10', '--rate-limit-burst', '20', '--calls-mode', 'answer']);
    expect(builtinConnectorArgs(undefined)).toEqual([]);
  });

  it('calls 429s the target limiter, with the share and what to change', () => {
    expect(describeRateLimited(30, 200, [])).toBe(
      "rate-limited by target: 30 webhook attempts answered 429 Too Many Requests (15.0 % of 200 attempts). The target's per-client limiter is the bottleneck, not its webhook handling; these are counted as 4xx in the error-rate gate. All attempts came from one source address: spread them (--preset rate-limited-bot, or engine.sourceAddresses in a preset file) or lower --rate.",
    );
    expect(describeRateLimited(3, 100, ['127.0.0.2', '127.0.0.3'])).toContain(
      'Sent from 2 source addresses (127.0.0.2…127.0.0.3)',
    );
  });
});
