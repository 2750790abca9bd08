import { describe, expect, it } from 'vitest';
import { listUnknownShapes, webhookPayloadSchema } from '../../fixtures/index.ts';
import { DOCUMENTED_PAYLOADS, UNKNOWN_SHAPES } from '../helpers/meta-payloads/documented.ts';

describe('webhook model against the shapes Meta documents today', () => {
  for (const [name, body] of Object.entries(DOCUMENTED_PAYLOADS)) {
    it(`accepts ${name} without a warning`, () => {
      const result = webhookPayloadSchema.safeParse(body);
      expect(result.error?.issues ?? []).toEqual([]);
      expect(listUnknownShapes(result.data!)).toEqual([]);
    });
  }

  for (const [name, { body, warning }] of Object.entries(UNKNOWN_SHAPES)) {
    it(`keeps ${name} and warns about it`, () => {
      const result = webhookPayloadSchema.safeParse(body);
      expect(result.success).toBe(true);
      expect(listUnknownShapes(result.data!).join('\n')).toMatch(warning);
    });
  }

  it('still rejects a known message type with a broken body, naming the path', () => {
    const bad = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                messages: [
                  { from: '1650555', id: 'wamid.AAAAAAAAAAAA', timestamp: '1739321024', type: 'text', text: {} },
                ],
              },
            },
          ],
        },
      ],
    };
    const result = webhookPayloadSchema.safeParse(bad);
    expect(result.success).toBe(false);
  });
});
