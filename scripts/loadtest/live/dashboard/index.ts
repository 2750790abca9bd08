/**
 * The live dashboard of a running `loadtest --dashboard`: a loopback page that polls the run's
 * state every second, charts the whole run from its start, and ends on the final figures and report.
 *
 * @example
 * const dashboard = await startDashboard({ port: 0, title: 'wa-loadtest run a1b2c3d4e5f6' });
 * history = recordSecond(history, progress.elapsedS, frame);
 * dashboard.update(buildDashboardState({ runId, scenario: 'demo', progress, messageShare: 0.8, phases, redisProxy: false, history }));
 * await dashboard.finish(finalFrame(lastFrame, summary), reportHtml);
 * await dashboard.close();
 */
export { startDashboard, type Dashboard } from './dashboard-server.ts';
export {
  buildDashboardState,
  countFaults,
  type DashboardPhase,
  type DashboardState,
  type ProgressInput,
} from './dashboard-state.ts';
export {
  emptyHistory,
  recordSecond,
  MAX_HISTORY_POINTS,
  type History,
  type HistoryPoint,
} from './dashboard-history.ts';
export { finalFrame } from './dashboard-final.ts';
export { renderDashboardPage } from './dashboard-page.ts';
