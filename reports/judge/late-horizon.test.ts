import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import { buildSummary } from './build-summary.ts';
import { renderHtml, renderMarkdown, renderTerminal } from '../index.ts';
import { buildLedgerStats, buildRunRecord } from '../../test/helpers/reports/test-builders.ts';

function summarize(
  lateCopies: { sent: number; maxDelayMsAfterAck: number | null } | undefined,
  ledger = buildLedgerStats(),
) {
  const record = { ...buildRunRecord(), ...(lateCopies ? { lateCopies } : {}) };
  return buildSummary({ runRecords: [record], ledgers: [ledger], gates: gatesSchema.parse({}) });
}

describe('the dedupe horizon a run verified', () => {
  it('states in every report how late the copies that were deduped came', () => {
    const s = summarize({ sent: 118, maxDelayMsAfterAck: 40_400 });
    expect(s.lateCopies).toMatchObject({ sent: 118, verifiedMs: 40_400 });
    for (const text of [renderTerminal(s, { color: false }), renderMarkdown(s), renderHtml(s), JSON.stringify(s)])
      expect(text).toContain('copies up to 40 s late were deduped');
  });

  it('claims no horizon when the duplicates gate failed (a dedupe that forgets ids soon)', () => {
    const s = summarize(
      { sent: 118, maxDelayMsAfterAck: 40_400 },
      buildLedgerStats({ messages: [{ seq: 5, replies: 2 }] }),
    );
    expect(s.lateCopies).toMatchObject({ verifiedMs: null });
    expect(s.lateCopies?.text).toContain('no dedupe horizon is verified');
  });

  it('says nothing about late copies when the scenario sent none, and merges instances', () => {
    expect(summarize(undefined).lateCopies).toBeUndefined();
    const a = { ...buildRunRecord(), lateCopies: { sent: 3, maxDelayMsAfterAck: 9000 } };
    const b = { ...buildRunRecord(), lateCopies: { sent: 4, maxDelayMsAfterAck: null } };
    expect(
      buildSummary({
        runRecords: [a, b],
        ledgers: [],
        gates: gatesSchema.parse({ allowNotMeasured: ['duplicates', 'lost', 'reply-p99', 'non-retryable-retries'] }),
      }).lateCopies,
    ).toMatchObject({ sent: 7, maxDelayMsAfterAck: 9000 });
  });
});
