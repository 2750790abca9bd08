import { describe, expect, it } from 'vitest';
import {
  decodeMessageWaId,
  decodeSenderWaId,
  encodeMessageWaId,
  encodeSenderWaId,
  MESSAGE_WA_ID_LENGTH,
} from './wa-id.ts';
import { encodeWamid } from './wamid.ts';

const fields = { runId: '0a1b2c3d4e5f', seq: 123_456_789, part: 65_535, sentAtMs: 1_763_780_000_123 };

describe('message sender wa_id codec', () => {
  it('round-trips run id, seq, part and send time exactly, as the wamid does', () => {
    expect(decodeMessageWaId(encodeMessageWaId(fields))).toEqual(fields);
    const edge = { runId: 'ffffffffffff', seq: 10 ** 12 - 1, part: 0, sentAtMs: 0 };
    expect(decodeMessageWaId(encodeMessageWaId(edge))).toEqual(edge);
  });

  it('is digits only, one fixed length, and accepts the + a `to` may carry', () => {
    const waId = encodeMessageWaId(fields);
    expect(waId).toMatch(/^99\d+$/);
    expect(waId).toHaveLength(MESSAGE_WA_ID_LENGTH);
    expect(decodeMessageWaId(`+${waId}`)).toEqual(fields);
  });

  it('gives every message of a delivery its own sender', () => {
    const a = encodeMessageWaId({ ...fields, part: 0 });
    const b = encodeMessageWaId({ ...fields, part: 1 });
    const c = encodeMessageWaId({ ...fields, seq: fields.seq + 1, part: 0 });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('returns null for real numbers, pooled senders, wamids and altered digits', () => {
    expect(decodeMessageWaId('16505551234')).toBeNull();
    expect(decodeMessageWaId(encodeSenderWaId(7))).toBeNull();
    expect(decodeMessageWaId(encodeWamid(fields))).toBeNull();
    const waId = encodeMessageWaId(fields);
    const altered = waId.slice(0, 20) + (waId[20] === '1' ? '2' : '1') + waId.slice(21);
    expect(decodeMessageWaId(altered)).toBeNull();
    expect(decodeMessageWaId('')).toBeNull();
    expect(decodeSenderWaId(waId)).toBeNull();
  });

  it('rejects fields it cannot hold', () => {
    expect(() => encodeMessageWaId({ ...fields, runId: 'XYZ' })).toThrow(/runId/);
    expect(() => encodeMessageWaId({ ...fields, seq: 10 ** 12 })).toThrow(/seq/);
    expect(() => encodeMessageWaId({ ...fields, part: 70_000 })).toThrow(/part/);
    expect(() => encodeMessageWaId({ ...fields, sentAtMs: -1 })).toThrow(/sentAtMs/);
  });
});
