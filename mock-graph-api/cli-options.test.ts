import { describe, expect, it } from 'vitest';
import { parseMockArgs } from './cli-options.ts';

describe('parseMockArgs', () => {
  it('maps every flag onto server options and mock config', () => {
    const options = parseMockArgs(['--port', '8089', '--profile', 'meltdown', '--token', 'T', '--throughput', 'off', '--pair-rate', 'off', '--limit-status', '400', '--correlation', 'recipient', '--run-id', 'a1b2c3d4e5f6', '--seed', '9']);
    expect(options).toEqual({
      port: 8089,
      host: '127.0.0.1',
      profile: 'meltdown',
      config: { accessToken: 'T', throughputPerS: 'off', pairRate: 'off', limitHttpStatus: 400, correlation: 'recipient', runId: 'a1b2c3d4e5f6', seed: 9 },
    });
  });

  it('defaults to an OS-chosen loopback port and the none profile', () => {
    expect(parseMockArgs([])).toEqual({ port: 0, host: '127.0.0.1', profile: 'none', config: {} });
  });

  it.each([
    [['--pair-rate', 'maybe'], /--pair-rate must be on or off/],
    [['--throughput', '0'], /--throughput must be an integer from 1 to 1000/],
    [['--limit-status', '503'], /--limit-status must be 400 or 429/],
    [['--correlation', 'magic'], /--correlation must be context, read or recipient/],
    [['--port', 'abc'], /--port must be an integer/],
    [['stray'], /Unexpected argument/],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parseMockArgs(args)).toThrow(message);
  });
});
