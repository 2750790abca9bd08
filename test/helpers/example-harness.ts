import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  findExample,
  launchExample,
  randomSecrets,
  type ExampleSecrets,
  type ExampleSpec,
  type LaunchedExample,
} from '../../targets/examples/rehearse/index.ts';
import { startFakeGraph, type FakeGraph } from './connector/index.ts';

/** What an example test drives an example connector with: a recording fake Graph API, fresh secrets and a build folder. */
export interface ExampleHarness {
  graph: FakeGraph;
  secrets: ExampleSecrets;
  work: string;
  /** Builds (if needed) and starts an example against this harness's Graph API and secrets; `close` stops it. */
  launch(example: string | ExampleSpec, options?: { redisUrl?: string }): Promise<LaunchedExample>;
  /** Stops every example launched here (SIGTERM, 5 s grace), the Graph API, and removes the build folder. */
  close(): Promise<void>;
}

export async function startExampleHarness(): Promise<ExampleHarness> {
  const graph = await startFakeGraph();
  const work = mkdtempSync(join(tmpdir(), 'wa-example-'));
  const secrets = randomSecrets();
  const launched: LaunchedExample[] = [];
  return {
    graph,
    secrets,
    work,
    async launch(example, options = {}) {
      const spec = typeof example === 'string' ? findExample(example) : example;
      if (!spec) throw new Error(`no example named ${String(example)} in targets/examples/rehearse/catalog.ts`);
      const app = await launchExample(spec, { graphBaseUrl: graph.url, secrets, work, ...options });
      launched.push(app);
      return app;
    },
    async close() {
      await Promise.all(launched.map((app) => app.target.stop(5000)));
      await graph.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * 30 unsigned webhooks at once from one address, so a per-address bucket of 20 (refilled 1 per
 * 100 ms) has no time to refill: 20–22 pass the bucket and are refused as unsigned (401), every
 * other one gets 429 with Retry-After: 1. Returns how many got 429.
 */
export async function expectPerAddressLimit(webhookUrl: string, bodyOf: (i: number) => string): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(i) }),
    ),
  );
  const statuses = answers.map((a) => a.status);
  const unauthorized = statuses.filter((s) => s === 401).length;
  expect(unauthorized).toBeGreaterThanOrEqual(20);
  expect(unauthorized).toBeLessThanOrEqual(22);
  expect(statuses.filter((s) => s === 429)).toHaveLength(30 - unauthorized);
  expect(answers.filter((a) => a.status === 429).map((a) => a.headers.get('retry-after'))).toEqual(
    Array(30 - unauthorized).fill('1'),
  );
  return 30 - unauthorized;
}
