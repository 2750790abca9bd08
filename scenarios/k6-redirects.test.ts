import { describe, expect, it, vi } from 'vitest';
import { testFixtures } from '../test/helpers/engine-support.ts';
import { httpDouble, k6, total, writeFixtureSet } from '../test/doubles/k6-doubles.ts';
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
});
