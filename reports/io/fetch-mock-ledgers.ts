import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerStats } from '../../common/contracts/index.ts';
import { readUrl } from '../../common/node/index.ts';
import { createMockClient } from '../../mock-graph-api/index.ts';

/**
 * `npm run report -- <folder> --mock-url <url> …`: reads each mock replica's ledger
 * (`/__admin/stats`, with WA_MOCK_ADMIN_TOKEN as a Bearer token) and writes them into the run
 * folder as ledger-stats-<n>.json, replacing any ledger-stats*.json there, so the folder holds
 * exactly the replicas named and loadRunFolder merges them. All are read before anything is
 * written: one unreachable replica leaves the folder as it was.
 */
export async function fetchMockLedgers(
  runDir: string,
  mockUrls: readonly string[],
  adminToken: string | undefined,
): Promise<string[]> {
  for (const url of mockUrls) readUrl('--mock-url', url, ['http:', 'https:']);
  const ledgers: LedgerStats[] = [];
  for (const url of mockUrls) ledgers.push(await createMockClient(url, adminToken).stats());
  for (const old of readdirSync(runDir).filter((f) => f.startsWith('ledger-stats') && f.endsWith('.json')))
    rmSync(join(runDir, old));
  const written = ledgers.map((ledger, i) => {
    const file = `ledger-stats-${i + 1}.json`;
    writeFileSync(join(runDir, file), JSON.stringify(ledger, null, 2) + '\n');
    return file;
  });
  return written;
}
