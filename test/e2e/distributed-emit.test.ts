import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SECRET_REF,
  ARCHIVE_ENV,
  ARCHIVE_ROOT,
  deploymentSchema,
  emitK6Operator,
  kustomizationSchema,
  MOCK_ADMIN_TOKEN_REF,
  readK6Archive,
  serviceSchema,
  testRunSchema,
} from '../../scripts/loadtest/emit/index.ts';
import { listScenarios, loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { parseLoadtestFlags, resolveLoadtest } from '../../scripts/loadtest/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'distributed-emit-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const SECRET = 'app-secret-that-must-not-leak-7f3a';
const TOKEN = 'verify-token-that-must-not-leak-91c2';
const MOCK_TOKENS = {
  WA_MOCK_ADMIN_TOKEN: 'mock-admin-token-that-must-not-leak-5d1e',
  WA_MOCK_ACCESS_TOKENS: 'graph-token-a-must-not-leak-0b7,graph-token-b-must-not-leak-3c9',
};
const CLUSTER_TARGET = ['--target', 'http://connector.staging.svc:8080', '--allow-host', 'connector.staging.svc'];

function resolveConfig(argv: string[]) {
  const flags = parseLoadtestFlags([...argv, '--out', out]);
  return resolveLoadtest({
    flags,
    env: { WA_APP_SECRET: SECRET, WA_VERIFY_TOKEN: TOKEN },
    loadDefinition: loadScenarioDefinition,
    configFile: flags.config ? { path: flags.config, data: JSON.parse(readFileSync(flags.config, 'utf8')) } : undefined,
  });
}

/** Every secret value this file hands the emitter, whole or as one comma-separated access token. */
function expectNoSecret(text: string, file: string): void {
  const values = [SECRET, TOKEN, MOCK_TOKENS.WA_MOCK_ADMIN_TOKEN, ...MOCK_TOKENS.WA_MOCK_ACCESS_TOKENS.split(',')];
  for (const value of values) expect(text, file).not.toContain(value);
}

function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? listTree(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`],
  );
}

/** What the k6 scenario opens, found independently: open('…') literals in the script, the config, the fixture manifest and its bodies. */
function expectedOpenedFiles(scenario: string): string[] {
  const script = readFileSync(join(ROOT, 'scenarios', `${scenario}.ts`), 'utf8');
  const literals = [...script.matchAll(/open\('([^']+)'\)/g)].map((m) => join('scenarios', m[1] as string));
  const libs = readdirSync(join(ROOT, 'scenarios/k6'))
    .map((f) => readFileSync(join(ROOT, 'scenarios/k6', f), 'utf8'))
    .join('\n');
  expect(libs).toContain('/manifest.json`'); // k6-fixtures.ts opens <fixturesDir>/manifest.json
  const manifest = JSON.parse(readFileSync(join(ROOT, 'fixtures/manifest.json'), 'utf8')) as {
    fixtures: { file: string }[];
  };
  return [
    ...literals,
    'fixtures/manifest.json',
    ...manifest.fixtures.map((f) => join('fixtures', f.file)),
    'wa-config.json',
  ];
}

describe('npm run loadtest -- --emit k6-operator', () => {
  it.each(['smoke', 'dedupe-storm'])(
    'archives every file the %s scenario opens and every module it imports',
    async (name) => {
      const emitted = await emitK6Operator(resolveConfig(['--scenario', name, ...CLUSTER_TARGET]), { parallelism: 2 });
      const bundle = join(emitted.dir, 'bundle');
      const onDisk = listTree(bundle).sort();
      expect(onDisk).toEqual(emitted.bundleFiles);
      expect(JSON.parse(readFileSync(join(emitted.dir, 'bundle-files.json'), 'utf8'))).toEqual(onDisk);
      for (const file of expectedOpenedFiles(name)) expect(onDisk, file).toContain(file);
      for (const file of onDisk.filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(bundle, file), 'utf8');
        for (const [, spec] of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from '(\.[^']+)'/gm)) {
          expect(onDisk, `${file} imports ${spec}`).toContain(join(dirname(file), spec as string));
        }
      }
      const config = JSON.parse(readFileSync(join(bundle, 'wa-config.json'), 'utf8'));
      expect(config).toMatchObject({
        runId: emitted.runId,
        targetUrl: 'http://connector.staging.svc:8080',
        fixturesDir: '../fixtures',
        scenario: { name },
      });

      // archive.tar holds the same files, byte for byte, the entry script where k6 looks for it.
      const archive = readK6Archive(readFileSync(join(emitted.dir, 'archive.tar')));
      expect([...archive.files.keys()].sort()).toEqual(onDisk.map((f) => `${ARCHIVE_ROOT}/${f}`));
      for (const file of onDisk)
        expect(
          Buffer.from(archive.files.get(`${ARCHIVE_ROOT}/${file}`)!).equals(readFileSync(join(bundle, file))),
          file,
        ).toBe(true);
      expect(archive.metadata).toMatchObject({
        filename: `file://${ARCHIVE_ROOT}/${emitted.script}`,
        pwd: `file://${ARCHIVE_ROOT}/scenarios/`,
        env: ARCHIVE_ENV,
        k6version: '1.3.0',
      });
      expect(Object.keys(archive.metadata.options.scenarios as object)).toEqual([name]);
      expect(emitted.archiveBytes).toBe(statSync(join(emitted.dir, 'archive.tar')).size);
      expect(emitted.warning).toBeUndefined();
    },
  );

  it('writes a TestRun the schema accepts: N runners, one run id for every instance, the app secret by reference', async () => {
    const emitted = await emitK6Operator(resolveConfig(['--scenario', 'load', ...CLUSTER_TARGET]), { parallelism: 8 });
    const testRun = testRunSchema.parse(JSON.parse(readFileSync(join(emitted.dir, 'testrun.json'), 'utf8')));
    expect(testRun.spec.parallelism).toBe(8);
    expect(testRun.spec.arguments).toContain(`--tag testid=${emitted.runId}`);
    expect(testRun.spec.runner.env).toContainEqual({ name: 'WA_RUN_ID', value: emitted.runId });
    expect(testRun.spec.runner.env).toContainEqual({
      name: 'WA_APP_SECRET',
      valueFrom: { secretKeyRef: APP_SECRET_REF },
    });
    const kustomization = JSON.parse(readFileSync(join(emitted.dir, 'kustomization.yaml'), 'utf8'));
    expect(kustomization.configMapGenerator).toEqual([
      { name: testRun.spec.script.configMap.name, files: [testRun.spec.script.configMap.file] },
    ]);
    expect(kustomization.resources).toEqual(['mock-deployment.json', 'mock-service.json', 'testrun.json']);
    expect(testRun.spec.runner.env).toContainEqual({
      name: 'WA_MOCK_ADMIN_TOKEN',
      valueFrom: { secretKeyRef: MOCK_ADMIN_TOKEN_REF },
    });
  });

  it('starts the mock beside the load: its manifests are in the kustomization, and setup() resets it at its Service', async () => {
    const emitted = await emitK6Operator(resolveConfig(['--scenario', 'smoke', '--chaos', 'mild', ...CLUSTER_TARGET]), {
      parallelism: 2,
      mockImage: 'registry.example.com/wa-mock-graph-api:9.9.9',
    });
    const read = (file: string) => JSON.parse(readFileSync(join(emitted.dir, file), 'utf8'));
    const kustomization = kustomizationSchema.parse(read('kustomization.yaml'));
    const deployment = deploymentSchema.parse(read('mock-deployment.json'));
    const service = serviceSchema.parse(read('mock-service.json'));
    // Every manifest written is applied, and every file the kustomization names exists.
    const manifests = readdirSync(emitted.dir).filter(
      (f) => /\.json$/.test(f) && !/^(bundle-files|mock-chaos-profile)\.json$/.test(f),
    );
    expect([...kustomization.resources].sort()).toEqual(manifests.sort());
    const generated = kustomization.configMapGenerator.flatMap((g) => g.files);
    for (const file of [...kustomization.resources, ...generated]) expect(readdirSync(emitted.dir)).toContain(file);
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.example.com/wa-mock-graph-api:9.9.9',
      args: expect.arrayContaining(['--profile', 'mild', '--run-id', emitted.runId]),
    });
    expect(read('bundle/wa-config.json').mockUrl).toBe(`http://${service.metadata.name}:8089`);
  });

  it('ships a chaos profile file to the mock in a ConfigMap', async () => {
    const profile = join(out, 'my-chaos.json');
    const text = JSON.stringify({ name: 'my-chaos', phases: [{ name: 'healthy', faults: [] }] });
    writeFileSync(profile, text);
    const emitted = await emitK6Operator(
      resolveConfig(['--scenario', 'smoke', '--chaos', profile, ...CLUSTER_TARGET]),
      {
        parallelism: 1,
      },
    );
    const kustomization = JSON.parse(readFileSync(join(emitted.dir, 'kustomization.yaml'), 'utf8'));
    expect(kustomization.configMapGenerator).toContainEqual({
      name: 'wa-mock-graph-api-chaos',
      files: ['mock-chaos-profile.json'],
    });
    expect(readFileSync(join(emitted.dir, 'mock-chaos-profile.json'), 'utf8')).toBe(text);
    const deployment = JSON.parse(readFileSync(join(emitted.dir, 'mock-deployment.json'), 'utf8'));
    expect(deployment.spec.template.spec.containers[0].args.join(' ')).toContain(
      '--profile /etc/wa-mock/mock-chaos-profile.json',
    );
  });

  it('warns when archive.tar is too big for a ConfigMap and names the way out', async () => {
    const emitted = await emitK6Operator(resolveConfig(['--scenario', 'smoke', ...CLUSTER_TARGET]), {
      parallelism: 2,
      configMapLimitBytes: 64 * 1024,
    });
    expect(emitted.archiveBytes).toBeGreaterThan(64 * 1024);
    expect(emitted.warning).toMatch(/over what a ConfigMap holds .*volume/);
  });

  it("never writes the app secret, the verify token or the mock's tokens", async () => {
    for (const [name, value] of Object.entries(MOCK_TOKENS)) vi.stubEnv(name, value);
    try {
      const emitted = await emitK6Operator(resolveConfig(['--scenario', 'smoke', ...CLUSTER_TARGET]), {
        parallelism: 3,
      });
      for (const file of listTree(emitted.dir)) expectNoSecret(readFileSync(join(emitted.dir, file), 'latin1'), file);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends credential headers from the Secret, not as "[redacted]", and writes their value nowhere', async () => {
    const config = join(out, 'headers.json');
    writeFileSync(
      config,
      JSON.stringify({ scenario: 'smoke', target: { headers: { Authorization: 'Bearer cluster-token-123' } } }),
    );
    const emitted = await emitK6Operator(resolveConfig(['--config', config, ...CLUSTER_TARGET]), { parallelism: 2 });
    const testRun = testRunSchema.parse(JSON.parse(readFileSync(join(emitted.dir, 'testrun.json'), 'utf8')));
    expect(testRun.spec.runner.env).toContainEqual({
      name: 'WA_SECRET_HEADERS',
      valueFrom: { secretKeyRef: { name: 'wa-loadtest', key: 'secret-headers' } },
    });
    expect(emitted.secretHeadersNote).toMatch(/Authorization header is a credential.*--from-literal=secret-headers=/);
    for (const file of listTree(emitted.dir))
      expect(readFileSync(join(emitted.dir, file), 'utf8'), file).not.toContain('cluster-token-123');
    // Without credential headers the TestRun reads no such key.
    const plain = await emitK6Operator(resolveConfig(['--scenario', 'smoke', ...CLUSTER_TARGET]), { parallelism: 1 });
    expect(
      JSON.parse(readFileSync(join(plain.dir, 'testrun.json'), 'utf8')).spec.runner.env.map(
        (e: { name: string }) => e.name,
      ),
    ).not.toContain('WA_SECRET_HEADERS');
    expect(plain.secretHeadersNote).toBeUndefined();
  });

  it('refuses the built-in target and a non-loopback target nobody allowed', async () => {
    await expect(emitK6Operator(resolveConfig(['--scenario', 'smoke']), { parallelism: 2 })).rejects.toThrow(
      /built-in connector/,
    );
    await expect(
      emitK6Operator(resolveConfig(['--scenario', 'smoke', '--target', 'http://connector.staging.svc:8080']), {
        parallelism: 2,
      }),
    ).rejects.toMatchObject({ exitCode: 2 });
  });

  it('rejects a TestRun without runners or with an unknown field', () => {
    const emittedShape = {
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'x', labels: {} },
      spec: {
        parallelism: 0,
        separate: false,
        arguments: '',
        script: { configMap: { name: 'x', file: 'archive.tar' } },
        runner: { image: 'grafana/k6', env: [] },
      },
    };
    expect(testRunSchema.safeParse(emittedShape).success).toBe(false);
    expect(
      testRunSchema.safeParse({ ...emittedShape, spec: { ...emittedShape.spec, parallelism: 2, paralelism: 2 } })
        .success,
    ).toBe(false);
    expect(testRunSchema.safeParse({ ...emittedShape, spec: { ...emittedShape.spec, parallelism: 2 } }).success).toBe(
      true,
    );
  });

  it('runs from the CLI, and --parallelism without --emit is a usage error', async () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((done) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/loadtest.ts', ...args],
          { cwd: ROOT, timeout: 20_000, env: { ...process.env, WA_APP_SECRET: SECRET, ...MOCK_TOKENS } },
          (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        ),
      );
    const cliOut = join(out, 'cli');
    const [emit, misuse, badImage] = await Promise.all([
      cli([
        ...['--emit', 'k6-operator', '--parallelism', '2', '--mock-image', 'registry.example.com/wa-mock:1.0.0'],
        ...['--scenario', 'smoke', ...CLUSTER_TARGET, '--out', cliOut],
      ]),
      cli(['--parallelism', '2']),
      cli(['--emit', 'k6-operator', '--mock-image', 'Not An Image', ...CLUSTER_TARGET]),
    ]);
    expect(emit.code, emit.stderr).toBe(0);
    expect(emit.stderr).toMatch(
      /wrote a k6-operator run to .* \(archive\.tar: \d+ files, \d+ KiB\); next: kubectl apply -k /,
    );
    expect(misuse).toMatchObject({ code: 2, stderr: expect.stringContaining('--parallelism') });
    expect(badImage).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Could not read --mock-image "Not An Image"'),
    });
    const [runDir] = readdirSync(cliOut);
    const dir = join(cliOut, runDir!);
    expect(
      JSON.parse(readFileSync(join(dir, 'mock-deployment.json'), 'utf8')).spec.template.spec.containers[0].image,
    ).toBe('registry.example.com/wa-mock:1.0.0');
    for (const file of listTree(dir)) expectNoSecret(readFileSync(join(dir, file), 'latin1'), file);
    expect(listScenarios()).toContain('smoke');
  });
});
