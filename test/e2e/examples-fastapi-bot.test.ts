import { describe, expect, it } from 'vitest';
import { rehearse } from '../helpers/rehearse-example.ts';

describe('example fastapi-bot through the fastapi-bot preset', () => {
  it('passes: acks under 500 ms, answers after the model within 2 s, stays under 200 MB', async () => {
    const run = await rehearse({ example: 'fastapi-bot' });
    expect(run.gate('ack-p99')).toMatchObject({ verdict: 'pass', threshold: 500 });
    expect(run.gate('reply-p99')).toMatchObject({ verdict: 'pass', threshold: 2000 });
    expect(run.gate('lost')?.verdict).toBe('pass');
    expect(run.check('peak-rss')).toMatchObject({ verdict: 'pass' });
    expect(run.check('peak-rss')?.observed).toBeLessThan(200);
    expect(run.log).toContain('rehearse: fastapi-bot: PASS');
    expect(run.exitCode, run.log).toBe(0);
  }, 120_000);

  it('fails ack-p99 when the handler awaits the model before acking, while replies stay within 2 s', async () => {
    const run = await rehearse({ example: 'fastapi-bot', defect: 'await-model-before-ack' });
    expect(run.gate('ack-p99')?.verdict).toBe('fail');
    expect(run.gate('reply-p99')?.verdict).toBe('pass');
    expect(run.log).toContain('rehearse: fastapi-bot (defect await-model-before-ack): FAIL');
    expect(run.exitCode).toBe(99);
  }, 120_000);
});
