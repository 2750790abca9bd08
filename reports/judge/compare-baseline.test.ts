import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import { buildSummary } from './build-summary.ts';
import { buildHistogram, buildLedgerStats, buildRunRecord } from '../../test/helpers/reports/test-builders.ts';

const gates = gatesSchema.parse({});
const summarize = (
  record = buildRunRecord(),
  baseline?: ReturnType<typeof buildSummary>,
  tolerances?: { p99Pct?: number; ratePct?: number },
) =>
  buildSummary({
    runRecords: [record],
    ledgers: [buildLedgerStats()],
    gates,
    ...(baseline ? { baseline } : {}),
    ...(tolerances ? { tolerances } : {}),
  });

describe('baseline comparison', () => {
  const baseline = summarize(buildRunRecord({ ack: buildHistogram([[100, 1000]]) }));

  it('passes a run within tolerances', () => {
    const s = summarize(buildRunRecord({ ack: buildHistogram([[110, 1000]]) }), baseline);
    expect(s.baseline?.metrics.find((m) => m.id === 'ack-p99')).toMatchObject({ verdict: 'ok', baseline: 100 });
    expect(s.exitCode).toBe(0);
  });

  it('fails when ack p99 grew beyond the p99 tolerance', () => {
    const s = summarize(buildRunRecord({ ack: buildHistogram([[130, 1000]]) }), baseline);
    const m = s.baseline?.metrics.find((x) => x.id === 'ack-p99');
    expect(m?.verdict).toBe('regressed');
    expect(m?.changePct).toBeGreaterThan(20);
    expect(s).toMatchObject({ verdict: 'fail', exitCode: 99 });
  });

  it('honours a wider p99 tolerance', () => {
    expect(summarize(buildRunRecord({ ack: buildHistogram([[130, 1000]]) }), baseline, { p99Pct: 50 }).exitCode).toBe(
      0,
    );
  });

  it('fails when the achieved rate dropped beyond the rate tolerance', () => {
    const s = summarize(buildRunRecord({ ack: buildHistogram([[100, 800]]), rate: 80 }), baseline);
    expect(s.baseline?.metrics.find((m) => m.id === 'achieved-rate')).toMatchObject({
      verdict: 'regressed',
      changePct: -20,
    });
    expect(s.exitCode).toBe(99);
  });

  it('refuses a baseline from another scenario', () => {
    const other = buildSummary({ runRecords: [buildRunRecord({ scenario: 'soak' })], ledgers: [], gates });
    expect(() => summarize(buildRunRecord(), other)).toThrow(/scenario "soak".*"smoke"/);
  });
});
