import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileTemplate, decodeMessageWaId, decodeSenderWaId, decodeWamid } from '../../common/core/index.ts';
import { createBatchBodyBuilder, createBodyBuilder } from './delivery-body.ts';

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
    expect(decodeMessageWaId(body.from)).toEqual({
      runId: 'a1b2c3d4e5f6',
      seq: 41,
      part: 0,
      sentAtMs: 1_700_000_000_123,
    });
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

  // Meta's shape: one contact, two messages from that contact and one from another (batch-mixed-small).
  const twoSenders = compileTemplate(
    '{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[{"value":{"contacts":[{"wa_id":"{{wa_id:0}}"},{"wa_id":"{{wa_id:1}}"}],' +
      '"messages":[{"from":"{{wa_id:0}}","id":"{{wamid:0}}"},{"from":"{{wa_id:1}}","id":"{{wamid:1}}"},{"from":"{{wa_id:0}}","id":"{{wamid:2}}"}],' +
      '"statuses":[{"id":"{{status_id:0}}","recipient_id":"{{wa_id:5}}"}]},"field":"messages"}]}]}',
  );
  const request = { seq: 9, sentAtMs: 1_700_000_000_456, senderSlot: 9, outOfOrder: false };
  const value = (raw: string, at = 0) => JSON.parse(raw).entry[at].changes[0].value;

  it("gives every inbound message its own sender, naming its seq, part and send time, and each contact its first message's", () => {
    const v = value(createBodyBuilder(identity)(twoSenders, request));
    const from = v.messages.map((m: { from: string; id: string }) => decodeMessageWaId(m.from));
    expect(from.map((f: { part: number } | null) => f?.part)).toEqual([0, 1, 2]);
    for (const [i, m] of v.messages.entries()) expect(decodeMessageWaId(m.from)).toEqual(decodeWamid(m.id));
    expect(v.contacts.map((c: { wa_id: string }) => c.wa_id)).toEqual([v.messages[0].from, v.messages[1].from]);
    expect(decodeMessageWaId(v.statuses[0].recipient_id)?.seq).toBe(9);
  });

  it('numbers the senders of a batch after the previous fixture, as its wamids', () => {
    const { body } = createBatchBodyBuilder(identity)([twoSenders, twoSenders], request);
    const second = value(body, 1);
    expect(second.messages.map((m: { from: string }) => decodeMessageWaId(m.from)?.part)).toEqual([3, 4, 5]);
    for (const m of second.messages) expect(decodeMessageWaId(m.from)).toEqual(decodeWamid(m.id));
  });

  it('shares one pool slot wa_id across the delivery when senders are pooled', () => {
    const v = value(createBodyBuilder(identity)(twoSenders, { ...request, senderSlot: 3, pooledSender: true }));
    expect(new Set(v.messages.map((m: { from: string }) => m.from))).toEqual(new Set([v.contacts[0].wa_id]));
    expect(decodeSenderWaId(v.messages[0].from)).toBe(3);
    expect(decodeMessageWaId(v.messages[0].from)).toBeNull();
  });
});
