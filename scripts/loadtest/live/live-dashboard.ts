import { readFile } from 'node:fs/promises';
import type { LedgerStats, PhaseWindow } from '../../../common/contracts/index.ts';
import type { Summary } from '../../../reports/index.ts';
import {
  buildDashboardState,
  countFaults,
  emptyHistory,
  finalFrame,
  recordSecond,
  startDashboard,
  type ProgressInput,
} from './dashboard/index.ts';

export interface LiveDashboard {
  url: string;
  update(progress: ProgressInput, phase: string | undefined): void;
  stopPolling(): void;
  /** Shows the final summary's figures and verdict, then serves report.html to the page (waits up to 5 s for it to be fetched). */
  finish(summary: Summary, reportPath: string): Promise<void>;
  close(): Promise<void>;
}

/** Glue: the engine's progress (one history point a second) and the mock's ledger, polled once a second, into the dashboard. */
export async function startLiveDashboard(options: {
  port: number;
  runId: string;
  scenario: string;
  mock: { stats(): Promise<LedgerStats> };
  messageShare: number;
  phases: readonly PhaseWindow[];
  redisProxy: boolean;
}): Promise<LiveDashboard> {
  const dashboard = await startDashboard({
    port: options.port,
    title: `wa-loadtest run ${options.runId} (${options.scenario})`,
  });
  let progress: ProgressInput | undefined;
  let phase: string | undefined;
  let ledger: LedgerStats | undefined;
  let previousFaults: number | undefined;
  let history = emptyHistory();
  const frame = () =>
    buildDashboardState({
      runId: options.runId,
      scenario: options.scenario,
      progress,
      phase,
      ledger,
      previousFaults,
      messageShare: options.messageShare,
      phases: options.phases,
      redisProxy: options.redisProxy,
      history,
    });
  const publish = () => dashboard.update(frame());
  publish();
  const poll = setInterval(() => {
    options.mock.stats().then(
      (next) => {
        previousFaults = countFaults(ledger) ?? countFaults(next);
        ledger = next;
        publish();
      },
      () => undefined, // the mock may be busy or gone; the child watch reports a death
    );
  }, 1000);
  poll.unref();
  return {
    url: dashboard.url,
    update(p, ph) {
      progress = p;
      phase = ph;
      // One frame per update: its figures make the history point, and it goes out with that point.
      const now = frame();
      history = recordSecond(history, p.elapsedS, now);
      dashboard.update({ ...now, history });
    },
    stopPolling: () => clearInterval(poll),
    async finish(summary, reportPath) {
      clearInterval(poll);
      const html = await readFile(reportPath, 'utf8').catch(() => '<p>report.html could not be read</p>');
      await dashboard.finish(finalFrame(frame(), summary), html);
    },
    close: () => (clearInterval(poll), dashboard.close()),
  };
}
