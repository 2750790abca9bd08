import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWamid } from '../../common/core/index.ts';
import { ledgerStatsSchema } from '../../common/contracts/index.ts';
import { decodeBytes } from '../../common/node/index.ts';
import { spawnPreloaded } from '../helpers/preload-target.ts';

// `loadtest --mock in-target` judges the ledger the preload writes as the target exits: a target
// that drains after SIGTERM (its in-flight replies go out after the signal) must leave them in it.

describe('preload WA_MOCK_STATS_FILE', () => {
  it('holds the replies a target sends while it drains after SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preload-drain-'));
    const target = join(dir, 'target.mjs');
    const statsFile = join(dir, 'stats.json');
    const wamid = (seq: number) => encodeWamid({ runId: 'a1b2c3d4e5f6', seq, part: 0, sentAtMs: Date.now() });
    const send = (seq: number) =>
      `fetch('https://graph.facebook.com/v21.0/42/messages', { method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
         body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550001111', type: 'text', text: { body: 'hi' }, context: { message_id: '${wamid(seq)}' } }) })`;
    writeFileSync(
      target,
      `await ${send(1)};
       setInterval(() => {}, 1000);
       process.on('SIGTERM', async () => { await new Promise((r) => setTimeout(r, 100)); await ${send(2)}; process.exit(0); });
       console.error(JSON.stringify({ event: 'listening', url: 'http://127.0.0.1:1' }));`,
    );
    const child = spawnPreloaded(target, { WA_MOCK_STATS_FILE: statsFile });
    await child.listening;
    expect(await child.stop()).toBe(0);
    expect(existsSync(statsFile)).toBe(true);
    const replies = decodeBytes(ledgerStatsSchema.parse(JSON.parse(readFileSync(statsFile, 'utf8'))).runs[0]!.replies);
    expect([replies[1], replies[2]]).toEqual([1, 1]);
  }, 30_000);
});
