import { describe, expect, it, vi } from 'vitest';
import { testFixtures } from '../test/helpers/engine-support.ts';
import { httpDouble, k6, runIteration, total, writeFixtureSet } from '../test/doubles/k6-doubles.ts';
import { loadK6Script, useK6Runtime } from '../test/doubles/k6-runtime.ts';

const fixturesDir = writeFixtureSet(testFixtures());

const loadScenario = (name: string) =>
  loadK6Script(name, { WA_FIXTURES_DIR: fixturesDir, WA_APP_SECRET: 'k6-redirect-secret', WA_RUN_ID: 'a1b2c3d4e5f6' });

useK6Runtime();

describe('k6 scenarios and redirects', () => {
  it("set maxRedirects 0 in every scenario's options", async () => {
    for (const name of ['load', 'smoke', 'spike', 'soak', 'chaos'])
      expect((await loadScenario(name)).options.maxRedirects, name).toBe(0);
  });

  it('ask every webhook POST not to follow redirects and count a 307 as a 3xx', async () => {
    const mod = await loadScenario('smoke');
    const post = vi.spyOn(httpDouble, 'post');
    k6.respond = () => ({ status: 307, headers: { Location: 'http://198.51.100.1/webhook' } });
    k6.execution.scenario.iterationInTest = 1;
    mod.default({ runId: 'a1b2c3d4e5f6' });
    expect(post.mock.calls.length).toBeGreaterThan(0);
    expect(post.mock.calls.every((call) => (call[2] as { redirects?: number }).redirects === 0)).toBe(true);
    expect(total('wa_status_3xx')).toBe(total('wa_attempts'));
    expect(total('wa_status_4xx')).toBe(0);
    expect(k6.calls.every((c) => c.url.startsWith('http://127.0.0.1'))).toBe(true);
  });

  it('ask every copy not to follow redirects either: concurrent and delayed duplicates, rebatched copies, redeliveries and late copies', async () => {
    // dedupe-storm: concurrent duplicates through http.batch, half of them rebatched; chaos: delayed
    // duplicates through http.asyncRequest, a quarter rebatched; demo: late copies. Every first
    // attempt answers 500, so each delivery is redelivered too.
    for (const name of ['dedupe-storm', 'chaos', 'demo']) {
      k6.reset();
      const mod = await loadScenario(name);
      const firsts = new Set<string>();
      k6.respond = (call) => (firsts.has(call.body) ? { status: 200 } : (firsts.add(call.body), { status: 500 }));
      for (let seq = 0; seq < 60; seq++) {
        k6.execution.scenario.iterationInTest = seq;
        await runIteration(() => mod.default({ runId: 'a1b2c3d4e5f6' }));
      }
      expect(total('wa_redeliveries'), name).toBeGreaterThan(0);
      expect(total('wa_duplicates_sent'), name).toBeGreaterThan(0);
      const followed = k6.calls.filter((c) => c.redirects !== 0);
      expect(
        followed.map((c) => c.body.slice(0, 60)),
        name,
      ).toEqual([]);
    }
  });
});
