import { describe, expect, it } from 'vitest';
import { compileTemplate, decodeWamid } from '../../common/core/index.ts';
import { createBatchBodyBuilder, isBatchable } from './delivery-body.ts';
import { planDelivery } from './delivery-plan.ts';

const identity = {
  runId: 'a1b2c3d4e5f6',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  wabaId: '102290129340398',
};
const envelope = (change: string) =>
  `{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[${change}]}]}`;
const twoMessages = compileTemplate(
  envelope(
    '{"value":{"messages":[{"id":"{{wamid:0}}"},{"id":"{{wamid:1}}"}],"statuses":[{"id":"{{status_id:0}}"}]},"field":"messages"}',
  ),
);
const oneStatus = compileTemplate(envelope('{"value":{"statuses":[{"id":"{{status_id:0}}"}]},"field":"messages"}'));
const oneMessage = compileTemplate(envelope('{"value":{"messages":[{"id":"{{wamid:0}}"}]},"field":"messages"}'));
const request = { seq: 9, sentAtMs: 1_700_000_000_000, senderSlot: 9, outOfOrder: false };

describe('batched deliveries', () => {
  it('splices several fixtures into one Meta envelope with their inbound parts numbered in a row', () => {
    const { body, wamidParts } = createBatchBodyBuilder(identity)([twoMessages, oneStatus, oneMessage], request);
    const parsed = JSON.parse(body) as {
      object: string;
      entry: { changes: { value: { messages?: { id: string }[]; statuses?: { id: string }[] } }[] }[];
    };
    expect(parsed.object).toBe('whatsapp_business_account');
    expect(parsed.entry).toHaveLength(3);
    const ids = parsed.entry
      .flatMap((e) => e.changes.flatMap((c) => c.value.messages ?? []))
      .map((m) => decodeWamid(m.id));
    expect(ids.map((f) => [f?.seq, f?.part])).toEqual([
      [9, 0],
      [9, 1],
      [9, 2],
    ]);
    expect(wamidParts).toBe(3);
    const statusIds = parsed.entry.flatMap((e) => e.changes.flatMap((c) => c.value.statuses ?? [])).map((s) => s.id);
    expect(new Set(statusIds).size).toBe(statusIds.length);
  });

  it('leaves a single-fixture delivery byte for byte as before', () => {
    const { body } = createBatchBodyBuilder(identity)([oneMessage], request);
    expect(body.startsWith('{"object":"whatsapp_business_account","entry":[{"id":"102290129340398"')).toBe(true);
    expect(JSON.parse(body).entry).toHaveLength(1);
  });

  it('plans batchSize fixtures per delivery, the first one as an unbatched plan would', () => {
    const settings = {
      seed: 3,
      cumulativeWeights: [1, 2, 3],
      duplicateRatio: 0,
      outOfOrderRatio: 0,
      forgedRatio: 0,
      unsignedRatio: 0,
      senderPool: 'unique' as const,
    };
    for (let seq = 0; seq < 50; seq++) {
      const batched = planDelivery({ ...settings, batchSize: 4 }, seq);
      expect(batched.fixtureIndexes).toHaveLength(4);
      expect(batched.fixtureIndexes[0]).toBe(planDelivery(settings, seq).fixtureIndexes[0]);
    }
  });

  it('tells a fixture with Meta envelope from one that cannot be spliced', () => {
    expect(isBatchable('{"object":"whatsapp_business_account","entry":[{}]}')).toBe(true);
    expect(isBatchable('{"entry":[{}],"object":"whatsapp_business_account"}')).toBe(false);
  });
});
