import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildK6Command, listScenarios, totalDurationS } from '../engine/index.ts';
import { loadFixtureSet } from '../fixtures/index.ts';
import { assertTargetAllowed, UserError } from '../lib/index.ts';
import type { ResolvedLoadtest } from '../loadtest/index.ts';
import { loadChaosProfile, profilePhases } from '../mock-graph-api/index.ts';
import { collectScriptFiles, listFixtureFiles } from './collect-bundle-files.ts';
import { buildArchiveScript } from './archive-script.ts';
import { buildKustomization, buildTestRun, testRunSchema } from './testrun-manifest.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_K6_IMAGE = 'grafana/k6:1.3.0';
export const APP_SECRET_REF = { name: 'wa-loadtest', key: 'app-secret' } as const;

export interface EmitOptions {
  parallelism: number;
  k6Image?: string;
  /** Repository root holding scenarios/ and core/ (default: this checkout). */
  rootDir?: string;
}

export interface EmittedRun {
  runId: string;
  /** `<out>/<runId>`: bundle/, wa-config.json inside it, testrun.json, kustomization.yaml, make-archive.sh */
  dir: string;
  /** Every file of bundle/, relative to it (what `k6 archive` will pack). */
  bundleFiles: string[];
  /** Scenario script inside bundle/. */
  script: string;
}

/**
 * Writes a distributed k6 run instead of running one: a self-contained bundle (scenario script,
 * imported modules, definition, fixtures, resolved config with the app secret redacted), the
 * `k6 archive` command that packs it, and the k6-operator TestRun + kustomization.
 */
export async function emitK6Operator(config: ResolvedLoadtest, options: EmitOptions): Promise<EmittedRun> {
  const { scenario } = config;
  if (config.target === 'builtin') {
    throw new UserError('Could not emit a k6-operator run: the target is the built-in connector, which does not run in your cluster. Pass --target <url of your connector as the k6 pods reach it> (and --allow-host <host>).');
  }
  assertTargetAllowed(config.target, scenario.target.allowHosts);
  const rootDir = options.rootDir ?? REPO_ROOT;
  const fixtureSet = loadFixtureSet(scenario.fixtures);
  const phases = profilePhases(loadChaosProfile(scenario.chaos), totalDurationS(scenario.load));
  const runId = randomBytes(6).toString('hex');
  const dir = join(config.outDir, runId);
  const bundle = join(dir, 'bundle');

  const k6 = buildK6Command({ scenario, targetUrl: config.target, runId, phases, runDir: '.', fixturesDir: '../fixtures', knownScripts: listScenarios() });
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

  const configMapName = `wa-loadtest-${runId}`;
  const testRun = testRunSchema.parse(buildTestRun({ runId, scenario: scenario.name, parallelism: options.parallelism, configMapName, appSecretRef: APP_SECRET_REF, k6Image: options.k6Image ?? DEFAULT_K6_IMAGE }));
  await writeFile(join(dir, 'testrun.json'), JSON.stringify(testRun, null, 2) + '\n');
  await writeFile(join(dir, 'kustomization.yaml'), JSON.stringify(buildKustomization(configMapName), null, 2) + '\n');
  await writeFile(join(dir, 'make-archive.sh'), buildArchiveScript({ script, configMapName }));
  await chmod(join(dir, 'make-archive.sh'), 0o755);
  const bundleFiles = [...scriptFiles, ...fixtureFiles.map((f) => join('fixtures', f)), 'wa-config.json'].sort();
  await writeFile(join(dir, 'bundle-files.json'), JSON.stringify(bundleFiles, null, 1) + '\n');
  return { runId, dir, bundleFiles, script };
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}
