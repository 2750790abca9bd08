import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWamid } from '../../common/core/wamid.ts';
import { emitK6Operator, k6ArchiveMetadataSchema, testRunSchema } from '../../scripts/loadtest/emit/index.ts';
import { loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { parseLoadtestFlags, resolveLoadtest } from '../../scripts/loadtest/index.ts';
import { cryptoDouble, k6 } from '../doubles/k6-doubles.ts';
// k6's modules, replaced by the same doubles the scenario tests use.
import { loadK6Script, useK6Runtime } from '../doubles/k6-runtime.ts';

const out = mkdtempSync(join(tmpdir(), 'distributed-archive-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const POD_SECRET = 'secret-the-pod-gets-from-the-kubernetes-secret';
const TARGET = 'http://connector.staging.svc:8080';

useK6Runtime({ fakeClock: false });

/**
 * What a k6-operator pod does with the emitted run, minus k6 itself: unpack archive.tar (GNU
 * tar), give the script the archive's env under the pod's env (TestRun runner.env, the secret
 * resolved), resolve open() from the archive's pwd, and load the entry script from the unpacked
 * tree, so every import and every opened file must come from inside the archive.
 */
describe('an emitted k6 archive, run the way k6-operator runs it', () => {
  it.each(['smoke', 'load'])(
    '%s: loads from the archive alone, exports exactly the frozen options, signs and sends',
    async (name) => {
      const config = resolveLoadtest({
        flags: parseLoadtestFlags([
          '--scenario',
          name,
          '--target',
          TARGET,
          '--allow-host',
          'connector.staging.svc',
          '--out',
          out,
        ]),
        env: { WA_APP_SECRET: 'local-secret' },
        loadDefinition: loadScenarioDefinition,
      });
      const emitted = await emitK6Operator(config, { parallelism: 4 });
      const unpacked = mkdtempSync(join(out, 'unpacked-'));
      execFileSync('tar', ['-xf', join(emitted.dir, 'archive.tar'), '-C', unpacked]);
      const metadata = k6ArchiveMetadataSchema.parse(JSON.parse(readFileSync(join(unpacked, 'metadata.json'), 'utf8')));
      const testRun = testRunSchema.parse(JSON.parse(readFileSync(join(emitted.dir, 'testrun.json'), 'utf8')));
      const podEnv = Object.fromEntries(
        testRun.spec.runner.env.map((e) => [e.name, 'value' in e ? e.value : POD_SECRET]),
      );
      const root = join(unpacked, 'file');
      const pwd = join(root, new URL(metadata.pwd).pathname);
      const mod = await loadK6Script(
        join(root, new URL(metadata.filename).pathname),
        { ...metadata.env, ...podEnv },
        (path: string) => readFileSync(resolve(pwd, path), 'utf8'),
      );

      expect(JSON.parse(JSON.stringify(mod.options))).toEqual(metadata.options);
      expect(mod.setup()).toMatchObject({ runId: emitted.runId });
      const decoded = [];
      for (let seq = 0; seq < 20; seq++) {
        k6.calls = [];
        k6.execution.scenario.iterationInTest = seq;
        mod.default({ runId: emitted.runId });
        const call = k6.calls[0]!;
        expect(call.url.startsWith(`${TARGET}/`)).toBe(true);
        expect(call.headers['x-hub-signature-256']).toBe(
          `sha256=${cryptoDouble.hmac('sha256', POD_SECRET, call.body)}`,
        );
        // Inbound message ids are synthetic (run id + seq); status ids name outbound messages.
        for (const m of call.body.matchAll(/wamid\.[A-Za-z0-9+/=]+/g)) {
          const fields = decodeWamid(m[0]);
          if (fields) decoded.push({ ...fields, expectedSeq: seq });
        }
      }
      expect(decoded.length).toBeGreaterThan(0);
      for (const d of decoded) expect(d).toMatchObject({ runId: emitted.runId, seq: d.expectedSeq });
    },
  );
});
