import { describe, expect, it } from 'vitest';
import { buildTextReply } from './replies.ts';

describe('the reference connector replies', () => {
  const message = { id: 'wamid.A', from: '99123', type: 'text', phoneNumberId: '1' };

  it('threads the reply to the message it answers', () => {
    expect(buildTextReply(message)).toMatchObject({ to: '99123', context: { message_id: 'wamid.A' } });
  });

  it('leaves the thread out in the plain-reply variant: only `to` names the message', () => {
    const reply = buildTextReply(message, false);
    expect(reply).toMatchObject({ to: '99123', type: 'text' });
    expect(reply).not.toHaveProperty('context');
  });
});
