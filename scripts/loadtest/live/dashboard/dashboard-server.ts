import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InfraError } from '../../../../common/node/index.ts';
import { renderDashboardPage } from './dashboard-page.ts';
import type { DashboardState } from './dashboard-state.ts';

export interface Dashboard {
  url: string;
  update(state: DashboardState): void;
  /** Publishes the last frame (final figures and verdict) and the report; resolves once a page fetched the report, or after `waitMs` (at once when no page ever polled). */
  finish(last: DashboardState, reportHtml: string, waitMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Serves the live page on 127.0.0.1 only: `/` the page, `/state` the JSON frame, `/report` the final report.html. */
export async function startDashboard(options: { port: number; title: string }): Promise<Dashboard> {
  let state: DashboardState | undefined;
  let report: string | undefined;
  let viewed = false;
  let reportServed: () => void = () => undefined;
  const served = new Promise<void>((resolve) => (reportServed = resolve));
  const page = renderDashboardPage(options.title);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
    if (path === '/') return send(200, 'text/html; charset=utf-8', page);
    if (path === '/state') viewed = true;
    if (path === '/state')
      return state
        ? send(200, 'application/json', JSON.stringify(state))
        : send(503, 'application/json', '{"error":"not started","status":503}');
    if (path === '/report') {
      if (!report) return send(404, 'text/plain', 'the report is written when the run ends\n');
      send(200, 'text/html; charset=utf-8', report);
      return reportServed();
    }
    return send(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new InfraError(
          `Could not start the dashboard on 127.0.0.1:${options.port}: ${error.code ?? error.message}. Pick another --dashboard-port, or 0 for any free port.`,
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    update(next) {
      if (!state?.final) state = next;
    },
    async finish(last, reportHtml, waitMs = 5000) {
      report = reportHtml;
      state = last;
      if (!viewed) return; // nobody is watching: do not hold the run up
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([served, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
