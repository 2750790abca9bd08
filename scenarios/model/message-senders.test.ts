import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../common/core/template.ts';
import { messageSenders } from './message-senders.ts';

describe('message senders of a fixture', () => {
  it('ties each `from` to the message it opens, and other slots of that sender to its first message', () => {
    const t = compileTemplate(
      '{"contacts":[{"wa_id":"{{wa_id:0}}"}],"messages":[{"from":"{{wa_id:0}}","id":"{{wamid:0}}"},{"from":"{{wa_id:0}}","id":"{{wamid:1}}"}],"statuses":[{"recipient_id":"{{wa_id:4}}"}],"t":"{{timestamp}}"}',
    );
    // slots: wa_id:0 (contact), wa_id:0 (from), wamid:0, wa_id:0 (from), wamid:1, wa_id:4, timestamp
    expect(messageSenders(t)).toEqual([0, 0, NaN, 1, NaN, -5, NaN]);
  });

  it('reads a username-only sender (from_user_id) too', () => {
    const t = compileTemplate('{"messages":[{"from_user_id":"{{user_id:2}}","id":"{{wamid:0}}"}]}');
    expect(messageSenders(t)).toEqual([0, NaN]);
  });

  it('returns the same answer for the same template object without recomputing', () => {
    const t = compileTemplate('{"from":"{{wa_id}}","id":"{{wamid}}"}');
    expect(messageSenders(t)).toBe(messageSenders(t));
  });
});
