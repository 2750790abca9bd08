import { describe, expect, it } from 'vitest';
import { encodeMessageWaId, encodeSenderWaId, encodeWamid } from '../common/core/index.ts';
import { LEDGER_FLAG } from '../common/contracts/index.ts';
import { decodeBytes } from '../common/node/index.ts';
import { messagesRoute } from './endpoints/messages.ts';
import type { MockOutcome } from './outcome.ts';
import { createSimulator, type Simulator } from './simulator.ts';

const RUN = 'a1b2c3d4e5f6';
const T0 = 1_700_000_000_000;

function post(sim: Simulator, body: unknown, headers: Record<string, string> = {}, phoneNumberId = '123'): MockOutcome {
  const all: Record<string, string> = { authorization: 'Bearer t', 'content-type': 'application/json', ...headers };
  return sim.handle(
    messagesRoute,
    { version: 'v21.0', phoneNumberId },
    {
      method: 'POST',
      path: `/v21.0/${phoneNumberId}/messages`,
      query: new URLSearchParams(),
      header: (name) => all[name],
      body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
      origin: 'http://127.0.0.1',
    },
  );
}

const wamid = (seq: number, sentAtMs = T0 - 100, part = 0) => encodeWamid({ runId: RUN, seq, part, sentAtMs });
const reply = (seq: number, to = '15550001111') => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body: 'ok' },
  context: { message_id: wamid(seq) },
});
const read = (seq: number) => ({ messaging_product: 'whatsapp', status: 'read', message_id: wamid(seq) });
const code = (o: MockOutcome) => (JSON.parse(String(o.body)) as { error?: { code: number } }).error?.code;

function createClockedSimulator(config = {}, profile?: Parameters<typeof createSimulator>[1]) {
  const clock = { now: T0 };
  return { clock, sim: createSimulator({ pairRate: 'off', ...config }, profile, { now: () => clock.now }) };
}

describe('createSimulator limits', () => {
  it('answers 130429 once a number exceeds 80 msg/s', () => {
    const { sim } = createClockedSimulator();
    const codes = Array.from({ length: 100 }, (_, i) => post(sim, reply(i)).status);
    expect(codes.filter((s) => s === 200)).toHaveLength(80);
    const limited = post(sim, reply(100));
    expect(limited.status).toBe(429);
    expect(code(limited)).toBe(130429);
    expect(sim.stats().limits.throughput).toBe(21);
  });

  it('keeps each phone number to its own throughput budget', () => {
    const { sim } = createClockedSimulator({ throughputPerS: 10 });
    for (let i = 0; i < 10; i++) post(sim, reply(i), {}, '111');
    expect(code(post(sim, reply(10), {}, '111'))).toBe(130429);
    expect(post(sim, reply(11), {}, '222').status).toBe(200);
  });

  it('answers 131056 when one recipient gets more than the pair-rate burst, on the configured status', () => {
    const { sim, clock } = createClockedSimulator({ pairRate: { everyS: 6, burst: 2 }, limitHttpStatus: 400 });
    expect(post(sim, reply(1)).status).toBe(200);
    expect(post(sim, reply(2)).status).toBe(200);
    const third = post(sim, reply(3));
    expect(third.status).toBe(400);
    expect(code(third)).toBe(131056);
    expect(post(sim, reply(4, '15550002222')).status).toBe(200);
    clock.now += 6000;
    expect(post(sim, reply(5)).status).toBe(200);
    expect(sim.stats().limits.pairRate).toBe(1);
  });

  it('does not count mark-as-read against throughput', () => {
    const { sim } = createClockedSimulator({ throughputPerS: 1 });
    expect(post(sim, reply(1)).status).toBe(200);
    expect(post(sim, read(1)).status).toBe(200);
    expect(post(sim, read(2)).status).toBe(200);
  });

  it('lets everything through with limits off', () => {
    const { sim } = createClockedSimulator({ throughputPerS: 'off' });
    const ok = Array.from({ length: 2000 }, (_, i) => post(sim, reply(i)).status === 200).filter(Boolean);
    expect(ok).toHaveLength(2000);
  });
});

describe('createSimulator auth and validation', () => {
  it('answers 401 code 190 for a missing or wrong token when a token is configured', () => {
    const { sim } = createClockedSimulator({ accessToken: 'secret' });
    expect(post(sim, reply(1), { authorization: 'Bearer nope' }).status).toBe(401);
    expect(code(post(sim, reply(1), { authorization: '' }))).toBe(190);
    expect(post(sim, reply(1), { authorization: 'Bearer secret' }).status).toBe(200);
  });

  it('maps a missing field to 131008 and flags the message rejected', () => {
    const { sim } = createClockedSimulator();
    const outcome = post(sim, {
      messaging_product: 'whatsapp',
      type: 'text',
      text: { body: 'x' },
      context: { message_id: wamid(4) },
    });
    expect(code(outcome)).toBe(131008);
    const flags = decodeBytes(sim.stats().runs[0]!.flags);
    expect(flags[4]! & LEDGER_FLAG.rejected).toBeTruthy();
  });

  it('answers a typing indicator as a read, not a reply', () => {
    const { sim } = createClockedSimulator();
    expect(post(sim, { ...read(2), typing_indicator: { type: 'text' } }).status).toBe(200);
    const stats = sim.stats();
    expect(stats.committedByType).toEqual({ typing: 1 });
    expect(decodeBytes(stats.runs[0]!.reads)[2]).toBe(1);
    expect(decodeBytes(stats.runs[0]!.replies)[2]).toBe(0);
  });
});

describe('createSimulator correlation modes', () => {
  const sender = (seq: number, part = 0, sentAtMs = T0 - 250) => encodeMessageWaId({ runId: RUN, seq, part, sentAtMs });
  const plain = (to: string) => ({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'hi' } });
  const replyCount = (sim: Simulator, seq: number, part = 0) => {
    const run = sim.stats().runs[0];
    if (part === 0) return decodeBytes(run!.replies)[seq] ?? 0;
    return run!.extraParts.find(([s, p]) => s === seq && p === part)?.[2] ?? 0;
  };

  it('ties a reply with only `to` to the one message that sender sent, with its webhook→reply latency, by default', () => {
    const { sim } = createClockedSimulator();
    expect(post(sim, plain(sender(7))).status).toBe(200);
    expect(replyCount(sim, 7)).toBe(1);
    expect(sim.stats().uncorrelated).toBe(0);
    expect(sim.stats().latency.reply.count).toBe(1);
    expect(sim.stats().latency.reply.max).toBe(250_000);
  });

  it('tells apart the messages of one delivery by their senders, so several messages are neither lost nor duplicated', () => {
    const { sim } = createClockedSimulator();
    for (const part of [0, 1, 2]) post(sim, plain(`+${sender(4, part)}`));
    expect([replyCount(sim, 4, 0), replyCount(sim, 4, 1), replyCount(sim, 4, 2)]).toEqual([1, 1, 1]);
  });

  it('prefers the quoted message over the recipient in auto mode, and uses only the quote in context mode', () => {
    const quoted = { ...plain(sender(2)), context: { message_id: wamid(5) } };
    const auto = createClockedSimulator().sim;
    post(auto, quoted);
    expect([replyCount(auto, 5), replyCount(auto, 2)]).toEqual([1, 0]);
    const context = createClockedSimulator({ correlation: 'context' }).sim;
    post(context, plain(sender(2)));
    expect(context.stats().uncorrelated).toBe(1);
  });

  it('uses only `to` in recipient mode', () => {
    const { sim } = createClockedSimulator({ correlation: 'recipient' });
    post(sim, { ...plain(sender(7)), context: { message_id: wamid(3) } });
    expect([replyCount(sim, 7), replyCount(sim, 3)]).toEqual([1, 0]);
  });

  it('counts as uncorrelated a `to` no message of the run was sent from: a real number, a pooled sender, another run', () => {
    const { sim } = createClockedSimulator({ runId: RUN });
    post(sim, plain('15550001111'));
    post(sim, plain(encodeSenderWaId(7)));
    post(sim, plain(encodeMessageWaId({ runId: 'ffffffffffff', seq: 1, part: 0, sentAtMs: T0 })));
    post(sim, plain(sender(1)));
    expect(sim.stats().uncorrelated).toBe(3);
    expect(replyCount(sim, 1)).toBe(1);
  });

  it('counts replies by type only in read mode', () => {
    const { sim } = createClockedSimulator({ correlation: 'read' });
    post(sim, reply(1));
    post(sim, read(1));
    const stats = sim.stats();
    expect(stats.committedByType).toEqual({ text: 1, read: 1 });
    expect(decodeBytes(stats.runs[0]!.replies)[1]).toBe(0);
    expect(decodeBytes(stats.runs[0]!.reads)[1]).toBe(1);
  });

  it('counts a reply without context as uncorrelated', () => {
    const { sim } = createClockedSimulator();
    post(sim, { messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'hi' } });
    expect(sim.stats().uncorrelated).toBe(1);
  });
});

describe('createSimulator chaos and ledger', () => {
  const afterCommit = {
    phases: [{ name: 'bad', faults: [{ kind: 'server-error' as const, probability: 1, commit: 'after' as const }] }],
  };
  const beforeCommit = { phases: [{ name: 'bad', faults: [{ kind: 'server-error' as const, probability: 1 }] }] };

  it('records an after-commit failure as a committed, ambiguous side effect', () => {
    const { sim } = createClockedSimulator({}, afterCommit);
    expect(post(sim, reply(3)).status).toBe(503);
    const stats = sim.stats();
    expect(decodeBytes(stats.runs[0]!.replies)[3]).toBe(1);
    expect(decodeBytes(stats.runs[0]!.flags)[3]).toBe(LEDGER_FLAG.ambiguous);
    expect(stats.faults).toEqual({ 'bad/server-error': 1 });
    expect(stats.rejectedByCode).toEqual({ '2': 1 });
  });

  it('commits nothing for a before-commit failure, and flags the message refused', () => {
    const { sim } = createClockedSimulator({}, beforeCommit);
    expect(post(sim, reply(3)).status).toBe(503);
    expect(decodeBytes(sim.stats().runs[0]!.replies)[3]).toBe(0);
    expect(decodeBytes(sim.stats().runs[0]!.flags)[3]).toBe(LEDGER_FLAG.refused);
    expect(sim.stats().committedByType).toEqual({});
  });

  it('flags a reply refused by a throughput limit as refused, and a do-not-retry rejection as rejected only', () => {
    const { sim } = createClockedSimulator();
    for (let i = 0; i < 81; i++) post(sim, reply(i));
    const flags = decodeBytes(sim.stats().runs[0]!.flags);
    expect(flags[80]).toBe(LEDGER_FLAG.refused);
    expect(flags[79]).toBe(0);
    const rejecting = createClockedSimulator(
      {},
      { phases: [{ name: 'reject', faults: [{ kind: 'reject', probability: 1 }] }] },
    ).sim;
    post(rejecting, reply(2));
    expect(decodeBytes(rejecting.stats().runs[0]!.flags)[2]).toBe(LEDGER_FLAG.rejected);
  });

  it('does not flag a refused mark-as-read: only replies decide lost', () => {
    const { sim } = createClockedSimulator({}, beforeCommit);
    post(sim, read(4));
    expect(sim.stats().runs).toEqual([]);
  });

  it('flags a retry after a do-not-retry rejection, for the same kind of send only', () => {
    const { sim } = createClockedSimulator(
      {},
      { phases: [{ name: 'reject', durationS: 1, faults: [{ kind: 'reject', probability: 1 }] }, { name: 'ok' }] },
    );
    expect(code(post(sim, reply(5)))).toBe(131026);
    expect(code(post(sim, reply(5)))).toBe(131026);
    const stats = sim.stats();
    expect(stats.retriedNonRetryable).toBe(1);
    expect(decodeBytes(stats.runs[0]!.flags)[5]).toBe(LEDGER_FLAG.rejected | LEDGER_FLAG.retriedNonRetryable);
  });

  it('does not treat a read after a rejected reply as a retry', () => {
    const { sim } = createClockedSimulator(
      {},
      {
        phases: [{ name: 'reject', faults: [{ kind: 'reject', probability: 1, scope: { endpoints: ['messages'] } }] }],
      },
    );
    post(sim, reply(5));
    sim.setChaos({ phases: [{ name: 'ok' }] });
    expect(post(sim, read(5)).status).toBe(200);
    expect(sim.stats().retriedNonRetryable).toBe(0);
  });

  it('measures webhook→reply latency from the wamid, per phase of the webhook send time, from the first reply only', () => {
    const { sim, clock } = createClockedSimulator({}, { phases: [{ name: 'one', durationS: 10 }, { name: 'two' }] });
    post(sim, reply(1)); // sent at T0-100, answered at T0: 100 ms
    clock.now += 10_000;
    post(sim, reply(1)); // duplicate: no second latency sample
    // Sent in phase one (9.75 s), answered in phase two: filed under one, where the webhook was sent.
    post(sim, { ...reply(2), context: { message_id: wamid(2, clock.now - 250) } });
    clock.now += 50;
    post(sim, { ...reply(3), context: { message_id: wamid(3, T0 + 10_000) } });
    const { latency } = sim.stats();
    expect(latency.reply.count).toBe(3);
    expect(latency.replyByPhase.one).toMatchObject({ count: 2, max: 250_000 });
    expect(latency.replyByPhase.two).toMatchObject({ count: 1, max: 50_000 });
  });

  it('files replies to messages sent within recoveryS after a fault phase apart (settling), later ones under the phase', () => {
    const storm = {
      name: 'storm',
      durationS: 10,
      faults: [{ kind: 'latency' as const, probability: 0, attributes: { latencyMs: 1 } }],
      judge: { recoveryS: 5 },
    };
    const { sim, clock } = createClockedSimulator({}, { phases: [storm, { name: 'after' }] });
    clock.now += 20_000;
    post(sim, { ...reply(1), context: { message_id: wamid(1, T0 + 12_000) } }); // 2 s after the storm: settling
    post(sim, { ...reply(2), context: { message_id: wamid(2, T0 + 16_000) } }); // 6 s after: judged
    const { latency } = sim.stats();
    expect(latency.replySettlingByPhase?.after).toMatchObject({ count: 1, max: 8_000_000 });
    expect(latency.replyByPhase.after).toMatchObject({ count: 1, max: 4_000_000 });
    expect(latency.replyByPhase.storm).toBeUndefined();
  });

  it('keeps parts ≥ 1 of batched deliveries in extraParts', () => {
    const { sim } = createClockedSimulator();
    post(sim, { ...reply(9), context: { message_id: wamid(9, T0, 2) } });
    expect(sim.stats().runs[0]!.extraParts).toEqual([[9, 2, 1, 0, 0]]);
  });

  it('reset clears the ledger and restarts the chaos clock, twice in a row the same', () => {
    const { sim, clock } = createClockedSimulator({}, { phases: [{ name: 'one', durationS: 5 }, { name: 'two' }] });
    post(sim, reply(1));
    clock.now += 6000;
    expect(sim.currentPhase()).toBe('two');
    sim.reset();
    sim.reset();
    expect(sim.currentPhase()).toBe('one');
    expect(sim.stats().runs).toEqual([]);
    expect(sim.stats().committedByType).toEqual({});
  });

  it('rejects an invalid chaos profile naming the field', () => {
    const { sim } = createClockedSimulator();
    expect(() =>
      sim.setChaos({
        phases: [{ name: 'x', faults: [{ kind: 'timeout', probability: 0.5, attributes: { holdMs: -1 } }] }],
      }),
    ).toThrow(/\.phases\[0\]\.faults\[0\]\.attributes\.holdMs/);
  });
});
