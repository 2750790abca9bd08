import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, runPreset } from './helpers/run-preset.ts';

const SECRET = 'stub-secret';

// A do-nothing voice bridge: answers the verify handshake, checks signatures (so only the calls
// gate has something to catch), answers 200 to every signed POST and never calls /calls.
let stub: Server;
let stubUrl: string;
beforeAll(async () => {
  stub = createServer((req, res) => {
    const challenge = new URL(req.url ?? '/', 'http://x').searchParams.get('hub.challenge');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const expected = 'sha256=' + createHmac('sha256', SECRET).update(Buffer.concat(chunks)).digest('hex');
      const signed = req.method !== 'POST' || req.headers['x-hub-signature-256'] === expected;
      res.writeHead(signed ? 200 : 401, { 'content-type': 'text/plain' }).end(challenge ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => stub.close(resolve));
});

describe('calls gates on the voice-bridge preset', () => {
  it('pass for the reference connector in calls mode answer: every acked connect got pre_accept in time', async () => {
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3']);
    const calls = gate(run, 'calls-unanswered');
    expect(calls).toMatchObject({ verdict: 'pass', threshold: 0 });
    expect((calls as unknown as { note: string }).note).toMatch(/[1-9]\d* acknowledged connect calls: [1-9]\d* answered .* within 5000 ms, 0 later, 0 never/);
    expect(run.exitCode).toBe(0);
  }, 60_000);

  it('fail (exit 99) for a stub that acknowledges every webhook and never answers a call', async () => {
    const run = await runPreset(['--preset', 'voice-bridge', '--duration', '3', '--target', stubUrl], { env: { WA_APP_SECRET: SECRET, WA_VERIFY_TOKEN: 'stub-token' } });
    const calls = gate(run, 'calls-unanswered') as unknown as { verdict: string; observed: number; note: string };
    expect(calls.verdict).toBe('fail');
    expect(calls.observed).toBeGreaterThan(0);
    expect(calls.note).toMatch(/0 answered .* 0 later, [1-9]\d* never/);
    // The calls gate alone fails the run: everything else a do-nothing 200 can satisfy, it does.
    const failing = run.json<{ gates: { id: string; verdict: string; allowedNotMeasured: boolean }[] }>('summary.json').gates.filter((g) => g.verdict === 'fail' || (g.verdict === 'not-measured' && !g.allowedNotMeasured));
    expect(failing.map((g) => g.id)).toEqual(['calls-unanswered']);
    expect(run.exitCode).toBe(99);
  }, 60_000);
});
