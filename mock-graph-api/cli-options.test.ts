import { describe, expect, it } from 'vitest';
import { parseMockArgs } from './cli-options.ts';

describe('parseMockArgs', () => {
  it('maps every flag onto server options and mock config', () => {
    const options = parseMockArgs([
      '--port',
      '8089',
      '--profile',
      'meltdown',
      '--token',
      'T',
      '--throughput',
      'off',
      '--pair-rate',
      'off',
      '--limit-status',
      '400',
      '--correlation',
      'recipient',
      '--run-id',
      'a1b2c3d4e5f6',
      '--seed',
      '9',
    ]);
    expect(options).toEqual({
      port: 8089,
      host: '127.0.0.1',
      profile: 'meltdown',
      config: {
        accessToken: 'T',
        throughputPerS: 'off',
        pairRate: 'off',
        limitHttpStatus: 400,
        correlation: 'recipient',
        runId: 'a1b2c3d4e5f6',
        seed: 9,
      },
    });
  });

  it('defaults to an OS-chosen loopback port and the none profile', () => {
    expect(parseMockArgs([])).toEqual({ port: 0, host: '127.0.0.1', profile: 'none', config: {} });
  });

  it.each([
    [
      ['--pair-rate', 'maybe'],
      /Could not read --pair-rate "maybe": not on or off\. Pass --pair-rate on or --pair-rate off\./,
    ],
    [['--throughput', '0'], /Could not read --throughput "0": out of range, it must be an integer from 1 to 1000\./],
    [['--limit-status', '503'], /Could not read --limit-status "503": not one of 400, 429\./],
    [['--correlation', 'magic'], /Could not read --correlation "magic": not one of auto, context, recipient, read\./],
    [['--port', 'abc'], /Could not read --port "abc": not an integer\./],
    [['--port', '-1'], /Could not read --port "-1": out of range/],
    [['--correlation', 'recipent'], /\(did you mean "recipient"\?\)/],
    [['stray'], /Unexpected argument/],
  ])('refuses %j with a usage error', (args, message) => {
    expect(() => parseMockArgs(args)).toThrow(message);
  });
});
