import { describe, expect, it } from 'vitest';
import type { LoadedFixture } from '../../../common/core/index.ts';
import { warnIfRateExceedsMockLimit } from './rate-warning.ts';

const fixture = (name: string, weight: number, wamidParts: number) =>
  ({ name, weight, template: { wamidParts } }) as unknown as LoadedFixture;
const fixtures = [fixture('text', 3, 1), fixture('status', 1, 0)];

describe('rate warning against the mock limit', () => {
  it('warns at --rate 2000, naming the reply rate, the number, the 80 msg/s limit and the fix', () => {
    const text = warnIfRateExceedsMockLimit({
      peakRate: 2000,
      batchSize: 1,
      mix: undefined,
      fixtures,
      phoneNumberId: '106540352242922',
    });
    expect(text).toContain('about 1500 replies/s from phone number 106540352242922');
    expect(text).toContain('80 msg/s per-number throughput limit');
    expect(text).toContain('Use --rate 106 or less');
    expect(text).toContain('--throughput 1000');
  });

  it('stays quiet when replies fit under the limit, or when the mix has no messages', () => {
    expect(
      warnIfRateExceedsMockLimit({ peakRate: 100, batchSize: 1, mix: undefined, fixtures, phoneNumberId: '1' }),
    ).toBeUndefined();
    expect(
      warnIfRateExceedsMockLimit({ peakRate: 5000, batchSize: 1, mix: { status: 1 }, fixtures, phoneNumberId: '1' }),
    ).toBeUndefined();
  });

  it('counts every fixture a batched delivery carries', () => {
    expect(
      warnIfRateExceedsMockLimit({ peakRate: 30, batchSize: 4, mix: { text: 1 }, fixtures, phoneNumberId: '1' }),
    ).toContain('about 120 replies/s');
  });
});
