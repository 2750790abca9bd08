import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSignatureHeader, forgeSignatureHeader } from './signature-header.ts';
import { compileTemplate, escapeJsonMeta, fillTemplate } from './template.ts';

describe('fixture templates', () => {
  it('fills every slot by string substitution and counts inbound parts', () => {
    const t = compileTemplate('{"id":"{{wamid:0}}","b":"{{wamid:1}}","from":"{{wa_id}}","ts":"{{timestamp}}"}');
    expect(t.wamidParts).toBe(2);
    const body = fillTemplate(t, (name, i) => `${name}${i}`);
    expect(body).toBe('{"id":"wamid0","b":"wamid1","from":"wa_id0","ts":"timestamp0"}');
  });

  it('names a placeholder left unfilled', () => {
    const t = compileTemplate('{"a":"{{profile_name:3}}"}');
    expect(() => fillTemplate(t, () => undefined)).toThrow('{{profile_name:3}} left unfilled');
  });

  it('rejects unknown placeholders', () => {
    expect(() => compileTemplate('{"a":"{{nope}}"}')).toThrow(/unknown placeholder \{\{nope\}\}/);
  });

  it('escapes non-ASCII as lowercase \\uXXXX like Meta', () => {
    expect(escapeJsonMeta('Olá 👋 "x"/y')).toBe('Ol\\u00e1 \\ud83d\\udc4b \\"x\\"\\/y');
  });
});

describe('signature header', () => {
  const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body, 'utf8').digest('hex');

  it('matches an independent HMAC over a body with emoji escaped the Meta way', () => {
    const body = `{"text":{"body":"${escapeJsonMeta('Bom dia 😀 ação')}"}}`;
    const expected = 'sha256=' + createHmac('sha256', 'shh').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(buildSignatureHeader(hmac, 'shh', body)).toBe(expected);
  });

  it('forges a same-length signature that differs in every digit', () => {
    const real = buildSignatureHeader(hmac, 'shh', '{}');
    const forged = forgeSignatureHeader(real);
    expect(forged).toHaveLength(real.length);
    expect(forged).not.toBe(real);
  });
});
