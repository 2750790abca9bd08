import { describe, expect, it } from 'vitest';
import { pickCounters } from './pick-counters.ts';

describe('pickCounters', () => {
  it('copies the named counters in the order given, leaving other fields out', () => {
    const picked = pickCounters(
      { sent: 4, ok: 3, label: 'x', timeouts: 1 } as { sent: number; ok: number; label: string; timeouts: number },
      ['timeouts', 'sent'],
    );
    expect(picked).toEqual({ timeouts: 1, sent: 4 });
    expect(Object.keys(picked)).toEqual(['timeouts', 'sent']);
  });

  it('renames through a map: out name from source key', () => {
    expect(pickCounters({ sent: 9, status2xx: 7 }, { attempts: 'sent', ok: 'status2xx' })).toEqual({
      attempts: 9,
      ok: 7,
    });
  });

  it('gives 0 for every counter of a missing source or a missing field', () => {
    expect(pickCounters(undefined, ['sent', 'ok'])).toEqual({ sent: 0, ok: 0 });
    expect(pickCounters({ a: 2 } as { a?: number; b?: number }, { a: 'a', b: 'b' })).toEqual({ a: 2, b: 0 });
  });
});
