import { describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { BitSet } from '../../common/node/index.ts';
import { createExchangeRecorder } from './exchange-recorder.ts';

const runId = 'a1b2c3d4e5f6';
const webhook = (...seqs: number[]) =>
  Buffer.from(
    JSON.stringify({
      entry: [
        {
          changes: [
            {
              value: {
                messages: seqs.map((seq) => ({
                  id: encodeWamid({ runId, seq, part: 0, sentAtMs: 1 }),
                  from: '1',
                  type: 'text',
                })),
              },
            },
          ],
        },
      ],
    }),
  );

describe('createExchangeRecorder', () => {
  it('keeps per instance what it acked, and what a later instance acked again', () => {
    const r = createExchangeRecorder(runId);
    r.record(0, webhook(1, 2), 200, 10);
    r.record(0, webhook(3), 502, 11);
    r.record(1, webhook(3), 200, 12);
    r.record(1, webhook(1), 200, 13);
    r.record(0, Buffer.from('not json'), 200, 14);
    const e = r.evidence(0);
    expect([...BitSet.decode(e.acked).values()]).toEqual([1, 2]);
    expect([...BitSet.decode(e.reackedLater).values()]).toEqual([1, 3]);
    expect([...BitSet.decode(r.evidence(1).reackedLater).values()]).toEqual([]);
  });

  it("counts answers after the signal by class and ignores other runs' ids", () => {
    const r = createExchangeRecorder(runId);
    r.record(0, webhook(1), 200, 5);
    r.markSignalled(0, 10);
    r.record(0, webhook(2), 200, 11);
    r.record(0, webhook(3), 503, 12);
    const other = Buffer.from(
      JSON.stringify({
        entry: [
          {
            changes: [
              { value: { messages: [{ id: encodeWamid({ runId: 'ffffffffffff', seq: 9, part: 0, sentAtMs: 1 }) }] } },
            ],
          },
        ],
      }),
    );
    r.record(0, other, 200, 13);
    const e = r.evidence(0);
    expect(e.answeredAfterSignal).toEqual({ ok: 2, notOk: 1 });
    expect([...BitSet.decode(e.acked).values()]).toEqual([1, 2]);
  });
});
