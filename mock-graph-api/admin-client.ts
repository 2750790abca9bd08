import { ledgerStatsSchema, type LedgerStats } from '../common/contracts/index.ts';
import { InfraError, validate } from '../common/node/index.ts';

/**
 * Talks to a mock Graph API's admin API (spawned by us or run by the user elsewhere). `adminToken`
 * (WA_MOCK_ADMIN_TOKEN) goes as a Bearer header; it is never logged, and a 401 says which variable to set.
 */
export function createMockClient(baseUrl: string, adminToken?: string) {
  const url = (path: string) => baseUrl.replace(/\/+$/, '') + path;
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (adminToken) headers.authorization = `Bearer ${adminToken}`;
    try {
      response = await fetch(url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new InfraError(
        `Could not reach the mock Graph API at ${baseUrl}: ${(error as Error).message}. Check the mock's URL (--mock-url) and that it is running.`,
      );
    }
    const text = await response.text();
    if (response.status === 401)
      throw new InfraError(
        `Could not ${method} ${path} on the mock Graph API at ${baseUrl}: 401, ${adminToken ? 'WA_MOCK_ADMIN_TOKEN is not the token the mock was started with' : 'its admin API is locked and WA_MOCK_ADMIN_TOKEN is not set'}. Set WA_MOCK_ADMIN_TOKEN to the mock's admin token.`,
      );
    if (!response.ok)
      throw new InfraError(
        `Could not ${method} ${path} on the mock Graph API: HTTP ${response.status} ${text.slice(0, 300)}`,
      );
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  return {
    reset: () => call('POST', '/__admin/reset'),
    putChaos: (profile: unknown) => call('PUT', '/__admin/chaos', profile),
    /** The ledger's stats (what `npm run report` merges, one per replica). */
    async stats(): Promise<LedgerStats> {
      return validate(ledgerStatsSchema, await call('GET', '/__admin/stats'), {
        thing: 'ledger stats',
        filePath: url('/__admin/stats'),
      });
    },
  };
}
export type MockClient = ReturnType<typeof createMockClient>;
