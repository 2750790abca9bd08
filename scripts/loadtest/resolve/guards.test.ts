import { compileTemplate } from '../../../common/core/index.ts';
import { checkBatchable, warnIfNoInboundMessages } from './check-mix.ts';
import { describe, expect, it } from 'vitest';
import { assertTargetAllowed, isLoopbackHost } from '../../../common/node/index.ts';
import { formatProgress } from '../run/progress.ts';
import { resolveEngine } from './resolve-engine.ts';

describe('loopback guard', () => {
  it('accepts loopback addresses in every spelling', () => {
    for (const host of ['127.0.0.1', '127.3.4.5', 'localhost', '[::1]', '::1']) expect(isLoopbackHost(host)).toBe(true);
  });

  it('refuses a private or public host unless allowlisted', () => {
    expect(() => assertTargetAllowed('http://10.0.0.5:3000', [])).toThrow(
      /not a loopback address.*--allow-host 10\.0\.0\.5/,
    );
    expect(() => assertTargetAllowed('https://bot.example.com/webhook', [])).toThrow(/--allow-host bot\.example\.com/);
    expect(assertTargetAllowed('https://bot.example.com/webhook', ['bot.example.com']).hostname).toBe(
      'bot.example.com',
    );
  });

  it('refuses something that is not an http URL', () => {
    expect(() => assertTargetAllowed('ftp://127.0.0.1', [])).toThrow(/only http and https/);
    expect(() => assertTargetAllowed('nope', [])).toThrow(/not a URL/);
  });
});

describe('engine choice', () => {
  it('falls back to the Node engine when k6 is absent', async () => {
    expect(await resolveEngine('auto', async () => null)).toBe('node');
    expect(await resolveEngine('auto', async () => 'k6 v1.2.0')).toBe('k6');
  });

  it('explains what to do when k6 is requested but absent', async () => {
    await expect(resolveEngine('k6', async () => null)).rejects.toThrow(/no k6 binary on PATH.*--engine node/);
  });
});

describe('progress line', () => {
  it('shows elapsed, target vs achieved rate, errors and p99', () => {
    const line = formatProgress(
      {
        elapsedS: 12,
        durationS: 60,
        targetRate: 20,
        achievedRate: 19.5,
        sent: 240,
        errors: 1,
        dropped: 0,
        p99Ms: 1530,
      },
      'storm',
    );
    expect(line).toBe('[  12s/60s] rate 19.5/20.0 msg/s  sent 240  errors 1  dropped 0  p99 1.53s  phase storm');
  });
});

describe('batching guard', () => {
  const fixture = (name: string, raw: string, weight = 1) => ({
    name,
    field: 'messages',
    type: 'text',
    weight,
    raw,
    template: compileTemplate(raw),
  });
  const good = fixture('good', '{"object":"whatsapp_business_account","entry":[{}]}');
  const odd = fixture('odd', '{"entry":[{}],"object":"whatsapp_business_account"}');

  it('refuses to batch a fixture that cannot be spliced, naming it', () => {
    expect(() => checkBatchable(3, undefined, [good, odd])).toThrow(/odd do not start with Meta's envelope/);
  });

  it('ignores fixtures the mix never draws and unbatched runs', () => {
    expect(() => checkBatchable(3, { good: 1 }, [good, odd])).not.toThrow();
    expect(() => checkBatchable(1, undefined, [good, odd])).not.toThrow();
  });
});

describe('traffic mix note', () => {
  const status = {
    name: 'status',
    field: 'messages',
    type: 'status-read',
    weight: 3,
    raw: '{"id":"{{status_id:0}}"}',
    template: compileTemplate('{"id":"{{status_id:0}}"}'),
  };
  const message = {
    name: 'text',
    field: 'messages',
    type: 'text',
    weight: 1,
    raw: '{"id":"{{wamid:0}}"}',
    template: compileTemplate('{"id":"{{wamid:0}}"}'),
  };

  it('warns when no drawn fixture carries an inbound message', () => {
    expect(warnIfNoInboundMessages(undefined, [status])).toMatch(/reply-p99 cannot be measured/);
    expect(warnIfNoInboundMessages({ status: 1, text: 0 }, [status, message])).toBeDefined();
  });

  it('stays quiet when messages are in the mix', () => {
    expect(warnIfNoInboundMessages(undefined, [status, message])).toBeUndefined();
    // voice-bridge: calls only, reply-p99 already allowed unmeasured: no false "will fail"
    expect(warnIfNoInboundMessages(undefined, [status], ['reply-p99', 'lost'])).toBeUndefined();
  });
});
