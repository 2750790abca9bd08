import { describe, expect, it } from 'vitest';
import { decodeWamid, encodeWamid } from './wamid.ts';

describe('synthetic wamid codec', () => {
  it('round-trips run id, seq, part and send time exactly', () => {
    const fields = { runId: '0a1b2c3d4e5f', seq: 2 ** 47 + 12345, part: 999, sentAtMs: 1_763_780_000_123 };
    expect(decodeWamid(encodeWamid(fields))).toEqual(fields);
  });

  it('looks like a real wamid: prefix, base64 body, similar length', () => {
    const id = encodeWamid({ runId: 'ffffffffffff', seq: 0, part: 0, sentAtMs: 0 });
    expect(id).toMatch(/^wamid\.HBgL[A-Za-z0-9+/]{44}$/);
  });

  it('returns null for real Meta ids and tampered ids', () => {
    expect(decodeWamid('wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA')).toBeNull();
    const id = encodeWamid({ runId: '0a1b2c3d4e5f', seq: 5, part: 0, sentAtMs: 10 });
    const tampered = id.slice(0, 20) + (id[20] === 'A' ? 'B' : 'A') + id.slice(21);
    expect(decodeWamid(tampered)).toBeNull();
    expect(decodeWamid('')).toBeNull();
  });

  it('rejects out-of-range fields', () => {
    expect(() => encodeWamid({ runId: 'XYZ', seq: 0, part: 0, sentAtMs: 0 })).toThrow(/runId/);
    expect(() => encodeWamid({ runId: '0a1b2c3d4e5f', seq: -1, part: 0, sentAtMs: 0 })).toThrow(/seq/);
    expect(() => encodeWamid({ runId: '0a1b2c3d4e5f', seq: 0, part: 70000, sentAtMs: 0 })).toThrow(/part/);
  });
});
