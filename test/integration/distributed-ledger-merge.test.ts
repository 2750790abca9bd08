import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { gatesSchema, type LedgerStats } from '../../common/contracts/index.ts';
import { encodeWamid } from '../../common/core/index.ts';
import { createSimulator, startMockServer, type MockServer } from '../../mock-graph-api/index.ts';
import { buildSummary, loadRunFolder, type Summary } from '../../reports/index.ts';
import { buildAcked, buildRunRecord, RUN_ID } from '../helpers/reports/test-builders.ts';

const MESSAGES = 200;
const LOST = new Set([13, 150]);
const ANSWERED_TWICE = new Set([7, 8, 120]);
/** seq 30 is a batched delivery with two inbound messages; part 1 is answered too. */
const MULTI_PART: [number, number][] = [[30, 2]];
const HEADERS = { authorization: 'Bearer test-token', 'content-type': 'application/json' };

const mocks: MockServer[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'ledger-merge-'));
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Send {
  body: Record<string, unknown>;
}

/** What a connector would send for the acked messages: one reply and one read each, with the seeded defects. */
function plannedSends(sentAtMs: number): Send[] {
  const wamid = (seq: number, part = 0) => encodeWamid({ runId: RUN_ID, seq, part, sentAtMs });
  const reply = (id: string) => ({
    body: {
      messaging_product: 'whatsapp',
      to: '15550001111',
      type: 'text',
      text: { body: 'ok' },
      context: { message_id: id },
    },
  });
  const read = (id: string) => ({ body: { messaging_product: 'whatsapp', status: 'read', message_id: id } });
  const sends: Send[] = [];
  for (let seq = 0; seq < MESSAGES; seq++) {
    if (LOST.has(seq)) continue;
    // The second reply follows the first at once, so the split puts them on different replicas.
    sends.push(reply(wamid(seq)), ...(ANSWERED_TWICE.has(seq) ? [reply(wamid(seq))] : []), read(wamid(seq)));
  }
  for (const [seq] of MULTI_PART) sends.push(reply(wamid(seq, 1)), read(wamid(seq, 1)));
  return sends;
}

/** Sends each request to replica `index % replicas.length`, so a message's two replies land on different replicas. */
async function sendSplit(sends: Send[], replicas: MockServer[]): Promise<void> {
  for (const [index, send] of sends.entries()) {
    const mock = replicas[index % replicas.length] as MockServer;
    const response = await fetch(`${mock.url}/v21.0/1234/messages`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(send.body),
    });
    expect(response.status).toBe(200);
  }
}

// Every replica's clock reads one second after the planned sends, however slowly this machine
// delivers them: webhook→reply latencies are exact, and the verdicts cannot drift with load.
const SENT_AT_MS = 1_760_000_000_000;
async function startReplicas(n: number): Promise<MockServer[]> {
  const started = await Promise.all(
    Array.from({ length: n }, () =>
      startMockServer({
        simulator: createSimulator({ throughputPerS: 'off', pairRate: 'off' }, undefined, {
          now: () => SENT_AT_MS + 1_000,
        }),
      }),
    ),
  );
  mocks.push(...started);
  return started;
}

const runRecord = () =>
  buildRunRecord({
    seconds: 10,
    rate: MESSAGES / 10,
    acked: buildAcked({ seqs: Array.from({ length: MESSAGES }, (_, i) => i), multiPart: MULTI_PART }),
  });

const verdicts = (summary: Summary) => Object.fromEntries(summary.gates.map((g) => [g.id, g.verdict]));

describe('mock Graph API replicas', () => {
  it('merged ledgers of two replicas give the same gate verdicts and reconciliation as one mock on the same traffic', async () => {
    const sends = plannedSends(SENT_AT_MS);
    const [single] = await startReplicas(1);
    const pair = await startReplicas(2);
    await sendSplit(sends, [single as MockServer]);
    await sendSplit(sends, pair);
    const one: LedgerStats[] = [(single as MockServer).simulator.stats()];
    const two: LedgerStats[] = pair.map((m) => m.simulator.stats());
    const gates = gatesSchema.parse({});
    // The split really happened: each replica alone sees no message answered twice.
    for (const ledger of two)
      expect(
        buildSummary({ runRecords: [runRecord()], ledgers: [ledger], gates }).reconciliation?.duplicateReplyMessages
          .genuine,
      ).toBe(0);

    const fromOne = buildSummary({ runRecords: [runRecord()], ledgers: one, gates });
    const fromTwo = buildSummary({ runRecords: [runRecord()], ledgers: two, gates });

    expect(verdicts(fromTwo)).toEqual(verdicts(fromOne));
    expect(verdicts(fromOne)).toMatchObject({ lost: 'fail', duplicates: 'fail', 'reply-p99': 'pass' });
    expect(fromTwo.reconciliation).toEqual(fromOne.reconciliation);
    expect(fromOne.reconciliation).toMatchObject({
      lost: LOST.size,
      duplicateReplyMessages: { genuine: ANSWERED_TWICE.size, ambiguous: 0 },
      withReply: MESSAGES + 1 - LOST.size,
    });
    expect(fromTwo.ledger?.replicas).toBe(2);
    expect(fromTwo.ledger?.committedByType).toEqual(fromOne.ledger?.committedByType);
  });

  it('reads several ledger-stats*.json from a run folder, as `npm run report -- <folder>` does', async () => {
    const pair = await startReplicas(2);
    await sendSplit(plannedSends(SENT_AT_MS), pair);
    writeFileSync(join(tmp, 'run-record.json'), JSON.stringify(runRecord()));
    pair.forEach((m, i) =>
      writeFileSync(
        join(tmp, i === 0 ? 'ledger-stats.json' : `ledger-stats-replica-${i}.json`),
        JSON.stringify(m.simulator.stats()),
      ),
    );
    writeFileSync(join(tmp, 'scenario.json'), JSON.stringify({ name: 'smoke', gates: {} }));
    const folder = loadRunFolder(tmp);
    expect(folder.ledgers).toHaveLength(2);
    const summary = buildSummary(folder);
    expect(summary.ledger?.replicas).toBe(2);
    expect(summary.reconciliation?.lost).toBe(LOST.size);
    expect(summary.reconciliation?.duplicateReplyMessages.genuine).toBe(ANSWERED_TWICE.size);
  });
});
