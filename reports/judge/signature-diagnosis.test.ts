import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import {
  buildAcked,
  buildCounters,
  buildLedgerStats,
  buildRunRecord,
} from '../../test/helpers/reports/test-builders.ts';
import { buildSummary } from './build-summary.ts';
import { failureReasons } from './failure-reasons.ts';
import { diagnoseRefusedSignature } from './signature-diagnosis.ts';

describe('a wrong app secret', () => {
  it('asks whether WA_APP_SECRET is the connector app secret when most signed attempts were refused with 4xx', () => {
    const c = buildCounters({ sent: 100, status2xx: 0, status4xx: 100, deliveries: 100 });
    expect(diagnoseRefusedSignature(c)).toMatch(
      /refused 100 of 100 signed attempts.*is WA_APP_SECRET the connector's app secret\?/,
    );
  });

  it('says nothing when the 4xx answers were forged deliveries correctly rejected', () => {
    const c = buildCounters({ sent: 100, status2xx: 90, status4xx: 10, forgedSent: 10, forgedRejected: 10 });
    expect(diagnoseRefusedSignature(c)).toBeUndefined();
  });

  it('opens the failure reasons of a run whose every attempt was answered 401 with the signature question', () => {
    const record = buildRunRecord({
      seconds: 10,
      rate: 10,
      counters: { status2xx: 0, status4xx: 100, inboundMessagesAcked: 0 },
      acked: buildAcked({ seqs: [] }),
    });
    record.counters.redeliveriesExhausted = 100;
    const s = buildSummary({
      runRecords: [record],
      ledgers: [buildLedgerStats({ answered: 0 })],
      gates: gatesSchema.parse({}),
    });
    const reasons = failureReasons(s);
    expect(reasons.find((r) => r.startsWith('error-rate'))).toContain("is WA_APP_SECRET the connector's app secret?");
    expect(reasons.find((r) => r.startsWith('lost'))).toContain("is WA_APP_SECRET the connector's app secret?");
  });
});
