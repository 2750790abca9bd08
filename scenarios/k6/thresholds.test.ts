import { describe, expect, it } from 'vitest';
import { gatesSchema } from '../../common/contracts/index.ts';
import { buildThresholds } from './thresholds.ts';

describe('thresholds from gates', () => {
  it('turns the k6-visible gates into k6 threshold expressions', () => {
    const t = buildThresholds(
      gatesSchema.parse({ ackP99Ms: 2500, errorRate: 0.02, dedupeP99Ms: 50, forgedAccepted: 0 }),
      [],
    );
    expect(t).toEqual({
      wa_ack_latency: ['p(99)<2500'],
      wa_errors: ['rate<0.02'],
      wa_dedupe_overhead: ['p(99)<50'],
      wa_forged_accepted: ['count<=0'],
    });
  });

  it('surfaces per-phase submetrics with always-true thresholds', () => {
    const t = buildThresholds(gatesSchema.parse({}), [
      { name: 'storm', startS: 0, endS: 10 },
      { name: 'storm', startS: 20, endS: 30 },
      { name: 'recovery', startS: 10, endS: 20 },
    ]);
    expect(t['wa_ack_latency{phase:storm}']).toEqual(['max>=0']);
    expect(t['wa_status_5xx{phase:recovery}']).toEqual(['count>=0']);
    expect(t['dropped_iterations{phase:storm}']).toBeUndefined();
  });
});
