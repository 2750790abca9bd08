import { describe, expect, it } from 'vitest';
import { encodeMessageWaId, encodeSenderWaId, encodeWamid } from '../../common/core/index.ts';
import { mockConfigSchema } from '../config.ts';
import { findMessageRef } from './message-ref.ts';

const RUN = 'a1b2c3d4e5f6';
const fields = { runId: RUN, seq: 40, part: 2, sentAtMs: 1_700_000_000_000 };
const quoted = { runId: RUN, seq: 7, part: 0, sentAtMs: 1_700_000_000_500 };
const config = (input: object = {}) => mockConfigSchema.parse(input);
const reply = (extra: object) => ({ messaging_product: 'whatsapp', type: 'text', text: { body: 'ok' }, ...extra });

describe('findMessageRef', () => {
  it('ties a reply with only `to` to the message that sender sent, with its send time', () => {
    expect(findMessageRef(reply({ to: encodeMessageWaId(fields) }), config())).toEqual(fields);
    expect(findMessageRef(reply({ to: `+${encodeMessageWaId(fields)}` }), config())).toEqual(fields);
  });

  it('takes the quoted message first, a reaction by the message it reacts to', () => {
    const to = encodeMessageWaId(fields);
    expect(findMessageRef(reply({ to, context: { message_id: encodeWamid(quoted) } }), config())).toEqual(quoted);
    const reaction = { to, type: 'reaction', reaction: { message_id: encodeWamid(quoted), emoji: 'x' } };
    expect(findMessageRef(reaction, config())).toEqual(quoted);
  });

  it('follows the strict modes: context ignores `to`, recipient ignores the quote', () => {
    const both = reply({ to: encodeMessageWaId(fields), context: { message_id: encodeWamid(quoted) } });
    expect(findMessageRef(reply({ to: encodeMessageWaId(fields) }), config({ correlation: 'context' }))).toBeNull();
    expect(findMessageRef(both, config({ correlation: 'recipient' }))).toEqual(fields);
  });

  it('ties a mark-as-read by its message_id in every mode', () => {
    const read = { messaging_product: 'whatsapp', status: 'read', message_id: encodeWamid(fields) };
    for (const correlation of ['auto', 'context', 'recipient', 'read'])
      expect(findMessageRef(read, config({ correlation }))).toEqual(fields);
  });

  it('ties nothing to a real number, a pooled sender, or another run when the mock knows its run', () => {
    expect(findMessageRef(reply({ to: '15550001111' }), config())).toBeNull();
    expect(findMessageRef(reply({ to: encodeSenderWaId(3) }), config())).toBeNull();
    const other = encodeMessageWaId({ ...fields, runId: 'ffffffffffff' });
    expect(findMessageRef(reply({ to: other }), config())).not.toBeNull();
    expect(findMessageRef(reply({ to: other }), config({ runId: RUN }))).toBeNull();
  });
});
