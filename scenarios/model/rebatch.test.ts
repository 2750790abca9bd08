import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileTemplate, decodeMessageWaId, decodeWamid } from '../../common/core/index.ts';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { createBodyBuilder } from './delivery-body.ts';
import { planDelivery } from './delivery-plan.ts';
import { attemptBytes, createDeliveryBuilder } from './delivery.ts';
import { REBATCH_LAYOUTS, rebatchBody } from './rebatch.ts';

const identity = {
  runId: 'a1b2c3d4e5f6',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  wabaId: '102290129340398',
};
const text = compileTemplate(
  '{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{display_phone_number}}","phone_number_id":"{{phone_number_id}}"},"contacts":[{"profile":{"name":"{{profile_name:0}}"},"wa_id":"{{wa_id:0}}"}],"messages":[{"from":"{{wa_id:0}}","id":"{{wamid:0}}","timestamp":"{{timestamp}}","type":"text","text":{"body":"hi"}}]},"field":"messages"}]}]}',
);
const request = { seq: 12, sentAtMs: 1_700_000_000_000, senderSlot: 12, outOfOrder: false };

interface Body {
  object: string;
  entry: {
    id: string;
    changes: {
      field: string;
      value: { messages?: { id: string; from: string }[]; statuses?: { id: string; recipient_id: string }[] };
    }[];
  }[];
}
const messagesOf = (b: Body) => b.entry.flatMap((e) => e.changes.flatMap((c) => c.value.messages ?? []));
const statusesOf = (b: Body) => b.entry.flatMap((e) => e.changes.flatMap((c) => c.value.statuses ?? []));

describe('rebatched copies', () => {
  const fill = createBodyBuilder(identity);
  const original = fill(text, request);

  it.each(REBATCH_LAYOUTS)(
    'carry the same message, id and sender, among status callbacks, in new bytes (%s)',
    (layout) => {
      const copy = rebatchBody(fill, original, request, layout);
      expect(copy).not.toBe(original);
      const parsed = JSON.parse(copy) as Body;
      expect(parsed.object).toBe('whatsapp_business_account');
      expect(messagesOf(parsed)).toEqual(messagesOf(JSON.parse(original) as Body));
      const statuses = statusesOf(parsed);
      expect(statuses.map((s) => decodeWamid(s.id))).toEqual([null, null]);
      // The statuses are about earlier replies to the same user.
      expect(statuses[0]?.recipient_id).toBe(messagesOf(parsed)[0]?.from);
      expect(/[^\x00-\x7f]/.test(copy)).toBe(false);
    },
  );

  it('place the neighbour in another entry before or after, or inside the same entry', () => {
    const layouts = Object.fromEntries(
      REBATCH_LAYOUTS.map((layout) => {
        const b = JSON.parse(rebatchBody(fill, original, request, layout)) as Body;
        return [layout, b.entry.map((e) => e.changes.map((c) => (c.value.messages ? 'm' : 's')).join(''))];
      }),
    );
    expect(layouts).toEqual({ 'entry-before': ['s', 'm'], 'entry-after': ['m', 's'], 'same-entry': ['sm'] });
  });

  it('repeat a body without Meta’s envelope as it is', () => {
    expect(rebatchBody(fill, '{"a":1}', request, 'entry-before')).toBe('{"a":1}');
  });
});

describe('the plan and the delivery with rebatchRatio', () => {
  const settings = {
    seed: 3,
    cumulativeWeights: [1],
    duplicateRatio: 0,
    outOfOrderRatio: 0,
    forgedRatio: 0.2,
    unsignedRatio: 0,
    senderPool: 'unique' as const,
  };

  it('rebatches no copy by default, and about the given share of signed deliveries, in every layout', () => {
    expect(Array.from({ length: 200 }, (_, seq) => planDelivery(settings, seq).rebatch).filter(Boolean)).toEqual([]);
    const plans = Array.from({ length: 2000 }, (_, seq) => planDelivery({ ...settings, rebatchRatio: 0.5 }, seq));
    const signed = plans.filter((p) => p.kind === 'signed');
    const share = signed.filter((p) => p.rebatch).length / signed.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(plans.filter((p) => p.kind !== 'signed' && p.rebatch)).toEqual([]);
    expect(new Set(signed.map((p) => p.rebatch).filter(Boolean))).toEqual(new Set(REBATCH_LAYOUTS));
  });

  it('sends the first attempt as built and every later attempt rebatched, each signed over its own bytes', () => {
    const scenario = scenarioSchema.parse({
      name: 'x',
      load: { profile: 'constant', rate: 1, durationS: 1 },
      delivery: { rebatchRatio: 1, forgedRatio: 0 },
    });
    const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
    const build = createDeliveryBuilder({
      scenario,
      templateAt: () => text,
      cumulativeWeights: [1],
      runId: identity.runId,
      hmac,
    });
    const { delivery } = build(5, 1_700_000_000_000);
    const first = attemptBytes(delivery, 'first');
    const again = attemptBytes(delivery, 'redelivery');
    expect(first.body).toBe(delivery.body);
    expect(again.body).not.toBe(first.body);
    expect(attemptBytes(delivery, 'duplicate')).toEqual(again);
    for (const bytes of [first, again])
      expect(bytes.headers['x-hub-signature-256']).toBe(`sha256=${hmac(scenario.target.appSecret, bytes.body)}`);
    expect(messagesOf(JSON.parse(again.body) as Body).map((m) => decodeMessageWaId(m.from)?.seq)).toEqual([5]);
  });

  it('keeps the very same strings for copies when the plan does not rebatch', () => {
    const scenario = scenarioSchema.parse({ name: 'x', load: { profile: 'constant', rate: 1, durationS: 1 } });
    const build = createDeliveryBuilder({
      scenario,
      templateAt: () => text,
      cumulativeWeights: [1],
      runId: identity.runId,
      hmac: () => '00',
    });
    const { delivery } = build(5, 1_700_000_000_000);
    expect(delivery.copyBody).toBe(delivery.body);
    expect(delivery.copyHeaders).toBe(delivery.headers);
  });
});
