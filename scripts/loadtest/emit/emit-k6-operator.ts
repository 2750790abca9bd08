import { randomBytes } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildK6Command } from '../../../scenarios/engines/index.ts';
import { listScenarios } from '../../../scenarios/definitions/index.ts';
import { totalDurationS } from '../../../scenarios/model/index.ts';
import { loadFixtureSet } from '../../../fixtures/index.ts';
import { assertTargetAllowed, makeDir, UserError } from '../../../common/node/index.ts';
import type { ResolvedLoadtest } from '../resolve/resolve-config.ts';
import { loadChaosProfile, profilePhases } from '../../../mock-graph-api/index.ts';
import { buildK6Options } from '../../../scenarios/k6/index.ts';
import { collectScriptFiles, listFixtureFiles } from './collect-bundle-files.ts';
import { buildK6Archive } from './k6-archive.ts';
import { buildKustomization, buildTestRun, testRunSchema } from './testrun-manifest.ts';
import { kustomizationSchema } from './k8s-schemas.ts';
import { emitMock } from './emit-mock.ts';
import { DEFAULT_MOCK_IMAGE, MOCK_TOKENS_SECRET, mockServiceUrl } from './mock-manifests.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_K6_IMAGE = 'grafana/k6:1.3.0';
export const APP_SECRET_REF = { name: 'wa-loadtest', key: 'app-secret' } as const;
/** The same Secret's key for credential header values (JSON), when the target has any. */
export const SECRET_HEADERS_REF = { name: 'wa-loadtest', key: 'secret-headers' } as const;
/** The mock's admin token, for the pods' setup() to reset it: the Secret the mock reads it from. */
export const MOCK_ADMIN_TOKEN_REF = { name: MOCK_TOKENS_SECRET.name, key: MOCK_TOKENS_SECRET.adminTokenKey } as const;
/** A ConfigMap holds at most 1 MiB; larger archives need a volume (see scripts/loadtest/emit/README.md). */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;
/**
 * Environment frozen into the archive: where the script finds its config (relative to scenarios/
 * inside the archive, so WA_RELATIVE_TO=script: a pod's PWD must not redirect it).
 */
export const ARCHIVE_ENV = { WA_CONFIG: '../wa-config.json', WA_RELATIVE_TO: 'script' } as const;

export interface EmitOptions {
  parallelism: number;
  k6Image?: string;
  /** Image of the mock Graph API Deployment (--mock-image; default DEFAULT_MOCK_IMAGE). */
  mockImage?: string;
  /** Repository root holding scenarios/ and core/ (default: this checkout). */
  rootDir?: string;
  /** Warn above this archive size (default CONFIGMAP_LIMIT_BYTES, what a ConfigMap holds). */
  configMapLimitBytes?: number;
}

export interface EmittedRun {
  runId: string;
  /** `<out>/<runId>`: archive.tar, bundle/ (the same files unpacked), testrun.json, the mock's manifests, kustomization.yaml */
  dir: string;
  /** Every file of bundle/ and of the archive, relative to the bundle / archive root. */
  bundleFiles: string[];
  /** Scenario script inside bundle/ (the archive's entry script). */
  script: string;
  /** Size of archive.tar in bytes. */
  archiveBytes: number;
  /** Set when archive.tar is too big for a ConfigMap. */
  warning?: string;
  /** Set when target headers are credentials: the Secret key the pods read them from, and how to create it. */
  secretHeadersNote?: string;
}

/**
 * Writes a distributed k6 run instead of running one: `archive.tar` in k6's archive format
 * (scenario script, imported modules, definition, fixtures, resolved config with the app secret
 * redacted, and the options the script exports, frozen), the same files unpacked in bundle/ for
 * review or a local `k6 run`, and the k6-operator TestRun + kustomization.
 */
export async function emitK6Operator(config: ResolvedLoadtest, options: EmitOptions): Promise<EmittedRun> {
  const { scenario } = config;
  if (config.target === 'builtin') {
    throw new UserError(
      'Could not emit a k6-operator run: the target is the built-in connector, which does not run in your cluster. Pass --target <url of your connector as the k6 pods reach it> (and --allow-host <host>).',
    );
  }
  assertTargetAllowed(config.target, scenario.target.allowHosts);
  const rootDir = options.rootDir ?? REPO_ROOT;
  const fixtureSet = loadFixtureSet(scenario.fixtures);
  const phases = profilePhases(loadChaosProfile(scenario.chaos), totalDurationS(scenario.load));
  const runId = randomBytes(6).toString('hex');
  const dir = join(config.outDir, runId);
  const bundle = join(dir, 'bundle');

  const k6 = buildK6Command({
    scenario,
    targetUrl: config.target,
    runId,
    phases,
    runDir: '.',
    fixturesDir: '../fixtures',
    knownScripts: listScenarios(),
    // The emitted mock's Service, in the namespace the run is applied to: setup() resets it there.
    mockUrl: mockServiceUrl(),
  });
  const script = relative(rootDir, k6.args.at(-1) as string);
  const scriptFiles = collectScriptFiles(rootDir, script);
  const fixtureFiles = listFixtureFiles(fixtureSet.dir);
  await Promise.all([
    ...scriptFiles.map((rel) => copyInto(join(rootDir, rel), join(bundle, rel))),
    ...fixtureFiles.map((rel) => copyInto(join(fixtureSet.dir, rel), join(bundle, 'fixtures', rel))),
  ]);
  // Relative to scenarios/, where the scenario file calls open(): k6 archive packs it.
  const runConfig = { ...k6.config, fixturesDir: '../fixtures', outFile: 'run-record.json' };
  await writeFile(join(bundle, 'wa-config.json'), JSON.stringify(runConfig, null, 2) + '\n');

  // Credential header values are redacted in wa-config.json like the app secret; the pods read
  // them from the Secret (WA_SECRET_HEADERS), or k6 would send "[redacted]" to the target.
  const secretHeaderNames = Object.keys(JSON.parse(k6.env.WA_SECRET_HEADERS ?? '{}') as Record<string, string>);
  const configMapName = `wa-loadtest-${runId}`;
  const testRun = testRunSchema.parse(
    buildTestRun({
      runId,
      scenario: scenario.name,
      parallelism: options.parallelism,
      configMapName,
      appSecretRef: APP_SECRET_REF,
      ...(secretHeaderNames.length ? { secretHeadersRef: SECRET_HEADERS_REF } : {}),
      mockAdminTokenRef: MOCK_ADMIN_TOKEN_REF,
      k6Image: options.k6Image ?? DEFAULT_K6_IMAGE,
    }),
  );
  await writeFile(join(dir, 'testrun.json'), JSON.stringify(testRun, null, 2) + '\n');
  const mock = await emitMock(dir, { runId, image: options.mockImage ?? DEFAULT_MOCK_IMAGE, scenario });
  const kustomization = kustomizationSchema.parse(
    buildKustomization({
      resources: [...mock.resources, 'testrun.json'],
      configMaps: [{ name: configMapName, files: ['archive.tar'] }, ...mock.configMaps],
    }),
  );
  await writeFile(join(dir, 'kustomization.yaml'), JSON.stringify(kustomization, null, 2) + '\n');
  const bundleFiles = [...scriptFiles, ...fixtureFiles.map((f) => join('fixtures', f)), 'wa-config.json'].sort();
  await writeFile(join(dir, 'bundle-files.json'), JSON.stringify(bundleFiles, null, 1) + '\n');
  const files = new Map(
    await Promise.all(bundleFiles.map(async (rel) => [rel, await readFile(join(bundle, rel))] as const)),
  );
  const image = options.k6Image ?? DEFAULT_K6_IMAGE;
  const archive = buildK6Archive({
    files,
    entry: script,
    options: { ...buildK6Options(runConfig) },
    env: { ...ARCHIVE_ENV },
    k6Version: k6VersionOf(image),
  });
  await writeFile(join(dir, 'archive.tar'), archive);
  const warning =
    archive.length > (options.configMapLimitBytes ?? CONFIGMAP_LIMIT_BYTES)
      ? `archive.tar is ${(archive.length / 1024 / 1024).toFixed(1)} MiB, over what a ConfigMap holds (1 MiB): mount it from a volume instead (scripts/loadtest/emit/README.md, "Large archives").`
      : undefined;
  const secretHeadersNote = secretHeaderNames.length
    ? `the target's ${secretHeaderNames.join(', ')} header${secretHeaderNames.length > 1 ? 's are' : ' is a'} credential${secretHeaderNames.length > 1 ? 's' : ''}: the pods read ${secretHeaderNames.length > 1 ? 'them' : 'it'} from the Secret ${SECRET_HEADERS_REF.name}, key ${SECRET_HEADERS_REF.key}, as JSON; add it with kubectl create secret generic ${SECRET_HEADERS_REF.name} --from-literal=app-secret="$WA_APP_SECRET" --from-literal=${SECRET_HEADERS_REF.key}='{"${secretHeaderNames[0]}":"<value>"}'`
    : undefined;
  return {
    runId,
    dir,
    bundleFiles,
    script,
    archiveBytes: archive.length,
    ...(warning ? { warning } : {}),
    ...(secretHeadersNote ? { secretHeadersNote } : {}),
  };
}

/** The k6 version recorded in metadata.json: the image tag when it is a version, else 1.0.0. */
function k6VersionOf(image: string): string {
  const tag = /:v?(\d+\.\d+\.\d+)$/.exec(image)?.[1];
  return tag ?? '1.0.0';
}

async function copyInto(from: string, to: string): Promise<void> {
  await makeDir(dirname(to));
  await copyFile(from, to);
}
