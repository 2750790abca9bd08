import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileTemplate, decodeWamid, decodeSenderWaId } from '../../common/core/index.ts';
import { createBodyBuilder } from './delivery-body.ts';

const identity = {
  runId: 'a1b2c3d4e5f6',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  wabaId: '102290129340398',
};
const text = compileTemplate(
  '{"id":"{{waba_id}}","p":"{{phone_number_id}}","n":"{{profile_name}}","from":"{{wa_id}}","m":["{{wamid:0}}","{{wamid:1}}"],"ts":"{{timestamp}}"}',
);
const status = compileTemplate('{"s":"{{status_id}}","r":"{{ref_id}}","to":"{{wa_id}}","ts":"{{timestamp}}"}');

describe('delivery body', () => {
  it('encodes run, seq, part and the first intended send time into each wamid', () => {
    const body = JSON.parse(
      createBodyBuilder(identity)(text, { seq: 41, sentAtMs: 1_700_000_000_123, senderSlot: 41, outOfOrder: false }),
    );
    expect(decodeWamid(body.m[0])).toEqual({ runId: 'a1b2c3d4e5f6', seq: 41, part: 0, sentAtMs: 1_700_000_000_123 });
    expect(decodeWamid(body.m[1])?.part).toBe(1);
    expect(decodeSenderWaId(body.from)).toBe(41);
    expect(body.ts).toBe('1700000000');
    expect(body.p).toBe(identity.phoneNumberId);
  });

  it('fills status and reference ids that never decode as our wamids', () => {
    const build = createBodyBuilder(identity);
    for (let seq = 0; seq < 200; seq++) {
      const body = JSON.parse(build(status, { seq, sentAtMs: 1_700_000_000_000, senderSlot: seq, outOfOrder: false }));
      expect(body.s).toMatch(/^wamid\.HBg/);
      expect(decodeWamid(body.s)).toBeNull();
      expect(decodeWamid(body.r)).toBeNull();
      expect(body.s).not.toBe(body.r);
    }
  });

  it('sets an out-of-order status callback 1–5 s back in time', () => {
    const build = createBodyBuilder(identity);
    const body = JSON.parse(build(status, { seq: 3, sentAtMs: 1_700_000_010_000, senderSlot: 3, outOfOrder: true }));
    expect(Number(body.ts)).toBe(1_700_000_010 - 4);
    const inOrderText = JSON.parse(
      build(text, { seq: 3, sentAtMs: 1_700_000_010_000, senderSlot: 3, outOfOrder: true }),
    );
    expect(inOrderText.ts).toBe('1700000010');
  });

  it('escapes non-ASCII profile names the way Meta signs them', () => {
    const raw = createBodyBuilder(identity)(text, { seq: 1, sentAtMs: 0, senderSlot: 1, outOfOrder: false });
    expect(raw).toContain('Jos\\u00e9 \\u00c1lvarez');
    expect(/[^\x00-\x7f]/.test(raw)).toBe(false);
    expect(JSON.parse(raw).n).toBe('José Álvarez');
    // the same bytes produce the same signature: nothing re-serialises them
    const sig = (b: string) => createHmac('sha256', 's').update(b).digest('hex');
    expect(sig(raw)).toBe(
      sig(createBodyBuilder(identity)(text, { seq: 1, sentAtMs: 0, senderSlot: 1, outOfOrder: false })),
    );
  });
});
