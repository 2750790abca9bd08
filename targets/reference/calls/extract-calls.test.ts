import { describe, expect, it } from 'vitest';
import { callEventKey, extractCalls } from './extract-calls.ts';

const change = (calls: unknown[], phone = '106540352242922') => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        { field: 'calls', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phone }, calls } },
      ],
    },
  ],
});

describe('extractCalls', () => {
  it('lists call events with their phone number id and the SDP offer of a connect', () => {
    const result = extractCalls(
      change([
        { id: 'wacid.A', event: 'connect', session: { sdp_type: 'offer', sdp: 'v=0' } },
        { id: 'wacid.A', event: 'terminate' },
      ]),
    );
    expect(result).toEqual({
      ok: true,
      calls: [
        { id: 'wacid.A', event: 'connect', phoneNumberId: '106540352242922', offerSdp: 'v=0' },
        { id: 'wacid.A', event: 'terminate', phoneNumberId: '106540352242922', offerSdp: undefined },
      ],
    });
  });

  it('ignores changes of other fields and rejects a calls change without ids', () => {
    const messages = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { messages: [] } }] }],
    };
    expect(extractCalls(messages)).toEqual({ ok: true, calls: [] });
    expect(extractCalls(change([{ event: 'connect' }])).ok).toBe(false);
  });

  it('keys dedupe by call and event, so a terminate is not mistaken for a repeated connect', () => {
    expect(callEventKey({ id: 'wacid.A', event: 'connect', phoneNumberId: undefined, offerSdp: undefined })).not.toBe(
      callEventKey({ id: 'wacid.A', event: 'terminate', phoneNumberId: undefined, offerSdp: undefined }),
    );
  });
});
