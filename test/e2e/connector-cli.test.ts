import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANSWER_OK,
  buildMessagesWebhook,
  postWebhook,
  spawnConnectorCli,
  startFakeGraph,
  waitFor,
  TEST_ACCESS_TOKEN,
  TEST_APP_SECRET,
  type FakeGraph,
} from '../helpers/connector/index.ts';

const runs: Array<ReturnType<typeof spawnConnectorCli>> = [];
function runConnector(args: string[], env: Record<string, string> = {}) {
  const run = spawnConnectorCli(args, env);
  runs.push(run);
  return run;
}

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(async () => {
  for (const run of runs) run.kill();
  await graph.close();
});

describe('connector CLI', () => {
  it('prints one listening line, and on SIGTERM drains a pending Graph retry before exiting 0', async () => {
    let replies = 0;
    graph.setResponder((body, i) =>
      body['type'] === 'text' && replies++ === 0 ? { status: 503 } : ANSWER_OK(body, i),
    );
    const run = runConnector(
      [
        '--port',
        '0',
        '--graph-base-url',
        graph.url,
        '--retry-base-ms',
        '600',
        '--retry-max-delay-ms',
        '600',
        '--log-level',
        'debug',
      ],
      {
        WA_APP_SECRET: TEST_APP_SECRET,
        WA_ACCESS_TOKEN: TEST_ACCESS_TOKEN,
      },
    );
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await postWebhook(`${url}/webhook`, buildMessagesWebhook({ messages: [{ id: 'wamid.CLI1' }] }), {
      appSecret: TEST_APP_SECRET,
    });
    expect(res.status).toBe(200);
    await waitFor(() => graph.replies().length === 1, 5_000, 'the first (failing) reply attempt');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    // The retry scheduled 300-600 ms after the 503 still went out before the process ended.
    expect(graph.replies()).toHaveLength(2);
    expect(graph.reads()).toHaveLength(1);
    const { stdout, stderr } = run.output();
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('"msg":"connector stopped"');
    expect(stderr).not.toContain(TEST_APP_SECRET);
    expect(stderr).not.toContain(TEST_ACCESS_TOKEN);
  });

  it('exits 2 with a clear message and no stack trace on a bad flag', async () => {
    const run = runConnector(['--port', 'eighty'], { WA_APP_SECRET: 'x', WA_ACCESS_TOKEN: 'y' });
    expect(await run.exited).toBe(2);
    const { stdout, stderr } = run.output();
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^connector: Could not read --port "eighty": not an integer\. Pass a whole number/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the missing secrets when neither flag nor environment gives them', async () => {
    const run = runConnector(['--port', '0'], { WA_APP_SECRET: '', WA_ACCESS_TOKEN: '' });
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('--app-secret (or WA_APP_SECRET): the Meta app secret is required');
  });
});
