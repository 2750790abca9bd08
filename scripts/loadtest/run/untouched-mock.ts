import type { LedgerStats } from '../../../common/contracts/index.ts';

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

/**
 * A hint after the run when the mock loadtest started itself saw no Graph request at all while
 * the target acknowledged messages: the usual cause is a connector that calls another Graph API
 * (graph.facebook.com through the msw preload, or its own base URL), so every message would read
 * as lost. Says how to point the run at the mock the connector really talks to. Pure.
 */
export function warnIfMockUntouched(input: {
  ledger: LedgerStats | undefined;
  mockSpawned: boolean;
  inTarget?: boolean;
  ackedMessages: number;
  mockUrl: string;
}): string | undefined {
  const { ledger } = input;
  if (!ledger || !input.mockSpawned || input.ackedMessages === 0) return undefined;
  const requests =
    sum(ledger.committedByType) +
    sum(ledger.rejectedByCode) +
    sum(ledger.faults) +
    ledger.uncorrelated +
    ledger.limits.throughput +
    ledger.limits.pairRate;
  if (requests > 0) return undefined;
  if (input.inTarget) {
    return (
      `loadtest: warning: the target acknowledged ${input.ackedMessages} messages but its Graph API calls never reached the mock inside it (msw preload, admin at ${input.mockUrl}), so they count as lost. ` +
      `The preload intercepts https://graph.facebook.com (what GRAPH_BASE_URL says) in the Node process it was loaded into: check the connector calls that base URL from that process, not from a non-Node or separately started child (README: Testing your connector).`
    );
  }
  return (
    `loadtest: warning: the target acknowledged ${input.ackedMessages} messages but sent no request at all to the mock Graph API at ${input.mockUrl}, so they count as lost. ` +
    `Point the connector's Graph base URL at the mock (--mock-port), or, if it runs with the msw preload, start it with WA_MOCK_ADMIN_PORT=0 and pass --mock-url <the preload's admin URL> (README: Testing your connector).`
  );
}
