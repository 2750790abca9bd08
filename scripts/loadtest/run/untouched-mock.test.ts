import { describe, expect, it } from 'vitest';
import type { LedgerStats } from '../../../common/contracts/index.ts';
import { createSimulator } from '../../../mock-graph-api/index.ts';
import { warnIfMockUntouched } from './untouched-mock.ts';

const quiet: LedgerStats = createSimulator().stats();
const base = { ledger: quiet, mockSpawned: true, ackedMessages: 9, mockUrl: 'http://127.0.0.1:4000' };

describe('warnIfMockUntouched', () => {
  it('names the preload path when the spawned mock saw no Graph request while messages were acked', () => {
    expect(warnIfMockUntouched(base)).toMatch(
      /acknowledged 9 messages but sent no request at all to the mock Graph API at http:\/\/127\.0\.0\.1:4000.*WA_MOCK_ADMIN_PORT=0 and pass --mock-url/,
    );
  });

  it('for the mock inside the target, points at the intercepted base URL instead of --mock-url', () => {
    const text = warnIfMockUntouched({ ...base, inTarget: true });
    expect(text).toMatch(
      /never reached the mock inside it \(msw preload, admin at http:\/\/127\.0\.0\.1:4000\).*intercepts https:\/\/graph\.facebook\.com/,
    );
    expect(text).not.toContain('--mock-url');
  });

  it.each([
    ['a committed reply', { ...base, ledger: { ...quiet, committedByType: { text: 1 } } }],
    ['a refused request (wrong token)', { ...base, ledger: { ...quiet, rejectedByCode: { '190': 3 } } }],
    ['an uncorrelated send', { ...base, ledger: { ...quiet, uncorrelated: 1 } }],
    ['a throughput-limited send', { ...base, ledger: { ...quiet, limits: { throughput: 1, pairRate: 0 } } }],
    ['a mock given with --mock-url', { ...base, mockSpawned: false }],
    ['no acked message', { ...base, ackedMessages: 0 }],
    ['no ledger (the mock died)', { ...base, ledger: undefined }],
  ])('stays quiet after %s', (_what, input) => {
    expect(warnIfMockUntouched(input as typeof base)).toBeUndefined();
  });
});
