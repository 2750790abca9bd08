import { describe, expect, it } from 'vitest';
import { parseDedupeMs } from './server-timing.ts';

describe('Server-Timing parsing', () => {
  it('reads the dedupe duration alone or among other metrics', () => {
    expect(parseDedupeMs('dedupe;dur=1.8')).toBe(1.8);
    expect(parseDedupeMs('db;dur=3, dedupe;desc="redis";dur=0.7')).toBe(0.7);
    expect(parseDedupeMs(['app;dur=2', 'dedupe;dur=12'])).toBe(12);
  });

  it('ignores headers without a dedupe metric or with a bad duration', () => {
    expect(parseDedupeMs(undefined)).toBeUndefined();
    expect(parseDedupeMs('db;dur=3')).toBeUndefined();
    expect(parseDedupeMs('nodedupe;dur=3')).toBeUndefined();
    expect(parseDedupeMs('dedupe;dur=abc')).toBeUndefined();
  });
});
