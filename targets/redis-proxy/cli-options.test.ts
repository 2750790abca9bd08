import { describe, expect, it } from 'vitest';
import { parseRedisProxyArgs } from './cli-options.ts';

describe('parseRedisProxyArgs', () => {
  it('defaults to the none profile and seed 1, and splits --allow-host lists', () => {
    expect(parseRedisProxyArgs(['--allow-host', 'a.internal,b.internal'])).toEqual({
      upstream: undefined,
      profile: 'none',
      seed: 1,
      stats: undefined,
      allowHost: ['a.internal', 'b.internal'],
    });
  });

  it('refuses a negative or fractional seed in the shared flag wording', () => {
    expect(() => parseRedisProxyArgs(['--seed', '-5'])).toThrow(
      'Could not read --seed "-5": out of range, it must be an integer of at least 0. Pass e.g. --seed 7.',
    );
    expect(() => parseRedisProxyArgs(['--seed', '1.5'])).toThrow(/--seed "1\.5": not an integer/);
  });

  it('names an unknown flag with the nearest known one', () => {
    expect(() => parseRedisProxyArgs(['--upstrem', 'redis://127.0.0.1:6379'])).toThrow(
      /Unknown option '--upstrem' \(did you mean --upstream\?\)\. Flags:/,
    );
  });
});
