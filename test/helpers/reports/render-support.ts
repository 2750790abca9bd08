import { gatesSchema } from '../../../common/contracts/scenario.ts';
import { buildSummary } from '../../../reports/judge/build-summary.ts';
import type { Summary } from '../../../reports/schema/summary-schema.ts';
import { buildRichRun } from './test-builders.ts';

const gates = gatesSchema.parse({ allowNotMeasured: [] });

/** The summaries every renderer snapshot is taken of. */
export function buildRichSummary(options: { aborted?: boolean } = {}): Summary {
  const run = buildRichRun(options);
  const baseline = buildSummary({ runRecords: [run.baselineRecord], ledgers: [run.baselineLedger], gates });
  return buildSummary({
    runRecords: run.runRecords,
    ledgers: run.ledgers,
    gates,
    baseline,
    tolerances: { p99Pct: 20, ratePct: 10 },
  });
}
