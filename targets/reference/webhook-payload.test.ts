import { describe, expect, it } from 'vitest';
import { buildMessagesWebhook } from '../../test/helpers/connector/webhooks.ts';
import { extractUpdates } from './webhook-payload.ts';

describe('extractUpdates', () => {
  it('lists messages with their metadata phone number id, and counts statuses', () => {
    const body = JSON.parse(
      buildMessagesWebhook({ messages: [{ id: 'wamid.A' }, { id: 'wamid.B', type: 'image' }], statuses: 2 }),
    );
    const result = extractUpdates(body);
    expect(result.ok && result.updates.messages.map((m) => [m.id, m.type, m.phoneNumberId])).toEqual([
      ['wamid.A', 'text', '106540352242922'],
      ['wamid.B', 'image', '106540352242922'],
    ]);
    expect(result.ok && result.updates.statuses).toBe(2);
  });

  it('counts changes of other fields without acting on them', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'account_update', value: { event: 'X' } }] }],
    };
    const result = extractUpdates(body);
    expect(result.ok && result.updates).toEqual({ messages: [], statuses: 0, errors: 0, otherFields: 1 });
  });

  it('rejects bodies that are not webhook envelopes or carry messages without ids', () => {
    expect(extractUpdates({ hello: 'world' }).ok).toBe(false);
    expect(extractUpdates([]).ok).toBe(false);
    const noId = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { messages: [{ from: '1', type: 'text' }] } }] }],
    };
    expect(extractUpdates(noId).ok).toBe(false);
  });
});
