import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gate, runPreset } from '../helpers/run-preset.ts';

describe('preset fastapi-bot: answers within 2 s, acks tighter', () => {
  it('passes the reference connector on its 500 ms ack and 2 s reply gates', async () => {
    const run = await runPreset(['--preset', 'fastapi-bot', '--duration', '3', '--chaos', 'none']);
    expect(gate(run, 'ack-p99')).toMatchObject({ verdict: 'pass', threshold: 500 });
    expect(gate(run, 'reply-p99')).toMatchObject({ verdict: 'pass', threshold: 2000 });
    expect(run.text('metrics-after.prom')).toContain('wa_connector_messages_sent_total{kind="reply"}');
    expect(run.exitCode).toBe(0);
  }, 60_000);

  it('fails the run when answers take longer than 2 s although acks stay fast', async () => {
    // 40 % of Graph sends are rate-limited with Retry-After 3: those replies land after ≥ 3 s.
    const chaos = join(mkdtempSync(join(tmpdir(), 'wa-chaos-')), 'slow-answers.json');
    writeFileSync(
      chaos,
      JSON.stringify({
        name: 'slow-answers',
        phases: [
          {
            name: 'slow',
            faults: [
              {
                kind: 'rate-limit',
                probability: 0.4,
                scope: { endpoints: ['messages'] },
                attributes: { code: 130429, retryAfterS: 3 },
              },
            ],
          },
        ],
      }),
    );
    const run = await runPreset(['--preset', 'fastapi-bot', '--duration', '3', '--chaos', chaos]);
    expect(gate(run, 'reply-p99')?.verdict).toBe('fail');
    expect(gate(run, 'ack-p99')?.verdict).toBe('pass');
    expect(gate(run, 'lost')?.verdict).toBe('pass');
    expect(run.exitCode).toBe(99);
  }, 60_000);
});
