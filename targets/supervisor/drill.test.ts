import { describe, expect, it } from 'vitest';
import { UserError } from '../../common/node/index.ts';
import { parseDrill } from './drill.ts';

describe('parseDrill', () => {
  it('reads drain@20s, restart@1m30s and a bare number of seconds', () => {
    expect(parseDrill('drain@20s', 60)).toEqual({ kind: 'drain', atS: 20 });
    expect(parseDrill('restart@1m30s', 120)).toEqual({ kind: 'restart', atS: 90 });
    expect(parseDrill('drain@4.5', 10)).toEqual({ kind: 'drain', atS: 4.5 });
  });

  it('refuses unknown kinds, missing times and times outside the load, naming the fix', () => {
    expect(() => parseDrill('crash@20s', 60)).toThrow(/expected drain@<time> or restart@<time>/);
    expect(() => parseDrill('drain@', 60)).toThrow(UserError);
    expect(() => parseDrill('drain@90s', 60)).toThrow(/not inside the 60 s load/);
    expect(() => parseDrill('drain@0s', 60)).toThrow(/not inside/);
  });
});
