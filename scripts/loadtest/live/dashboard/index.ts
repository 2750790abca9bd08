/**
 * The live dashboard of a running `loadtest --dashboard`: a loopback page that polls the run's
 * state every second and ends on the final report.
 *
 * @example
 * const dashboard = await startDashboard({ port: 0, title: 'wa-loadtest run a1b2c3d4e5f6' });
 * dashboard.update(buildDashboardState({ runId, scenario: 'demo', progress, messageShare: 0.8 }));
 * await dashboard.finish({ verdict: 'pass', exitCode: 0 }, reportHtml);
 * await dashboard.close();
 */
export { startDashboard, type Dashboard } from './dashboard-server.ts';
export { buildDashboardState, countFaults, type DashboardState, type ProgressInput } from './dashboard-state.ts';
export { renderDashboardPage } from './dashboard-page.ts';
