import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { knownKeysAt, nearestKey } from './known-keys.ts';

describe('nearest valid key', () => {
  it('suggests the key a typo was meant to be: swapped letters, wrong case, a missing letter', () => {
    expect(nearestKey('laod', ['load', 'gates', 'seed'])).toBe('load');
    expect(nearestKey('ackP99ms', ['ackP99Ms', 'replyP99Ms'])).toBe('ackP99Ms');
    expect(nearestKey('dupliateRatio', ['duplicateRatio', 'forgedRatio'])).toBe('duplicateRatio');
    expect(nearestKey('max_in_flight', ['maxInFlight'])).toBe('maxInFlight');
  });

  it('suggests nothing when no key is close', () => {
    expect(nearestKey('banana', ['load', 'gates'])).toBeUndefined();
  });

  it('finds the keys of the object at a path through defaults, unions and arrays', () => {
    const schema = z.strictObject({
      a: z.strictObject({ list: z.array(z.strictObject({ x: z.number(), y: z.number() })) }).prefault({ list: [] }),
      u: z.discriminatedUnion('k', [
        z.strictObject({ k: z.literal('p'), p: z.number() }),
        z.strictObject({ k: z.literal('q'), q: z.number() }),
      ]),
    });
    expect(knownKeysAt(schema, [])).toEqual(['a', 'u']);
    expect(knownKeysAt(schema, ['a', 'list', 0])).toEqual(['x', 'y']);
    expect(knownKeysAt(schema, ['u']).sort()).toEqual(['k', 'p', 'q']);
  });
});
