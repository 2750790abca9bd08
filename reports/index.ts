/**
 * The reporter: run records + ledger stats (+ /metrics scrapes) → gate verdicts → summary.json,
 * report.md, junit.xml, report.html, a terminal table and an exit code. Everything but the
 * loaders and writeReportArtifacts is pure.
 *
 * @example
 * import { buildSummary, exitCodeFor, loadRunFolder, renderTerminal, writeReportArtifacts } from '../reports/index.ts';
 * const folder = loadRunFolder('reports/runs/a1b2c3d4e5f6');
 * const summary = buildSummary(folder);
 * await writeReportArtifacts(summary, 'reports/runs/a1b2c3d4e5f6');
 * console.log(renderTerminal(summary, { color: process.stdout.isTTY }));
 * process.exitCode = exitCodeFor(summary); // 0 pass, 99 a gate failed, 3 aborted
 */

/**
 * Builds the summary from one or more run records (engine instances, merged) and ledgers
 * (mock replicas, merged). Throws a UserError (exit 2) for a baseline of another scenario.
 *
 * @example
 * const summary = buildSummary({ runRecords: [record], ledgers: [ledger], gates: gatesSchema.parse({}), baseline, tolerances: { p99Pct: 20, ratePct: 10 } });
 * summary.gates.find((g) => g.id === 'lost')?.verdict; // 'pass' | 'fail' | 'not-measured' | 'incomplete'
 */
export { buildSummary, exitCodeFor, type SummaryInput } from './judge/build-summary.ts';

/**
 * Writes summary.json, report.md, junit.xml, report.html; appends report.md to
 * `githubStepSummary` when given (the CLI passes $GITHUB_STEP_SUMMARY).
 *
 * @example
 * const paths = await writeReportArtifacts(summary, 'reports/runs/a1b2c3d4e5f6', { githubStepSummary: process.env.GITHUB_STEP_SUMMARY });
 */
export { writeReportArtifacts } from './io/write-artifacts.ts';

/**
 * Reads a run folder (run-record*.json, ledger-stats*.json, metrics-*.prom, scenario.json) and a
 * baseline summary.json; UserError (exit 2) for missing, corrupt or version-mismatched files.
 *
 * @example
 * const summary = buildSummary({ ...loadRunFolder(dir), baseline: loadBaseline('nightly/summary.json') });
 */
export { loadRunFolder, loadBaseline, type RunFolder } from './io/load-run-folder.ts';

/**
 * Reads the ledgers of mock replicas (their /__admin/stats) into a run folder as ledger-stats-<n>.json.
 * @example await fetchMockLedgers('reports/runs/x', ['http://10.0.0.7:8089', 'http://10.0.0.8:8089'], process.env.WA_MOCK_ADMIN_TOKEN);
 */
export { fetchMockLedgers } from './io/fetch-mock-ledgers.ts';

/**
 * Pure renderers of a summary.
 *
 * @example
 * process.stdout.write(renderTerminal(summary, { color: Boolean(process.stdout.isTTY) }) + '\n');
 * const xml = renderJunit(summary); // one testcase per gate and per phase
 */
export { renderTerminal } from './render/render-terminal.ts';
export { renderMarkdown, renderChecklist } from './render/render-markdown.ts';
export { renderJunit } from './render/render-junit.ts';
export { renderHtml } from './render/render-html.ts';

/**
 * Reconciliation and merging, pure.
 *
 * @example
 * const ledger = mergeLedgerStats([replicaA, replicaB]);
 * reconcile([record.acked], ledger)?.lost; // acked messages the mock never saw a reply for
 */
export { reconcile } from './judge/reconcile.ts';
export { mergeLedgerStats } from './judge/merge-ledger-stats.ts';
export { mergeRunRecords, type MergedRun } from './judge/merge-run-records.ts';

/**
 * The summary schema (the product: every renderer reads only this) and gate ids.
 *
 * @example
 * const summary = summarySchema.parse(JSON.parse(text));
 */
export {
  summarySchema,
  baselineTolerancesSchema,
  SUMMARY_SCHEMA_VERSION,
  GATE_IDS,
  type Summary,
  type GateId,
  type GateResult,
  type GateVerdict,
  type BaselineTolerances,
  type Reconciliation,
} from './schema/summary-schema.ts';
/**
 * The report CLI's arguments (`npm run report -- <run folder> …`) and its usage text.
 *
 * @example const { runDir, tolerances } = parseReportArgs(['reports/runs/a1b2c3d4e5f6', '--tolerance-p99', '25']);
 */
export { parseReportArgs, type ReportArgs } from './io/cli-args.ts';

/**
 * The reply-p99 the final whole-run gate would read from a ledger now, on the same population
 * (first replies, fault phases and their recovery time set apart): the live dashboard's figure.
 *
 * @example
 * replyGateP99Ms(await mock.stats(), run.phases, { redisProxy: false }); // 158.2, or null before a reply
 */
export { replyGateP99Ms } from './judge/live-reply-p99.ts';

/**
 * The written verdict model: for every gate and kind of phase, the population, the threshold and
 * why a correct connector can promise it (docs/verdicts.md is generated from it).
 *
 * @example
 * thresholdOf('ack-p99', 'graph-fault', gatesSchema.parse({})); // 5000: acks are judged in every phase
 * writeFileSync('docs/verdicts.md', updateVerdictSection(readFileSync('docs/verdicts.md', 'utf8')));
 */
export { VERDICT_MODEL, PHASE_KINDS, thresholdOf, type PhaseKind } from './judge/verdict-model.ts';
export { MESSAGE_GATE_IDS } from './schema/gate-schema.ts';
export { renderVerdictModelMarkdown, updateVerdictSection } from './judge/verdict-model-doc.ts';
