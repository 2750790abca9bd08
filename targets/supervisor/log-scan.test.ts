import { describe, expect, it } from 'vitest';
import { createLogScanner } from './log-scan.ts';
import { createPiiCollector } from './pii-collector.ts';

const body = {
  entry: [
    {
      changes: [
        {
          value: {
            contacts: [{ wa_id: '5511987654321', profile: { name: 'Mariana Souza' } }],
            messages: [
              {
                from: '5511987654321',
                id: 'wamid.x',
                type: 'text',
                text: { body: 'Olá! Gostaria de saber se vocês entregam em São Paulo' },
              },
            ],
          },
        },
      ],
    },
  ],
};

describe('log hygiene scan', () => {
  it('finds the planted phone number, name, text and secrets, and redacts them in the example', () => {
    const pii = createPiiCollector();
    pii.add(body);
    const scanner = createLogScanner({ secrets: { 'secret:app-secret': 'app-s3cret' }, ...pii });
    scanner.scan(
      'target.log',
      [
        '{"msg":"connector listening","url":"http://127.0.0.1:4100"}',
        '{"msg":"message received","from":"5511987654321","name":"Mariana Souza"}',
        'DEBUG body=Olá! Gostaria de saber se vocês entregam em São Paulo',
        'config secret=app-s3cret',
        'order 55119876543210 shipped',
      ].join('\n'),
    );
    const r = scanner.result();
    expect(r.linesScanned).toBe(5);
    expect(r.hits).toBe(3);
    expect(r.byKind).toEqual({ 'pii:wa-id': 1, 'pii:profile-name': 1, 'pii:message-text': 1, 'secret:app-secret': 1 });
    expect(r.examples[0]).toMatchObject({
      file: 'target.log',
      lineNo: 2,
      redacted: '{"msg":"message received","from":"[pii:wa-id]","name":"[pii:profile-name]"}',
    });
    expect(JSON.stringify(r)).not.toContain('app-s3cret');
    expect(JSON.stringify(r)).not.toContain('5511987654321');
  });

  it('counts nothing in a clean log and survives bodies that are not webhooks', () => {
    const pii = createPiiCollector();
    pii.add(null);
    pii.add({ entry: 'nope' });
    pii.add(body);
    const scanner = createLogScanner({ secrets: {}, ...pii });
    scanner.scan('a.log', '{"msg":"draining","inFlightTasks":0}\n');
    expect(scanner.result()).toMatchObject({
      hits: 0,
      needles: { 'wa-ids': 1, 'profile-names': 1, 'message-texts': 1 },
    });
  });
});
