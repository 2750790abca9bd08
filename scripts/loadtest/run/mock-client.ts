import { ledgerStatsSchema, type LedgerStats } from '../../../common/contracts/index.ts';
import { InfraError, validate } from '../../../common/node/index.ts';

/** Talks to a mock Graph API's admin API (spawned by us or run by the user elsewhere). */
export function createMockClient(baseUrl: string) {
  const url = (path: string) => baseUrl.replace(/\/+$/, '') + path;
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url(path), {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new InfraError(
        `Could not reach the mock Graph API at ${baseUrl}: ${(error as Error).message}. Check --mock-url, or let loadtest start the mock itself.`,
      );
    }
    const text = await response.text();
    if (!response.ok)
      throw new InfraError(
        `Could not ${method} ${path} on the mock Graph API: HTTP ${response.status} ${text.slice(0, 300)}`,
      );
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    reset: () => call('POST', '/__admin/reset'),
    putChaos: (profile: unknown) => call('PUT', '/__admin/chaos', profile),
    async stats(): Promise<LedgerStats> {
      return validate(ledgerStatsSchema, await call('GET', '/__admin/stats'), {
        thing: 'ledger stats',
        filePath: url('/__admin/stats'),
      });
    },
  };
}
export type MockClient = ReturnType<typeof createMockClient>;

/** Reads a target's Prometheus /metrics text; undefined when it has none (not an error). */
export async function scrapeMetrics(metricsUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(metricsUrl, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
